package dev.torsion.internet.defer;

import static dev.torsion.trial.SynchronousTestCase.assertNoResult;
import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.DeferredList.Indexed;
import dev.torsion.internet.defer.DeferredList.Outcome;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class DeferredListTest {
  /** A canceller that fires its Deferred with a result instead of failing it. */
  private static void fakeCallbackCanceller(Deferred<String> d) {
    d.callback("Callback Result");
  }

  private static final class GenericError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GenericError(String message) {
      super(message);
    }
  }

  @BeforeMethod
  public void setUp() {
    UnhandledErrors.flushPending();
  }

  @AfterMethod
  public void noUnhandledErrors() {
    assertEquals(UnhandledErrors.flushPending(), List.of());
  }

  /** twisted.test.test_defer.DeferredTests.testDeferredList */
  @Test
  public void testDeferredList() {
    Deferred<String> defr1 = new Deferred<>();
    Deferred<String> defr2 = new Deferred<>();
    Deferred<String> defr3 = new Deferred<>();
    Deferred<List<Outcome<String>>> dl = DeferredList.of(List.of(defr1, defr2, defr3));
    List<Outcome<String>> result = new ArrayList<>();
    dl.addCallback(list -> {
      result.addAll(list);
      return null;
    });
    defr1.callback("1");
    defr2.addErrback(err -> null);
    defr2.errback(new GenericError("2"));
    defr3.callback("3");
    assertEquals(result.size(), 3);
    assertEquals(result.get(0), Outcome.success("1"));
    assertFalse(result.get(1).success());
    assertEquals(result.get(1).failure().value().getMessage(), "2");
    assertEquals(result.get(2), Outcome.success("3"));
  }

  /** twisted.test.test_defer.DeferredTests.testEmptyDeferredList */
  @Test
  public void testEmptyDeferredList() {
    List<Object> result = new ArrayList<>();
    DeferredList.<String>of(List.of()).addCallback(result::add);
    assertEquals(result, List.of(List.of()));

    result.clear();
    DeferredList.<String>builder(List.of()).buildFireOnOneCallback().addCallback(result::add);
    assertEquals(result, List.of());
  }

  /** twisted.test.test_defer.DeferredListEmptyTests.testDeferredListEmpty */
  @Test
  public void testDeferredListEmpty() {
    boolean[] callbackRan = {false};
    DeferredList.<Object>of(List.of()).addCallback(res -> {
      callbackRan[0] = true;
      assertEquals(res, List.of());
      return null;
    });
    assertTrue(callbackRan[0], "Callback was never run.");
  }

  /** twisted.test.test_defer.DeferredTests.testDeferredListFireOnOneError */
  @Test
  public void testDeferredListFireOnOneError() {
    Deferred<String> defr1 = new Deferred<>();
    Deferred<String> defr2 = new Deferred<>();
    Deferred<String> defr3 = new Deferred<>();
    Deferred<List<Outcome<String>>> dl =
        DeferredList.builder(List.of(defr1, defr2, defr3)).fireOnOneErrback(true).build();
    List<Failure> result = new ArrayList<>();
    dl.addErrback(f -> {
      result.add(f);
      return null;
    });
    defr2.addErrback(err -> null);

    defr1.callback("1");
    assertEquals(result, List.of());

    defr2.errback(new GenericError("from def2"));
    assertEquals(result.size(), 1);
    Failure aFailure = result.get(0);
    assertTrue(FirstError.class.isAssignableFrom(aFailure.type()),
        "failure's type is " + aFailure.type());
    FirstError firstError = (FirstError) aFailure.value();
    assertEquals(firstError.subFailure().type(), GenericError.class);
    assertEquals(firstError.subFailure().value().getMessage(), "from def2");
    assertEquals(firstError.index(), 1);
    defr3.callback("3");
  }

  /** twisted.test.test_defer.DeferredTests.testDeferredListDontConsumeErrors */
  @Test
  public void testDeferredListDontConsumeErrors() {
    Deferred<Void> d1 = new Deferred<>();
    Deferred<List<Outcome<Void>>> dl = DeferredList.of(List.of(d1));
    List<Failure> errorTrap = new ArrayList<>();
    d1.addErrback(f -> {
      errorTrap.add(f);
      return null;
    });
    List<List<Outcome<Void>>> resultLists = new ArrayList<>();
    dl.addCallback(resultLists::add);

    d1.errback(new GenericError("Bang"));
    assertEquals(errorTrap.get(0).value().getMessage(), "Bang");
    assertEquals(resultLists.size(), 1);
    assertEquals(resultLists.get(0).get(0).failure().value().getMessage(), "Bang");
  }

  /** twisted.test.test_defer.DeferredTests.testDeferredListConsumeErrors */
  @Test
  public void testDeferredListConsumeErrors() {
    Deferred<Void> d1 = new Deferred<>();
    Deferred<List<Outcome<Void>>> dl =
        DeferredList.builder(List.of(d1)).consumeErrors(true).build();
    List<Failure> errorTrap = new ArrayList<>();
    d1.addErrback(f -> {
      errorTrap.add(f);
      return null;
    });
    List<List<Outcome<Void>>> resultLists = new ArrayList<>();
    dl.addCallback(resultLists::add);

    d1.errback(new GenericError("Bang"));
    assertEquals(errorTrap, List.of());
    assertEquals(resultLists.size(), 1);
    assertEquals(resultLists.get(0).get(0).failure().value().getMessage(), "Bang");
  }

  /**
   * twisted.test.test_defer.DeferredTests.testDeferredListFireOnOneErrorWithAlreadyFiredDeferreds
   */
  @Test
  public void testDeferredListFireOnOneErrorWithAlreadyFiredDeferreds() {
    Deferred<Void> d1 = new Deferred<>();
    Deferred<Void> d2 = new Deferred<>();
    d1.errback(new GenericError("Bang"));
    Deferred<List<Outcome<Void>>> dl =
        DeferredList.builder(List.of(d1, d2)).fireOnOneErrback(true).build();
    List<Failure> result = new ArrayList<>();
    dl.addErrback(f -> {
      result.add(f);
      return null;
    });
    assertEquals(result.size(), 1);
    d1.addErrback(e -> null);
  }

  /** twisted.test.test_defer.DeferredTests.testDeferredListWithAlreadyFiredDeferreds */
  @Test
  public void testDeferredListWithAlreadyFiredDeferreds() {
    Deferred<Integer> d1 = new Deferred<>();
    Deferred<Integer> d2 = new Deferred<>();
    d1.errback(new GenericError("Bang"));
    d2.callback(2);
    Deferred<List<Outcome<Integer>>> dl = DeferredList.of(List.of(d1, d2));
    List<List<Outcome<Integer>>> result = new ArrayList<>();
    dl.addCallback(result::add);
    assertEquals(result.size(), 1);
    assertEquals(result.get(0).get(1), Outcome.success(2));
    d1.addErrback(e -> null);
  }

  /** twisted.test.test_defer.DeferredTests.test_cancelDeferredList */
  @Test
  public void test_cancelDeferredList() {
    Deferred<Void> deferredOne = new Deferred<>();
    Deferred<Void> deferredTwo = new Deferred<>();
    Deferred<List<Outcome<Void>>> deferredList =
        DeferredList.of(List.of(deferredOne, deferredTwo));
    deferredList.cancel();
    failureResultOf(deferredOne, CancelledError.class);
    failureResultOf(deferredTwo, CancelledError.class);
    List<Outcome<Void>> result = successResultOf(deferredList);
    assertNotNull(result.get(0).failure().check(CancelledError.class));
    assertNotNull(result.get(1).failure().check(CancelledError.class));
  }

  /** twisted.test.test_defer.DeferredTests.test_cancelDeferredListCallback */
  @Test
  public void test_cancelDeferredListCallback() {
    Deferred<String> deferredOne = new Deferred<>(DeferredListTest::fakeCallbackCanceller);
    Deferred<String> deferredTwo = new Deferred<>();
    Deferred<List<Outcome<String>>> deferredList =
        DeferredList.of(List.of(deferredOne, deferredTwo));
    deferredList.cancel();
    failureResultOf(deferredTwo, CancelledError.class);
    List<Outcome<String>> result = successResultOf(deferredList);
    assertTrue(result.get(0).success());
    assertEquals(result.get(0).result(), "Callback Result");
    assertFalse(result.get(1).success());
    assertNotNull(result.get(1).failure().check(CancelledError.class));
  }

  /** twisted.test.test_defer.DeferredTests.test_cancelDeferredListWithFireOnOneCallback */
  @Test
  public void test_cancelDeferredListWithFireOnOneCallback() {
    Deferred<Void> deferredOne = new Deferred<>();
    Deferred<Void> deferredTwo = new Deferred<>();
    Deferred<Indexed<Void>> deferredList =
        DeferredList.<Void>builder(List.of(deferredOne, deferredTwo)).buildFireOnOneCallback();
    deferredList.cancel();
    failureResultOf(deferredOne, CancelledError.class);
    failureResultOf(deferredTwo, CancelledError.class);
    // Every member failed: Twisted fires with its list of failures; here a FailureGroup.
    Failure f = failureResultOf(deferredList, Defer.FailureGroup.class);
    assertEquals(((Defer.FailureGroup) f.value()).failures().size(), 2);
  }

  /**
   * twisted.test.test_defer.DeferredTests.test_cancelDeferredListWithFireOnOneCallbackAndDeferredCallback
   */
  @Test
  public void test_cancelDeferredListWithFireOnOneCallbackAndDeferredCallback() {
    Deferred<String> deferredOne = new Deferred<>(DeferredListTest::fakeCallbackCanceller);
    Deferred<String> deferredTwo = new Deferred<>();
    Deferred<Indexed<String>> deferredList =
        DeferredList.<String>builder(List.of(deferredOne, deferredTwo)).buildFireOnOneCallback();
    deferredList.cancel();
    failureResultOf(deferredTwo, CancelledError.class);
    assertEquals(successResultOf(deferredList), new Indexed<>("Callback Result", 0));
  }

  /** twisted.test.test_defer.DeferredTests.test_cancelDeferredListWithFireOnOneErrback */
  @Test
  public void test_cancelDeferredListWithFireOnOneErrback() {
    Deferred<Void> deferredOne = new Deferred<>();
    Deferred<Void> deferredTwo = new Deferred<>();
    Deferred<List<Outcome<Void>>> deferredList =
        DeferredList.<Void>builder(List.of(deferredOne, deferredTwo)).fireOnOneErrback(true)
            .build();
    deferredList.cancel();
    failureResultOf(deferredOne, CancelledError.class);
    failureResultOf(deferredTwo, CancelledError.class);
    Failure deferredListFailure = failureResultOf(deferredList, FirstError.class);
    FirstError firstError = (FirstError) deferredListFailure.value();
    assertNotNull(firstError.subFailure().check(CancelledError.class));
  }

  /**
   * twisted.test.test_defer.DeferredTests.test_cancelDeferredListWithFireOnOneErrbackAllDeferredsCallback
   */
  @Test
  public void test_cancelDeferredListWithFireOnOneErrbackAllDeferredsCallback() {
    Deferred<String> deferredOne = new Deferred<>(DeferredListTest::fakeCallbackCanceller);
    Deferred<String> deferredTwo = new Deferred<>(DeferredListTest::fakeCallbackCanceller);
    Deferred<List<Outcome<String>>> deferredList =
        DeferredList.<String>builder(List.of(deferredOne, deferredTwo)).fireOnOneErrback(true)
            .build();
    deferredList.cancel();
    List<Outcome<String>> result = successResultOf(deferredList);
    assertTrue(result.get(0).success());
    assertEquals(result.get(0).result(), "Callback Result");
    assertTrue(result.get(1).success());
    assertEquals(result.get(1).result(), "Callback Result");
  }

  /** twisted.test.test_defer.DeferredTests.test_cancelDeferredListWithOriginalDeferreds */
  @Test
  public void test_cancelDeferredListWithOriginalDeferreds() {
    Deferred<Void> deferredOne = new Deferred<>();
    Deferred<Void> deferredTwo = new Deferred<>();
    List<Deferred<Void>> argumentList = new ArrayList<>(List.of(deferredOne, deferredTwo));
    Deferred<List<Outcome<Void>>> deferredList = DeferredList.of(argumentList);
    Deferred<Void> deferredThree = new Deferred<>();
    argumentList.add(deferredThree);
    deferredList.cancel();
    failureResultOf(deferredOne, CancelledError.class);
    failureResultOf(deferredTwo, CancelledError.class);
    assertNoResult(deferredThree);
    assertEquals(successResultOf(deferredList).size(), 2);
  }

  /** twisted.test.test_defer.DeferredTests.test_cancelDeferredListWithException */
  @Test
  public void test_cancelDeferredListWithException() {
    Deferred<Void> deferredOne = new Deferred<>(d -> {
      throw new RuntimeException("test");
    });
    Deferred<Void> deferredTwo = new Deferred<>();
    Deferred<List<Outcome<Void>>> deferredList =
        DeferredList.of(List.of(deferredOne, deferredTwo));
    List<Failure> logged = new ArrayList<>();
    UnhandledErrors.Observer previous =
        UnhandledErrors.setObserver((failure, report) -> logged.add(failure));
    try {
      deferredList.cancel();
    } finally {
      UnhandledErrors.setObserver(previous);
    }
    failureResultOf(deferredTwo, CancelledError.class);
    assertEquals(logged.size(), 1);
    assertEquals(logged.get(0).type(), RuntimeException.class);
    // deferredOne stayed unfired; here the list itself ends cancelled (Twisted's stays unfired).
    assertNoResult(deferredOne);
    failureResultOf(deferredList, CancelledError.class);
    deferredOne.callback(null); // a late member does not disturb the fired list
  }

  /** twisted.test.test_defer.DeferredTests.test_cancelFiredOnOneCallbackDeferredList */
  @Test
  public void test_cancelFiredOnOneCallbackDeferredList() {
    Deferred<Void> deferredOne = new Deferred<>();
    Deferred<Void> deferredTwo = new Deferred<>();
    Deferred<Indexed<Void>> deferredList =
        DeferredList.<Void>builder(List.of(deferredOne, deferredTwo)).buildFireOnOneCallback();
    deferredOne.callback(null);
    deferredList.cancel();
    assertNoResult(deferredTwo);
    assertEquals(successResultOf(deferredList), new Indexed<Void>(null, 0));
  }

  /** twisted.test.test_defer.DeferredTests.test_cancelFiredOnOneErrbackDeferredList */
  @Test
  public void test_cancelFiredOnOneErrbackDeferredList() {
    Deferred<Void> deferredOne = new Deferred<>();
    Deferred<Void> deferredTwo = new Deferred<>();
    Deferred<List<Outcome<Void>>> deferredList =
        DeferredList.<Void>builder(List.of(deferredOne, deferredTwo)).fireOnOneErrback(true)
            .build();
    deferredOne.errback(new GenericError("test"));
    deferredList.cancel();
    assertNoResult(deferredTwo);
    failureResultOf(deferredOne, GenericError.class);
    failureResultOf(deferredList, FirstError.class);
  }

  @Test
  public void fireOnOneCallbackGivesTheFirstSuccessAndItsIndex() {
    Deferred<String> a = new Deferred<>();
    Deferred<String> b = new Deferred<>();
    Deferred<Indexed<String>> dl = DeferredList.<String>builder(List.of(a, b))
        .consumeErrors(true).buildFireOnOneCallback();
    a.errback(new GenericError("no"));
    assertNoResult(dl);
    b.callback("yes");
    assertEquals(successResultOf(dl), new Indexed<>("yes", 1));
    assertEquals(successResultOf(a), null);
  }

  @Test
  public void fireOnOneCallbackFailsWithEveryFailureWhenNoneSucceeds() {
    Deferred<String> a = new Deferred<>();
    Deferred<String> b = new Deferred<>();
    Deferred<Indexed<String>> dl = DeferredList.<String>builder(List.of(a, b))
        .consumeErrors(true).buildFireOnOneCallback();
    b.errback(new GenericError("second"));
    a.errback(new GenericError("first"));
    Failure f = failureResultOf(dl, Defer.FailureGroup.class);
    List<Failure> failures = ((Defer.FailureGroup) f.value()).failures();
    assertEquals(failures.get(0).value().getMessage(), "first");
    assertEquals(failures.get(1).value().getMessage(), "second");
  }

  @Test
  public void outcomeAccessorsRefuseTheWrongSide() {
    Outcome<String> ok = Outcome.success("v");
    Failure failure = new Failure(new GenericError("x"));
    Outcome<String> bad = Outcome.failure(failure);
    assertSame(bad.failure(), failure);
    org.testng.Assert.assertThrows(IllegalStateException.class, ok::failure);
    org.testng.Assert.assertThrows(IllegalStateException.class, bad::result);
    assertEquals(ok.toString(), "(true, v)");
  }

  @Test
  public void aHundredThousandMembersAlreadyFiredAreCollected() {
    List<Deferred<Integer>> members = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      members.add(Defer.succeed(i));
    }
    List<Outcome<Integer>> result = successResultOf(DeferredList.of(members));
    assertEquals(result.size(), 100_000);
    assertEquals(result.get(99_999), Outcome.success(99_999));
  }
}
