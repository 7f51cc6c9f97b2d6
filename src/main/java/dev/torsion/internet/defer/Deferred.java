package dev.torsion.internet.defer;

import dev.torsion.internal.defer.DebugInfo;
import dev.torsion.internal.defer.FutureInterop;
import dev.torsion.internal.defer.UnhandledErrorTracker;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IReactorFromThreads;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.python.failure.Failure;
import com.google.common.util.concurrent.ListenableFuture;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A result that is not there yet: a chain of callbacks and errbacks that run, in order, once the
 * result (or an error) arrives.
 *
 * <p>Each callback takes the current result and returns the next; a callback that throws, or
 * returns a {@link Failure}, switches the chain to errbacks, and an errback that returns a value
 * switches it back. A callback that returns another Deferred pauses this chain until that Deferred
 * fires, and its result becomes this chain's result. Callbacks added after the result arrived run
 * at once.
 *
 * <pre>{@code
 * Deferred<String> d = fetch(url);            // fires later
 * d.addCallback(String::length)              // Deferred<Integer>
 *  .addCallbackDeferred(n -> store(n))       // store returns Deferred<Long>: Deferred<Long>
 *  .addErrback(f -> { f.trap(IOException.class); return -1L; });
 * }</pre>
 *
 * <p><b>Types.</b> {@code addCallback} returns this same object with its new result type, as
 * Twisted returns {@code self}; use the returned reference, not the old one. Callbacks that return
 * a Deferred go through {@link #addCallbackDeferred} so the result type is the inner one and a
 * {@code Deferred<Deferred<X>>} never appears. (A plain {@link #addCallback} whose callback returns
 * a Deferred at run time is chained too, as in Twisted.) A {@code null} result is Python's
 * {@code None}: {@code Deferred<@Nullable Void>}.
 *
 * <p><b>Threading.</b> Not thread-safe, as in Twisted: create, fire and add callbacks on one
 * thread (the reactor thread). Other threads hand results over with {@code callFromThread}, or
 * through {@link #fromFuture(CompletionStage, IReactorFromThreads)}.
 *
 * <p><b>Re-entrancy.</b> A callback may add callbacks to the Deferred it runs on; they run after
 * it returns, at the end of the chain, in the same pass. It may fire other Deferreds; while the
 * target of a {@link #chainDeferred} runs its callbacks, the Deferred that fired it counts as
 * running a callback, so callbacks added to it then run after the target's. Calling
 * {@link #pause()} from a Deferred's own callback does not stop the pass already running (as in
 * Twisted); it holds later ones. Chains of any depth, whether made by returning Deferreds from
 * callbacks or by {@link #chainDeferred}, run in constant Java stack depth.
 *
 * <p><b>Errors.</b> Firing twice throws {@link AlreadyCalledError}; in debug mode
 * ({@link #setDebugging}) its message shows where the Deferred was created and first fired. A
 * null callback is a {@link NullPointerException} at once. A Deferred that is left
 * holding a Failure when it becomes unreachable is reported as "Unhandled error in Deferred" with
 * the Failure's stack, through {@link UnhandledErrors}, which also lets tests collect such errors
 * deterministically.
 *
 * <p><b>Differences from Twisted.</b> Extra callback arguments are captured by lambdas instead of
 * {@code *args}; a callback that returns the Deferred it is attached to fails the chain with
 * {@link IllegalStateException} instead of warning; {@code unpause()} without a matching
 * {@code pause()} throws {@link IllegalStateException} instead of leaving the Deferred stuck;
 * {@code chainDeferred} does not recurse.
 *
 * @param <T> the type of the result the next added callback receives
 * @twisted twisted.internet.defer.Deferred
 */
public final class Deferred<T extends @Nullable Object> {
  private static final String NOT_A_RESULT = "a Deferred cannot be the result of callback()";
  private static volatile boolean debug;

  /** Callbacks not yet run, as (callback, errback) slot pairs from {@code head} to {@code tail}. */
  private @Nullable Object[] entries;
  private int head;
  private int tail;
  /**
   * Once fired, the chain's current result. Before that, the canceller (or null): it is needed
   * only while unfired and the result only once fired, so one field serves both and a Deferred
   * stays at 48 bytes.
   */
  private @Nullable Object result;
  private boolean called;
  private int paused;
  private boolean runningCallbacks;
  private boolean suppressAlreadyCalled;
  /** The Deferred this one waits on, for {@link #toString()}; null when not waiting. */
  private @Nullable Deferred<?> chainedTo;
  private @Nullable UnhandledErrorTracker tracker;
  /** Where this was created and first fired; only in debug mode. */
  private @Nullable DebugInfo debugInfo;

  /** Creates a Deferred with no canceller. */
  public Deferred() {
    this(null);
  }

  /**
   * Creates a Deferred.
   *
   * @param canceller called by {@link #cancel()} to stop the underlying operation, or null
   */
  public Deferred(@Nullable Canceller<T> canceller) {
    this.result = canceller;
    if (debug) {
      debugInfo = new DebugInfo(true);
    }
  }

  /**
   * A Deferred already fired with {@code value}, for {@code Defer.succeed}: what
   * {@code new Deferred<>()} then {@code callback(value)} would give, without running an empty
   * pass.
   */
  static <T extends @Nullable Object> Deferred<T> fired(T value) {
    if (debug || value instanceof Deferred || value instanceof Failure) {
      Deferred<T> d = new Deferred<>();
      d.callback(value); // the general path: debug records, refusal, unhandled tracking
      return d;
    }
    return new Deferred<>(value, true);
  }

  /** A Deferred already fired with a plain value; small, so the JIT inlines it. */
  private Deferred(@Nullable Object value, boolean fired) {
    this.result = value;
    this.called = fired;
  }

  /**
   * Turns debug mode on or off. While it is on, each Deferred created records the stack that
   * created it, each Deferred fired records the stack that first fired it, and an
   * {@link AlreadyCalledError} raised carries both in its message (a {@code " C:"} line per
   * creator frame, an {@code " I:"} line per first-invoker frame); the same lines go into
   * unhandled-error reports. While it is off, nothing is recorded and an
   * {@link AlreadyCalledError} has no message: the hot path only reads one static flag.
   *
   * @param on whether to record
   * @twisted twisted.internet.defer.setDebugging
   */
  public static void setDebugging(boolean on) {
    debug = on;
  }

  /**
   * Tells whether debug mode is on.
   *
   * @return true when on
   * @twisted twisted.internet.defer.getDebugging
   */
  public static boolean getDebugging() {
    return debug;
  }

  // ----------------------------------------------------------------------------------------
  // Adding callbacks

  /**
   * Adds a callback and an errback at the same position in the chain: exactly one of them runs.
   *
   * @param callback runs on success
   * @param errback runs on failure; null passes failures on unchanged, as {@link #addCallback}
   * @param <R> the result type after them
   * @return this Deferred, retyped
   * @twisted twisted.internet.defer.Deferred.addCallbacks
   */
  public <R extends @Nullable Object> Deferred<R> addCallbacks(
      Callback<? super T, ? extends R> callback,
      @Nullable Callback<? super Failure, ? extends R> errback) {
    return append(Objects.requireNonNull(callback, "callback"), errback);
  }

  /**
   * Adds a callback; failures pass by it unchanged.
   *
   * @param callback runs on success
   * @param <R> its result type
   * @return this Deferred, retyped
   * @twisted twisted.internet.defer.Deferred.addCallback
   */
  public <R extends @Nullable Object> Deferred<R> addCallback(
      Callback<? super T, ? extends R> callback) {
    return append(Objects.requireNonNull(callback, "callback"), null);
  }

  /**
   * Adds a callback that returns a Deferred: the chain waits for it and goes on with its result.
   *
   * @param callback runs on success
   * @param <R> the result type of the Deferred it returns
   * @return this Deferred, retyped
   * @twisted twisted.internet.defer.Deferred.addCallback
   */
  public <R extends @Nullable Object> Deferred<R> addCallbackDeferred(
      Callback<? super T, ? extends Deferred<? extends R>> callback) {
    return append(Objects.requireNonNull(callback, "callback"), null);
  }

  /**
   * Adds an errback; successful results pass by it unchanged. To pass a failure on, rethrow it
   * ({@link Failure#trap}, {@link Failure#raiseException}).
   *
   * @param errback runs on failure; its return value recovers the chain
   * @return this Deferred
   * @twisted twisted.internet.defer.Deferred.addErrback
   */
  public Deferred<T> addErrback(Callback<? super Failure, ? extends T> errback) {
    return append(null, Objects.requireNonNull(errback, "errback"));
  }

  /**
   * Adds an errback that returns a Deferred: the chain waits for it and goes on with its result.
   *
   * @param errback runs on failure
   * @return this Deferred
   * @twisted twisted.internet.defer.Deferred.addErrback
   */
  public Deferred<T> addErrbackDeferred(
      Callback<? super Failure, ? extends Deferred<? extends T>> errback) {
    return append(null, Objects.requireNonNull(errback, "errback"));
  }

  /**
   * Adds one function as both callback and errback: it receives the result or the
   * {@link Failure}.
   *
   * @param callback runs either way
   * @param <R> its result type
   * @return this Deferred, retyped
   * @twisted twisted.internet.defer.Deferred.addBoth
   */
  public <R extends @Nullable Object> Deferred<R> addBoth(
      Callback<@Nullable Object, ? extends R> callback) {
    return append(Objects.requireNonNull(callback, "callback"), callback);
  }

  /**
   * Adds one function returning a Deferred as both callback and errback.
   *
   * @param callback runs either way
   * @param <R> the result type of the Deferred it returns
   * @return this Deferred, retyped
   * @twisted twisted.internet.defer.Deferred.addBoth
   */
  public <R extends @Nullable Object> Deferred<R> addBothDeferred(
      Callback<@Nullable Object, ? extends Deferred<? extends R>> callback) {
    return append(Objects.requireNonNull(callback, "callback"), callback);
  }

  /**
   * Makes {@code other} fire with whatever this Deferred's chain holds at this point; this chain
   * goes on with {@code null}. Firing {@code other} does not affect this one, but if {@code other}
   * has fired by the time this chain reaches it, this chain goes on with a Failure of
   * {@link AlreadyCalledError}. Until this chain reaches it, {@code other} reports itself (in
   * {@link #toString()}) as waiting on this one.
   *
   * @param other the Deferred to fire
   * @return this Deferred, whose result is now {@code null}
   * @twisted twisted.internet.defer.Deferred.chainDeferred
   */
  public Deferred<@Nullable Void> chainDeferred(Deferred<? super T> other) {
    Objects.requireNonNull(other, "other").chainedTo = this;
    ChainLink link = new ChainLink(other);
    return append(link, link);
  }

  @SuppressWarnings("unchecked")
  private <R extends @Nullable Object> Deferred<R> append(
      @Nullable Object cb, @Nullable Object eb) {
    if (called && head == tail && paused == 0 && !runningCallbacks
        && !(result instanceof Deferred)) {
      // Fired and idle: the new step is the whole pass. Run it now, without queueing it.
      boolean failed = result instanceof Failure;
      Object step = failed ? eb : cb;
      if (step == null) {
        settle(); // passes the result by; a Failure is unhandled again, as after any pass
        return (Deferred<R>) this;
      }
      if (step instanceof Callback) {
        runNow((Callback<?, ?>) step, failed);
        return (Deferred<R>) this;
      }
    }
    enqueue(cb, eb);
    if (called) {
      runCallbacks(false);
    }
    return (Deferred<R>) this;
  }

  /**
   * A pass of one callback on a fired, idle Deferred: what {@link #runCallbacks} would do with a
   * chain of one step, minus the queue. Steps the callback adds to this Deferred meanwhile go
   * through the queue, and the pass goes on with them as Twisted's loop would, even if the
   * callback paused this Deferred.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void runNow(Callback step, boolean failed) {
    chainedTo = null;
    if (!absorb(invoke(step, failed)) && head < tail) {
      runCallbacks(true);
      return;
    }
    settle();
  }

  /** Adds a slot pair without running anything. */
  private void enqueue(@Nullable Object cb, @Nullable Object eb) {
    @Nullable Object[] slots = entries;
    if (slots == null) {
      slots = entries = new Object[8];
    } else if (tail == slots.length) {
      if (head >= slots.length / 2) {
        // The consumed front is at least half the array: slide the live pairs down instead.
        System.arraycopy(slots, head, slots, 0, tail - head);
        Arrays.fill(slots, tail - head, tail, null);
        tail -= head;
        head = 0;
      } else {
        // Quadruple once past the first few pairs: long chains grow in fewer copies.
        slots = entries = Arrays.copyOf(slots, slots.length * (slots.length == 8 ? 4 : 2));
      }
    }
    slots[tail] = cb;
    slots[tail + 1] = eb;
    tail += 2;
  }

  // ----------------------------------------------------------------------------------------
  // Firing

  /**
   * Fires the chain with a successful result.
   *
   * @param result the result; a {@link Failure} here starts the errback chain instead
   * @throws AlreadyCalledError if this Deferred was fired before
   * @throws IllegalArgumentException if {@code result} is a Deferred
   * @twisted twisted.internet.defer.Deferred.callback
   */
  public void callback(T result) {
    if (result instanceof Deferred) {
      throw new IllegalArgumentException(NOT_A_RESULT);
    }
    start(result);
  }

  /**
   * Fires the errback chain with {@code error}, wrapped in a new {@link Failure}.
   *
   * @param error the error
   * @throws AlreadyCalledError if this Deferred was fired before
   * @twisted twisted.internet.defer.Deferred.errback
   */
  public void errback(Throwable error) {
    start(new Failure(error));
  }

  /**
   * Fires the errback chain with {@code failure}.
   *
   * @param failure the failure
   * @throws AlreadyCalledError if this Deferred was fired before
   * @twisted twisted.internet.defer.Deferred.errback
   */
  public void errback(Failure failure) {
    start(failure);
  }

  private void start(@Nullable Object value) {
    if (!fire(value)) {
      return;
    }
    if (head == tail) {
      // Nothing queued: the pass is only its ending (as runCallbacks would do it, cheaper).
      if (paused == 0 && !runningCallbacks) {
        chainedTo = null;
        settle();
      }
      return;
    }
    runCallbacks(false);
  }

  /**
   * Marks this Deferred fired with {@code value}. Returns false when a fire after a
   * canceller-less cancel was swallowed.
   */
  private boolean fire(@Nullable Object value) {
    if (called) {
      if (suppressAlreadyCalled) {
        suppressAlreadyCalled = false;
        return false;
      }
      throw alreadyCalled();
    }
    if (debug) {
      recordInvoker();
    }
    called = true;
    result = value;
    return true;
  }

  /** As Twisted, the debug flag at the time of the second fire decides what the error shows. */
  private AlreadyCalledError alreadyCalled() {
    if (!debug) {
      return new AlreadyCalledError();
    }
    DebugInfo info = debugInfo;
    return new AlreadyCalledError(info == null ? "\n" : info.alreadyCalledReport());
  }

  private void recordInvoker() {
    DebugInfo info = debugInfo;
    if (info == null) {
      info = debugInfo = new DebugInfo(false);
    }
    info.recordInvoker();
  }

  /**
   * Holds the chain: callbacks added or fired while paused wait for {@link #unpause()}. Pauses
   * nest.
   *
   * @twisted twisted.internet.defer.Deferred.pause
   */
  public void pause() {
    paused++;
  }

  /**
   * Releases one {@link #pause()}; the last release runs any callbacks that were held.
   *
   * @throws IllegalStateException if nothing is paused: Twisted would let the count go negative,
   *     which leaves the Deferred holding its callbacks until some later {@code pause()}
   * @twisted twisted.internet.defer.Deferred.unpause
   */
  public void unpause() {
    if (paused == 0) {
      throw new IllegalStateException("unpause() without a matching pause(): " + this);
    }
    if (--paused == 0 && called) {
      runCallbacks(false);
    }
  }

  // ----------------------------------------------------------------------------------------
  // Cancellation and timeouts

  /**
   * Cancels the operation behind this Deferred.
   *
   * <p>Not yet fired: the canceller runs if there is one; if this Deferred is still unfired
   * afterwards it fails with {@link CancelledError}. Without a canceller, one later
   * {@code callback} or {@code errback} (the operation finishing anyway) is silently ignored;
   * with a canceller that did not fire it, a later fire is an {@link AlreadyCalledError}.
   * Fired but waiting on a Deferred a callback returned: that Deferred is cancelled instead.
   * Otherwise nothing happens.
   *
   * @throws IllegalStateException if the Deferreds this one waits on wait on one another in a
   *     cycle, so none of them can ever fire
   * @twisted twisted.internet.defer.Deferred.cancel
   */
  public void cancel() {
    // Walk down to the innermost Deferred this one waits on, without recursion. The hare moves two
    // steps for the walker's one, so Deferreds waiting on one another in a cycle are caught
    // instead of walked forever (Twisted overflows its stack there).
    Deferred<?> target = this;
    Deferred<?> hare = this;
    while (target.called && target.result instanceof Deferred) {
      target = (Deferred<?>) target.result;
      for (int step = 0; step < 2 && hare.called && hare.result instanceof Deferred; step++) {
        hare = (Deferred<?>) hare.result;
      }
      if (hare == target && target.called && target.result instanceof Deferred) {
        throw new IllegalStateException("Deferreds wait on one another in a cycle: " + this);
      }
    }
    if (!target.called) {
      target.cancelUnfired();
    }
  }

  @SuppressWarnings("unchecked")
  private void cancelUnfired() {
    Canceller<T> canceller = (Canceller<T>) result; // unfired: the field holds the canceller
    if (canceller != null) {
      canceller.cancel(this);
    } else {
      suppressAlreadyCalled = true;
    }
    if (!called) {
      errback(new CancelledError());
    }
  }

  /**
   * Fails this Deferred with {@link TimeoutError} if it has not fired within {@code timeout}
   * seconds, by cancelling it. The timer is cancelled when the Deferred fires first.
   *
   * @param timeout seconds
   * @param clock the scheduler to time with (the reactor, or a {@code task.Clock} in tests)
   * @return this Deferred
   * @twisted twisted.internet.defer.Deferred.addTimeout
   */
  public Deferred<T> addTimeout(double timeout, IReactorTime clock) {
    return addTimeout(timeout, clock, Deferred::cancelledToTimedOut);
  }

  /**
   * As {@link #addTimeout(double, IReactorTime)}, but when the timeout cancels this Deferred,
   * {@code onTimeoutCancel} turns the cancellation result into the one the chain goes on with.
   *
   * @param timeout seconds
   * @param clock the scheduler to time with
   * @param onTimeoutCancel receives the result the cancellation left (usually a Failure of
   *     {@link CancelledError}) and {@code timeout}
   * @return this Deferred
   * @twisted twisted.internet.defer.Deferred.addTimeout
   */
  public Deferred<T> addTimeout(double timeout, IReactorTime clock,
      OnTimeoutCancel<? extends T> onTimeoutCancel) {
    boolean[] timedOut = {false};
    IDelayedCall timer = clock.callLater(timeout, () -> {
      timedOut[0] = true;
      cancel();
    });
    Callback<@Nullable Object, @Nullable Object> convert = value ->
        timedOut[0] ? onTimeoutCancel.onTimeoutCancel(value, timeout) : value;
    Callback<@Nullable Object, @Nullable Object> stopTimer = value -> {
      if (timer.active()) {
        timer.cancel();
      }
      return value;
    };
    append(convert, convert);
    return append(stopTimer, stopTimer);
  }

  private static <T> T cancelledToTimedOut(@Nullable Object value, double timeout)
      throws Throwable {
    if (value instanceof Failure) {
      ((Failure) value).trap(CancelledError.class);
      throw new TimeoutError(timeout, "Deferred");
    }
    @SuppressWarnings("unchecked")
    T same = (T) value;
    return same;
  }

  /**
   * Turns the result a timed-out, cancelled Deferred holds into the result its chain goes on
   * with.
   *
   * @param <T> the result type
   * @twisted twisted.internet.defer.Deferred.addTimeout (onTimeoutCancel)
   */
  @FunctionalInterface
  public interface OnTimeoutCancel<T extends @Nullable Object> {
    /**
     * Converts the cancellation result.
     *
     * @param result the Deferred's result after cancelling: a Failure, or a value a canceller gave
     * @param timeout the timeout that expired, in seconds
     * @return the new result
     * @throws Throwable anything; it becomes the Failure the chain goes on with
     */
    T onTimeoutCancel(@Nullable Object result, double timeout) throws Throwable;
  }

  // ----------------------------------------------------------------------------------------
  // State

  /**
   * Whether {@code callback} or {@code errback} has been called.
   *
   * @return true once fired
   * @twisted twisted.internet.defer.Deferred.called
   */
  public boolean called() {
    return called;
  }

  /**
   * How many {@link #pause()} calls are not yet matched by {@link #unpause()}, counting the
   * implicit pause while waiting on a Deferred a callback returned.
   *
   * @return the pause depth
   * @twisted twisted.internet.defer.Deferred.paused
   */
  public int paused() {
    return paused;
  }

  /**
   * Whether the chain currently holds a result, as opposed to being unfired or waiting on a
   * Deferred a callback returned.
   *
   * @return true when {@link #result()} would return a value or a Failure
   */
  public boolean hasResult() {
    return called && !(result instanceof Deferred);
  }

  /**
   * The chain's current result: a value, a {@link Failure}, or the Deferred it waits on. Reading
   * it does not consume it; tests use {@code trial.TestCase.successResultOf} instead.
   *
   * @return the current result
   * @throws IllegalStateException if this Deferred has not fired
   * @twisted twisted.internet.defer.Deferred.result
   */
  public @Nullable Object result() {
    if (!called) {
      throw new IllegalStateException("Deferred has not fired: " + this);
    }
    return result;
  }

  /** Reads like Twisted's repr: {@code <Deferred at 0x1b6e current result: 5>}. */
  @Override
  public String toString() {
    String id = "Deferred at 0x" + Integer.toHexString(System.identityHashCode(this));
    if (chainedTo != null) {
      return "<" + id + " waiting on Deferred at 0x"
          + Integer.toHexString(System.identityHashCode(chainedTo)) + ">";
    }
    if (!called) {
      return "<" + id + ">";
    }
    return "<" + id + " current result: " + result + ">";
  }

  // ----------------------------------------------------------------------------------------
  // Future interop

  /**
   * Adapts a {@link CompletionStage} that completes on this thread: the Deferred fires when the
   * stage completes, on the thread that completes it (at once if it is already complete).
   *
   * <p>Errors: the stage's error, unwrapped from {@link java.util.concurrent.CompletionException}
   * and {@link java.util.concurrent.ExecutionException}; a cancelled stage gives
   * {@link CancelledError} (whose cause is the {@link java.util.concurrent.CancellationException}).
   *
   * <p>Cancelling the Deferred cancels the stage when it is a {@link java.util.concurrent.Future}
   * that allows it, and the Deferred then fires with the stage's outcome, normally
   * {@code CancelledError}; a stage that cannot be cancelled makes the Deferred fail with
   * {@code CancelledError} at once and its later outcome is dropped.
   *
   * <p>Threading: the Deferred is not thread-safe, so a stage completed by another thread must go
   * through {@link #fromFuture(CompletionStage, IReactorFromThreads)} instead.
   *
   * @param stage the stage
   * @param <T> the result type
   * @return a new Deferred
   * @twisted twisted.internet.defer.Deferred.fromFuture
   */
  public static <T extends @Nullable Object> Deferred<T> fromFuture(CompletionStage<T> stage) {
    return FutureInterop.fromStage(stage, null);
  }

  /**
   * Adapts a {@link CompletionStage} that may complete on any thread: its outcome is handed to
   * {@code reactor.callFromThread}, so the Deferred fires on the reactor thread, never before the
   * reactor runs that call (even for a stage already complete). Errors and cancellation are as in
   * {@link #fromFuture(CompletionStage)}; after a successful cancel the Deferred fires with
   * {@link CancelledError} when the reactor delivers the cancelled outcome, and if the stage had
   * already completed, with its real outcome, as in Twisted.
   *
   * @param stage the stage
   * @param reactor where the outcome is delivered
   * @param <T> the result type
   * @return a new Deferred
   * @twisted twisted.internet.defer.Deferred.fromFuture
   */
  public static <T extends @Nullable Object> Deferred<T> fromFuture(
      CompletionStage<T> stage, IReactorFromThreads reactor) {
    return FutureInterop.fromStage(stage, Objects.requireNonNull(reactor, "reactor"));
  }

  /**
   * Adapts a Guava {@link ListenableFuture} that completes on this thread; as
   * {@link #fromFuture(CompletionStage)}.
   *
   * @param future the future
   * @param <T> the result type
   * @return a new Deferred
   * @twisted twisted.internet.defer.Deferred.fromFuture
   */
  public static <T extends @Nullable Object> Deferred<T> fromListenableFuture(
      ListenableFuture<T> future) {
    return FutureInterop.fromListenable(future, null);
  }

  /**
   * Adapts a Guava {@link ListenableFuture} that may complete on any thread, delivering on the
   * reactor thread; as {@link #fromFuture(CompletionStage, IReactorFromThreads)}.
   *
   * @param future the future
   * @param reactor where the outcome is delivered
   * @param <T> the result type
   * @return a new Deferred
   * @twisted twisted.internet.defer.Deferred.fromFuture
   */
  public static <T extends @Nullable Object> Deferred<T> fromListenableFuture(
      ListenableFuture<T> future, IReactorFromThreads reactor) {
    return FutureInterop.fromListenable(future, Objects.requireNonNull(reactor, "reactor"));
  }

  /**
   * A {@link CompletableFuture} that completes with this Deferred's result, or exceptionally with
   * its Failure's error. This adds a callback pair: the chain goes on with {@code null}
   * afterwards, as with Twisted's {@code asFuture}.
   *
   * <p>Cancelling the future (its {@code cancel} method; not dependent stages) cancels this
   * Deferred, on the thread that cancels the future: cancel it only on this Deferred's thread. A
   * result the Deferred gets after the future was cancelled, even from its canceller, is dropped.
   *
   * @return a new future
   * @twisted twisted.internet.defer.Deferred.asFuture
   */
  public CompletableFuture<T> asFuture() {
    return FutureInterop.toCompletable(this);
  }

  /**
   * A Guava {@link ListenableFuture} that completes with this Deferred's result; as
   * {@link #asFuture()}.
   *
   * @return a new future
   * @twisted twisted.internet.defer.Deferred.asFuture
   */
  public ListenableFuture<T> asListenableFuture() {
    return FutureInterop.toListenable(this);
  }

  // ----------------------------------------------------------------------------------------
  // The callback loop

  /** Marks a slot pair that fires another Deferred with the result ({@link #chainDeferred}). */
  private static final class ChainLink {
    final Deferred<?> target;

    ChainLink(Deferred<?> target) {
      this.target = target;
    }
  }

  /**
   * Runs callbacks until every chain it reaches is empty, paused, or waiting.
   *
   * <p>Work that Twisted does by nesting goes on an explicit stack of frames instead, so depth
   * costs heap, not Java stack. A <em>waiter</em> frame is a Deferred that was waiting on the
   * frame below and has just been handed its result (Twisted's {@code chain} list): when it is
   * done, the frame below is looked at again, pause count first. A <em>linked</em> frame is a
   * {@link #chainDeferred} target fired from the frame below: it stands for Twisted's nested
   * {@code target.callback(result)} call, so while it runs the frame below counts as running a
   * callback, and when that nested pass ends the frame below resumes mid-chain. A paused frame
   * ends the pass, or only the nested pass of the nearest linked frame below it. The nearest
   * frame below is kept in locals, so the common single hand-off allocates nothing.
   */
  private void runCallbacks(boolean resumeThis) {
    if (runningCallbacks) {
      return; // a callback of ours added another; the loop below picks it up
    }
    Deferred<?> current = this;
    boolean linked = false; // current is a linked frame
    boolean resume = resumeThis; // go on with current's chain without looking at its pause count
    boolean unwinding = false; // a paused frame ended the (nested) pass: leave frames
    @Nullable Deferred<?> below = null;
    boolean belowLinked = false;
    @Nullable Frames deeper = null;
    try {
      while (true) {
        if (!unwinding && (resume || current.paused == 0)) {
          if (!resume) {
            current.chainedTo = null;
          }
          resume = false;
          Object next = current.drain();
          if (next != null) {
            if (below != null) {
              if (deeper == null) {
                deeper = new Frames();
              }
              deeper.push(below, belowLinked);
            }
            below = current;
            belowLinked = linked;
            if (next instanceof ChainLink) {
              current.runningCallbacks = true;
              current = ((ChainLink) next).target;
              linked = true;
            } else {
              current = (Deferred<?>) next;
              linked = false;
            }
            continue;
          }
          current.settle();
        } else {
          unwinding = true;
        }
        // Leave current for the frame below.
        if (below == null) {
          return;
        }
        boolean leftLinked = linked;
        current = below;
        linked = belowLinked;
        if (deeper != null && deeper.depth > 0) {
          belowLinked = deeper.topLinked();
          below = deeper.pop();
        } else {
          below = null;
        }
        if (leftLinked) {
          current.returnFromLink();
          resume = true;
          unwinding = false;
        }
      }
    } catch (Throwable t) {
      // Not expected (callbacks' throws are caught); leave no source marked as running.
      boolean aboveLinked = linked;
      while (below != null) {
        if (aboveLinked) {
          below.runningCallbacks = false;
        }
        aboveLinked = belowLinked;
        if (deeper != null && deeper.depth > 0) {
          belowLinked = deeper.topLinked();
          below = deeper.pop();
        } else {
          below = null;
        }
      }
      throw t;
    }
  }

  /**
   * Runs this Deferred's callbacks until they run out or the result must move on. Returns null
   * when this chain is done for now (empty, or waiting on a Deferred a callback returned); the
   * waiter it handed its result to; or the {@link ChainLink} whose target it fired.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private @Nullable Object drain() {
    while (head < tail) {
      @Nullable Object[] slots = entries;
      int at = head;
      boolean failed = result instanceof Failure;
      Object step = slots[failed ? at + 1 : at];
      slots[at] = null;
      slots[at + 1] = null;
      head = at + 2;
      if (head == tail) {
        head = tail = 0;
      }
      Object next;
      if (step instanceof Callback) {
        next = invoke((Callback) step, failed);
      } else if (step == null) {
        // Pass-through; but as Twisted's passthru, a Deferred result (left by an unpause while
        // waiting) is waited on again.
        if (!(result instanceof Deferred)) {
          continue;
        }
        next = result;
      } else {
        Object moved = handOn(step);
        if (moved != this) {
          return moved;
        }
        continue;
      }
      if (absorb(next)) {
        return null;
      }
    }
    return null;
  }

  /**
   * The steps that move the result on rather than transform it: a waiter's continuation, or a
   * chainDeferred link. Returns the frame to run next, or this Deferred to go on with its chain.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object handOn(Object step) {
    if (step instanceof Deferred) {
      // A waiter's continuation: it takes our result, and we go on with None.
      Deferred waiter = (Deferred) step;
      waiter.result = result;
      result = null;
      clearUnhandled();
      waiter.paused--;
      return waiter;
    }
    // As Twisted's nested target.callback(result): our result stays in place while the target
    // runs, and becomes None (that call's return value) once it is done.
    ChainLink link = (ChainLink) step;
    if (result instanceof Deferred) {
      result = new Failure(new IllegalArgumentException(NOT_A_RESULT));
      return this;
    }
    try {
      if (link.target.fire(result) && !link.target.runningCallbacks) {
        return link;
      }
      result = null;
    } catch (AlreadyCalledError e) {
      result = new Failure(e);
    }
    return this;
  }

  /**
   * Calls one callback or errback with the current result, marked as running so steps it adds
   * are queued behind it; returns what it gave, a throw turned into a Failure.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private @Nullable Object invoke(Callback step, boolean failed) {
    Object next;
    runningCallbacks = true;
    try {
      // Two call sites on purpose: callbacks and errbacks keep separate type profiles, so with
      // few callback types the JIT can inline them, and a throw from an inlined callback is far
      // cheaper than one unwinding a call (docs/performance.md, shape d).
      if (failed) {
        next = step.call(result);
      } else {
        next = step.call(result);
      }
    } catch (Throwable t) {
      next = failureFor(result, t);
    } finally {
      runningCallbacks = false;
    }
    if (next == this) {
      next = new Failure(new IllegalStateException(
          "Callback returned the Deferred it was attached to: " + step));
    }
    return next;
  }

  /**
   * Makes a step's return value the result: a Deferred that has its result gives it up to us; one
   * that has not is waited on. Returns true when this chain now waits.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private boolean absorb(@Nullable Object next) {
    result = next;
    if (next instanceof Deferred) {
      Deferred inner = (Deferred) next;
      if (!inner.called || inner.result instanceof Deferred || inner.paused != 0) {
        // Not there yet: wait for it. It is not running its callbacks, so enqueue directly.
        paused++;
        chainedTo = inner;
        inner.enqueue(this, this);
        return true;
      }
      // Already there: take its result.
      result = inner.result;
      inner.result = null;
      inner.clearUnhandled();
    }
    return false;
  }

  /** The chainDeferred target this fired has finished its pass: go on with None. */
  private void returnFromLink() {
    runningCallbacks = false;
    result = null;
  }

  /** Records whether this chain, done for now, is left holding a Failure. */
  private void settle() {
    if (result instanceof Failure) {
      trackUnhandled((Failure) result);
    } else {
      clearUnhandled();
    }
  }

  /**
   * The frames below the nearest one in {@link #runCallbacks}: each Deferred with a flag saying
   * whether it is a linked frame. Allocated only when frames stack two deep.
   */
  private static final class Frames {
    Deferred<?>[] deferreds = new Deferred<?>[8];
    boolean[] linked = new boolean[8];
    int depth;

    void push(Deferred<?> d, boolean isLinked) {
      if (depth == deferreds.length) {
        deferreds = Arrays.copyOf(deferreds, depth * 2);
        linked = Arrays.copyOf(linked, depth * 2);
      }
      deferreds[depth] = d;
      linked[depth++] = isLinked;
    }

    boolean topLinked() {
      return linked[depth - 1];
    }

    Deferred<?> pop() {
      Deferred<?> d = deferreds[--depth];
      deferreds[depth] = null;
      return d;
    }
  }

  /** The Failure for a throw: the same one again when an errback rethrew what it was handed. */
  private static Failure failureFor(@Nullable Object previous, Throwable thrown) {
    if (previous instanceof Failure && ((Failure) previous).value() == thrown) {
      return (Failure) previous;
    }
    return new Failure(thrown);
  }

  private void trackUnhandled(Failure failure) {
    UnhandledErrorTracker t = tracker;
    if (t == null) {
      t = tracker = UnhandledErrorTracker.register(this, debugInfo);
    }
    t.hold(failure);
    // Without the fence this Deferred may be found unreachable (and its tracker run) before
    // hold() has published the Failure, which would then never be reported.
    Reference.reachabilityFence(this);
  }

  private void clearUnhandled() {
    UnhandledErrorTracker t = tracker;
    if (t != null) {
      // Dropped rather than kept: an idle tracker would cost the GC work for the rest of this
      // Deferred's life. trackUnhandled registers a fresh one if a Failure comes back.
      tracker = null;
      t.dispose();
      // As in trackUnhandled: this Deferred must not look dead before the tracker is unlinked,
      // or a Failure just handled could still be reported.
      Reference.reachabilityFence(this);
    }
  }
}
