package dev.torsion.internet.defer;

import dev.torsion.internal.defer.WaiterQueue;
import org.jspecify.annotations.Nullable;

/**
 * A lock for event-driven code: {@link #acquire()} gives a Deferred that fires, with the lock,
 * once the caller holds it; waiters are served first come, first served.
 *
 * <pre>{@code
 * lock.run(() -> writeRecord(r));   // acquire, call, release when its Deferred fires
 * }</pre>
 *
 * <p><b>Threading.</b> Not thread-safe: use it on the reactor thread, as every Deferred.
 *
 * <p><b>Re-entrancy.</b> Not re-entrant: a holder that acquires again waits behind itself.
 * {@link #release()} called from inside a waiter's callback (the usual case) hands the lock to the
 * next waiter at once, but that waiter's callbacks run only after the current callback returns,
 * so any number of waiters run in constant stack depth (Twisted nests one call per waiter and
 * overflows, twisted#9304). Anywhere else (plain code, or a callback that is not a waiter's),
 * {@code release()} runs the next waiter's callbacks before it returns, as in Twisted.
 *
 * <p><b>Errors.</b> Releasing an unlocked lock throws {@link IllegalStateException}. Cancelling
 * a waiter before it holds the lock removes it from the line and fails it with
 * {@link CancelledError}; cancelling one that holds the lock does nothing.
 *
 * <p><b>Differences from Twisted.</b> No {@code async with}: {@link #run} is the bracket.
 * Twisted's public {@code waiting} list is {@link #waiting()}, a count.
 *
 * @twisted twisted.internet.defer.DeferredLock
 */
public final class DeferredLock {
  private final WaiterQueue<DeferredLock> waiters = new WaiterQueue<>();
  private boolean locked;

  /** Creates an unlocked lock. */
  public DeferredLock() {}

  /**
   * Whether someone holds the lock (or it has been handed to a waiter about to run).
   *
   * @return true when locked
   * @twisted twisted.internet.defer.DeferredLock.locked
   */
  public boolean locked() {
    return locked;
  }

  /**
   * How many callers wait for the lock.
   *
   * @return the number of waiters
   * @twisted twisted.internet.defer.DeferredLock.waiting
   */
  public int waiting() {
    return waiters.size();
  }

  /**
   * Asks for the lock.
   *
   * @return a Deferred that fires with this lock once the caller holds it: at once if it is free
   * @twisted twisted.internet.defer.DeferredLock.acquire
   */
  public Deferred<DeferredLock> acquire() {
    if (locked) {
      return waiters.enqueue();
    }
    locked = true;
    return Defer.succeed(this);
  }

  /**
   * Gives the lock up; the first waiter, if any, gets it.
   *
   * @throws IllegalStateException if the lock is not locked
   * @twisted twisted.internet.defer.DeferredLock.release
   */
  public void release() {
    if (!locked) {
      throw new IllegalStateException("Tried to release an unlocked lock");
    }
    if (waiters.hasWaiters()) {
      waiters.handOff(this); // stays locked: ownership passes straight on
    } else {
      locked = false;
    }
  }

  /**
   * Acquires the lock, calls {@code f}, and releases the lock when {@code f}'s outcome is known: at
   * once for a value or a throw, when it fires for a returned Deferred.
   *
   * @param f the call to make while holding the lock
   * @param <R> its result type
   * @return a Deferred of {@code f}'s outcome (as {@link Defer#maybeDeferred})
   * @throws NullPointerException if {@code f} is null
   * @twisted twisted.internet.defer.DeferredLock.run
   */
  public <R extends @Nullable Object> Deferred<R> run(Defer.Call<? extends R> f) {
    return Holding.run(this::acquire, this::release, f);
  }

  /**
   * As {@link #run}, for a call that returns a Deferred; the lock is held until it fires.
   *
   * @param f the call to make while holding the lock
   * @param <R> the result type of the Deferred it returns
   * @return a Deferred of that Deferred's outcome
   * @throws NullPointerException if {@code f} is null
   * @twisted twisted.internet.defer.DeferredLock.run
   */
  public <R extends @Nullable Object> Deferred<R> runAsync(
      Defer.Call<? extends Deferred<? extends R>> f) {
    return Holding.runAsync(this::acquire, this::release, f);
  }

  /** Shows the state and the line, for logs. */
  @Override
  public String toString() {
    return "<DeferredLock locked=" + locked + " waiting=" + waiters.size() + ">";
  }
}
