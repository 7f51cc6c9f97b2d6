package dev.torsion.internet.testing;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.testing.MemoryReactor.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** {@link MemoryReactor}'s system event triggers and {@code callWhenRunning} hooks. */
final class TriggerRecords {
  final List<Trigger> triggers = new ArrayList<>();
  final List<Trigger> whenRunningHooks = new ArrayList<>();

  List<Trigger> of(String phase, String eventType) {
    List<Trigger> out = new ArrayList<>();
    for (Trigger t : triggers) {
      if (t.phase().equals(phase) && t.eventType().equals(eventType)) {
        out.add(t);
      }
    }
    return out;
  }

  Trigger add(String phase, String eventType,
      Defer.Call<? extends @Nullable Deferred<?>> callable) {
    if (!phase.equals("before") && !phase.equals("during") && !phase.equals("after")) {
      throw new IllegalArgumentException("Invalid phase " + phase);
    }
    Trigger t = new Trigger(phase, Objects.requireNonNull(eventType, "eventType"),
        Objects.requireNonNull(callable, "callable"));
    triggers.add(t);
    return t;
  }

  Trigger addHook(Runnable callable) {
    Objects.requireNonNull(callable, "callable");
    Trigger t = new Trigger("after", "startup", () -> {
      callable.run();
      return null;
    });
    whenRunningHooks.add(t);
    return t;
  }

  void remove(Object triggerId) {
    // By identity: two triggers with equal fields are still two triggers.
    if (!removeSame(triggers, triggerId) && !removeSame(whenRunningHooks, triggerId)) {
      throw new IllegalArgumentException("no trigger " + triggerId);
    }
  }

  private static boolean removeSame(List<Trigger> list, Object id) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == id) {
        list.remove(i);
        return true;
      }
    }
    return false;
  }

  void runHooks() {
    for (Trigger hook : new ArrayList<>(whenRunningHooks)) {
      call(hook);
    }
  }

  /** <i>Before</i>, then once every Deferred they returned has fired, <i>during</i>, after. */
  void fire(String eventType) {
    List<Deferred<?>> waits = new ArrayList<>();
    for (Trigger t : of("before", eventType)) {
      Deferred<?> d = call(t);
      if (d != null) {
        waits.add(d);
      }
    }
    int[] left = {waits.size() + 1};
    Runnable rest = () -> {
      if (--left[0] == 0) {
        for (Trigger t : of("during", eventType)) {
          call(t);
        }
        for (Trigger t : of("after", eventType)) {
          call(t);
        }
      }
    };
    for (Deferred<?> d : waits) {
      d.addBoth(ignored -> {
        rest.run();
        return null;
      });
    }
    rest.run();
  }

  private static @Nullable Deferred<?> call(Trigger t) {
    try {
      return t.callable().call();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("trigger " + t + " threw", e);
    }
  }
}
