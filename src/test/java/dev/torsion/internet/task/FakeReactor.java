package dev.torsion.internet.task;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ReactorNotRunning;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IReactorCore;
import dev.torsion.internet.interfaces.IReactorTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A reactor whose loop runs a {@link Clock}'s calls in time order, jumping straight from one to
 * the next; Twisted's {@code _FakeReactor} in test_task. Only the {@code "shutdown"} event has
 * triggers, in its <i>before</i> and <i>during</i> phases.
 */
final class FakeReactor implements IReactorCore, IReactorTime {
  private final Clock clock = new Clock();
  private boolean running;
  private boolean crashed;
  private @Nullable List<Trigger> whenRunning = new ArrayList<>();
  private @Nullable List<Trigger> before = new ArrayList<>();
  private @Nullable List<Trigger> during = new ArrayList<>();
  /** How many times {@link #stop()} was called, successfully or not. */
  int stopCalls;

  private static final class Trigger implements TriggerId {
    final Defer.Call<? extends @Nullable Deferred<?>> callable;

    Trigger(Defer.Call<? extends @Nullable Deferred<?>> callable) {
      this.callable = callable;
    }

    void run() {
      try {
        callable.call();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }
  }

  @Override
  public double seconds() {
    return clock.seconds();
  }

  @Override
  public IDelayedCall callLater(double delay, Runnable callable) {
    return clock.callLater(delay, callable);
  }

  @Override
  public List<IDelayedCall> getDelayedCalls() {
    return clock.getDelayedCalls();
  }

  @Override
  public boolean running() {
    return running;
  }

  @Override
  public @Nullable TriggerId callWhenRunning(Runnable callable) {
    List<Trigger> pending = whenRunning;
    if (pending == null) {
      callable.run();
      return null;
    }
    Trigger trigger = new Trigger(() -> {
      callable.run();
      return null;
    });
    pending.add(trigger);
    return trigger;
  }

  @Override
  public TriggerId addSystemEventTrigger(String phase, String eventType,
      Defer.Call<? extends @Nullable Deferred<?>> callable) {
    if (!eventType.equals("shutdown")) {
      throw new IllegalArgumentException("the fake only has shutdown triggers: " + eventType);
    }
    List<Trigger> list = phase.equals("before") ? before : phase.equals("during") ? during : null;
    if (list == null) {
      throw new IllegalArgumentException("bad phase " + phase);
    }
    Trigger trigger = new Trigger(callable);
    list.add(trigger);
    return trigger;
  }

  @Override
  public void removeSystemEventTrigger(TriggerId triggerId) {
    if (removeFrom(whenRunning, triggerId) || removeFrom(before, triggerId)
        || removeFrom(during, triggerId)) {
      return;
    }
    throw new IllegalArgumentException("no such trigger: " + triggerId);
  }

  private static boolean removeFrom(@Nullable List<Trigger> list, TriggerId triggerId) {
    return list != null && list.remove(triggerId);
  }

  /** Runs the startup callables, then the clock's calls until stopped, then the triggers. */
  @Override
  public void run() {
    running = true;
    List<Trigger> startup = whenRunning;
    whenRunning = null;
    if (startup != null) {
      startup.forEach(Trigger::run);
    }
    while (running) {
      List<IDelayedCall> calls = clock.getDelayedCalls();
      if (calls.isEmpty()) {
        throw new IllegalStateException("No DelayedCalls left");
      }
      clock.advance(calls.get(0).getTime() - clock.seconds());
    }
    if (!crashed) {
      fireSystemEvent("shutdown");
    }
  }

  @Override
  public void stop() {
    stopCalls++;
    if (!running) {
      throw new ReactorNotRunning("Can't stop reactor that isn't running.");
    }
    running = false;
  }

  @Override
  public void crash() {
    crashed = true;
    running = false;
  }

  /** Runs the calls due at the next scheduled time. */
  @Override
  public void iterate(double delay) {
    List<IDelayedCall> calls = clock.getDelayedCalls();
    if (!calls.isEmpty()) {
      clock.advance(Math.max(0, calls.get(0).getTime() - clock.seconds()));
    }
  }

  @Override
  public void fireSystemEvent(String eventType) {
    if (!eventType.equals("shutdown") || before == null || during == null) {
      return;
    }
    List<Trigger> all = new ArrayList<>(before);
    all.addAll(during);
    before = null;
    during = null;
    all.forEach(Trigger::run);
  }
}
