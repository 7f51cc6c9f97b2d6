package dev.torsion.internet.task;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.reactor.Reactors;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Calls a function every {@code interval} seconds until stopped.
 *
 * <pre>{@code
 * LoopingCall poll = new LoopingCall(reactor, () -> checkMail());   // checkMail returns a Deferred
 * poll.start(60).addErrback(f -> { log(f); return null; });          // fires when the loop ends
 * ...
 * poll.stop();                                                      // fires it with poll
 * }</pre>
 *
 * <p><b>Timing.</b> Calls are due at the start time plus multiples of the interval, so the loop
 * does not drift however long each call takes. When a call (or the Deferred it returned, or a
 * busy reactor) overruns one or more due times, those are skipped, not made up: the next call is
 * at the next due time strictly in the future. {@link #withCount} tells the function how many
 * due times went by. An interval of 0 calls the function again on every pass of the clock
 * (every reactor iteration), as soon as the previous call finished.
 *
 * <p><b>Deferreds.</b> A function that returns a Deferred is not called again until that
 * Deferred has fired; its result is ignored.
 *
 * <p><b>Lifecycle.</b> {@link #start} returns a Deferred that fires with this LoopingCall when
 * {@link #stop} ends the loop, or fails with the error when the function throws or its Deferred
 * fails (and the loop ends). {@code running()} is false by the time either happens. A stopped
 * loop can be started again.
 *
 * <p><b>Threading.</b> The clock's thread only (the reactor thread).
 *
 * <p><b>Re-entrancy.</b> The function may call {@code stop()}, {@code reset()} and
 * {@code setInterval} on its own loop. {@code stop()} from inside the function (or while its
 * Deferred is pending) lets that call finish: the loop's Deferred fires after it.
 *
 * <p><b>Errors.</b> Misuse ({@code start} while running, {@code stop} or {@code reset} when not
 * running) is an {@link IllegalStateException}, where Twisted asserts; a negative interval is an
 * {@link IllegalArgumentException} (Twisted's {@code ValueError}).
 *
 * <p><b>Differences from Twisted.</b> The clock may be given to the constructor (tests pass a
 * {@link Clock}); without one it is the global reactor, {@link Reactors#current()}, as Twisted
 * defaults {@code clock} to {@code twisted.internet.reactor}. Extra arguments
 * are captured by the lambda. The deprecated {@code deferred} attribute is not ported: use the
 * Deferred {@code start} returns. {@code call} and {@code starttime} stay private.
 *
 * @twisted twisted.internet.task.LoopingCall
 */
public final class LoopingCall {
  private final Defer.Call<? extends @Nullable Deferred<?>> f;
  /** The function as the caller gave it, for {@link #toString()}. */
  private final Object function;
  private IReactorTime clock;
  private boolean running;
  private @Nullable Deferred<LoopingCall> deferred;
  private @Nullable IDelayedCall call;
  private @Nullable Double interval;
  private boolean runAtStart;
  private double startTime;
  /** With {@link #withCount}: when the count was last handed out; null until then. */
  private @Nullable Double realLastTime;

  /**
   * Creates a loop that calls {@code f}, waiting for the Deferred it returns (if not null)
   * before scheduling the next call.
   *
   * @param clock the scheduler: the reactor, or a {@link Clock} in tests
   * @param f the function
   * @twisted twisted.internet.task.LoopingCall.__init__
   */
  public LoopingCall(IReactorTime clock, Defer.Call<? extends @Nullable Deferred<?>> f) {
    this(clock, f, f);
  }

  /**
   * Creates a loop on the global reactor ({@link Reactors#current()}, installing it if none is)
   * that calls {@code f}, waiting for the Deferred it returns (if not null).
   *
   * @param f the function
   * @twisted twisted.internet.task.LoopingCall.__init__
   */
  public LoopingCall(Defer.Call<? extends @Nullable Deferred<?>> f) {
    this(Reactors.current(), f, f);
  }

  /**
   * Creates a loop on the global reactor ({@link Reactors#current()}) that calls {@code f},
   * which returns nothing.
   *
   * @param f the function
   * @twisted twisted.internet.task.LoopingCall.__init__
   */
  public LoopingCall(Runnable f) {
    this(Reactors.current(), runnable(f), f);
  }

  private LoopingCall(IReactorTime clock, Defer.Call<? extends @Nullable Deferred<?>> f,
      Object function) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.f = Objects.requireNonNull(f, "f");
    this.function = function;
  }

  /**
   * Creates a loop that calls {@code f}, which returns nothing.
   *
   * @param clock the scheduler: the reactor, or a {@link Clock} in tests
   * @param f the function
   * @twisted twisted.internet.task.LoopingCall.__init__
   */
  public LoopingCall(IReactorTime clock, Runnable f) {
    this(clock, runnable(f), f);
  }

  private LoopingCall(IReactorTime clock, CountCallable countCallable) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.function = Objects.requireNonNull(countCallable, "countCallable");
    this.f = () -> count(countCallable);
  }

  private static Defer.Call<@Nullable Deferred<?>> runnable(Runnable f) {
    Objects.requireNonNull(f, "f");
    return () -> {
      f.run();
      return null;
    };
  }

  /**
   * Creates a loop that passes its function the number of intervals that went by since the
   * function was last called: normally 1, more when due times were skipped because the clock
   * (the reactor) was late, a call overran, or a returned Deferred took longer than an interval.
   * It counts whole intervals of the schedule, not the time between calls: called at 1.0T,
   * 2.75T and 3.0T, the counts are 1, 1, 1. With an interval of 0 the count is always 1. The
   * counts add up to the number of intervals elapsed since the start.
   *
   * @param clock the scheduler
   * @param countCallable the function; it may return a Deferred to wait for, or null
   * @return the loop, not started
   * @twisted twisted.internet.task.LoopingCall.withCount
   */
  public static LoopingCall withCount(IReactorTime clock, CountCallable countCallable) {
    return new LoopingCall(clock, countCallable);
  }

  /**
   * As {@link #withCount(IReactorTime, CountCallable)}, on the global reactor
   * ({@link Reactors#current()}).
   *
   * @param countCallable the function; it may return a Deferred to wait for, or null
   * @return the loop, not started
   * @twisted twisted.internet.task.LoopingCall.withCount
   */
  public static LoopingCall withCount(CountCallable countCallable) {
    return new LoopingCall(Reactors.current(), countCallable);
  }

  /**
   * The function given to {@link #withCount}.
   *
   * @twisted twisted.internet.task.LoopingCall.withCount
   */
  @FunctionalInterface
  public interface CountCallable {
    /**
     * One call of the loop.
     *
     * @param count intervals elapsed since the last call, at least 1
     * @return a Deferred the loop waits for before the next call, or null
     * @throws Throwable anything: it ends the loop, failing its Deferred
     */
    @Nullable Deferred<?> call(long count) throws Throwable;
  }

  /**
   * Starts the loop, calling the function now and then every {@code interval} seconds.
   *
   * @param interval seconds between calls, zero or more
   * @return a Deferred fired with this loop by {@link #stop}, or failed with the function's error
   * @throws IllegalStateException if it is running
   * @throws IllegalArgumentException if {@code interval} is negative or NaN
   * @twisted twisted.internet.task.LoopingCall.start
   */
  public Deferred<LoopingCall> start(double interval) {
    return start(interval, true);
  }

  /**
   * Starts the loop.
   *
   * @param interval seconds between calls, zero or more
   * @param now whether to call the function at once; otherwise the first call is one interval
   *     from now
   * @return a Deferred fired with this loop by {@link #stop}, or failed with the function's error;
   *     it may already have failed if the first call failed at once
   * @throws IllegalStateException if it is running
   * @throws IllegalArgumentException if {@code interval} is negative or NaN
   * @twisted twisted.internet.task.LoopingCall.start
   */
  public Deferred<LoopingCall> start(double interval, boolean now) {
    if (running) {
      throw new IllegalStateException("Tried to start an already running LoopingCall.");
    }
    checkInterval(interval);
    running = true;
    // Kept in a local: a first call failing at once clears the field before we return.
    Deferred<LoopingCall> d = new Deferred<>();
    deferred = d;
    startTime = clock.seconds();
    this.interval = interval;
    runAtStart = now;
    if (now) {
      runOnce();
    } else {
      scheduleFrom(startTime);
    }
    return d;
  }

  /**
   * Stops the loop. Waiting for the next due time, the loop's Deferred fires at once; during a
   * call (or while its Deferred is pending), it fires when that call finishes.
   *
   * @throws IllegalStateException if it is not running
   * @twisted twisted.internet.task.LoopingCall.stop
   */
  public void stop() {
    if (!running) {
      throw new IllegalStateException("Tried to stop a LoopingCall that was not running.");
    }
    running = false;
    IDelayedCall pending = call;
    if (pending != null) {
      pending.cancel();
      call = null;
      fire().callback(this);
    }
  }

  /**
   * Skips the next call and restarts the schedule from now: the next call is one interval from
   * now. During a call (or while its Deferred is pending) it does nothing.
   *
   * @throws IllegalStateException if it is not running
   * @twisted twisted.internet.task.LoopingCall.reset
   */
  public void reset() {
    if (!running) {
      throw new IllegalStateException("Tried to reset a LoopingCall that was not running.");
    }
    IDelayedCall pending = call;
    if (pending != null) {
      pending.cancel();
      call = null;
      startTime = clock.seconds();
      scheduleFrom(startTime);
    }
  }

  /**
   * Whether the loop is running: true from {@link #start} until {@link #stop} or a failure.
   *
   * @return true while running
   * @twisted twisted.internet.task.LoopingCall.running
   */
  public boolean running() {
    return running;
  }

  /**
   * The interval in seconds.
   *
   * @return the interval, or null before the first {@link #start}
   * @twisted twisted.internet.task.LoopingCall.interval
   */
  public @Nullable Double interval() {
    return interval;
  }

  /**
   * Changes the interval. A running loop keeps the call already scheduled and uses the new
   * interval, on the original start time's schedule, from the next scheduling on.
   *
   * @param interval seconds, zero or more
   * @throws IllegalArgumentException if negative or NaN
   * @twisted twisted.internet.task.LoopingCall.interval
   */
  public void setInterval(double interval) {
    checkInterval(interval);
    this.interval = interval;
  }

  /**
   * The scheduler this loop uses.
   *
   * @return the clock
   * @twisted twisted.internet.task.LoopingCall.clock
   */
  public IReactorTime clock() {
    return clock;
  }

  /**
   * Changes the scheduler. Set it before {@link #start}: a call already scheduled stays on the
   * old clock.
   *
   * @param clock the new scheduler
   * @twisted twisted.internet.task.LoopingCall.clock
   */
  public void setClock(IReactorTime clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private static void checkInterval(double interval) {
    if (!(interval >= 0)) {
      throw new IllegalArgumentException("interval must be >= 0, not " + interval);
    }
  }

  private Deferred<LoopingCall> fire() {
    Deferred<LoopingCall> d = deferred;
    if (d == null) {
      throw new IllegalStateException("LoopingCall has no Deferred to fire");
    }
    deferred = null;
    return d;
  }

  private void runOnce() {
    call = null;
    Deferred<?> result = Defer.maybeDeferredAsync(f);
    result.addCallback(ignored -> {
      if (running) {
        scheduleFrom(clock.seconds());
      } else {
        fire().callback(this);
      }
      return null;
    }).addErrback(failure -> {
      running = false;
      fire().errback(failure);
      return null;
    });
  }

  private @Nullable Deferred<?> count(CountCallable countCallable) throws Throwable {
    double now = clock.seconds();
    double step = requireInterval();
    if (step == 0) {
      realLastTime = now;
      return countCallable.call(1);
    }
    Double last = realLastTime;
    double lastTime;
    if (last != null) {
      lastTime = last;
    } else {
      lastTime = runAtStart ? startTime - step : startTime;
    }
    long count = intervalOf(now, step) - intervalOf(lastTime, step);
    if (count > 0) {
      realLastTime = now;
      return countCallable.call(count);
    }
    return null;
  }

  private long intervalOf(double t, double step) {
    return (long) ((t - startTime) / step);
  }

  private double requireInterval() {
    Double i = interval;
    if (i == null) {
      throw new IllegalStateException("LoopingCall called before it was started");
    }
    return i;
  }

  private void scheduleFrom(double when) {
    call = clock.callLater(delayFrom(when), this::runOnce);
  }

  /** Seconds from {@code when} to the next due time strictly after it. */
  private double delayFrom(double when) {
    double step = requireInterval();
    if (step == 0) {
      return 0;
    }
    double untilNext = step - pythonMod(when - startTime, step);
    // Added to a large time, a tiny remainder can vanish: then we are on a due time already
    // and the next one is a whole interval away.
    if (when == when + untilNext) {
      return step;
    }
    return untilNext;
  }

  /** Python's float {@code %}: the result takes the divisor's sign. */
  private static double pythonMod(double a, double b) {
    double r = a % b;
    if (r != 0 && (r < 0) != (b < 0)) {
      r += b;
    }
    return r;
  }

  /** Reads like Twisted's repr: {@code LoopingCall<0.5>(f)}. */
  @Override
  public String toString() {
    return "LoopingCall<" + (interval == null ? "None" : interval) + ">(" + function + ")";
  }
}
