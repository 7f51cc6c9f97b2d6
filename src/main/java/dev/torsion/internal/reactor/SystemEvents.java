package dev.torsion.internal.reactor;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IReactorCore.TriggerId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The reactor's system event triggers: one {@link ThreePhaseEvent} per event type. */
final class SystemEvents {
  private final Map<String, ThreePhaseEvent> events = new HashMap<>();
  private final LoopLog log;

  SystemEvents(LoopLog log) {
    this.log = log;
  }

  TriggerId add(String phase, String eventType,
      Defer.Call<? extends @Nullable Deferred<?>> callable) {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(callable, "callable");
    ThreePhaseEvent.Phase p = ThreePhaseEvent.Phase.parse(Objects.requireNonNull(phase, "phase"));
    return events.computeIfAbsent(eventType, type -> new ThreePhaseEvent(type, log))
        .add(p, callable);
  }

  /** As {@link #add}, for the reactor's own triggers that return nothing. */
  TriggerId add(String phase, String eventType, Runnable callable) {
    return add(phase, eventType, new Defer.Call<@Nullable Deferred<?>>() {
      @Override
      public @Nullable Deferred<?> call() {
        callable.run();
        return null;
      }

      @Override
      public String toString() {
        return callable.toString();
      }
    });
  }

  void remove(TriggerId id) {
    Objects.requireNonNull(id, "triggerId");
    if (!(id instanceof ThreePhaseEvent.Trigger t) || events.get(t.event.eventType) != t.event) {
      throw new IllegalArgumentException("not a trigger of this reactor: " + id);
    }
    t.event.remove(t);
  }

  void fire(String eventType) {
    ThreePhaseEvent event = events.get(Objects.requireNonNull(eventType, "eventType"));
    if (event != null) {
      event.fire();
    }
  }
}
