package dev.torsion.internet.defer;

import dev.torsion.internal.defer.WaiterQueue;
import org.jspecify.annotations.Nullable;

/**
 * A counting semaphore for event-driven code: at most {@link #limit()} callers hold it at once;
 * {@link #acquire()} gives a Deferred that fires, with the semaphore, when the caller holds a
 * token. Waiters are served first come, first served. To bound how much work runs at once,
 * {@code task.Cooperator} is often the better tool.
 *
 * <p><b>Threading.</b> Not thread-safe: use it on the reactor thread, as every Deferred.
 *
 * <p><b>Re-entrancy.</b> {@link #release()} called from inside a waiter's callback hands the
 * token to the next waiter at once, but that waiter's callbacks run only after the current
 * callback returns, so any number of waiters run in constant stack depth (Twisted nests one call
 * per waiter and overflows, twisted#9304). Anywhere else (plain code, or a callback that is not a
 * waiter's), {@code release()} runs the next waiter's callbacks before it returns, as in Twisted.
 *
 * <p><b>Errors.</b> Fewer than one token is an {@link IllegalArgumentException}; releasing more
 * often than acquiring throws {@link IllegalStateException}. Cancelling a waiter before it holds a
 * token removes it from the line and fails it with {@link CancelledError}; cancelling one that
 * holds a token does nothing.
 *
 * <p><b>Differences from Twisted.</b> No {@code async with}: {@link #run} is the bracket.
 * Twisted's public {@code waiting} list is {@link #waiting()}, a count.
 *
 * @twisted twisted.internet.defer.DeferredSemaphore
 */
public final class DeferredSemaphore {
  private final WaiterQueue<DeferredSemaphore> waiters = new WaiterQueue<>();
  private final int limit;
  private int tokens;

  /**
   * Creates a semaphore with all its tokens free.
   *
   * @param tokens how many callers may hold it at once
   * @throws IllegalArgumentException if {@code tokens} is less than one
   * @twisted twisted.internet.defer.DeferredSemaphore.__init__
   */
  public DeferredSemaphore(int tokens) {
    if (tokens < 1) {
      throw new IllegalArgumentException("DeferredSemaphore requires tokens >= 1, got " + tokens);
    }
    this.tokens = tokens;
    this.limit = tokens;
  }

  /**
   * How many more callers could acquire right now without waiting.
   *
   * @return the free tokens
   * @twisted twisted.internet.defer.DeferredSemaphore.tokens
   */
  public int tokens() {
    return tokens;
  }

  /**
   * How many callers may hold the semaphore at once.
   *
   * @return the token count it was created with
   * @twisted twisted.internet.defer.DeferredSemaphore.limit
   */
  public int limit() {
    return limit;
  }

  /**
   * How many callers wait for a token.
   *
   * @return the number of waiters
   * @twisted twisted.internet.defer.DeferredSemaphore.waiting
   */
  public int waiting() {
    return waiters.size();
  }

  /**
   * Asks for a token.
   *
   * @return a Deferred that fires with this semaphore once the caller holds a token: at once if
   *     one is free
   * @twisted twisted.internet.defer.DeferredSemaphore.acquire
   */
  public Deferred<DeferredSemaphore> acquire() {
    if (tokens == 0) {
      return waiters.enqueue();
    }
    tokens--;
    return Defer.succeed(this);
  }

  /**
   * Gives a token back; the first waiter, if any, gets it.
   *
   * @throws IllegalStateException if every token is already free
   * @twisted twisted.internet.defer.DeferredSemaphore.release
   */
  public void release() {
    if (tokens >= limit) {
      throw new IllegalStateException("Someone released me too many times: too many tokens!");
    }
    if (waiters.hasWaiters()) {
      waiters.handOff(this); // the token passes straight on
    } else {
      tokens++;
    }
  }

  /**
   * Acquires a token, calls {@code f}, and releases the token when {@code f}'s outcome is known:
   * at once for a value or a throw, when it fires for a returned Deferred.
   *
   * @param f the call to make while holding a token
   * @param <R> its result type
   * @return a Deferred of {@code f}'s outcome (as {@link Defer#maybeDeferred})
   * @throws NullPointerException if {@code f} is null
   * @twisted twisted.internet.defer.DeferredSemaphore.run
   */
  public <R extends @Nullable Object> Deferred<R> run(Defer.Call<? extends R> f) {
    return Holding.run(this::acquire, this::release, f);
  }

  /**
   * As {@link #run}, for a call that returns a Deferred; the token is held until it fires.
   *
   * @param f the call to make while holding a token
   * @param <R> the result type of the Deferred it returns
   * @return a Deferred of that Deferred's outcome
   * @throws NullPointerException if {@code f} is null
   * @twisted twisted.internet.defer.DeferredSemaphore.run
   */
  public <R extends @Nullable Object> Deferred<R> runAsync(
      Defer.Call<? extends Deferred<? extends R>> f) {
    return Holding.runAsync(this::acquire, this::release, f);
  }

  /** Shows the token count and the line, for logs. */
  @Override
  public String toString() {
    return "<DeferredSemaphore tokens=" + tokens + "/" + limit + " waiting=" + waiters.size()
        + ">";
  }
}
