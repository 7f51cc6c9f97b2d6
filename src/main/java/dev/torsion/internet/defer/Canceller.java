package dev.torsion.internet.defer;

/**
 * Stops the operation behind a {@link Deferred} when the Deferred is cancelled.
 *
 * <p>It may fire the Deferred itself (with any result or error); if it does not, the Deferred
 * fails with {@link CancelledError} right after it returns.
 *
 * @param <T> the Deferred's result type
 * @twisted twisted.internet.defer.Deferred.__init__ (canceller)
 */
@FunctionalInterface
public interface Canceller<T extends @org.jspecify.annotations.Nullable Object> {
  /**
   * Cancels the operation.
   *
   * @param deferred the Deferred being cancelled
   */
  void cancel(Deferred<T> deferred);
}
