package dev.torsion.trial;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.python.failure.Failure;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A TestNG base class for tests ported from Twisted's trial that never spin a reactor: results are
 * read straight off Deferreds fired by a {@code task.Clock} or by the test itself.
 *
 * @twisted twisted.trial.unittest.SynchronousTestCase
 */
public abstract class SynchronousTestCase {
  /** For subclasses. */
  protected SynchronousTestCase() {}

  /**
   * The result {@code deferred} holds now. The Deferred's chain goes on with {@code null}.
   *
   * @param deferred a Deferred that should have succeeded by now
   * @param <T> its result type
   * @return the result
   * @throws AssertionError if it has no result yet, or holds a Failure (shown with its traceback)
   * @twisted twisted.trial.unittest.SynchronousTestCase.successResultOf
   */
  @SuppressWarnings("unchecked")
  public static <T extends @Nullable Object> T successResultOf(Deferred<T> deferred) {
    Object[] box = take(deferred);
    if (box.length == 0) {
      throw new AssertionError("Success result expected on " + deferred + ", found no result instead");
    }
    if (box[0] instanceof Failure) {
      Failure failure = (Failure) box[0];
      throw new AssertionError("Success result expected on " + deferred
          + ", found failure result instead:\n" + failure.getTraceback(), failure.value());
    }
    return (T) box[0];
  }

  /**
   * The Failure {@code deferred} holds now, which the Deferred's chain no longer holds.
   *
   * @param deferred a Deferred that should have failed by now
   * @param expectedTypes the error classes acceptable; none means any
   * @return the Failure
   * @throws AssertionError if it has no result, succeeded, or failed with another type
   * @twisted twisted.trial.unittest.SynchronousTestCase.failureResultOf
   */
  @SafeVarargs
  public static Failure failureResultOf(Deferred<?> deferred,
      Class<? extends Throwable>... expectedTypes) {
    Object[] box = take(deferred);
    if (box.length == 0) {
      throw new AssertionError("Failure result expected on " + deferred
          + ", found no result instead");
    }
    if (!(box[0] instanceof Failure)) {
      throw new AssertionError("Failure result expected on " + deferred
          + ", found success result (" + box[0] + ") instead");
    }
    Failure failure = (Failure) box[0];
    if (expectedTypes.length > 0 && failure.check(expectedTypes) == null) {
      throw new AssertionError("Failure of type " + Arrays.toString(expectedTypes)
          + " expected on " + deferred + ", found type " + failure.type().getName()
          + " instead:\n" + failure.getTraceback(), failure.value());
    }
    return failure;
  }

  /**
   * Asserts {@code deferred} has no result yet. It stays usable: a result that arrives later is
   * not disturbed.
   *
   * @param deferred the Deferred
   * @throws AssertionError if it has a result (a Failure is shown with its traceback)
   * @twisted twisted.trial.unittest.SynchronousTestCase.assertNoResult
   */
  public static void assertNoResult(Deferred<?> deferred) {
    if (deferred.hasResult()) {
      Object result = deferred.result();
      if (result instanceof Failure) {
        Failure failure = (Failure) result;
        // Consume it, so the assertion failure is the one reported, not an unhandled error.
        deferred.addErrback(f -> null);
        throw new AssertionError("No result expected on " + deferred
            + ", found failure result instead:\n" + failure.getTraceback(), failure.value());
      }
      throw new AssertionError("No result expected on " + deferred + ", found " + result
          + " instead");
    }
  }

  /** The Deferred's current result in a one-element array, or an empty array; consumes it. */
  private static Object[] take(Deferred<?> deferred) {
    Object[] box = new Object[0];
    Object[][] out = {box};
    deferred.addBoth(result -> {
      out[0] = new Object[] {result};
      return null;
    });
    return out[0];
  }
}
