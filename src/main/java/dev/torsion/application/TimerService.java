package dev.torsion.application;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.UnhandledErrors;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.internet.task.LoopingCall;
import dev.torsion.python.failure.Failure;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A service that calls a function every {@code step} seconds while it runs: starting it starts
 * a {@link LoopingCall} (calling the function at once), stopping it stops the loop.
 *
 * <pre>{@code
 * TimerService flusher = new TimerService(30, () -> cache.flush());
 * flusher.setClock(clock);                 // tests: a task.Clock; default: the global reactor
 * flusher.setServiceParent(application.service());
 * }</pre>
 *
 * <p><b>Lifecycle.</b> Each {@link #startService()} makes a new LoopingCall, so a stopped
 * TimerService can be started again. {@link #stopService()} returns the loop's Deferred: if a
 * call (or the Deferred it returned) is still in progress, it fires when that finishes, and
 * {@link #running()} stays true until then. A function that throws, or whose Deferred fails,
 * ends the loop; the error is logged (as an unhandled error) and the service still reports
 * running until it is stopped.
 *
 * <p><b>Threading.</b> The clock's thread (the reactor thread) only.
 *
 * <p><b>Differences from Twisted.</b> Extra arguments are captured by the lambda. The clock is
 * set with {@link #setClock} (Twisted's {@code clock} attribute); it is read when the service
 * starts. {@code stopService} on a service that was never started returns a fired Deferred,
 * where Twisted fails with {@code AttributeError}. The {@code call} attribute and pickling
 * support are not ported.
 *
 * @twisted twisted.application.internet.TimerService
 */
public final class TimerService extends Service {
  private final double step;
  private final Defer.Call<? extends @Nullable Deferred<?>> callable;
  private @Nullable IReactorTime clock;
  private @Nullable LoopingCall loop;
  private @Nullable Deferred<?> loopFinished;

  /**
   * Creates a service calling a function that may return a Deferred; the next call waits for
   * that Deferred.
   *
   * @param step the seconds between calls
   * @param callable the function
   * @throws NullPointerException if {@code callable} is null
   * @throws IllegalArgumentException if {@code step} is negative or not a number
   * @twisted twisted.application.internet.TimerService.__init__
   */
  public TimerService(double step, Defer.Call<? extends @Nullable Deferred<?>> callable) {
    if (!(step >= 0)) {
      throw new IllegalArgumentException("step must be >= 0: " + step);
    }
    this.step = step;
    this.callable = Objects.requireNonNull(callable, "callable");
  }

  /**
   * Creates a service calling a function that returns nothing.
   *
   * @param step the seconds between calls
   * @param callable the function
   * @throws NullPointerException if {@code callable} is null
   * @throws IllegalArgumentException if {@code step} is negative or not a number
   * @twisted twisted.application.internet.TimerService.__init__
   */
  public TimerService(double step, Runnable callable) {
    this(step, asCall(Objects.requireNonNull(callable, "callable")));
  }

  private static Defer.Call<@Nullable Deferred<?>> asCall(Runnable callable) {
    return () -> {
      callable.run();
      return null;
    };
  }

  /**
   * The seconds between calls.
   *
   * @return the step given to the constructor
   * @twisted twisted.application.internet.TimerService.step
   */
  public double step() {
    return step;
  }

  /**
   * The source of time set with {@link #setClock}.
   *
   * @return the clock, or {@code null} for the global reactor
   * @twisted twisted.application.internet.TimerService.clock
   */
  public @Nullable IReactorTime clock() {
    return clock;
  }

  /**
   * Sets the source of time the next {@link #startService()} uses.
   *
   * @param clock the clock, or {@code null} for the global reactor ({@link Reactors#current()})
   * @twisted twisted.application.internet.TimerService.clock
   */
  public void setClock(@Nullable IReactorTime clock) {
    this.clock = clock;
  }

  /** Marks the service running and starts the loop, calling the function at once. */
  @Override
  public void startService() {
    super.startService();
    IReactorTime time = clock == null ? Reactors.current() : clock;
    LoopingCall newLoop = new LoopingCall(time, callable);
    loop = newLoop;
    loopFinished = newLoop.start(step, true).addErrback(this::failed);
  }

  private @Nullable LoopingCall failed(Failure why) {
    // The LoopingCall is already not running; the error has nowhere else to go.
    UnhandledErrors.logError(why);
    return null;
  }

  /**
   * Stops the loop; the service is marked stopped when the loop has finished.
   *
   * @return the loop's Deferred, firing with {@code null} once the call in progress (if any)
   *     has finished and the service is marked stopped
   */
  @Override
  public Deferred<?> stopService() {
    LoopingCall current = loop;
    Deferred<?> finished = loopFinished;
    if (current == null || finished == null) {
      super.stopService();
      return Defer.succeed(null);
    }
    if (current.running()) {
      current.stop();
    }
    return finished.addCallback(ignored -> super.stopService());
  }

  @Override
  public String toString() {
    return "<TimerService step=" + step + (running() ? " running" : "") + ">";
  }
}
