package dev.torsion.internal.reactor;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IReactorCore.TriggerId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** The reactor's fireSystemEvent / addSystemEventTrigger / removeSystemEventTrigger. */
public class SystemEventsTest {
  private LoopCore reactor;
  private RecordingLoopLog log;
  private final List<Object> events = new ArrayList<>();

  @BeforeMethod
  public void setUp() {
    reactor = new LoopCore(new FakeBackend(), System::nanoTime, 0);
    log = new RecordingLoopLog();
    reactor.setLog(log);
    events.clear();
  }

  private TriggerId add(String phase, String eventType, Object value) {
    return reactor.addSystemEventTrigger(phase, eventType, () -> events.add(value));
  }

  private void addSystemEventTriggerTest(String phase) {
    add(phase, "test", "fired");
    assertEquals(events, List.of());
    reactor.fireSystemEvent("test");
    assertEquals(events, List.of("fired"));
  }

  /** twisted.test.test_internet.SystemEventTests.test_beforePhase */
  @Test
  public void beforePhase() {
    addSystemEventTriggerTest("before");
  }

  /** twisted.test.test_internet.SystemEventTests.test_duringPhase */
  @Test
  public void duringPhase() {
    addSystemEventTriggerTest("during");
  }

  /** twisted.test.test_internet.SystemEventTests.test_afterPhase */
  @Test
  public void afterPhase() {
    addSystemEventTriggerTest("after");
  }

  /** twisted.test.test_internet.SystemEventTests.test_unknownPhase */
  @Test
  public void unknownPhase() {
    assertThrows(IllegalArgumentException.class,
        () -> reactor.addSystemEventTrigger("xxx", "test", () -> { }));
  }

  /** twisted.test.test_internet.SystemEventTests.test_beforePreceedsDuring */
  @Test
  public void beforePrecedesDuring() {
    add("during", "test", "during");
    add("before", "test", "before");
    reactor.fireSystemEvent("test");
    assertEquals(events, List.of("before", "during"));
  }

  /** twisted.test.test_internet.SystemEventTests.test_duringPreceedsAfter */
  @Test
  public void duringPrecedesAfter() {
    add("after", "test", "after");
    add("during", "test", "during");
    reactor.fireSystemEvent("test");
    assertEquals(events, List.of("during", "after"));
  }

  /** twisted.test.test_internet.SystemEventTests.test_beforeReturnsDeferred */
  @Test
  public void beforeReturnsDeferred() {
    Deferred<@Nullable Void> triggerDeferred = new Deferred<>();
    reactor.addSystemEventTrigger("before", "test", () -> triggerDeferred);
    add("during", "test", "during");
    reactor.fireSystemEvent("test");
    assertEquals(events, List.of());
    triggerDeferred.callback(null);
    assertEquals(events, List.of("during"));
  }

  /** twisted.test.test_internet.SystemEventTests.test_multipleBeforeReturnDeferred */
  @Test
  public void multipleBeforeReturnDeferred() {
    Deferred<@Nullable Void> first = new Deferred<>();
    Deferred<@Nullable Void> second = new Deferred<>();
    reactor.addSystemEventTrigger("before", "test", () -> first);
    reactor.addSystemEventTrigger("before", "test", () -> second);
    add("during", "test", "during");
    reactor.fireSystemEvent("test");
    assertEquals(events, List.of());
    first.callback(null);
    assertEquals(events, List.of());
    second.callback(null);
    assertEquals(events, List.of("during"));
  }

  /**
   * twisted.test.test_internet.SystemEventTests.test_subsequentBeforeTriggerFiresPriorBeforeDeferred
   */
  @Test
  public void subsequentBeforeTriggerFiresPriorBeforeDeferred() {
    Deferred<@Nullable Void> first = new Deferred<>();
    Deferred<@Nullable Void> second = new Deferred<>();
    reactor.addSystemEventTrigger("before", "test", () -> first);
    reactor.addSystemEventTrigger("before", "test", () -> first.callback(null));
    reactor.addSystemEventTrigger("before", "test", () -> {
      events.add("before");
      return second;
    });
    add("during", "test", "during");
    reactor.fireSystemEvent("test");
    assertEquals(events, List.of("before"));
    second.callback(null);
    assertEquals(events, List.of("before", "during"));
  }

  /** twisted.test.test_internet.SystemEventTests.test_removeSystemEventTrigger */
  @Test
  public void removeSystemEventTrigger() {
    add("before", "test", "first");
    reactor.removeSystemEventTrigger(add("before", "test", "second"));
    reactor.fireSystemEvent("test");
    assertEquals(events, List.of("first"));
  }

  /** twisted.test.test_internet.SystemEventTests.test_removeNonExistentSystemEventTrigger */
  @Test
  public void removeNonExistentSystemEventTrigger() {
    TriggerId b = add("during", "test", "b");
    reactor.removeSystemEventTrigger(b);
    assertThrows(NullPointerException.class, () -> reactor.removeSystemEventTrigger(null));
    assertThrows(IllegalArgumentException.class, () -> reactor.removeSystemEventTrigger(b));
    TriggerId foreign = new LoopCore(new FakeBackend(), System::nanoTime, 0)
        .addSystemEventTrigger("during", "test", () -> { });
    assertThrows(IllegalArgumentException.class, () -> reactor.removeSystemEventTrigger(foreign));
  }

  /** twisted.test.test_internet.SystemEventTests.test_interactionBetweenDifferentEvents */
  @Test
  public void interactionBetweenDifferentEvents() {
    Deferred<@Nullable Void> firstDeferred = new Deferred<>();
    Deferred<@Nullable Void> secondDeferred = new Deferred<>();
    reactor.addSystemEventTrigger("before", "first-event", () -> {
      events.add("before first");
      return firstDeferred;
    });
    add("after", "first-event", "after first");
    reactor.addSystemEventTrigger("before", "second-event", () -> {
      events.add("before second");
      return secondDeferred;
    });
    add("after", "second-event", "after second");
    reactor.fireSystemEvent("first-event");
    assertEquals(events, List.of("before first"));
    reactor.fireSystemEvent("second-event");
    assertEquals(events, List.of("before first", "before second"));
    firstDeferred.callback(null);
    assertEquals(events, List.of("before first", "before second", "after first"));
    secondDeferred.callback(null);
    assertEquals(events,
        List.of("before first", "before second", "after first", "after second"));
  }

  /** Firing an event type nobody registered for does nothing. */
  @Test
  public void firingUnknownEventDoesNothing() {
    reactor.fireSystemEvent("nobody-listens");
    assertEquals(events, List.of());
    assertEquals(log.errors(), List.of());
  }
}
