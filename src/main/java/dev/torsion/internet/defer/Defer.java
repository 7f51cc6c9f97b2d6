package dev.torsion.internet.defer;

import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
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
    return Deferred.fired(result);
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
   * Waits for every Deferred in the list and gives their results in order; fails as soon as one
   * fails. Cancelling the returned Deferred before it fires cancels every member.
   *
   * @param deferreds the Deferreds
   * @param consumeErrors whether a member's failure is replaced by {@code null} in that member's
   *     own chain once gathered, so it is not reported as unhandled there
   * @param <T> their result type
   * @return a Deferred of the results; it fails with {@link FirstError} wrapping the first
   *     member failure and that member's index
   * @throws NullPointerException if the list or a member is null
   * @twisted twisted.internet.defer.gatherResults
   */
  public static <T extends @Nullable Object> Deferred<List<T>> gatherResults(
      List<? extends Deferred<? extends T>> deferreds, boolean consumeErrors) {
    return DeferredList.<T>builder(deferreds)
        .fireOnOneErrback(true)
        .consumeErrors(consumeErrors)
        .build()
        .addCallback(Defer::values);
  }

  /**
   * As {@link #gatherResults(List, boolean)} without consuming errors.
   *
   * @param deferreds the Deferreds
   * @param <T> their result type
   * @return a Deferred of the results, or of a {@link FirstError}
   * @throws NullPointerException if the list or a member is null
   * @twisted twisted.internet.defer.gatherResults
   */
  public static <T extends @Nullable Object> Deferred<List<T>> gatherResults(
      List<? extends Deferred<? extends T>> deferreds) {
    return gatherResults(deferreds, false);
  }

  private static <T extends @Nullable Object> List<T> values(
      List<DeferredList.Outcome<T>> outcomes) {
    List<T> values = new ArrayList<>(outcomes.size());
    for (DeferredList.Outcome<T> outcome : outcomes) {
      values.add(outcome.result());
    }
    return Collections.unmodifiableList(values);
  }

  /**
   * Races Deferreds: the first to succeed wins and the others are cancelled.
   *
   * <p>Member failures before the winner are consumed (they do not count as unhandled errors), as
   * are the losers' cancellations. Cancelling the returned Deferred cancels every member.
   *
   * <p><b>Differences from Twisted.</b> Twisted 22.4 has no {@code race}; this follows the one
   * Twisted 22.8 added ({@code race(ds) -> Deferred[tuple[int, T]]}), giving the pair as an
   * {@link DeferredList.Indexed} (result first). Twisted's never fires for an empty list; here an
   * empty list is an {@link IllegalArgumentException}.
   *
   * @param deferreds the contenders
   * @param <T> their result type
   * @return a Deferred of the winner's result and index; it fails with {@link FailureGroup},
   *     holding every member's failure in order, if all fail
   * @throws IllegalArgumentException if the list is empty
   * @throws NullPointerException if the list or a member is null
   * @twisted twisted.internet.defer.race
   */
  public static <T extends @Nullable Object> Deferred<DeferredList.Indexed<T>> race(
      List<? extends Deferred<? extends T>> deferreds) {
    List<Deferred<? extends T>> members = List.copyOf(deferreds);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("race() needs at least one Deferred");
    }
    Deferred<DeferredList.Indexed<T>> result = new Deferred<>(self -> {
      for (Deferred<?> member : members) {
        member.cancel();
      }
    });
    Failure[] failures = new Failure[members.size()];
    int[] failed = {0};
    boolean[] decided = {false};
    for (int i = 0; i < members.size(); i++) {
      int index = i;
      members.get(i).addCallbacks(value -> {
        if (!decided[0]) {
          decided[0] = true;
          for (int j = 0; j < members.size(); j++) {
            if (j != index) {
              members.get(j).cancel();
            }
          }
          result.callback(new DeferredList.Indexed<>(value, index));
        }
        return null;
      }, failure -> {
        failures[index] = failure;
        if (++failed[0] == failures.length) {
          result.errback(new FailureGroup(List.of(failures)));
        }
        return null;
      });
    }
    return result;
  }

  /**
   * Every one of several Deferreds failed: what {@link #race} fails with when no contender
   * succeeds, and what {@link DeferredList.Builder#buildFireOnOneCallback()} fails with when no
   * member succeeds.
   *
   * @twisted twisted.internet.defer.FailureGroup
   */
  public static final class FailureGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Failure> failures;

    /**
     * Creates the error.
     *
     * @param failures the failures, in the order of the Deferreds that failed
     */
    public FailureGroup(List<Failure> failures) {
      super(failures.size() + " Deferreds failed: " + failures);
      this.failures = List.copyOf(failures);
      for (Failure f : this.failures) {
        addSuppressed(Objects.requireNonNull(f).value());
      }
    }

    /**
     * The failures, in the order of the Deferreds that failed.
     *
     * @return an unmodifiable list
     * @twisted twisted.internet.defer.FailureGroup.failures
     */
    public List<Failure> failures() {
      return failures;
    }
  }

  /**
   * Runs {@code body} as Twisted's {@code inlineCallbacks} does: sequential code that awaits
   * Deferreds and returns a value, giving a Deferred of it. See {@link InlineCallbacks} for the
   * whole contract (threading, cancellation, errors).
   *
   * <pre>{@code
   * Deferred<Integer> total = Defer.inlineCallbacks(a -> {
   *   int first = a.await(fetchCount("x"));
   *   int second = a.await(fetchCount("y"));
   *   return first + second;
   * });
   * }</pre>
   *
   * @param body the body
   * @param <T> its result type
   * @return a Deferred of what the body returns or throws
   * @twisted twisted.internet.defer.inlineCallbacks
   */
  public static <T extends @Nullable Object> Deferred<T> inlineCallbacks(
      InlineCallbacks.Body<T> body) {
    return InlineCallbacks.inlineCallbacks(body);
  }

  /**
   * Runs a coroutine-style body and gives a Deferred of its result: the port of
   * {@code ensureDeferred(coroutine)}, where an {@code async def} becomes an
   * {@link InlineCallbacks.Body}. The same as {@link #inlineCallbacks}.
   *
   * @param body the body
   * @param <T> its result type
   * @return a Deferred of what the body returns or throws
   * @twisted twisted.internet.defer.ensureDeferred
   */
  public static <T extends @Nullable Object> Deferred<T> ensureDeferred(
      InlineCallbacks.Body<T> body) {
    return InlineCallbacks.inlineCallbacks(body);
  }

  /**
   * Returns {@code deferred} unchanged, as Twisted's {@code ensureDeferred} passes a Deferred
   * through; kept so ported code that may hold either form reads the same.
   *
   * @param deferred a Deferred
   * @param <T> its result type
   * @return {@code deferred} itself
   * @twisted twisted.internet.defer.ensureDeferred
   */
  public static <T extends @Nullable Object> Deferred<T> ensureDeferred(Deferred<T> deferred) {
    return Objects.requireNonNull(deferred, "deferred");
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
