package dev.torsion.internet.defer;

import dev.torsion.python.failure.Failure;
import org.jspecify.annotations.Nullable;

/**
 * The module functions of {@code twisted.internet.defer}.
 *
 * @twisted twisted.internet.defer
 */
public final class Defer {
  private Defer() {}

  /**
   * A Deferred that has already fired with {@code result}.
   *
   * @param result the result
   * @param <T> its type
   * @return a fired Deferred
   * @twisted twisted.internet.defer.succeed
   */
  public static <T extends @Nullable Object> Deferred<T> succeed(T result) {
    Deferred<T> d = new Deferred<>();
    d.callback(result);
    return d;
  }

  /**
   * A Deferred that has already failed with {@code error}.
   *
   * @param error the error
   * @param <T> the result type it would have had
   * @return a failed Deferred
   * @twisted twisted.internet.defer.fail
   */
  public static <T extends @Nullable Object> Deferred<T> fail(Throwable error) {
    return fail(new Failure(error));
  }

  /**
   * A Deferred that has already failed with {@code failure}.
   *
   * @param failure the failure
   * @param <T> the result type it would have had
   * @return a failed Deferred
   * @twisted twisted.internet.defer.fail
   */
  public static <T extends @Nullable Object> Deferred<T> fail(Failure failure) {
    Deferred<T> d = new Deferred<>();
    d.errback(failure);
    return d;
  }

  /**
   * Calls {@code f} now and gives its outcome as a Deferred: a returned Deferred as it is, a
   * returned {@link Failure} or a throw as a failed Deferred, anything else as a fired one.
   *
   * @param f the call
   * @param <T> its result type
   * @return a Deferred of the outcome
   * @twisted twisted.internet.defer.maybeDeferred
   */
  @SuppressWarnings("unchecked")
  public static <T extends @Nullable Object> Deferred<T> maybeDeferred(Call<? extends T> f) {
    Object result;
    try {
      result = f.call();
    } catch (Throwable t) {
      return fail(t);
    }
    if (result instanceof Deferred) {
      return (Deferred<T>) result;
    }
    if (result instanceof Failure) {
      return fail((Failure) result);
    }
    return succeed((T) result);
  }

  /**
   * Calls {@code f}, which returns a Deferred, and gives that Deferred; a throw becomes a failed
   * Deferred. The typed form of {@link #maybeDeferred} for calls that return Deferreds.
   *
   * @param f the call
   * @param <T> the result type of the Deferred it returns
   * @return the Deferred {@code f} returned, or a failed one
   * @twisted twisted.internet.defer.maybeDeferred
   */
  @SuppressWarnings("unchecked")
  public static <T extends @Nullable Object> Deferred<T> maybeDeferredAsync(
      Call<? extends Deferred<? extends T>> f) {
    return (Deferred<T>) maybeDeferred(f);
  }

  /**
   * Calls {@code f} now and gives its result, or what it threw, as a fired Deferred. Unlike
   * {@link #maybeDeferred}, a returned Deferred is not unwrapped specially: it is chained as any
   * callback result would be.
   *
   * @param f the call
   * @param <T> its result type
   * @return a fired Deferred
   * @twisted twisted.internet.defer.execute
   */
  public static <T extends @Nullable Object> Deferred<T> execute(Call<? extends T> f) {
    T result;
    try {
      result = f.call();
    } catch (Throwable t) {
      return fail(t);
    }
    return succeed(result);
  }

  /**
   * Returns its argument: the identity callback.
   *
   * @param result anything
   * @param <T> its type
   * @return {@code result}
   * @twisted twisted.internet.defer.passthru
   */
  public static <T extends @Nullable Object> T passthru(T result) {
    return result;
  }

  /**
   * An errback that logs the failure through {@link UnhandledErrors} and passes it on unchanged:
   * it rethrows the failure's error, so the errback chain goes on with this same Failure, as
   * Twisted's {@code logError} returns it. Use as {@code d.addErrback(Defer::logError)}. (If no
   * later errback handles it, it is reported again as unhandled, as in Twisted.)
   *
   * @param failure the failure
   * @param <T> any result type; nothing is ever returned
   * @return never returns normally
   * @throws Throwable always: {@code failure.value()}
   * @twisted twisted.internet.defer.logError
   */
  public static <T extends @Nullable Object> T logError(Failure failure) throws Throwable {
    UnhandledErrors.logError(failure);
    throw failure.value();
  }

  /**
   * A call with no argument that may throw anything.
   *
   * @param <T> its result type
   */
  @FunctionalInterface
  public interface Call<T extends @Nullable Object> {
    /**
     * Makes the call.
     *
     * @return the result
     * @throws Throwable anything
     */
    T call() throws Throwable;
  }
}
