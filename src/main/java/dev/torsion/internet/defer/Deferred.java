package dev.torsion.internet.defer;

import dev.torsion.internal.defer.DebugInfo;
import dev.torsion.internal.defer.FutureInterop;
import dev.torsion.internal.defer.UnhandledErrorTracker;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IReactorFromThreads;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.python.failure.Failure;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayDeque;
import java.util.Arrays;
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
 * it, in the same pass. It may fire other Deferreds. Chains of any depth, whether made by
 * returning Deferreds from callbacks or by {@link #chainDeferred}, run in constant stack depth.
 *
 * <p><b>Errors.</b> Firing twice throws {@link AlreadyCalledError}. A Deferred that is left
 * holding a Failure when it becomes unreachable is reported as "Unhandled error in Deferred" with
 * the Failure's stack, through {@link UnhandledErrors}, which also lets tests collect such errors
 * deterministically.
 *
 * <p><b>Differences from Twisted.</b> Extra callback arguments are captured by lambdas instead of
 * {@code *args}; a callback that returns the Deferred it is attached to fails the chain with
 * {@link IllegalStateException} instead of warning; {@code chainDeferred} does not recurse.
 *
 * @param <T> the type of the result the next added callback receives
 * @twisted twisted.internet.defer.Deferred
 */
public final class Deferred<T extends @Nullable Object> {
  private static volatile boolean debug;

  /** Callbacks not yet run, as (callback, errback) slot pairs from {@code head} to {@code tail}. */
  private @Nullable Object[] entries;
  private int head;
  private int tail;
  private @Nullable Object result;
  private boolean called;
  private int paused;
  private boolean runningCallbacks;
  private boolean suppressAlreadyCalled;
  /** The Deferred this one waits on, for {@link #toString()}; null when not waiting. */
  private @Nullable Deferred<?> chainedTo;
  private final @Nullable Canceller<T> canceller;
  private @Nullable UnhandledErrorTracker tracker;
  private final @Nullable DebugInfo debugInfo;

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
    this.canceller = canceller;
    this.debugInfo = debug ? new DebugInfo() : null;
  }

  /**
   * Turns debug mode on or off for Deferreds created afterwards. In debug mode a Deferred records
   * where it was created and first fired, and {@link AlreadyCalledError} shows both. Off by
   * default, and then it costs nothing.
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
   * @param errback runs on failure
   * @param <R> the result type after them
   * @return this Deferred, retyped
   * @twisted twisted.internet.defer.Deferred.addCallbacks
   */
  public <R extends @Nullable Object> Deferred<R> addCallbacks(
      Callback<? super T, ? extends R> callback, Callback<? super Failure, ? extends R> errback) {
    return append(callback, errback);
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
    return append(callback, null);
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
    return append(callback, null);
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
    return append(null, errback);
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
    return append(null, errback);
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
    return append(callback, callback);
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
    return append(callback, callback);
  }

  /**
   * Makes {@code other} fire with whatever this Deferred's chain holds at this point; this chain
   * goes on with {@code null}. Firing {@code other} first does not affect this one.
   *
   * @param other the Deferred to fire
   * @return this Deferred, whose result is now {@code null}
   * @twisted twisted.internet.defer.Deferred.chainDeferred
   */
  public Deferred<@Nullable Void> chainDeferred(Deferred<? super T> other) {
    other.chainedTo = this;
    ChainLink link = new ChainLink(other);
    return append(link, link);
  }

  @SuppressWarnings("unchecked")
  private <R extends @Nullable Object> Deferred<R> append(@Nullable Object cb, @Nullable Object eb) {
    @Nullable Object[] slots = entries;
    if (slots == null) {
      slots = entries = new Object[8];
    } else if (tail == slots.length) {
      if (head > 0 && head >= slots.length / 2) {
        System.arraycopy(slots, head, slots, 0, tail - head);
        Arrays.fill(slots, tail - head, tail, null);
        tail -= head;
        head = 0;
      } else {
        slots = entries = Arrays.copyOf(slots, slots.length * 2);
      }
    }
    slots[tail] = cb;
    slots[tail + 1] = eb;
    tail += 2;
    if (called) {
      runCallbacks();
    }
    return (Deferred<R>) this;
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
      throw new IllegalArgumentException("a Deferred cannot be the result of callback()");
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
    runCallbacks();
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
      throw new AlreadyCalledError(debugInfo == null ? "" : debugInfo.alreadyCalledReport());
    }
    if (debugInfo != null) {
      debugInfo.recordInvoker();
    }
    called = true;
    result = value;
    return true;
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
   * @twisted twisted.internet.defer.Deferred.unpause
   */
  public void unpause() {
    paused--;
    if (paused == 0 && called) {
      runCallbacks();
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
   * @throws IllegalStateException if the Deferreds waited on form a cycle (a deadlock)
   * @twisted twisted.internet.defer.Deferred.cancel
   */
  public void cancel() {
    Deferred<?> target = this;
    Deferred<?> behind = this; // moves at half speed: meets target only on a cycle
    boolean step = false;
    // Walk down to the innermost Deferred this one waits on, without recursion.
    while (target.called && target.result instanceof Deferred) {
      target = (Deferred<?>) target.result;
      if (step) {
        behind = (Deferred<?>) behind.result;
      }
      step = !step;
      if (target == behind) {
        // Twisted recurses here until RecursionError.
        throw new IllegalStateException("cannot cancel: Deferreds wait on each other in a cycle");
      }
    }
    if (!target.called) {
      target.cancelUnfired();
    }
  }

  private void cancelUnfired() {
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
   * Adapts a {@link CompletionStage}: the Deferred fires when the stage completes, on whatever
   * thread completes it. Cancelling the Deferred cancels the stage's future.
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
   * Adapts a {@link CompletionStage} whose completion may happen on another thread: the Deferred
   * fires on the reactor thread, through {@code reactor.callFromThread}. Cancelling the Deferred
   * cancels the stage's future.
   *
   * @param stage the stage
   * @param reactor where the result is delivered
   * @param <T> the result type
   * @return a new Deferred
   * @twisted twisted.internet.defer.Deferred.fromFuture
   */
  public static <T extends @Nullable Object> Deferred<T> fromFuture(
      CompletionStage<T> stage, IReactorFromThreads reactor) {
    return FutureInterop.fromStage(stage, reactor);
  }

  /**
   * Adapts a Guava {@link ListenableFuture}; as {@link #fromFuture(CompletionStage)}.
   *
   * @param future the future
   * @param <T> the result type
   * @return a new Deferred
   */
  public static <T extends @Nullable Object> Deferred<T> fromListenableFuture(
      ListenableFuture<T> future) {
    return FutureInterop.fromListenable(future, null);
  }

  /**
   * Adapts a Guava {@link ListenableFuture}, delivering on the reactor thread.
   *
   * @param future the future
   * @param reactor where the result is delivered
   * @param <T> the result type
   * @return a new Deferred
   */
  public static <T extends @Nullable Object> Deferred<T> fromListenableFuture(
      ListenableFuture<T> future, IReactorFromThreads reactor) {
    return FutureInterop.fromListenable(future, reactor);
  }

  /**
   * A {@link CompletableFuture} that completes with this Deferred's result. This adds a callback:
   * the chain goes on with {@code null} afterwards, as Twisted's {@code asFuture}. Cancelling the
   * future cancels this Deferred.
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
   */
  public ListenableFuture<T> asListenableFuture() {
    return FutureInterop.toListenable(this);
  }

  // ----------------------------------------------------------------------------------------
  // The callback loop

  /** Marks a slot pair that hands the result to a Deferred waiting on this one. */
  private static final class Continuation {
    final Deferred<?> waiter;

    Continuation(Deferred<?> waiter) {
      this.waiter = waiter;
    }
  }

  /** Marks a slot pair that fires another Deferred with the result ({@link #chainDeferred}). */
  private static final class ChainLink {
    final Deferred<?> target;

    ChainLink(Deferred<?> target) {
      this.target = target;
    }
  }

  /**
   * Runs callbacks until the chain is empty, paused, or waiting. Deferreds that continue from
   * this one (waiters and chainDeferred targets) are run by this same loop through an explicit
   * stack, so depth costs heap, not Java stack.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void runCallbacks() {
    if (runningCallbacks) {
      return; // a callback of ours added another; the loop below picks it up
    }
    ArrayDeque<Deferred<?>> stack = null;
    // Frames pushed by a ChainLink behave as a nested callback() call would: a paused target
    // returns to the Deferred below it rather than ending the whole pass.
    ArrayDeque<Boolean> linked = null;
    Deferred current = this;
    boolean currentLinked = false;
    boolean resumeLinked = false;
    while (true) {
      boolean finished = true;
      // Back from a ChainLink target, the source goes on as after a nested callback() returned:
      // without looking at its pause count again.
      boolean ran = current.paused == 0 || resumeLinked;
      resumeLinked = false;
      if (!ran) {
        // A pause ends the innermost nested callback() pass: drop frames down to the ChainLink
        // target that began it (popped below, back to its source), or end the whole pass.
        while (!currentLinked) {
          if (stack == null || stack.isEmpty()) {
            return;
          }
          current = stack.pop();
          currentLinked = linked.pop();
        }
      } else {
        current.chainedTo = null;
        while (current.head < current.tail) {
          Object[] slots = current.entries;
          boolean failed = current.result instanceof Failure;
          Object step = slots[current.head + (failed ? 1 : 0)];
          slots[current.head] = null;
          slots[current.head + 1] = null;
          current.head += 2;
          if (current.head == current.tail) {
            current.head = current.tail = 0;
          }
          if (step == null) {
            continue; // pass-through
          }
          if (step instanceof Continuation) {
            Deferred waiter = ((Continuation) step).waiter;
            waiter.result = current.result;
            current.result = null;
            current.clearUnhandled();
            waiter.paused--;
            if (stack == null) {
              stack = new ArrayDeque<>();
              linked = new ArrayDeque<>();
            }
            stack.push(current);
            linked.push(currentLinked);
            current = waiter;
            currentLinked = false;
            finished = false;
            break;
          }
          if (step instanceof ChainLink) {
            Deferred target = ((ChainLink) step).target;
            Object value = current.result;
            boolean fired;
            try {
              fired = target.fire(value);
            } catch (AlreadyCalledError e) {
              current.result = new Failure(e);
              continue;
            }
            if (fired && !target.runningCallbacks) {
              if (stack == null) {
                stack = new ArrayDeque<>();
                linked = new ArrayDeque<>();
              }
              stack.push(current);
              linked.push(currentLinked);
              // As in target.callback(): the source keeps its result and counts as running.
              current.runningCallbacks = true;
              current = target;
              currentLinked = true;
              finished = false;
              break;
            }
            current.result = null;
            continue;
          }
          Object next;
          current.runningCallbacks = true;
          try {
            next = ((Callback) step).call(current.result);
          } catch (Throwable t) {
            next = failureFor(current.result, t);
          } finally {
            current.runningCallbacks = false;
          }
          if (next == current) {
            next = new Failure(new IllegalStateException(
                "Callback returned the Deferred it was attached to: " + step));
          }
          current.result = next;
          if (next instanceof Deferred) {
            Deferred inner = (Deferred) next;
            if (!inner.called || inner.result instanceof Deferred || inner.paused > 0) {
              // Not there yet: wait for it.
              current.paused++;
              current.chainedTo = inner;
              Continuation c = new Continuation(current);
              inner.append(c, c);
              break;
            }
            // Already there: take its result.
            current.result = inner.result;
            inner.result = null;
            inner.clearUnhandled();
          }
        }
      }
      if (finished && ran) {
        if (current.result instanceof Failure) {
          current.trackUnhandled((Failure) current.result);
        } else {
          current.clearUnhandled();
        }
      }
      if (!finished) {
        continue;
      }
      if (stack == null || stack.isEmpty()) {
        return;
      }
      boolean childLinked = currentLinked;
      current = stack.pop();
      currentLinked = linked.pop();
      if (childLinked) {
        current.result = null; // what target.callback() returned
        current.runningCallbacks = false;
        resumeLinked = true;
      }
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
  }

  private void clearUnhandled() {
    UnhandledErrorTracker t = tracker;
    if (t != null) {
      t.release();
    }
  }
}
