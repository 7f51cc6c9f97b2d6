package dev.torsion.internal.reactor;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.ThreePhaseEvent.Phase;
import dev.torsion.internal.reactor.ThreePhaseEvent.Trigger;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class ThreePhaseEventTest {
  private RecordingLoopLog log;
  private ThreePhaseEvent event;
  private final Defer.Call<@Nullable Deferred<?>> trigger = () -> null;

  @BeforeMethod
  public void setUp() {
    log = new RecordingLoopLog();
    event = new ThreePhaseEvent("test", log);
  }

  private static Defer.Call<@Nullable Deferred<?>> append(List<Object> events, Object value) {
    return () -> {
      events.add(value);
      return null;
    };
  }

  private static Defer.Call<@Nullable Deferred<?>> raising() {
    return () -> {
      throw new DummyException();
    };
  }

  static final class DummyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_addInvalidPhase */
  @Test
  public void addInvalidPhase() {
    assertThrows(IllegalArgumentException.class, () -> Phase.parse("xxx"));
    SystemEvents events = new SystemEvents(log);
    assertThrows(IllegalArgumentException.class, () -> events.add("xxx", "test", trigger));
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_addBeforeTrigger */
  @Test
  public void addBeforeTrigger() {
    Trigger t = event.add(Phase.BEFORE, trigger);
    assertEquals(event.pending(Phase.BEFORE), List.of(t));
    assertSame(t.callable, trigger);
    assertEquals(event.pending(Phase.DURING), List.of());
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_addDuringTrigger */
  @Test
  public void addDuringTrigger() {
    Trigger t = event.add(Phase.DURING, trigger);
    assertEquals(event.pending(Phase.DURING), List.of(t));
    assertSame(t.callable, trigger);
    assertEquals(event.pending(Phase.AFTER), List.of());
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_addAfterTrigger */
  @Test
  public void addAfterTrigger() {
    Trigger t = event.add(Phase.AFTER, trigger);
    assertEquals(event.pending(Phase.AFTER), List.of(t));
    assertSame(t.callable, trigger);
    assertEquals(event.pending(Phase.BEFORE), List.of());
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_removeTrigger */
  @Test
  public void removeTrigger() {
    Trigger t = event.add(Phase.BEFORE, trigger);
    event.remove(t);
    assertEquals(event.pending(Phase.BEFORE), List.of());
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_removeNonexistentTrigger */
  @Test
  public void removeNonexistentTrigger() {
    Trigger elsewhere = new ThreePhaseEvent("test", log).add(Phase.BEFORE, trigger);
    assertThrows(IllegalArgumentException.class, () -> event.remove(elsewhere));
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_removeRemovedTrigger */
  @Test
  public void removeRemovedTrigger() {
    Trigger t = event.add(Phase.BEFORE, trigger);
    event.remove(t);
    assertThrows(IllegalArgumentException.class, () -> event.remove(t));
  }

  /**
   * twisted.test.test_internet.ThreePhaseEventTests.test_removeAlmostValidTrigger
   *
   * <p>Java ids cannot be forged with a wrong phase; the nearest thing is an id of the same
   * callable and event type that another reactor issued.
   */
  @Test
  public void removeAlmostValidTrigger() {
    SystemEvents mine = new SystemEvents(log);
    SystemEvents other = new SystemEvents(log);
    mine.add("before", "test", trigger);
    var lookalike = other.add("before", "test", trigger);
    assertThrows(IllegalArgumentException.class, () -> mine.remove(lookalike));
    assertThrows(IllegalArgumentException.class,
        () -> mine.remove(new dev.torsion.internet.interfaces.IReactorCore.TriggerId() {}));
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_fireEvent */
  @Test
  public void fireEvent() {
    List<Object> events = new ArrayList<>();
    event.add(Phase.AFTER, append(events, "first after"));
    event.add(Phase.DURING, append(events, "first during"));
    event.add(Phase.BEFORE, append(events, "first before"));
    event.add(Phase.BEFORE, append(events, "second before"));
    event.add(Phase.DURING, append(events, "second during"));
    event.add(Phase.AFTER, append(events, "second after"));
    assertEquals(events, List.of());
    event.fire();
    assertEquals(events, List.of("first before", "second before", "first during",
        "second during", "first after", "second after"));
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_asynchronousBefore */
  @Test
  public void asynchronousBefore() {
    List<Object> events = new ArrayList<>();
    Deferred<@Nullable Void> beforeResult = new Deferred<>();
    event.add(Phase.BEFORE, () -> beforeResult);
    event.add(Phase.DURING, append(events, "during"));
    event.add(Phase.AFTER, append(events, "after"));
    event.fire();
    assertEquals(events, List.of());
    beforeResult.callback(null);
    assertEquals(events, List.of("during", "after"));
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_beforeTriggerException */
  @Test
  public void beforeTriggerException() {
    List<Object> events = new ArrayList<>();
    event.add(Phase.BEFORE, raising());
    event.add(Phase.BEFORE, append(events, "before"));
    event.add(Phase.DURING, append(events, "during"));
    event.fire();
    assertEquals(events, List.of("before", "during"));
    assertEquals(log.errorsOf(DummyException.class).size(), 1);
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_duringTriggerException */
  @Test
  public void duringTriggerException() {
    List<Object> events = new ArrayList<>();
    event.add(Phase.DURING, raising());
    event.add(Phase.DURING, append(events, "during"));
    event.add(Phase.AFTER, append(events, "after"));
    event.fire();
    assertEquals(events, List.of("during", "after"));
    assertEquals(log.errorsOf(DummyException.class).size(), 1);
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_synchronousRemoveAlreadyExecutedBefore */
  @Test
  public void synchronousRemoveAlreadyExecutedBefore() {
    List<Object> events = new ArrayList<>();
    Trigger[] first = new Trigger[1];
    first[0] = event.add(Phase.BEFORE, append(events, "first before"));
    event.add(Phase.BEFORE, () -> {
      event.remove(first[0]);
      return null;
    });
    event.add(Phase.BEFORE, append(events, "second before"));
    event.fire();
    assertEquals(events, List.of("first before", "second before"));
    assertEquals(log.warnings().size(), 1);
    assertTrue(log.warnings().get(0).contains("already-fired"), log.warnings().get(0));
    assertEquals(log.errors(), List.of());
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_synchronousRemovePendingBefore */
  @Test
  public void synchronousRemovePendingBefore() {
    List<Object> events = new ArrayList<>();
    Trigger[] first = new Trigger[1];
    event.add(Phase.BEFORE, () -> {
      event.remove(first[0]);
      return null;
    });
    first[0] = event.add(Phase.BEFORE, append(events, "first before"));
    event.add(Phase.BEFORE, append(events, "second before"));
    event.fire();
    assertEquals(events, List.of("second before"));
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_synchronousBeforeRemovesDuring */
  @Test
  public void synchronousBeforeRemovesDuring() {
    List<Object> events = new ArrayList<>();
    Trigger[] during = new Trigger[1];
    event.add(Phase.BEFORE, () -> {
      event.remove(during[0]);
      return null;
    });
    during[0] = event.add(Phase.DURING, append(events, "during"));
    event.add(Phase.AFTER, append(events, "after"));
    event.fire();
    assertEquals(events, List.of("after"));
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_asynchronousBeforeRemovesDuring */
  @Test
  public void asynchronousBeforeRemovesDuring() {
    List<Object> events = new ArrayList<>();
    Deferred<@Nullable Void> beforeResult = new Deferred<>();
    event.add(Phase.BEFORE, () -> beforeResult);
    Trigger during = event.add(Phase.DURING, append(events, "during"));
    event.add(Phase.AFTER, append(events, "after"));
    event.fire();
    event.remove(during);
    beforeResult.callback(null);
    assertEquals(events, List.of("after"));
  }

  /**
   * twisted.test.test_internet.ThreePhaseEventTests.test_synchronousBeforeRemovesConspicuouslySimilarDuring
   */
  @Test
  public void synchronousBeforeRemovesConspicuouslySimilarDuring() {
    List<Object> events = new ArrayList<>();
    Defer.Call<@Nullable Deferred<?>> same = append(events, "trigger");
    Trigger[] during = new Trigger[1];
    event.add(Phase.BEFORE, same);
    event.add(Phase.BEFORE, () -> {
      event.remove(during[0]);
      return null;
    });
    during[0] = event.add(Phase.DURING, same);
    event.fire();
    assertEquals(events, List.of("trigger"));
    assertEquals(log.warnings(), List.of());
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_synchronousRemovePendingDuring */
  @Test
  public void synchronousRemovePendingDuring() {
    List<Object> events = new ArrayList<>();
    Trigger[] first = new Trigger[1];
    event.add(Phase.DURING, () -> {
      event.remove(first[0]);
      return null;
    });
    first[0] = event.add(Phase.DURING, append(events, "first during"));
    event.add(Phase.DURING, append(events, "second during"));
    event.fire();
    assertEquals(events, List.of("second during"));
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_triggersRunOnce */
  @Test
  public void triggersRunOnce() {
    List<Object> events = new ArrayList<>();
    event.add(Phase.BEFORE, append(events, "before"));
    event.add(Phase.DURING, append(events, "during"));
    event.add(Phase.AFTER, append(events, "after"));
    event.fire();
    event.fire();
    assertEquals(events, List.of("before", "during", "after"));
  }

  /** twisted.test.test_internet.ThreePhaseEventTests.test_finishedBeforeTriggersCleared */
  @Test
  public void finishedBeforeTriggersCleared() {
    List<Object> events = new ArrayList<>();
    List<Object> seen = new ArrayList<>();
    event.add(Phase.BEFORE, append(events, "before"));
    event.add(Phase.DURING, () -> {
      events.add("during");
      seen.add(event.finishedBefore());
      seen.add(event.state());
      return null;
    });
    event.fire();
    assertEquals(events, List.of("before", "during"));
    assertEquals(seen, List.of(List.of(), ThreePhaseEvent.State.BASE));
  }

  /** A failed before-phase Deferred is logged and does not hold the event back. */
  @Test
  public void failedBeforeDeferredIsLoggedAndEventGoesOn() {
    List<Object> events = new ArrayList<>();
    Deferred<@Nullable Void> beforeResult = new Deferred<>();
    event.add(Phase.BEFORE, () -> beforeResult);
    event.add(Phase.DURING, append(events, "during"));
    event.fire();
    beforeResult.errback(new DummyException());
    assertEquals(events, List.of("during"));
    assertEquals(log.errorsOf(DummyException.class).size(), 1);
  }

  /** A trigger added during a phase that has not passed runs in the same firing. */
  @Test
  public void triggerAddedWhileFiringRunsIfItsPhaseHasNotPassed() {
    List<Object> events = new ArrayList<>();
    event.add(Phase.BEFORE, () -> {
      event.add(Phase.BEFORE, append(events, "late before"));
      event.add(Phase.AFTER, append(events, "late after"));
      return null;
    });
    event.fire();
    assertEquals(events, List.of("late before", "late after"));
  }
}
