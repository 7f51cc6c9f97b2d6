package dev.torsion.internal.reactor;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IReactorCore.TriggerId;
import dev.torsion.python.failure.Failure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The triggers of one system event type, in three phases. A trigger runs at most once: firing
 * takes each trigger off its list as it runs, so triggers added while the event fires run in
 * the same firing if their phase has not passed, and a trigger removed before its turn never
 * runs. The <i>during</i> phase waits for every Deferred the <i>before</i> triggers returned.
 */
final class ThreePhaseEvent {
  enum Phase {
    BEFORE, DURING, AFTER;

    static Phase parse(String name) {
      switch (name) {
        case "before":
          return BEFORE;
        case "during":
          return DURING;
        case "after":
          return AFTER;
        default:
          throw new IllegalArgumentException(
              "no such phase: " + name + " (expected before, during or after)");
      }
    }
  }

  /** {@code BEFORE} while the before triggers of a firing run; {@code BASE} otherwise. */
  enum State { BASE, BEFORE }

  /** One trigger, and its id. */
  static final class Trigger implements TriggerId {
    final ThreePhaseEvent event;
    final Phase phase;
    final Defer.Call<? extends @Nullable Deferred<?>> callable;

    Trigger(ThreePhaseEvent event, Phase phase,
        Defer.Call<? extends @Nullable Deferred<?>> callable) {
      this.event = event;
      this.phase = phase;
      this.callable = callable;
    }

    @Override
    public String toString() {
      return "<trigger " + phase.name().toLowerCase(Locale.ROOT) + " " + event.eventType + " "
          + callable + ">";
    }
  }

  final String eventType;
  private final LoopLog log;
  private final ArrayDeque<Trigger> before = new ArrayDeque<>();
  private final ArrayDeque<Trigger> during = new ArrayDeque<>();
  private final ArrayDeque<Trigger> after = new ArrayDeque<>();
  private final List<Trigger> finishedBefore = new ArrayList<>();
  private State state = State.BASE;

  ThreePhaseEvent(String eventType, LoopLog log) {
    this.eventType = eventType;
    this.log = log;
  }

  Trigger add(Phase phase, Defer.Call<? extends @Nullable Deferred<?>> callable) {
    Trigger t = new Trigger(this, phase, callable);
    list(phase).add(t);
    return t;
  }

  /**
   * Removes a trigger that has not run. Removing a <i>before</i> trigger that already ran in the
   * before phase under way is tolerated with a warning, as Twisted does.
   *
   * @throws IllegalArgumentException if it is not pending (never added here, ran, or removed)
   */
  void remove(Trigger t) {
    if (state == State.BEFORE && t.phase == Phase.BEFORE && finishedBefore.contains(t)) {
      log.warning("Removing already-fired system event trigger " + t
          + " has no effect (Twisted: this will raise an exception in a future version)");
      return;
    }
    if (t.event != this || !list(t.phase).removeFirstOccurrence(t)) {
      throw new IllegalArgumentException("no such trigger: " + t
          + " (it was removed already, has run, or was not added to this reactor)");
    }
  }

  /** Runs the before triggers, then the others once their Deferreds have all fired. */
  void fire() {
    state = State.BEFORE;
    finishedBefore.clear();
    Countdown waiting = new Countdown();
    Trigger t;
    while ((t = before.pollFirst()) != null) {
      finishedBefore.add(t);
      Object result = invoke(t);
      if (result instanceof Deferred<?> d) {
        waiting.expect(t, d);
      }
    }
    waiting.release();
  }

  private void continueFiring() {
    state = State.BASE;
    finishedBefore.clear();
    Trigger t;
    while ((t = during.pollFirst()) != null) {
      invoke(t);
    }
    while ((t = after.pollFirst()) != null) {
      invoke(t);
    }
  }

  private @Nullable Object invoke(Trigger t) {
    try {
      return t.callable.call();
    } catch (Throwable e) {
      log.callbackFailed(t, e);
      return null;
    }
  }

  private ArrayDeque<Trigger> list(Phase phase) {
    switch (phase) {
      case BEFORE:
        return before;
      case DURING:
        return during;
      default:
        return after;
    }
  }

  State state() {
    return state;
  }

  List<Trigger> finishedBefore() {
    return List.copyOf(finishedBefore);
  }

  List<Trigger> pending(Phase phase) {
    return List.copyOf(list(phase));
  }

  /** Counts the before-phase Deferreds of one firing; the firing itself holds one count. */
  private final class Countdown {
    private int outstanding = 1;

    void expect(Trigger t, Deferred<?> d) {
      outstanding++;
      d.addBoth(result -> {
        if (result instanceof Failure f) {
          log.callbackFailed(t, f.value());
          result = null;
        }
        release();
        return result;
      });
    }

    void release() {
      if (--outstanding == 0) {
        continueFiring();
      }
    }
  }
}
