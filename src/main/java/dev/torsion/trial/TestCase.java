package dev.torsion.trial;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.TimeoutError;
import dev.torsion.python.failure.Failure;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A TestNG base class for trial-style tests whose test methods may return a {@link Deferred}: the
 * test ends when it fires, passing on a result and failing on a Failure (with the Failure's own
 * stack), or fails with a {@link TimeoutError} naming the elapsed time when it has not fired
 * within {@link #getTimeout()} seconds. Everything {@link SynchronousTestCase} does applies too;
 * a Deferred returned by a cleanup is waited for the same way, each with the full timeout.
 *
 * <pre>{@code
 * public class FetchTest extends TestCase {
 *   @Test
 *   @Timeout(5)
 *   public Deferred<?> fetchesTheBody() {
 *     return fetch(url).addCallback(body -> { assertEquals(body, "ok"); return null; });
 *   }
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> There is no reactor yet, so the test thread waits by blocking, bounded by
 * the timeout, until the Deferred fires. The Deferred must be fired by one other thread (a
 * {@link Deferred#fromFuture(java.util.concurrent.CompletionStage)} adapter, a thread the test
 * started) or have fired already; the wait adds one callback to it when the method returns.
 *
 * <p><b>Errors.</b> A timed-out test fails with {@link TimeoutError}; its Deferred is left as it
 * is, since another thread may still fire it.
 *
 * <p><b>Differences from Twisted.</b> Trial runs the reactor while it waits, errbacks the
 * Deferred with the timeout error, and after the test checks that the reactor is clean (no
 * pending calls, open sockets or threads left). Reactor spinning and those cleanliness checks
 * arrive with the reactor; until then Deferreds must be fired from other threads.
 *
 * @twisted twisted.trial.unittest.TestCase
 */
public abstract class TestCase extends SynchronousTestCase {
  /**
   * The timeout, in seconds, when neither {@link Timeout} nor an override of
   * {@link #getTimeout()} says otherwise.
   *
   * @twisted twisted.trial.util.DEFAULT_TIMEOUT_DURATION
   */
  public static final double DEFAULT_TIMEOUT = 120.0;

  /** For subclasses. */
  protected TestCase() {}

  /**
   * How long the running test waits for the Deferred it returns, in seconds: the
   * {@link Timeout} on the test method, else on its class (or a superclass), else
   * {@link #DEFAULT_TIMEOUT}. Override it to compute one.
   *
   * @return seconds, positive and finite
   * @twisted twisted.trial.unittest.TestCase.getTimeout
   */
  protected double getTimeout() {
    Method method = currentMethod();
    Timeout timeout = method == null ? null : method.getAnnotation(Timeout.class);
    if (timeout == null) {
      timeout = getClass().getAnnotation(Timeout.class);
    }
    return timeout == null ? DEFAULT_TIMEOUT : timeout.value();
  }

  @Override
  final void awaitResult(Deferred<?> deferred, String what, long startNanos) throws Throwable {
    double timeout = getTimeout();
    if (!(timeout > 0) || Double.isInfinite(timeout)) {
      throw new IllegalArgumentException("timeout must be positive and finite, not " + timeout);
    }
    CompletableFuture<@Nullable Object> done = new CompletableFuture<>();
    deferred.addBoth(result -> {
      done.complete(result);
      return null;
    });
    long deadline = startNanos + (long) (timeout * 1e9);
    Object result;
    try {
      result = done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      double elapsed = Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3;
      throw new TimeoutError(elapsed, what + " (timeout " + timeout + " s)");
    } catch (ExecutionException e) {
      throw new IllegalStateException("unreachable: the future is completed normally", e);
    }
    if (result instanceof Failure) {
      throw ((Failure) result).value();
    }
  }
}
