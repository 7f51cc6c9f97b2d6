package dev.torsion.internal.reactor;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IReactorCore.TriggerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * System event triggers: before/during/after phases per event type. (Skeleton: issue 3's
 * loop-core work makes the before phase wait for returned Deferreds.)
 */
final class SystemEvents {
  private final LoopCore core;
  private final Map<String, List<Trigger>> triggers = new HashMap<>();

  SystemEvents(LoopCore core) {
    this.core = core;
  }

  private static final class Trigger implements TriggerId {
    final String phase;
    final String eventType;
    final Defer.Call<? extends @Nullable Deferred<?>> callable;

    Trigger(String phase, String eventType, Defer.Call<? extends @Nullable Deferred<?>> c) {
      this.phase = phase;
      this.eventType = eventType;
      this.callable = c;
    }
  }

  TriggerId add(String phase, String eventType,
      Defer.Call<? extends @Nullable Deferred<?>> callable) {
    if (!phase.equals("before") && !phase.equals("during") && !phase.equals("after")) {
      throw new IllegalArgumentException("no such phase: " + phase);
    }
    Trigger t = new Trigger(phase, eventType, callable);
    triggers.computeIfAbsent(eventType, k -> new ArrayList<>()).add(t);
    return t;
  }

  void remove(TriggerId id) {
    if (!(id instanceof Trigger t) || !triggers.getOrDefault(t.eventType, List.of()).remove(t)) {
      throw new IllegalArgumentException("no such trigger: " + id);
    }
  }

  void fire(String eventType) {
    List<Trigger> all = new ArrayList<>(triggers.getOrDefault(eventType, List.of()));
    for (String phase : new String[] {"before", "during", "after"}) {
      if (phase.equals("during") && eventType.equals("startup")) {
        core.setRunning(true);
      }
      if (phase.equals("during") && eventType.equals("shutdown")) {
        core.setRunning(false);
      }
      for (Trigger t : all) {
        if (t.phase.equals(phase)) {
          LoopCore.runLogged(() -> {
            try {
              t.callable.call();
            } catch (RuntimeException | Error e) {
              throw e;
            } catch (Throwable e) {
              throw new RuntimeException(e);
            }
          });
        }
      }
    }
    if (eventType.equals("shutdown")) {
      core.shutdownFinished();
    }
  }
}
