package dev.torsion.internet.defer;

import static dev.torsion.trial.SynchronousTestCase.assertNoResult;
import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.DeferredList.Indexed;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class DeferTest {
  private static void fakeCallbackCanceller(Deferred<String> d) {
    d.callback("Callback Result");
  }

  @BeforeMethod
  public void setUp() {
    UnhandledErrors.flushPending();
  }

  @AfterMethod
  public void noUnhandledErrors() {
    assertEquals(UnhandledErrors.flushPending(), List.of());
  }

  // ------------------------------------------------------------------ gatherResults

  /** twisted.test.test_defer.DeferredTests.test_gatherResults */
  @Test
  public void test_gatherResults() {
    List<List<Integer>> results = new ArrayList<>();
    Defer.gatherResults(List.of(Defer.succeed(1), Defer.succeed(2))).addCallback(results::add);
    assertEquals(results, List.of(List.of(1, 2)));

    List<Failure> errors = new ArrayList<>();
    List<Deferred<Integer>> dl =
        List.of(Defer.succeed(1), Defer.fail(new IllegalArgumentException()));
    Defer.gatherResults(dl).addErrback(f -> {
      errors.add(f);
      return null;
    });
    assertEquals(errors.size(), 1);
    assertTrue(errors.get(0).value() instanceof FirstError);
    dl.get(1).addErrback(e -> 1);
  }

  /** twisted.test.test_defer.DeferredTests.test_gatherResultsWithConsumeErrors */
  @Test
  public void test_gatherResultsWithConsumeErrors() {
    Deferred<Integer> dgood = Defer.succeed(1);
    Deferred<Integer> dbad = Defer.fail(new RuntimeException("oh noes"));
    Deferred<List<Integer>> d = Defer.gatherResults(List.of(dgood, dbad), true);
    List<Failure> unconsumedErrors = new ArrayList<>();
    dbad.addErrback(f -> {
      unconsumedErrors.add(f);
      return null;
    });
    List<Failure> gatheredErrors = new ArrayList<>();
    d.addErrback(f -> {
      gatheredErrors.add(f);
      return null;
    });
    assertEquals(unconsumedErrors.size(), 0);
    assertEquals(gatheredErrors.size(), 1);
    FirstError firstError = (FirstError) gatheredErrors.get(0).value();
    assertTrue(firstError.subFailure().value() instanceof RuntimeException);
    assertEquals(firstError.subFailure().value().getMessage(), "oh noes");
  }

  /** twisted.test.test_defer.DeferredTests.test_cancelGatherResults */
  @Test
  public void test_cancelGatherResults() {
    Deferred<Void> deferredOne = new Deferred<>();
    Deferred<Void> deferredTwo = new Deferred<>();
    Deferred<List<Void>> result = Defer.gatherResults(List.of(deferredOne, deferredTwo));
    result.cancel();
    failureResultOf(deferredOne, CancelledError.class);
    failureResultOf(deferredTwo, CancelledError.class);
    Failure gatherResultsFailure = failureResultOf(result, FirstError.class);
    FirstError firstError = (FirstError) gatherResultsFailure.value();
    assertNotNull(firstError.subFailure().check(CancelledError.class));
  }

  /** twisted.test.test_defer.DeferredTests.test_cancelGatherResultsWithAllDeferredsCallback */
  @Test
  public void test_cancelGatherResultsWithAllDeferredsCallback() {
    Deferred<String> deferredOne = new Deferred<>(DeferTest::fakeCallbackCanceller);
    Deferred<String> deferredTwo = new Deferred<>(DeferTest::fakeCallbackCanceller);
    Deferred<List<String>> result = Defer.gatherResults(List.of(deferredOne, deferredTwo));
    result.cancel();
    List<String> callbackResult = successResultOf(result);
    assertEquals(callbackResult.get(0), "Callback Result");
    assertEquals(callbackResult.get(1), "Callback Result");
  }

  @Test
  public void gatherResultsOfNothingIsAnEmptyList() {
    assertEquals(successResultOf(Defer.<String>gatherResults(List.of())), List.of());
  }

  @Test
  public void gatherResultsKeepsTheMembersOrderNotTheFiringOrder() {
    Deferred<String> a = new Deferred<>();
    Deferred<String> b = new Deferred<>();
    Deferred<List<String>> d = Defer.gatherResults(List.of(a, b));
    b.callback("b");
    assertNoResult(d);
    a.callback("a");
    assertEquals(successResultOf(d), List.of("a", "b"));
  }

  // ------------------------------------------------------------------ race

  @Test
  public void raceGivesTheFirstSuccessAndCancelsTheLosers() {
    Deferred<String> a = new Deferred<>();
    Deferred<String> b = new Deferred<>();
    Deferred<String> c = new Deferred<>();
    Deferred<Indexed<String>> d = Defer.race(List.of(a, b, c));
    a.errback(new IllegalStateException("a failed"));
    assertNoResult(d);
    b.callback("b");
    assertEquals(successResultOf(d), new Indexed<>("b", 1));
    // The losers were cancelled; their failures were consumed by the race.
    assertTrue(c.called());
    assertNull(successResultOf(c));
    assertNull(successResultOf(a));
  }

  @Test
  public void raceFailsWithEveryFailureInOrderWhenAllFail() {
    Deferred<String> a = new Deferred<>();
    Deferred<String> b = new Deferred<>();
    Deferred<Indexed<String>> d = Defer.race(List.of(a, b));
    b.errback(new IllegalStateException("b"));
    assertNoResult(d);
    a.errback(new IllegalArgumentException("a"));
    Failure f = failureResultOf(d, Defer.FailureGroup.class);
    List<Failure> failures = ((Defer.FailureGroup) f.value()).failures();
    assertEquals(failures.size(), 2);
    assertEquals(failures.get(0).type(), IllegalArgumentException.class);
    assertEquals(failures.get(1).type(), IllegalStateException.class);
  }

  @Test
  public void cancellingARaceCancelsEveryContender() {
    Deferred<String> a = new Deferred<>();
    Deferred<String> b = new Deferred<>();
    Deferred<Indexed<String>> d = Defer.race(List.of(a, b));
    d.cancel();
    Failure f = failureResultOf(d, Defer.FailureGroup.class);
    for (Failure each : ((Defer.FailureGroup) f.value()).failures()) {
      assertNotNull(each.check(CancelledError.class));
    }
  }

  @Test
  public void aLoserWhoseCancellerSucceedsDoesNotWinTwice() {
    Deferred<String> a = new Deferred<>();
    Deferred<String> b = new Deferred<>(DeferTest::fakeCallbackCanceller);
    Deferred<Indexed<String>> d = Defer.race(List.of(a, b));
    a.callback("a");
    assertEquals(successResultOf(d), new Indexed<>("a", 0));
    assertTrue(b.called());
  }

  @Test
  public void raceWithAnAlreadyFiredContenderResolvesAtOnce() {
    Deferred<String> late = new Deferred<>();
    List<Class<?>> lateSaw = new ArrayList<>();
    late.addErrback(f -> {
      lateSaw.add(f.type());
      throw f.value();
    });
    Deferred<Indexed<String>> d = Defer.race(List.of(late, Defer.succeed("now")));
    assertEquals(successResultOf(d), new Indexed<>("now", 1));
    assertEquals(lateSaw, List.of(CancelledError.class));
  }

  @Test
  public void raceOfNothingIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Defer.race(List.of()));
  }

  // ------------------------------------------------------------------ maybeDeferred

  /** twisted.test.test_defer.DeferredTests.test_maybeDeferredSync */
  @Test
  public void test_maybeDeferredSync() {
    Object result = new Object();
    List<Object> results = new ArrayList<>();
    List<Failure> errors = new ArrayList<>();
    Defer.maybeDeferred(() -> result).addCallbacks(results::add, errors::add);
    assertEquals(errors, List.of());
    assertEquals(results.size(), 1);
    assertSame(results.get(0), result);
  }

  private static int plusFive(Object x) {
    return (Integer) x + 5;
  }

  /** twisted.test.test_defer.DeferredTests.test_maybeDeferredSyncWithArgs */
  @Test
  public void test_maybeDeferredSyncWithArgs() {
    List<Integer> results = new ArrayList<>();
    List<Failure> errors = new ArrayList<>();
    Defer.maybeDeferred(() -> plusFive(10)).addCallbacks(results::add, errors::add);
    assertEquals(errors, List.of());
    assertEquals(results, List.of(15));
  }

  /** twisted.test.test_defer.DeferredTests.test_maybeDeferredSyncException */
  @Test
  public void test_maybeDeferredSyncException() {
    String expected;
    try {
      plusFive("10");
      throw new AssertionError("unreachable");
    } catch (ClassCastException e) {
      expected = e.getMessage();
    }
    List<Integer> results = new ArrayList<>();
    List<Failure> errors = new ArrayList<>();
    Defer.maybeDeferred(() -> plusFive("10")).addCallbacks(results::add, errors::add);
    assertEquals(results, List.of());
    assertEquals(errors.size(), 1);
    assertEquals(errors.get(0).value().getMessage(), expected);
  }

  /** twisted.test.test_defer.DeferredTests.test_maybeDeferredSyncFailure */
  @Test
  public void test_maybeDeferredSyncFailure() {
    Failure expected = new Failure(new ClassCastException("bad"));
    List<Object> results = new ArrayList<>();
    List<Failure> errors = new ArrayList<>();
    Defer.maybeDeferred(() -> expected).addCallbacks(results::add, errors::add);
    assertEquals(results, List.of());
    assertEquals(errors.size(), 1);
    assertSame(errors.get(0), expected);
  }

  /** twisted.test.test_defer.DeferredTests.test_maybeDeferredAsync */
  @Test
  public void test_maybeDeferredAsync() {
    Deferred<String> d1 = new Deferred<>();
    Deferred<String> d2 = Defer.maybeDeferredAsync(() -> d1);
    d1.callback("Success");
    List<String> result = new ArrayList<>();
    d2.addCallback(result::add);
    assertEquals(result, List.of("Success"));
  }

  /** twisted.test.test_defer.DeferredTests.test_maybeDeferredAsyncError */
  @Test
  public void test_maybeDeferredAsyncError() {
    Deferred<Void> d1 = new Deferred<>();
    Deferred<Void> d2 = Defer.maybeDeferredAsync(() -> d1);
    d1.errback(new Failure(new RuntimeException()));
    failureResultOf(d2, RuntimeException.class);
  }
}
