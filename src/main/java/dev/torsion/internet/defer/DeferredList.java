package dev.torsion.internet.defer;

import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Collects the results of several Deferreds into one Deferred.
 *
 * <pre>{@code
 * Deferred<List<DeferredList.Outcome<String>>> all = DeferredList.of(List.of(d1, d2, d3));
 * Deferred<List<DeferredList.Outcome<String>>> quiet =
 *     DeferredList.builder(List.of(d1, d2)).consumeErrors(true).fireOnOneErrback(true).build();
 * Deferred<DeferredList.Indexed<String>> first =
 *     DeferredList.builder(List.of(d1, d2)).buildFireOnOneCallback();
 * }</pre>
 *
 * <p>By default the Deferred fires once every member has fired, with one {@link Outcome} per
 * member, in the members' order; an empty list fires at once with an empty list. With
 * {@code fireOnOneErrback}, the first member to fail fails it with a {@link FirstError}. With
 * {@code fireOnOneCallback} ({@link Builder#buildFireOnOneCallback()}), the first member to
 * succeed fires it with that result and the member's index.
 *
 * <p>It works by adding a callback/errback pair to each member, as Twisted does: callbacks added
 * to a member before it is listed change what the list sees, and callbacks added after see what
 * the list passes on, which is the member's result unchanged, or {@code null} in place of a
 * failure with {@code consumeErrors}.
 *
 * <p><b>Cancelling.</b> Cancelling the Deferred before it fires cancels every member (the
 * members listed, not later additions to the caller's list). A member canceller that throws is
 * logged through {@link UnhandledErrors} and the others are still cancelled. Once it has fired,
 * cancelling does nothing, so members still running after a {@code fireOnOne*} result are left
 * alone.
 *
 * <p><b>Threading.</b> Not thread-safe, as every Deferred.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code DeferredList} is a {@code Deferred}
 * subclass whose result type changes with its flags. {@code Deferred} is final here, so
 * {@code DeferredList} is a factory that returns a plain Deferred, typed by which method built it;
 * results are {@link Outcome}s and {@link Indexed} pairs instead of tuples. Twisted's
 * {@code cancel} leaves the DeferredList unfired when a member stays unfired after cancelling (its
 * canceller threw); here it fails with {@link CancelledError}, as any cancelled Deferred. With
 * {@code fireOnOneCallback}, when every member fails Twisted fires with its list of
 * (false, failure) pairs, outside its own declared type; here the Deferred fails with a
 * {@link Defer.FailureGroup} of the members' failures, as Twisted's later {@code race} does. With
 * {@code fireOnOneCallback}, an empty list never fires, as in Twisted.
 *
 * @twisted twisted.internet.defer.DeferredList
 */
public final class DeferredList {
  private DeferredList() {}

  /**
   * A list with no flags set: fires when every member has fired.
   *
   * @param deferreds the members
   * @param <T> their result type
   * @return a Deferred of one {@link Outcome} per member, in order
   * @throws NullPointerException if the list or a member is null
   * @twisted twisted.internet.defer.DeferredList.__init__
   */
  public static <T extends @Nullable Object> Deferred<List<Outcome<T>>> of(
      List<? extends Deferred<? extends T>> deferreds) {
    return builder(deferreds).build();
  }

  /**
   * Starts building a list with flags.
   *
   * @param deferreds the members
   * @param <T> their result type
   * @return a builder; nothing is attached to the members until it builds
   * @throws NullPointerException if the list or a member is null
   * @twisted twisted.internet.defer.DeferredList.__init__
   */
  public static <T extends @Nullable Object> Builder<T> builder(
      List<? extends Deferred<? extends T>> deferreds) {
    return new Builder<>(List.copyOf(deferreds));
  }

  /**
   * The flags of a DeferredList, set before it attaches to its members (members that already
   * fired report at once).
   *
   * @param <T> the members' result type
   */
  public static final class Builder<T extends @Nullable Object> {
    private final List<Deferred<? extends T>> members;
    private boolean fireOnOneErrback;
    private boolean consumeErrors;

    private Builder(List<Deferred<? extends T>> members) {
      this.members = members;
    }

    /**
     * Fail with {@link FirstError} as soon as one member fails.
     *
     * @param on whether to
     * @return this builder
     * @twisted twisted.internet.defer.DeferredList.__init__ (fireOnOneErrback)
     */
    public Builder<T> fireOnOneErrback(boolean on) {
      fireOnOneErrback = on;
      return this;
    }

    /**
     * Replace each member's failure with {@code null} after the list has seen it, so it is not
     * reported as unhandled; {@code fireOnOneErrback} still sees it.
     *
     * @param on whether to
     * @return this builder
     * @twisted twisted.internet.defer.DeferredList.__init__ (consumeErrors)
     */
    public Builder<T> consumeErrors(boolean on) {
      consumeErrors = on;
      return this;
    }

    /**
     * Attaches to the members.
     *
     * @return a Deferred that fires with one {@link Outcome} per member, in order, once all have
     *     fired (or fails with {@link FirstError}, with {@code fireOnOneErrback})
     * @twisted twisted.internet.defer.DeferredList.__init__
     */
    @SuppressWarnings("unchecked")
    public Deferred<List<Outcome<T>>> build() {
      return (Deferred<List<Outcome<T>>>) (Deferred<?>) new Collector<>(this, false).start();
    }

    /**
     * Attaches to the members, firing on the first success.
     *
     * @return a Deferred that fires with the first successful result and its member's index;
     *     fails with {@link Defer.FailureGroup} if every member fails (or with {@link FirstError}
     *     on the first failure, with {@code fireOnOneErrback}); never fires for an empty list
     * @twisted twisted.internet.defer.DeferredList.__init__ (fireOnOneCallback)
     */
    @SuppressWarnings("unchecked")
    public Deferred<Indexed<T>> buildFireOnOneCallback() {
      return (Deferred<Indexed<T>>) (Deferred<?>) new Collector<>(this, true).start();
    }
  }

  /** The state of one list while its members fire. */
  private static final class Collector<T extends @Nullable Object> {
    private final List<Deferred<? extends T>> members;
    private final boolean fireOnOneCallback;
    private final boolean fireOnOneErrback;
    private final boolean consumeErrors;
    private final @Nullable Object[] outcomes;
    private int finished;
    private final Deferred<Object> out = new Deferred<>(ignored -> cancelMembers());

    Collector(Builder<T> flags, boolean fireOnOneCallback) {
      this.members = flags.members;
      this.fireOnOneCallback = fireOnOneCallback;
      this.fireOnOneErrback = flags.fireOnOneErrback;
      this.consumeErrors = flags.consumeErrors;
      this.outcomes = new Object[members.size()];
    }

    Deferred<Object> start() {
      if (members.isEmpty() && !fireOnOneCallback) {
        out.callback(Collections.emptyList());
      }
      for (int i = 0; i < members.size(); i++) {
        int index = i;
        members.get(i).addBoth(result -> memberFired(index, result));
      }
      return out;
    }

    @SuppressWarnings("unchecked")
    private @Nullable Object memberFired(int index, @Nullable Object result) {
      boolean failed = result instanceof Failure;
      outcomes[index] = failed ? Outcome.failure((Failure) result) : Outcome.success(result);
      finished++;
      if (!out.called()) {
        if (!failed && fireOnOneCallback) {
          out.callback(new Indexed<>(result, index));
        } else if (failed && fireOnOneErrback) {
          out.errback(new FirstError((Failure) result, index));
        } else if (finished == outcomes.length) {
          if (fireOnOneCallback) {
            List<Failure> failures = new ArrayList<>();
            for (Object o : outcomes) {
              failures.add(((Outcome<?>) o).failure());
            }
            out.errback(new Defer.FailureGroup(failures));
          } else {
            out.callback(Collections.unmodifiableList(Arrays.asList(outcomes)));
          }
        }
      }
      return failed && consumeErrors ? null : result;
    }

    private void cancelMembers() {
      for (Deferred<?> member : members) {
        try {
          member.cancel();
        } catch (RuntimeException | Error e) {
          Failure f = new Failure(e);
          UnhandledErrors.logError(f,
              "Exception raised from user supplied canceller\n" + f.getTraceback());
        }
      }
    }
  }

  /**
   * How one member ended: its result, or its {@link Failure}. Twisted's {@code (success, result)}
   * pair.
   *
   * @param <T> the result type
   * @twisted twisted.internet.defer.SUCCESS
   */
  public static final class Outcome<T extends @Nullable Object> {
    private final boolean success;
    private final @Nullable Object value;

    private Outcome(boolean success, @Nullable Object value) {
      this.success = success;
      this.value = value;
    }

    /**
     * A successful outcome.
     *
     * @param result the result
     * @param <T> its type
     * @return the outcome
     */
    public static <T extends @Nullable Object> Outcome<T> success(T result) {
      return new Outcome<>(true, result);
    }

    /**
     * A failed outcome.
     *
     * @param failure the failure
     * @param <T> the result type it would have had
     * @return the outcome
     */
    public static <T extends @Nullable Object> Outcome<T> failure(Failure failure) {
      return new Outcome<>(false, Objects.requireNonNull(failure, "failure"));
    }

    /**
     * Whether the member succeeded: Twisted's {@code SUCCESS}/{@code FAILURE} flag.
     *
     * @return true for a result, false for a failure
     */
    public boolean success() {
      return success;
    }

    /**
     * The member's result.
     *
     * @return the result
     * @throws IllegalStateException if the member failed
     */
    @SuppressWarnings("unchecked")
    public T result() {
      if (!success) {
        throw new IllegalStateException("the Deferred failed: " + value);
      }
      return (T) value;
    }

    /**
     * The member's failure.
     *
     * @return the failure
     * @throws IllegalStateException if the member succeeded
     */
    public Failure failure() {
      if (success) {
        throw new IllegalStateException("the Deferred succeeded: " + value);
      }
      return (Failure) Objects.requireNonNull(value);
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Outcome && ((Outcome<?>) other).success == success
          && Objects.equals(((Outcome<?>) other).value, value);
    }

    @Override
    public int hashCode() {
      return Objects.hash(success, value);
    }

    /** Reads like Twisted's tuple: {@code (true, 5)} or {@code (false, <Failure ...>)}. */
    @Override
    public String toString() {
      return "(" + success + ", " + value + ")";
    }
  }

  /**
   * A result and the index of the Deferred that gave it: Twisted's {@code (result, index)} pair
   * from {@code fireOnOneCallback}. ({@link Defer#race} gives the same pair.)
   *
   * @param result the result
   * @param index the position of the Deferred in the list
   * @param <T> the result type
   * @twisted twisted.internet.defer.DeferredList.__init__ (fireOnOneCallback result)
   */
  public record Indexed<T extends @Nullable Object>(T result, int index) {}
}
