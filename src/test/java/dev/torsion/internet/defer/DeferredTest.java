package dev.torsion.internet.defer;

import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** Adding callbacks, firing, pausing and re-entrancy on a single {@link Deferred}. */
public class DeferredTest {
  /** What the recording callbacks received: the positional arguments, then the keyword ones. */
  private @Nullable List<Object> callbackResults;
  private @Nullable List<Object> callback2Results;
  private @Nullable List<Object> errbackResults;

  @BeforeMethod
  public void reset() {
    callbackResults = null;
    callback2Results = null;
    errbackResults = null;
  }

  private @Nullable Object callback(@Nullable Object result, Object... extra) {
    List<Object> args = new ArrayList<>();
    args.add(result);
    args.addAll(Arrays.asList(extra));
    callbackResults = List.of(args, Map.of());
    return result;
  }

  private @Nullable Object callbackKw(@Nullable Object result, Map<String, Object> kw) {
    List<Object> args = new ArrayList<>();
    args.add(result);
    callbackResults = List.of(args, kw);
    return result;
  }

  private @Nullable Object callback2(@Nullable Object result) {
    callback2Results = List.of(Arrays.asList(result), Map.of());
    return null;
  }

  private <X extends @Nullable Object> @Nullable X errback(Failure failure) {
    errbackResults = List.of(List.of(failure), Map.of());
    return null;
  }

  private static List<Object> call(Object... args) {
    return List.of(Arrays.asList(args), Map.of());
  }

  /** twisted.test.test_defer.DeferredTests.testCallbackWithoutArgs */
  @Test
  public void callbackReceivesTheResult() {
    Deferred<String> deferred = new Deferred<>();
    deferred.addCallback(r -> callback(r));
    deferred.callback("hello");
    assertNull(errbackResults);
    assertEquals(callbackResults, call("hello"));
  }

  /** twisted.test.test_defer.DeferredTests.testCallbackWithArgs */
  @Test
  public void callbackReceivesCapturedExtraArguments() {
    Deferred<String> deferred = new Deferred<>();
    String world = "world";
    deferred.addCallback(r -> callback(r, world));
    deferred.callback("hello");
    assertNull(errbackResults);
    assertEquals(callbackResults, call("hello", "world"));
  }

  /** twisted.test.test_defer.DeferredTests.testCallbackWithKwArgs */
  @Test
  public void callbackReceivesCapturedNamedArguments() {
    Deferred<String> deferred = new Deferred<>();
    Map<String, Object> kw = Map.of("world", "world");
    deferred.addCallback(r -> callbackKw(r, kw));
    deferred.callback("hello");
    assertNull(errbackResults);
    assertEquals(callbackResults, List.of(List.of("hello"), Map.of("world", "world")));
  }

  /** twisted.test.test_defer.DeferredTests.testTwoCallbacks */
  @Test
  public void eachCallbackReceivesThePreviousOnesResult() {
    Deferred<String> deferred = new Deferred<>();
    deferred.addCallback(r -> callback(r)).addCallback(r -> callback2(r));
    deferred.callback("hello");
    assertNull(errbackResults);
    assertEquals(callbackResults, call("hello"));
    assertEquals(callback2Results, call("hello"));
  }

  /** twisted.test.test_defer.DeferredTests.test_addCallbacksNoneErrback */
  @Test
  public void addCallbacksWithNullErrbackPassesTheFailureOn() {
    GenericError error = new GenericError("oopsie");
    Deferred<@Nullable Void> deferred = new Deferred<>();
    deferred.<@Nullable Object>addCallbacks(r -> callback(r), null);
    deferred.errback(error);
    deferred.addErrback(f -> errback(f));
    assertNull(callbackResults);
    List<?> args = (List<?>) errbackResults.get(0);
    assertEquals(args.size(), 1);
    assertSame(((Failure) args.get(0)).value(), error);
    assertEquals(errbackResults.get(1), Map.of());
  }

  /**
   * twisted.test.test_defer.DeferredTests.test_addCallbacksNoneCallbackArgs: a callback given no
   * extra arguments receives the result alone.
   */
  @Test
  public void addCallbacksCallbackWithoutExtraArgumentsGetsOnlyTheResult() {
    Deferred<String> deferred = new Deferred<>();
    deferred.<@Nullable Object>addCallbacks(r -> callback(r), f -> errback(f));
    deferred.callback("hello");
    assertNull(errbackResults);
    assertEquals(callbackResults, call("hello"));
  }

  /**
   * twisted.test.test_defer.DeferredTests.test_addCallbacksNoneErrbackArgs: an errback given no
   * extra arguments receives the Failure alone.
   */
  @Test
  public void addCallbacksErrbackWithoutExtraArgumentsGetsOnlyTheFailure() {
    GenericError error = new GenericError("oopsie");
    Deferred<@Nullable Void> deferred = new Deferred<>();
    deferred.<@Nullable Object>addCallbacks(r -> callback(r), f -> errback(f));
    deferred.errback(error);
    deferred.addErrback(f -> errback(f));
    assertNull(callbackResults);
    List<?> args = (List<?>) errbackResults.get(0);
    assertEquals(args.size(), 1);
    assertSame(((Failure) args.get(0)).value(), error);
    assertEquals(errbackResults.get(1), Map.of());
  }

  /** twisted.test.test_defer.DeferredTests.testImmediateSuccess */
  @Test
  public void callbackAddedAfterSuccessRunsAtOnce() {
    List<String> l = new ArrayList<>();
    Deferred<String> d = Defer.succeed("success");
    d.addCallback(l::add);
    assertEquals(l, List.of("success"));
  }

  /** twisted.test.test_defer.DeferredTests.testImmediateFailure */
  @Test
  public void errbackAddedAfterFailureRunsAtOnce() {
    List<Failure> l = new ArrayList<>();
    Deferred<@Nullable Void> d = Defer.fail(new GenericError("fail"));
    d.addErrback(f -> {
      l.add(f);
      return null;
    });
    assertEquals(l.get(0).value().getMessage(), "fail");
  }

  /** twisted.test.test_defer.DeferredTests.testPausedFailure */
  @Test
  public void pausedFailedDeferredHoldsErrbacksUntilUnpaused() {
    List<Failure> l = new ArrayList<>();
    Deferred<@Nullable Void> d = Defer.fail(new GenericError("fail"));
    d.pause();
    d.addErrback(f -> {
      l.add(f);
      return null;
    });
    assertEquals(l, List.of());
    d.unpause();
    assertEquals(l.get(0).value().getMessage(), "fail");
  }

  /** twisted.test.test_defer.DeferredTests.testCallbackErrors */
  @Test
  public void callbackThatThrowsOrReturnsAFailureSwitchesToErrbacks() {
    List<Failure> l = new ArrayList<>();
    Deferred<Integer> d = new Deferred<>();
    d.addCallback(x -> 1 / (x - 1)).addErrback(f -> {
      l.add(f);
      return null;
    });
    d.callback(1);
    assertTrue(l.get(0).value() instanceof ArithmeticException);

    List<Failure> l2 = new ArrayList<>();
    Deferred<Integer> d2 = new Deferred<>();
    d2.addCallback(x -> new Failure(new ArithmeticException())).addErrback(f -> {
      l2.add(f);
      return null;
    });
    d2.callback(1);
    assertTrue(l2.get(0).value() instanceof ArithmeticException);
  }

  /** twisted.test.test_defer.DeferredTests.testUnpauseBeforeCallback */
  @Test
  public void unpauseBeforeFiringRunsNothing() {
    Deferred<@Nullable Void> d = new Deferred<>();
    d.pause();
    d.addCallback(r -> callback(r));
    d.unpause();
    assertNull(callbackResults);
    assertEquals(d.paused(), 0);
    d.callback(null);
    assertEquals(callbackResults, call((Object) null));
  }

  /** Pauses nest: only the last unpause runs the held callbacks. */
  @Test
  public void pausesNest() {
    List<Object> seen = new ArrayList<>();
    Deferred<String> d = new Deferred<>();
    d.pause();
    d.pause();
    d.callback("x");
    d.addCallback(seen::add);
    d.unpause();
    assertEquals(seen, List.of());
    d.unpause();
    assertEquals(seen, List.of("x"));
  }

  /** As in Twisted, pausing from one of a Deferred's own callbacks does not stop that pass. */
  @Test
  public void pauseInsideOwnCallbackDoesNotStopTheRunningPass() {
    List<Object> seen = new ArrayList<>();
    Deferred<@Nullable Object> d = new Deferred<>();
    d.addCallback(r -> {
      d.pause();
      return r;
    });
    d.addCallback(seen::add);
    d.callback("x");
    assertEquals(seen, List.of("x"));
    d.addCallback(seen::add);
    assertEquals(seen, List.of("x"), "held by the pause");
    d.unpause();
    assertEquals(seen, List.of("x", true));
  }

  /** twisted.test.test_defer.DeferredTests.test_reentrantRunCallbacks */
  @Test
  public void callbackAddedByACallbackGoesToTheEnd() {
    Deferred<@Nullable Object> deferred = new Deferred<>();
    List<Integer> called = new ArrayList<>();
    deferred.addCallback(r -> {
      called.add(1);
      deferred.addCallback(x -> called.add(3));
      return null;
    });
    deferred.addCallback(r -> called.add(2));
    deferred.callback(null);
    assertEquals(called, List.of(1, 2, 3));
  }

  /** twisted.test.test_defer.DeferredTests.test_nonReentrantCallbacks */
  @Test
  public void callbackAddedByACallbackWaitsForItToReturn() {
    Deferred<@Nullable Object> deferred = new Deferred<>();
    List<Integer> called = new ArrayList<>();
    List<List<Integer>> seenInside = new ArrayList<>();
    deferred.addCallback(r -> {
      called.add(1);
      deferred.addCallback(x -> called.add(2));
      seenInside.add(List.copyOf(called));
      return null;
    });
    deferred.callback(null);
    assertEquals(seenInside, List.of(List.of(1)));
    assertEquals(called, List.of(1, 2));
  }

  /** twisted.test.test_defer.DeferredTests.test_reentrantRunCallbacksWithFailure */
  @Test
  public void callbackAddedByACallbackThatThrowsFailsTheChain() {
    String exceptionMessage = "callback raised exception";
    Deferred<@Nullable Void> deferred = new Deferred<>();
    deferred.addCallback(r -> {
      deferred.addCallback(x -> {
        throw new Exception(exceptionMessage);
      });
      return null;
    });
    deferred.callback(null);
    Failure failure = failureResultOf(deferred, Exception.class);
    assertEquals(failure.value().getMessage(), exceptionMessage);
  }

  /** An errback that returns a value switches the chain back to callbacks. */
  @Test
  public void errbackReturningAValueRecovers() {
    Deferred<String> d = Defer.fail(new GenericError("x"));
    d.addErrback(f -> "recovered");
    assertEquals(successResultOf(d), "recovered");
  }

  /** An errback that rethrows the Failure's exception keeps the same Failure object. */
  @Test
  public void errbackRethrowingKeepsTheSameFailure() {
    Failure original = new Failure(new GenericError("x"));
    Deferred<String> d = Defer.fail(original);
    d.addErrback(f -> f.raiseException());
    assertSame(failureResultOf(d), original);
  }

  /** Firing with a Deferred is refused with a clear error, and the Deferred stays unfired. */
  @Test
  public void callbackWithADeferredIsRefused() {
    Deferred<Object> d = new Deferred<>();
    try {
      d.callback(new Deferred<>());
      throw new AssertionError("expected IllegalArgumentException");
    } catch (IllegalArgumentException expected) {
      assertEquals(d.called(), false);
    }
  }

  /** Twisted asserts callbacks are callable; a null one is refused when added, not when run. */
  @Test
  public void nullCallbackIsRefusedAtOnce() {
    Deferred<String> d = new Deferred<>();
    org.testng.Assert.assertThrows(NullPointerException.class, () -> d.addCallback(null));
    org.testng.Assert.assertThrows(NullPointerException.class, () -> d.addErrback(null));
    org.testng.Assert.assertThrows(NullPointerException.class, () -> d.addBoth(null));
    d.callback("x");
    assertEquals(successResultOf(d), "x");
  }

  /** twisted.test.test_defer.DeferredTests.test_repr */
  @Test
  public void toStringShowsTheIdentity() {
    Deferred<@Nullable Void> d = new Deferred<>();
    assertEquals(d.toString(), "<Deferred at 0x" + hex(d) + ">");
  }

  /** twisted.test.test_defer.DeferredTests.test_reprWithResult */
  @Test
  public void toStringShowsTheResult() {
    Deferred<String> d = new Deferred<>();
    d.callback("orange");
    assertEquals(d.toString(), "<Deferred at 0x" + hex(d) + " current result: orange>");
  }

  /** twisted.test.test_defer.DeferredTests.test_reprWithChaining */
  @Test
  public void toStringShowsTheDeferredWaitedOn() {
    Deferred<@Nullable Void> a = new Deferred<>();
    Deferred<@Nullable Void> b = new Deferred<>();
    b.chainDeferred(a);
    assertEquals(a.toString(),
        "<Deferred at 0x" + hex(a) + " waiting on Deferred at 0x" + hex(b) + ">");
  }

  static String hex(Object o) {
    return Integer.toHexString(System.identityHashCode(o));
  }

  /** The exception the ported tests raise, as Twisted's test module's {@code GenericError}. */
  static final class GenericError extends Exception {
    private static final long serialVersionUID = 1L;

    GenericError(String message) {
      super(message);
    }
  }
}
