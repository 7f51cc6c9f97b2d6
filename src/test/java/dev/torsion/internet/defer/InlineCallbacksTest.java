package dev.torsion.internet.defer;

import static dev.torsion.internet.defer.InlineCallbacks.inlineCallbacks;
import static dev.torsion.trial.SynchronousTestCase.assertNoResult;
import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.InlineCallbacks.Awaiter;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** The behaviour of inlineCallbacks bodies on one thread: Twisted's tests and ours. */
public class InlineCallbacksTest {

  // ------------------------------------------------------------------------------------------
  // Returning

  /** twisted.internet.test.test_inlinecb.StopIterationReturnTests.test_returnWithValue */
  @Test
  public void returnWithValue() {
    Deferred<@Nullable Void> d1 = new Deferred<>();
    Deferred<Integer> d2 = inlineCallbacks(a -> {
      a.await(d1);
      return 14;
    });
    d1.callback(null);
    assertEquals(successResultOf(d2), Integer.valueOf(14));
  }

  @Test
  public void runsSynchronouslyUntilFirstUnfiredAwait() {
    List<String> events = new ArrayList<>();
    Deferred<String> later = new Deferred<>();
    Deferred<String> d = inlineCallbacks(a -> {
      events.add("start");
      events.add(a.await(Defer.succeed("fired")));
      events.add(a.await(later));
      return "end";
    });
    events.add("returned");
    assertEquals(events, Arrays.asList("start", "fired", "returned"));
    assertNoResult(d);
    later.callback("later");
    events.add("after callback");
    assertEquals(events, Arrays.asList("start", "fired", "returned", "later", "after callback"));
    assertEquals(successResultOf(d), "end");
  }

  @Test
  public void bodyThatNeverSuspendsHasFiredWhenTheCallReturns() {
    Deferred<Integer> d = inlineCallbacks(a -> a.await(Defer.succeed(20)) + 1);
    assertEquals(successResultOf(d), Integer.valueOf(21));
  }

  @Test
  public void resumesInsideTheFiringCallback() {
    Deferred<Integer> awaited = new Deferred<>();
    List<String> events = new ArrayList<>();
    Deferred<Integer> d = inlineCallbacks(a -> {
      int v = a.await(awaited);
      events.add("resumed " + v);
      return v;
    });
    awaited.addCallback(v -> {
      events.add("later callback sees " + v);
      return v;
    });
    awaited.callback(3);
    // The body resumed at its place in the chain, consumed the result and passed on null.
    assertEquals(events, Arrays.asList("resumed 3", "later callback sees null"));
    assertEquals(successResultOf(d), Integer.valueOf(3));
  }

  // ------------------------------------------------------------------------------------------
  // Errors in and out

  /**
   * twisted.test.test_failure.ExtendedGeneratorTests.test_throwExceptionIntoGenerator (a
   * Failure's exception thrown into a suspended body, as Failure.throwExceptionIntoGenerator).
   */
  @Test
  public void failureOfAwaitedDeferredIsThrownAtTheAwaitWithTheBodysStack() {
    IOException error = new IOException("boom");
    Deferred<String> awaited = new Deferred<>();
    Throwable[] caught = {null};
    Deferred<String> d = inlineCallbacks(a -> catchingBody(a, awaited, caught));
    awaited.errback(error);
    assertEquals(successResultOf(d), "recovered");
    assertSame(caught[0], error);
    String traceback = new Failure(error).getTraceback();
    assertTrue(traceback.contains("AwaitedAt"), traceback);
    assertTrue(traceback.contains(".catchingBody("), traceback);
  }

  private String catchingBody(Awaiter a, Deferred<String> awaited, Throwable[] caught) {
    try {
      return a.await(awaited);
    } catch (Throwable t) {
      caught[0] = t;
      return "recovered";
    }
  }

  @Test
  public void exceptionOutOfTheBodyFailsItsDeferredWithTheBodysStack() {
    Deferred<String> awaited = new Deferred<>();
    Deferred<Object> d = inlineCallbacks(a -> throwingBody(a, awaited));
    awaited.callback("x");
    Failure f = failureResultOf(d, IllegalStateException.class);
    assertEquals(f.getErrorMessage(), "body failed after x");
    assertTrue(f.getTraceback().contains(".throwingBody("), f.getTraceback());
  }

  private Object throwingBody(Awaiter a, Deferred<String> awaited) throws Throwable {
    throw new IllegalStateException("body failed after " + a.await(awaited));
  }

  @Test
  public void uncaughtAwaitFailurePassesTheSameErrorOn() {
    Deferred<String> awaited = new Deferred<>();
    Deferred<String> d = inlineCallbacks(a -> a.await(awaited));
    IOException error = new IOException("lost");
    awaited.errback(error);
    assertSame(failureResultOf(d, IOException.class).value(), error);
    assertTrue(UnhandledErrors.pending().stream().noneMatch(p -> p.value() == error));
  }

  /** twisted.internet.test.test_inlinecb.ForwardTraceBackTests.test_forwardTracebacks */
  @Test
  public void forwardTracebacks() {
    Failure f = failureResultOf(inlineCallbacks(this::calling));
    String tb = f.getTraceback();
    assertTrue(tb.contains(".erroring("), tb);
    assertTrue(tb.contains(".calling("), tb);
    assertTrue(tb.contains("Error Marker"), tb);
  }

  /** twisted.internet.test.test_inlinecb.ForwardTraceBackTests.test_forwardLotsOfTracebacks */
  @Test
  public void forwardLotsOfTracebacks() {
    Failure f = failureResultOf(inlineCallbacks(this::calling1));
    String tb = f.getTraceback();
    assertTrue(tb.contains(".erroring("), tb);
    assertTrue(tb.contains(".calling1("), tb);
    assertTrue(tb.contains(".calling2("), tb);
    assertTrue(tb.contains(".calling3("), tb);
    // The machinery that throws into a body (Twisted's throwExceptionIntoGenerator) is left out.
    assertFalse(tb.contains("InlineFiber.await"), tb);
    assertTrue(tb.contains("Error Marker"), tb);
    assertTrue(f.getTraceback().contains(".erroring("));
  }

  private Object erroring(Awaiter a) throws Throwable {
    a.await(Defer.succeed("forcing generator"));
    throw new Exception("Error Marker");
  }

  private Object calling(Awaiter a) throws Throwable {
    return a.await(inlineCallbacks(this::erroring));
  }

  private Object calling3(Awaiter a) throws Throwable {
    return a.await(inlineCallbacks(this::erroring));
  }

  private Object calling2(Awaiter a) throws Throwable {
    return a.await(inlineCallbacks(this::calling3));
  }

  private Object calling1(Awaiter a) throws Throwable {
    return a.await(inlineCallbacks(this::calling2));
  }

  /** twisted.test.test_defer.DeferredTests.test_inlineCallbacksTracebacks */
  @Test
  public void inlineCallbacksTracebacks() {
    Failure division = getDivisionFailure();
    Deferred<Object> d = new Deferred<>();
    try {
      division.raiseException();
    } catch (Throwable t) {
      d.errback(t);
    }
    // Decorating a body runs nothing: d keeps its failure, with its original stack.
    Function<Deferred<Object>, Deferred<Object>> ic = InlineCallbacks.decorate(
        (Awaiter a, Deferred<Object> x) -> a.await(x));
    assertTrue(d.hasResult());
    // Running it on d: the error comes out with its original stack still on top.
    Failure newFailure = failureResultOf(ic.apply(d));
    assertSame(newFailure.value(), division.value());
    StackTraceElement[] tb = newFailure.value().getStackTrace();
    assertEquals(tb[0].getMethodName(), "getDivisionFailure");
    assertEquals(tb[1].getMethodName(), "inlineCallbacksTracebacks");
  }

  private static Failure getDivisionFailure() {
    try {
      int zero = 0;
      int never = 1 / zero;
      throw new AssertionError(never);
    } catch (ArithmeticException e) {
      return new Failure(e);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Cancellation: D is the body's Deferred, C the Deferred it awaits.

  /** A body that waits on a child and translates some of its errors. */
  private static Deferred<Integer> sampleInlineCB(Supplier<Deferred<Integer>> getChildDeferred) {
    return inlineCallbacks(a -> {
      int x;
      try {
        x = a.await(getChildDeferred.get());
      } catch (UntranslatedError e) {
        throw new TranslatedError();
      } catch (DontFail df) {
        x = df.actualValue - 2;
      }
      return x + 1;
    });
  }

  /** twisted.internet.test.test_inlinecb.CancellationTests.test_cascadeCancellingOnCancel */
  @Test
  public void cascadeCancellingOnCancel() {
    Object[] childResultHolder = {"FAILURE"};
    Deferred<Integer> d = sampleInlineCB(() -> {
      Deferred<Integer> child = new Deferred<>();
      child.addErrback(result -> {
        childResultHolder[0] = result.check(CancelledError.class);
        return result.raiseException();
      });
      return child;
    });
    d.addErrback(result -> null);
    d.cancel();
    assertEquals(childResultHolder[0], CancelledError.class, "no cascade cancelling occurs");
  }

  /** twisted.internet.test.test_inlinecb.CancellationTests.test_errbackCancelledErrorOnCancel */
  @Test
  public void errbackCancelledErrorOnCancel() {
    Deferred<Integer> d = sampleInlineCB(Deferred::new);
    d.cancel();
    Failure f = failureResultOf(d);
    assertThrows(CancelledError.class, f::raiseException);
  }

  /** twisted.internet.test.test_inlinecb.CancellationTests.test_errorToErrorTranslation */
  @Test
  public void errorToErrorTranslation() {
    Deferred<Integer> a = new Deferred<>(it -> it.errback(new UntranslatedError()));
    Deferred<Integer> d = sampleInlineCB(() -> a);
    d.cancel();
    Failure f = failureResultOf(d);
    assertThrows(TranslatedError.class, f::raiseException);
  }

  /** twisted.internet.test.test_inlinecb.CancellationTests.test_errorToSuccessTranslation */
  @Test
  public void errorToSuccessTranslation() {
    Deferred<Integer> a = new Deferred<>(it -> it.errback(new DontFail(4321)));
    Deferred<Integer> d = sampleInlineCB(() -> a);
    List<Integer> results = new ArrayList<>();
    d.addCallback(results::add);
    d.cancel();
    assertEquals(results, List.of(4320));
  }

  /** twisted.internet.test.test_inlinecb.CancellationTests.test_asynchronousCancellation */
  @Test
  public void asynchronousCancellation() {
    Deferred<Integer> moreDeferred = new Deferred<>();
    Deferred<Integer> d = sampleInlineCB(() -> {
      Deferred<Integer> child = new Deferred<>();
      child.addErrbackDeferred(result -> {
        result.trap(CancelledError.class);
        return moreDeferred;
      });
      return child;
    });
    d.cancel();
    assertNoResult(d);
    moreDeferred.callback(6543);
    assertEquals(successResultOf(d), Integer.valueOf(6544));
  }

  @Test
  public void bodyMayCatchCancellationAndAwaitAgain() {
    Deferred<String> first = new Deferred<>();
    Deferred<String> second = new Deferred<>();
    Deferred<String> d = inlineCallbacks(a -> {
      try {
        return a.await(first);
      } catch (CancelledError e) {
        return "after cancel: " + a.await(second);
      }
    });
    List<String> results = new ArrayList<>();
    d.addCallback(results::add);
    d.cancel();
    assertTrue(first.called());
    assertEquals(results, List.of());
    second.callback("second");
    assertEquals(results, List.of("after cancel: second"));
  }

  @Test
  public void cancellingTwiceCancelsEachAwaitedDeferred() {
    Deferred<String> first = new Deferred<>();
    Deferred<String> second = new Deferred<>();
    Deferred<String> d = inlineCallbacks(a -> {
      try {
        a.await(first);
      } catch (CancelledError e) {
        return a.await(second);
      }
      return "unreached";
    });
    d.cancel();
    d.cancel();
    failureResultOf(d, CancelledError.class);
    assertTrue(second.called());
  }

  @Test
  public void cancellingAfterTheBodyFinishedChangesNothing() {
    Deferred<String> d = inlineCallbacks(a -> "done");
    d.cancel();
    assertEquals(successResultOf(d), "done");
  }

  @Test
  public void cancellingFromInsideTheRunningBodyLetsItFinish() {
    Deferred<?>[] self = {null};
    Deferred<String> gate = new Deferred<>();
    Deferred<String> d = inlineCallbacks(a -> {
      a.await(gate);
      self[0].cancel();
      return "finished";
    });
    self[0] = d;
    gate.callback("go");
    assertEquals(successResultOf(d), "finished");
  }

  // ------------------------------------------------------------------------------------------
  // Misuse and the decorator form

  @Test
  public void awaitOutsideTheBodyIsRefused() {
    Awaiter[] escaped = {null};
    Deferred<String> d = inlineCallbacks(a -> {
      escaped[0] = a;
      return "x";
    });
    successResultOf(d);
    assertThrows(IllegalStateException.class, () -> escaped[0].await(Defer.succeed(1)));
  }

  @Test
  public void awaitingTheBodysOwnDeferredIsRefused() {
    Deferred<String> gate = new Deferred<>();
    Deferred<?>[] self = {null};
    Deferred<String> d = inlineCallbacks(a -> {
      a.await(gate);
      a.await(self[0]);
      return "unreached";
    });
    self[0] = d;
    gate.callback("go");
    failureResultOf(d, IllegalArgumentException.class);
  }

  @Test
  public void bodyReturningADeferredFailsClearly() {
    Deferred<Deferred<String>> d = inlineCallbacks(a -> new Deferred<String>());
    failureResultOf(d, IllegalArgumentException.class);
  }

  @Test
  public void errorFiringTheBodysDeferredGoesToTheResumingChain() {
    Deferred<String> gate = new Deferred<>();
    Deferred<String> d = inlineCallbacks(a -> a.await(gate));
    d.callback("early");
    gate.callback("late");
    // As in Twisted, the AlreadyCalledError escapes into the chain that resumed the body.
    failureResultOf(gate, AlreadyCalledError.class);
    assertEquals(successResultOf(d), "early");
  }

  @Test
  public void decoratedFunctionsRunTheBodyOnEachCall() {
    int[] runs = {0};
    Supplier<Deferred<Integer>> counter = InlineCallbacks.decorate(a -> ++runs[0]);
    assertEquals(runs[0], 0);
    assertEquals(successResultOf(counter.get()), Integer.valueOf(1));
    assertEquals(successResultOf(counter.get()), Integer.valueOf(2));
    Function<Deferred<String>, Deferred<Integer>> length =
        InlineCallbacks.decorate((Awaiter a, Deferred<String> in) -> a.await(in).length());
    Deferred<String> in = new Deferred<>();
    Deferred<Integer> out = length.apply(in);
    assertNoResult(out);
    in.callback("four");
    assertEquals(successResultOf(out), Integer.valueOf(4));
  }

  @Test
  public void nullResultsPassThrough() {
    Deferred<@Nullable String> d =
        inlineCallbacks(a -> a.await(Defer.<@Nullable String>succeed(null)));
    assertNull(successResultOf(d));
  }

  static final class UntranslatedError extends Exception {
    private static final long serialVersionUID = 1L;
  }

  static final class TranslatedError extends Exception {
    private static final long serialVersionUID = 1L;
  }

  static final class DontFail extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int actualValue;

    DontFail(int actual) {
      this.actualValue = actual;
    }
  }
}
