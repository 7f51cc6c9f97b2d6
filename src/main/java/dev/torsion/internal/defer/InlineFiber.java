package dev.torsion.internal.defer;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.InlineCallbacks.Awaiter;
import dev.torsion.internet.defer.InlineCallbacks.Body;
import dev.torsion.python.failure.Failure;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * One run of an inlineCallbacks body, on a thread of its own, handed control in strict turns.
 *
 * <p><b>The hand-off.</b> Exactly one of two threads runs: the body's thread, or its driver (the
 * thread that started it, or that fired the Deferred it awaited). The driver publishes what it
 * hands over, writes {@code state = RUNNING} and parks until the body's hand-back count moves
 * past the one it saw; the body writes back, bumps {@code handBacks}, sets {@code SUSPENDED} or
 * {@code DONE} and unparks the driver. The two volatiles are all either side waits on, so every
 * plain field written before a hand-off is seen after it (volatile write, then volatile read of
 * the written value).
 *
 * <p><b>Awaiting.</b> {@code await} adds one callback to the awaited Deferred. If it runs during
 * that very call (the Deferred had its result), the result is taken on the spot: no hand-off, no
 * stack growth. Otherwise the body suspends, and the callback, when the Deferred fires, becomes
 * the driver and resumes it.
 *
 * <p><b>Cancellation</b> follows Twisted's {@code _cancellableInlineCallbacks}. Every Deferred the
 * body may fire ({@code target}) is built with a canceller and, first in its chain, an errback
 * that recognises the canceller's {@link CancelRequest}. Cancelling it therefore fails it with
 * that request; the errback swaps in a fresh target, cancels the awaited Deferred (whose outcome
 * is thrown into the body) and returns the fresh target, so the user's callbacks wait for the
 * body to finish.
 */
public final class InlineFiber<T extends @Nullable Object> implements Awaiter {
  private static final int RUNNING = 0;
  private static final int SUSPENDED = 1;
  private static final int DONE = 2;

  private final Body<T> body;
  private volatile int state = RUNNING;
  /**
   * Bumped by the body each time it gives control back (suspends or finishes). Each driver waits
   * for a bump past the count it saw when it handed over, so a driver whose turn was taken over by
   * a foreign thread firing the awaited Deferred still wakes (a state check alone would miss it).
   */
  private volatile long handBacks;
  /** The thread the body runs on; set when it starts. */
  private volatile @Nullable Thread thread;
  /** The thread blocked until the body next suspends or finishes. */
  private Thread driver;
  /** The result (a value or Failure) the driver hands to a suspended await. */
  private @Nullable Object handed;
  /** What the body is suspended on, for cancellation; null while it runs. */
  private @Nullable Deferred<?> awaited;
  /** The Deferred first returned to the caller. */
  private final Deferred<T> returned;
  /** The Deferred the body's outcome fires: {@code returned}, or a replacement after cancel. */
  private Deferred<T> target;
  /** Thrown while firing {@code target}; rethrown to the driver, as Twisted lets it escape. */
  private @Nullable Throwable driverError;
  // Body-thread state for one await.
  private boolean registering;
  private boolean arrived;
  private @Nullable Object arrivedResult;
  private boolean finished;

  private InlineFiber(Body<T> body) {
    this.body = body;
    this.driver = Thread.currentThread();
    this.returned = this.target = newTarget();
  }

  /** Runs {@code body} until it finishes or first suspends; returns its Deferred. */
  public static <T extends @Nullable Object> Deferred<T> start(Body<T> body) {
    InlineFiber<T> fiber = new InlineFiber<>(body);
    FiberThreads.execute(fiber::runBody);
    fiber.waitForTurn(0);
    fiber.rethrowDriverError();
    return fiber.returned;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <X extends @Nullable Object> X await(Deferred<X> deferred) throws Throwable {
    Objects.requireNonNull(deferred, "deferred");
    if (Thread.currentThread() != thread || finished) {
      throw new IllegalStateException(
          "await() called outside its inlineCallbacks body, or after the body returned");
    }
    if (deferred == returned || deferred == target) {
      throw new IllegalArgumentException("an inlineCallbacks body cannot await its own Deferred");
    }
    registering = true;
    try {
      deferred.addBoth(this::awaitedFired);
    } finally {
      registering = false;
    }
    Object result;
    if (arrived) {
      result = arrivedResult;
      arrived = false;
      arrivedResult = null;
    } else {
      awaited = deferred;
      result = suspend();
      awaited = null;
    }
    if (result instanceof Failure) {
      throw AwaitedAt.record(((Failure) result).value());
    }
    return (X) result;
  }

  /** The callback on an awaited Deferred; consumes its result, as Twisted's gotResult does. */
  private @Nullable Void awaitedFired(@Nullable Object result) throws Throwable {
    if (Thread.currentThread() == thread && registering) {
      arrived = true;
      arrivedResult = result;
      return null;
    }
    resume(result);
    return null;
  }

  /** On the firing thread: hands {@code result} to the suspended body, waits for its turn. */
  private void resume(@Nullable Object result) throws Throwable {
    // Only a Deferred fired from a foreign thread while the body is still between adding its
    // callback and suspending can find it running: that gap is a few instructions long.
    while (state == RUNNING) {
      Thread.onSpinWait();
    }
    long seen = handBacks;
    handed = result;
    driver = Thread.currentThread();
    state = RUNNING;
    LockSupport.unpark(thread);
    waitForTurn(seen);
    rethrowDriverError();
  }

  private void rethrowDriverError() {
    Throwable error = driverError;
    if (error != null) {
      driverError = null;
      if (error instanceof Error) {
        throw (Error) error;
      }
      if (error instanceof RuntimeException) {
        throw (RuntimeException) error;
      }
      throw new IllegalStateException(error);
    }
  }

  /** On the driver: parks until the body gives control back past {@code seen}. */
  private void waitForTurn(long seen) {
    boolean interrupted = false;
    while (handBacks == seen) {
      LockSupport.park(this);
      // park returns at once while interrupted: clear it, wait on, and restore it afterwards.
      interrupted |= Thread.interrupted();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** On the body's thread: gives the turn back to the driver, waits for a result. */
  private @Nullable Object suspend() {
    Thread waiting = driver;
    handBacks++;
    state = SUSPENDED;
    LockSupport.unpark(waiting);
    boolean interrupted = false;
    while (state != RUNNING) {
      LockSupport.park(this);
      interrupted |= Thread.interrupted();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Object result = handed;
    handed = null;
    return result;
  }

  private void runBody() {
    thread = Thread.currentThread();
    Object outcome;
    try {
      outcome = body.run(this);
    } catch (Throwable t) {
      outcome = new Failure(t);
    }
    finished = true;
    try {
      fire(outcome);
    } catch (Throwable t) {
      driverError = t;
    }
    Thread waiting = driver;
    handBacks++;
    state = DONE;
    LockSupport.unpark(waiting);
  }

  @SuppressWarnings("unchecked")
  private void fire(@Nullable Object outcome) {
    if (outcome instanceof Failure) {
      target.errback((Failure) outcome);
    } else if (outcome instanceof Deferred) {
      target.errback(new IllegalArgumentException(
          "an inlineCallbacks body returned a Deferred; await it and return its result"));
    } else {
      target.callback((T) outcome);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Cancellation

  private Deferred<T> newTarget() {
    Deferred<T> d = new Deferred<>(it -> it.errback(new CancelRequest()));
    return d.addErrbackDeferred(this::cancelRequested);
  }

  /** First errback of every target: turns the canceller's request into a real cancellation. */
  private Deferred<T> cancelRequested(Failure failure) throws Throwable {
    failure.trap(CancelRequest.class);
    Deferred<T> next = newTarget();
    target = next;
    Deferred<?> waitingOn = awaited;
    if (waitingOn != null) {
      waitingOn.cancel();
    }
    return next;
  }

  /** A target's canceller's request, trapped by the target's first errback; never escapes. */
  private static final class CancelRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CancelRequest() {
      super("inlineCallbacks cancellation", null, false, false);
    }
  }
}
