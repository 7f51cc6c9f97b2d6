package dev.torsion.internal.reactor;

import static org.testng.Assert.assertEquals;

import dev.torsion.internal.reactor.ThreePhaseEvent.Phase;
import dev.torsion.internal.reactor.ThreePhaseEvent.Trigger;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * The review of system event triggers changed while their event fires, against an experiment
 * with Twisted 22.4's {@code _ThreePhaseEvent}, whose output was
 * {@code ['t1', 't9', 'removed-fired-before:ok', 't2', 't4', 't3', 't6', 't7', '|', 't8-next']}.
 */
public class ThreePhaseEventReviewTest {
  private final RecordingLoopLog log = new RecordingLoopLog();
  private final ThreePhaseEvent event = new ThreePhaseEvent("test", log);
  private final List<String> seen = new ArrayList<>();

  private Defer.Call<@Nullable Deferred<?>> note(String name, Runnable then) {
    return () -> {
      seen.add(name);
      then.run();
      return null;
    };
  }

  private Defer.Call<@Nullable Deferred<?>> note(String name) {
    return note(name, () -> { });
  }

  @Test
  public void triggersAddedAndRemovedWhileFiringBehaveAsTwisted() {
    Trigger[] t1 = new Trigger[1];
    Trigger[] t5 = new Trigger[1];
    t1[0] = event.add(Phase.BEFORE, note("t1", () -> {
      event.add(Phase.BEFORE, note("t2"));
      event.add(Phase.DURING, note("t3"));
    }));
    event.add(Phase.BEFORE, note("t9", () -> {
      // Removing a before trigger that already ran in this firing: a warning, no error.
      event.remove(t1[0]);
      seen.add("removed-fired-before:ok");
    }));
    event.add(Phase.DURING, note("t4", () -> event.remove(t5[0])));
    t5[0] = event.add(Phase.AFTER, note("t5"));
    event.add(Phase.AFTER, note("t6", () -> {
      event.add(Phase.AFTER, note("t7"));
      event.add(Phase.BEFORE, note("t8-next"));
    }));
    event.fire();
    seen.add("|");
    event.fire();
    assertEquals(seen, List.of("t1", "t9", "removed-fired-before:ok", "t2", "t4", "t3", "t6",
        "t7", "|", "t8-next"));
    assertEquals(log.warnings().size(), 1);
  }
}
