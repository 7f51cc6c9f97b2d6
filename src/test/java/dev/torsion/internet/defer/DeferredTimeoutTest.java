package dev.torsion.internet.defer;

import static dev.torsion.trial.SynchronousTestCase.assertNoResult;
import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.task.Clock;
import dev.torsion.python.failure.Failure;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** {@link Deferred#addTimeout}, timed with a {@link Clock}. */
public class DeferredTimeoutTest {
  /** Twisted's {@code _overrideFunc}: an onTimeoutCancel that ignores what it gets. */
  private static final Deferred.OnTimeoutCancel<Object> OVERRIDE = (value, timeout) -> "OVERRIDDEN";

  /** The argument an errback or callback received, for the test to inspect. */
  private static final class Seen<T> {
    @Nullable T value;

    T get() {
      T v = value;
      assertNotNull(v, "never called");
      return v;
    }
  }

  private static Deferred<Object> timed(Deferred<Object> d, Clock clock, boolean custom) {
    return custom ? d.addTimeout(10, clock, OVERRIDE) : d.addTimeout(10, clock);
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_timeoutChainable */
  @Test
  public void addTimeoutReturnsTheSameDeferred() {
    Deferred<@Nullable Void> d = new Deferred<>();
    Deferred<@Nullable Void> same = d.addTimeout(5, new Clock());
    assertSame(same, d);
    Deferred<String> done = same.addCallback(ignored -> "done");
    d.callback(null);
    assertEquals(successResultOf(done), "done");
  }

  private void successBeforeTimeout(boolean custom) {
    Clock clock = new Clock();
    Deferred<Object> d = timed(new Deferred<>(), clock, custom);
    Deferred<Object> inner = new Deferred<>();
    Seen<Object> seen = new Seen<>();
    d.addCallbackDeferred(result -> {
      seen.value = result;
      return inner;
    });
    d.callback("results");
    assertEquals(seen.get(), "results");
    assertTrue(clock.getDelayedCalls().isEmpty(), "the timer must be cancelled");
    clock.advance(15);
    // Had the timeout fired, it would have cancelled d, hence inner.
    assertNoResult(inner);
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_successResultBeforeTimeout */
  @Test
  public void successBeforeTimeoutCancelsTheTimer() {
    successBeforeTimeout(false);
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_successResultBeforeTimeoutCustom */
  @Test
  public void successBeforeTimeoutCancelsTheTimerCustom() {
    successBeforeTimeout(true);
  }

  private void failureBeforeTimeout(boolean custom) {
    Clock clock = new Clock();
    Deferred<Object> d = timed(new Deferred<>(), clock, custom);
    Deferred<Object> inner = new Deferred<>();
    Seen<Failure> seen = new Seen<>();
    d.addErrbackDeferred(f -> {
      seen.value = f;
      return inner;
    });
    IllegalArgumentException error = new IllegalArgumentException("fail");
    d.errback(error);
    assertSame(seen.get().value(), error);
    assertTrue(clock.getDelayedCalls().isEmpty(), "the timer must be cancelled");
    clock.advance(15);
    assertNoResult(inner);
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_failureBeforeTimeout */
  @Test
  public void failureBeforeTimeoutCancelsTheTimer() {
    failureBeforeTimeout(false);
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_failureBeforeTimeoutCustom */
  @Test
  public void failureBeforeTimeoutCancelsTheTimerCustom() {
    failureBeforeTimeout(true);
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_timedOut */
  @Test
  public void timingOutFailsWithTimeoutError() {
    Clock clock = new Clock();
    Deferred<Object> d = new Deferred<>().addTimeout(10, clock);
    assertNoResult(d);
    clock.advance(9.5);
    assertNoResult(d);
    clock.advance(5.5);
    Failure f = failureResultOf(d, TimeoutError.class);
    assertEquals(f.getErrorMessage(), "Deferred timed out after 10 seconds");
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_timedOutCustom */
  @Test
  public void timingOutUsesOnTimeoutCancelResult() {
    Clock clock = new Clock();
    Object[] args = new Object[2];
    Deferred<Object> d = new Deferred<>().addTimeout(10, clock, (value, timeout) -> {
      args[0] = value;
      args[1] = timeout;
      return "OVERRIDDEN";
    });
    assertNoResult(d);
    clock.advance(15);
    assertEquals(successResultOf(d), "OVERRIDDEN");
    assertTrue(args[0] instanceof Failure && ((Failure) args[0]).check(CancelledError.class)
        != null, "onTimeoutCancel receives the CancelledError failure, got " + args[0]);
    assertEquals(args[1], 10.0);
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_timedOutProvidedCancelSuccess */
  @Test
  public void timingOutKeepsACancellerSuccess() {
    Clock clock = new Clock();
    Deferred<Object> d = new Deferred<>(c -> c.callback("I was cancelled!"));
    d.addTimeout(10, clock);
    assertNoResult(d);
    clock.advance(15);
    assertEquals(successResultOf(d), "I was cancelled!");
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_timedOutProvidedCancelFailure */
  @Test
  public void timingOutKeepsACancellerFailure() {
    Clock clock = new Clock();
    IllegalArgumentException error = new IllegalArgumentException("what!");
    Deferred<Object> d = new Deferred<>(c -> c.errback(error));
    d.addTimeout(10, clock);
    assertNoResult(d);
    clock.advance(15);
    assertSame(failureResultOf(d, IllegalArgumentException.class).value(), error);
  }

  private void cancelBeforeTimeout(boolean custom) {
    Clock clock = new Clock();
    Deferred<Object> d = timed(new Deferred<>(), clock, custom);
    Deferred<Object> inner = new Deferred<>();
    Seen<Failure> seen = new Seen<>();
    d.addErrbackDeferred(f -> {
      seen.value = f;
      return inner;
    });
    d.cancel();
    // The CancelledError reaches the errback unconverted: the timeout did not fire.
    assertSame(seen.get().type(), CancelledError.class);
    clock.advance(15);
    assertNoResult(inner);
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_cancelBeforeTimeout */
  @Test
  public void cancelBeforeTimeoutKeepsCancelledError() {
    cancelBeforeTimeout(false);
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_cancelBeforeTimeoutCustom */
  @Test
  public void cancelBeforeTimeoutKeepsCancelledErrorCustom() {
    cancelBeforeTimeout(true);
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_providedCancelCalledBeforeTimeoutCustom */
  @Test
  public void onTimeoutCancelConvertsACancellerFailure() {
    Clock clock = new Clock();
    Deferred<Object> d = new Deferred<>(c -> c.errback(new IllegalArgumentException("what!")));
    d.addTimeout(10, clock, OVERRIDE);
    assertNoResult(d);
    clock.advance(15);
    assertEquals(successResultOf(d), "OVERRIDDEN");
  }

  private Seen<Failure> errbackBeforeTimeout(Deferred<Object> d, Clock clock, boolean custom,
      boolean suppress) {
    Seen<Failure> seen = new Seen<>();
    d.addErrback(f -> {
      seen.value = f;
      if (suppress) {
        f.trap(CancelledError.class);
        return null;
      }
      return f;
    });
    timed(d, clock, custom);
    clock.advance(15);
    assertTrue(seen.get().value() instanceof CancelledError);
    return seen;
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_errbackAddedBeforeTimeout */
  @Test
  public void earlierErrbackSeesCancelledErrorThenTimeoutError() {
    Clock clock = new Clock();
    Deferred<Object> d = new Deferred<>();
    errbackBeforeTimeout(d, clock, false, false);
    failureResultOf(d, TimeoutError.class);
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_errbackAddedBeforeTimeoutSuppressesCancellation */
  @Test
  public void earlierErrbackMaySuppressTheCancellation() {
    Clock clock = new Clock();
    Deferred<Object> d = new Deferred<>();
    errbackBeforeTimeout(d, clock, false, true);
    assertEquals(successResultOf(d), null);
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_errbackAddedBeforeTimeoutCustom */
  @Test
  public void earlierErrbackThenOnTimeoutCancel() {
    Clock clock = new Clock();
    Deferred<Object> d = new Deferred<>();
    errbackBeforeTimeout(d, clock, true, false);
    assertEquals(successResultOf(d), "OVERRIDDEN");
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_errbackAddedBeforeTimeoutSuppressesCancellationCustom */
  @Test
  public void earlierErrbackSuppressesThenOnTimeoutCancelStillRuns() {
    Clock clock = new Clock();
    Deferred<Object> d = new Deferred<>();
    errbackBeforeTimeout(d, clock, true, true);
    assertEquals(successResultOf(d), "OVERRIDDEN");
  }

  private void callbackAddedBeforeTimeout(boolean custom, Object expected) {
    Clock clock = new Clock();
    String success = "success";
    Deferred<Object> d = new Deferred<>(c -> c.callback(success));
    Seen<Object> seen = new Seen<>();
    d.addCallback(value -> {
      seen.value = value;
      return value;
    });
    timed(d, clock, custom);
    clock.advance(15);
    assertSame(seen.get(), success);
    assertEquals(successResultOf(d), expected);
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_callbackAddedToCancelerBeforeTimeout */
  @Test
  public void cancellerSuccessReachesEarlierCallback() {
    callbackAddedBeforeTimeout(false, "success");
  }

  /** twisted.test.test_defer.DeferredAddTimeoutTests.test_callbackAddedToCancelerBeforeTimeoutCustom */
  @Test
  public void cancellerSuccessReachesEarlierCallbackThenOnTimeoutCancel() {
    callbackAddedBeforeTimeout(true, "OVERRIDDEN");
  }

  @Test
  public void timingOutCancelsAnInnerDeferredTheChainWaitsOn() {
    Clock clock = new Clock();
    int[] innerCancels = {0};
    Deferred<Object> inner = new Deferred<>(c -> innerCancels[0]++);
    Deferred<Object> d = Defer.<Object>succeed("x").addCallbackDeferred(x -> inner);
    d.addTimeout(3, clock);
    clock.advance(3);
    assertEquals(innerCancels[0], 1);
    failureResultOf(d, TimeoutError.class);
  }

  @Test
  public void badTimeoutIsRejected() {
    Deferred<Object> d = new Deferred<>();
    assertThrows(IllegalArgumentException.class, () -> d.addTimeout(-1, new Clock()));
    assertThrows(IllegalArgumentException.class, () -> d.addTimeout(Double.NaN, new Clock()));
  }

  @Test
  public void timeoutErrorMessageShowsFractionalSeconds() {
    assertEquals(new TimeoutError(2.5, "Deferred").getMessage(),
        "Deferred timed out after 2.5 seconds");
  }
}
