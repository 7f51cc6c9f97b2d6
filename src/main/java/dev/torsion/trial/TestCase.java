package dev.torsion.trial;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internal.reactor.Selectable;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.TimeoutError;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.python.failure.Failure;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p><b>The reactor.</b> When a reactor is installed ({@link Reactors#installed()}; override
 * {@link #trialReactor()} to name another) and it is not running, the test thread drives it
 * while it waits: it {@code iterate}s the reactor, a few milliseconds at a time, until the
 * Deferred fires or the timeout passes, so tests on real sockets and timers work as under
 * trial. After the test and its cleanups, the reactor must be clean: it is iterated twice
 * with no wait, then every timed call still pending is cancelled and every port and connection
 * still open is closed, and if there were any the test fails with a
 * {@link DirtyReactorAggregateError} naming them. With no reactor, neither happens.
 *
 * <p><b>Threading.</b> With a reactor, the test thread is the reactor thread while it waits, so
 * the reactor must have been built on it (installing it from the test or a
 * {@code @BeforeClass} does that); a reactor that is running, or belongs to another thread, is
 * neither driven nor checked. With no reactor to drive, the test thread blocks, bounded by the
 * timeout, until the Deferred fires: it must then be fired by one other thread (a
 * {@link Deferred#fromFuture(java.util.concurrent.CompletionStage)} adapter, a thread the test
 * started) or have fired already; the wait adds one callback to it when the method returns.
 *
 * <p><b>Errors.</b> A timed-out test fails with {@link TimeoutError}. When the reactor was
 * driven, the Deferred is errbacked with that error, as trial does; otherwise it is left as it
 * is, since another thread may still fire it.
 *
 * <p><b>Differences from Twisted.</b> Trial waits by running the reactor ({@code run()}, then
 * {@code crash()}); here it is {@code iterate}d, so {@code running()} stays false during the
 * test and {@code callWhenRunning} hooks do not run. Trial also stops the reactor's thread pool
 * after each test; this does not. The leftovers are closed, where trial only removes them from
 * the reactor.
 *
 * @twisted twisted.trial.unittest.TestCase
 */
public abstract class TestCase extends SynchronousTestCase {
  private static final Logger LOG = LoggerFactory.getLogger(TestCase.class);

  /**
   * The timeout, in seconds, when neither {@link Timeout} nor an override of
   * {@link #getTimeout()} says otherwise.
   *
   * @twisted twisted.trial.util.DEFAULT_TIMEOUT_DURATION
   */
  public static final double DEFAULT_TIMEOUT = 120.0;

  /** The longest single wait for I/O while driving the reactor, in seconds. */
  private static final double SPIN_SECONDS = 0.01;

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

  /**
   * The reactor this test case drives while it waits and checks after each test: the installed
   * one by default. Override it to use a reactor of the test's own, or return null to do
   * neither.
   *
   * @return the reactor, or null for none
   * @twisted twisted.trial.util._Janitor._getReactor
   */
  protected @Nullable Reactor trialReactor() {
    return Reactors.installed();
  }

  /** The reactor to drive and check now: null if there is none, or it is not ours to drive. */
  private @Nullable Reactor drivableReactor() {
    Reactor reactor = trialReactor();
    if (reactor == null || reactor.running() || !reactor.isInReactorThread()) {
      return null;
    }
    return reactor;
  }

  @Override
  final void awaitResult(Deferred<?> deferred, String what, long startNanos) throws Throwable {
    double timeout = getTimeout();
    if (!(timeout > 0) || Double.isInfinite(timeout)) {
      throw new IllegalArgumentException("timeout must be positive and finite, not " + timeout);
    }
    long deadline = startNanos + (long) (timeout * 1e9);
    Reactor reactor = drivableReactor();
    Object result = reactor == null
        ? block(deferred, what, timeout, startNanos, deadline)
        : spin(reactor, deferred, what, timeout, startNanos, deadline);
    if (result instanceof Failure) {
      throw ((Failure) result).value();
    }
  }

  private static @Nullable Object block(Deferred<?> deferred, String what, double timeout,
      long startNanos, long deadline) throws InterruptedException {
    CompletableFuture<@Nullable Object> done = new CompletableFuture<>();
    deferred.addBoth(result -> {
      done.complete(result);
      return null;
    });
    try {
      return done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw timedOut(what, timeout, startNanos);
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for " + what + " failed", e);
    }
  }

  /** What a Deferred fired with, written by whichever thread fired it. */
  private static final class Box {
    @Nullable Object result;
    volatile boolean done;
  }

  private static @Nullable Object spin(Reactor reactor, Deferred<?> deferred, String what,
      double timeout, long startNanos, long deadline) {
    Thread waiter = Thread.currentThread();
    Box box = new Box();
    deferred.addBoth(result -> {
      box.result = result;
      box.done = true;
      if (Thread.currentThread() != waiter) {
        // Fired by another thread: wake the reactor so the wait ends now, not at the next poll.
        reactor.callFromThread(() -> {});
      }
      return null;
    });
    while (!box.done) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        TimeoutError error = timedOut(what, timeout, startNanos);
        if (!deferred.called()) {
          // As trial: the Deferred fails with the timeout; the callback above takes it.
          deferred.errback(error);
        }
        throw error;
      }
      reactor.iterate(Math.min(SPIN_SECONDS, left / 1e9));
    }
    return box.result;
  }

  private static TimeoutError timedOut(String what, double timeout, long startNanos) {
    double elapsed = Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3;
    return new TimeoutError(elapsed, what + " (timeout " + timeout + " s)");
  }

  /**
   * Trial's janitor: iterates the reactor twice, then cancels the timed calls and closes the
   * ports and connections left, failing the test if there were any.
   */
  @Override
  final @Nullable Throwable checkReactor() {
    Reactor reactor = drivableReactor();
    if (reactor == null) {
      return null;
    }
    reactor.iterate(0);
    reactor.iterate(0);
    List<String> calls = new ArrayList<>();
    for (IDelayedCall call : reactor.getDelayedCalls()) {
      if (call.active()) {
        calls.add(call.toString());
        call.cancel();
      }
    }
    List<String> open = new ArrayList<>();
    if (reactor instanceof LoopCore) {
      LoopCore core = (LoopCore) reactor;
      for (Selectable selectable : core.selectables()) {
        open.add(selectable.toString());
        try {
          selectable.disconnectAtShutdown();
        } catch (RuntimeException e) {
          LOG.error("Closing {} left by a test failed", selectable, e);
        }
        core.removeSelectable(selectable);
      }
    }
    if (calls.isEmpty() && open.isEmpty()) {
      return null;
    }
    return new DirtyReactorAggregateError(calls, open);
  }
}
