package dev.torsion.internet.defer;

/**
 * A callback or errback: takes the current result of a {@link Deferred} and returns the next.
 *
 * <p>It may throw anything, checked exceptions included: the Throwable becomes a
 * {@code Failure} and the chain goes on with errbacks. Returning a {@link Deferred} pauses the
 * chain until that Deferred fires; its result then becomes the chain's result.
 *
 * @param <T> the result it takes
 * @param <R> the result it gives
 */
@FunctionalInterface
public interface Callback<T extends @org.jspecify.annotations.Nullable Object,
    R extends @org.jspecify.annotations.Nullable Object> {
  /**
   * Handles a result.
   *
   * @param result the Deferred's current result
   * @return the next result
   * @throws Throwable anything; it becomes a {@code Failure}
   */
  R call(T result) throws Throwable;
}
