package dev.torsion.internet.defer;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.python.failure.Failure;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** {@link Deferred#cancel()}: with and without a canceller, nested, and after firing. */
public class DeferredCancelTest {
  private static final class GenericError extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private @Nullable Object callbackResult;
  private @Nullable Failure errbackResult;
  private int cancellerCalls;

  @BeforeMethod
  public void reset() {
    callbackResult = null;
    errbackResult = null;
    cancellerCalls = 0;
  }

  @AfterMethod
  public void cancellerRanAtMostOnce() {
    assertTrue(cancellerCalls <= 1, "canceller called " + cancellerCalls + " times");
  }

  private <T> Deferred<@Nullable Void> record(Deferred<T> d) {
    return d.addCallbacks(value -> {
      callbackResult = value;
      return null;
    }, failure -> {
      errbackResult = failure;
      return null;
    });
  }

  private Failure errbacked() {
    Failure f = errbackResult;
    if (f == null) {
      throw new AssertionError("the errback did not run");
    }
    return f;
  }

  /** twisted.test.test_defer.DeferredCancellerTests.test_noCanceller */
  @Test
  public void withoutCancellerFailsWithCancelledError() {
    Deferred<String> d = new Deferred<>();
    record(d);
    d.cancel();
    assertEquals(errbacked().type(), CancelledError.class);
    assertNull(callbackResult);
  }

  /** twisted.test.test_defer.DeferredCancellerTests.test_raisesAfterCancelAndCallback */
  @Test
  public void withoutCancellerOneLaterCallbackIsSwallowed() {
    Deferred<String> d = new Deferred<>();
    record(d);
    d.cancel();
    d.callback("late"); // the operation finishing anyway: ignored once
    assertThrows(AlreadyCalledError.class, () -> d.callback("again"));
    assertThrows(AlreadyCalledError.class, () -> d.errback(new Exception()));
    assertEquals(errbacked().type(), CancelledError.class);
    assertNull(callbackResult);
  }

  /** twisted.test.test_defer.DeferredCancellerTests.test_raisesAfterCancelAndErrback */
  @Test
  public void withoutCancellerOneLaterErrbackIsSwallowed() {
    Deferred<String> d = new Deferred<>();
    record(d);
    d.cancel();
    d.errback(new Exception("late"));
    assertThrows(AlreadyCalledError.class, () -> d.callback("again"));
    assertThrows(AlreadyCalledError.class, () -> d.errback(new Exception()));
    assertEquals(errbacked().type(), CancelledError.class);
  }

  /** twisted.test.test_defer.DeferredCancellerTests.test_noCancellerMultipleCancelsAfterCancelAndCallback */
  @Test
  public void withoutCancellerCancelAfterCancelAndCallbackDoesNothing() {
    Deferred<String> d = new Deferred<>();
    record(d);
    d.cancel();
    Failure first = errbacked();
    d.callback("late");
    d.cancel();
    assertSame(errbackResult, first);
    assertNull(callbackResult);
  }

  /** twisted.test.test_defer.DeferredCancellerTests.test_noCancellerMultipleCancelsAfterCancelAndErrback */
  @Test
  public void withoutCancellerCancelAfterCancelAndErrbackDoesNothing() {
    Deferred<String> d = new Deferred<>();
    record(d);
    d.cancel();
    Failure first = errbacked();
    assertEquals(first.type(), CancelledError.class);
    d.errback(new GenericError());
    assertEquals(errbacked().type(), CancelledError.class);
    d.cancel();
    assertSame(errbackResult, first);
  }

  /** twisted.test.test_defer.DeferredCancellerTests.test_noCancellerMultipleCancel */
  @Test
  public void withoutCancellerSecondCancelDoesNothing() {
    Deferred<String> d = new Deferred<>();
    record(d);
    d.cancel();
    Failure first = errbacked();
    assertEquals(first.type(), CancelledError.class);
    d.cancel();
    assertSame(errbackResult, first);
  }

  /** twisted.test.test_defer.DeferredCancellerTests.test_cancellerMultipleCancel */
  @Test
  public void cancellerRunsOnceForManyCancels() {
    Deferred<String> d = new Deferred<>(x -> cancellerCalls++);
    record(d);
    d.cancel();
    Failure first = errbacked();
    assertEquals(first.type(), CancelledError.class);
    d.cancel();
    assertSame(errbackResult, first);
    assertEquals(cancellerCalls, 1);
  }

  /** twisted.test.test_defer.DeferredCancellerTests.test_simpleCanceller */
  @Test
  public void withCancellerLaterFiresAreNotSwallowed() {
    Deferred<String> d = new Deferred<>(x -> cancellerCalls++);
    record(d);
    d.cancel();
    assertEquals(cancellerCalls, 1);
    assertEquals(errbacked().type(), CancelledError.class);
    assertThrows(AlreadyCalledError.class, () -> d.callback("late"));
    assertThrows(AlreadyCalledError.class, () -> d.errback(new Exception()));
  }

  /** twisted.test.test_defer.DeferredCancellerTests.test_cancellerArg */
  @Test
  public void cancellerReceivesTheDeferred() {
    Object[] seen = {null};
    Deferred<String> d = new Deferred<>(x -> seen[0] = x);
    record(d);
    d.cancel();
    assertSame(seen[0], d);
  }

  /** twisted.test.test_defer.DeferredCancellerTests.test_cancelAfterCallback */
  @Test
  public void cancelAfterCallbackDoesNothing() {
    Deferred<String> d = new Deferred<>(x -> {
      cancellerCalls++;
      x.errback(new GenericError());
    });
    record(d);
    d.callback("biff!");
    d.cancel();
    assertEquals(cancellerCalls, 0);
    assertNull(errbackResult);
    assertEquals(callbackResult, "biff!");
  }

  /** twisted.test.test_defer.DeferredCancellerTests.test_cancelAfterErrback */
  @Test
  public void cancelAfterErrbackDoesNothing() {
    Deferred<String> d = new Deferred<>(x -> {
      cancellerCalls++;
      x.errback(new GenericError());
    });
    record(d);
    GenericError error = new GenericError();
    d.errback(error);
    d.cancel();
    assertEquals(cancellerCalls, 0);
    assertSame(errbacked().value(), error);
    assertNull(callbackResult);
  }

  /** twisted.test.test_defer.DeferredCancellerTests.test_cancellerThatErrbacks */
  @Test
  public void cancellerMayErrbackItself() {
    GenericError error = new GenericError();
    Deferred<String> d = new Deferred<>(x -> {
      cancellerCalls++;
      x.errback(error);
    });
    record(d);
    d.cancel();
    assertEquals(cancellerCalls, 1);
    assertSame(errbacked().value(), error);
  }

  /** twisted.test.test_defer.DeferredCancellerTests.test_cancellerThatCallbacks */
  @Test
  public void cancellerMayCallbackItself() {
    Deferred<String> d = new Deferred<>(x -> {
      cancellerCalls++;
      x.callback("hello!");
    });
    record(d);
    d.cancel();
    assertEquals(cancellerCalls, 1);
    assertEquals(callbackResult, "hello!");
    assertNull(errbackResult);
  }

  /** twisted.test.test_defer.DeferredCancellerTests.test_cancelNestedDeferred */
  @Test
  public void cancelWhileWaitingCancelsTheInnerDeferred() {
    Deferred<String> inner = new Deferred<>(x -> cancellerCalls++);
    Deferred<String> outer = new Deferred<>(x -> {
      throw new AssertionError("the outer canceller must not run: it has fired");
    });
    outer.callback("ignored");
    Deferred<String> waiting = outer.addCallbackDeferred(ignored -> inner);
    assertFalse(waiting.hasResult());
    waiting.cancel();
    record(waiting);
    assertEquals(cancellerCalls, 1);
    assertEquals(errbacked().type(), CancelledError.class);
    assertTrue(inner.called());
  }

  @Test
  public void cancelReachesTheInnermostOfSeveralNestedDeferreds() {
    Deferred<String> innermost = new Deferred<>(x -> cancellerCalls++);
    Deferred<String> middle = Defer.succeed("m").addCallbackDeferred(ignored -> innermost);
    Deferred<String> outer = Defer.succeed("o").addCallbackDeferred(ignored -> middle);
    outer.cancel();
    record(outer);
    assertEquals(cancellerCalls, 1);
    assertEquals(errbacked().type(), CancelledError.class);
  }

  @Test
  public void cancellerThatThrowsPropagatesAndLeavesTheDeferredUnfired() {
    Deferred<String> d = new Deferred<>(x -> {
      cancellerCalls++;
      throw new GenericError();
    });
    assertThrows(GenericError.class, d::cancel);
    assertFalse(d.called());
    d.callback("done");
    record(d);
    assertEquals(callbackResult, "done");
  }

  @Test
  public void cancellingDeferredsThatWaitOnOneAnotherInACycleFailsInsteadOfLooping() {
    Deferred<@Nullable Object> a = new Deferred<>();
    Deferred<@Nullable Object> b = new Deferred<>();
    b.addCallbackDeferred(v -> a);
    a.addCallbackDeferred(v -> b);
    a.callback(null);
    b.callback(null);
    assertThrows(IllegalStateException.class, a::cancel);
    assertThrows(IllegalStateException.class, b::cancel);
  }

  @Test
  public void cancellingAnAcyclicWaitingChainStillReachesTheInnermost() {
    Deferred<String> inner = new Deferred<>();
    Deferred<String> middle = new Deferred<>();
    Deferred<String> outer = new Deferred<>();
    middle.addCallbackDeferred(v -> inner);
    outer.addCallbackDeferred(v -> middle);
    middle.callback("m");
    outer.callback("o");
    outer.cancel();
    assertTrue(inner.called());
    assertTrue(outer.hasResult());
    assertTrue(outer.result() instanceof Failure);
    assertSame(((Failure) outer.result()).type(), CancelledError.class);
    outer.addErrback(f -> null);
  }
}
