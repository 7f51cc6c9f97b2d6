package dev.torsion.internet.defer;

import static dev.torsion.internet.defer.DeferredTest.hex;
import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** Deferreds waiting on Deferreds: callbacks that return one, and {@code chainDeferred}. */
public class DeferredChainingTest {
  private static <T extends @Nullable Object> Callback<Failure, T> collect(List<Failure> into) {
    return f -> {
      into.add(f);
      return null;
    };
  }

  /** twisted.test.test_defer.DeferredTests.testReturnDeferred */
  @Test
  public void returnedPausedDeferredHoldsTheChainUntilUnpaused() {
    List<Object> seen = new ArrayList<>();
    Deferred<Integer> d1 = new Deferred<>();
    Deferred<Integer> d2 = new Deferred<>();
    d2.pause();
    d1.addCallbackDeferred(r -> d2).addCallback(seen::add);
    d1.callback(1);
    assertEquals(seen, List.of(), "Should not have been called yet.");
    d2.callback(2);
    assertEquals(seen, List.of(), "Still should not have been called yet.");
    d2.unpause();
    assertEquals(seen, List.of(2), "Result should have been from second deferred");
  }

  /** twisted.test.test_defer.DeferredTests.test_chainedPausedDeferredWithResult */
  @Test
  public void returnedPausedDeferredWithResultIsWaitedFor() {
    Object expected = new Object();
    Deferred<Object> paused = new Deferred<>();
    paused.callback(expected);
    paused.pause();
    Deferred<@Nullable Object> chained = new Deferred<>();
    chained.addCallbackDeferred(ignored -> paused);
    chained.callback(null);
    List<Object> result = new ArrayList<>();
    chained.addCallback(result::add);
    assertEquals(result, List.of());
    paused.unpause();
    assertEquals(result, List.of(expected));
  }

  /** twisted.test.test_defer.DeferredTests.test_pausedDeferredChained */
  @Test
  public void pausedWaiterDoesNotStopTheDeferredItWaitsOn() {
    Deferred<@Nullable Object> first = new Deferred<>();
    Deferred<@Nullable Object> second = new Deferred<>();
    first.addCallbackDeferred(ignored -> second);
    first.callback(null);
    first.pause();
    second.callback(null);
    List<@Nullable Object> result = new ArrayList<>();
    second.addCallback(result::add);
    assertEquals(result, java.util.Collections.singletonList(null));
  }

  /** twisted.test.test_defer.DeferredTests.test_synchronousImplicitChain */
  @Test
  public void returnedFiredDeferredGivesItsResultAndKeepsNone() {
    Object result = new Object();
    Deferred<@Nullable Object> first = Defer.succeed(result);
    Deferred<@Nullable Object> second = new Deferred<>();
    second.addCallbackDeferred(ign -> first);
    second.callback(null);
    List<@Nullable Object> results = new ArrayList<>();
    first.addCallback(results::add);
    assertNull(results.get(0));
    second.addCallback(results::add);
    assertSame(results.get(1), result);
  }

  /** twisted.test.test_defer.DeferredTests.test_asynchronousImplicitChain */
  @Test
  public void returnedUnfiredDeferredGivesItsResultWhenItFires() {
    Deferred<@Nullable Object> first = new Deferred<>();
    Deferred<@Nullable Object> second = new Deferred<>();
    second.addCallbackDeferred(ign -> first);
    second.callback(null);
    List<@Nullable Object> firstResult = new ArrayList<>();
    first.addCallback(firstResult::add);
    List<@Nullable Object> secondResult = new ArrayList<>();
    second.addCallback(secondResult::add);
    assertEquals(firstResult, List.of());
    assertEquals(secondResult, List.of());
    Object result = new Object();
    first.callback(result);
    assertEquals(firstResult, java.util.Collections.singletonList(null));
    assertEquals(secondResult, List.of(result));
  }

  /** twisted.test.test_defer.DeferredTests.test_synchronousImplicitErrorChain */
  @Test
  public void returnedFailedDeferredHandsOverItsFailure() {
    Deferred<@Nullable Object> first = Defer.fail(new RuntimeException("First Deferred's Failure"));
    Failure firstFailure = (Failure) first.result();
    Deferred<@Nullable Object> second = new Deferred<>();
    second.addCallbackDeferred(ign -> first);
    second.callback(null);
    assertNull(first.result(), "first no longer holds its Failure");
    List<@Nullable Object> firstResult = new ArrayList<>();
    first.addCallback(firstResult::add);
    assertNull(firstResult.get(0));
    failureResultOf(second, RuntimeException.class);
    assertFalse(UnhandledErrors.pending().contains(firstFailure), "nobody holds it unhandled");
  }

  /** twisted.test.test_defer.DeferredTests.test_asynchronousImplicitErrorChain */
  @Test
  public void returnedDeferredThatFailsLaterHandsOverItsFailure() {
    Deferred<@Nullable Object> first = new Deferred<>();
    Deferred<@Nullable Object> second = new Deferred<>();
    second.addCallbackDeferred(ign -> first);
    second.callback(null);
    List<Failure> secondError = new ArrayList<>();
    second.addErrback(collect(secondError));
    List<@Nullable Object> firstResult = new ArrayList<>();
    first.addCallback(firstResult::add);
    List<@Nullable Object> secondResult = new ArrayList<>();
    second.addCallback(secondResult::add);
    assertEquals(firstResult, List.of());
    assertEquals(secondResult, List.of());
    first.errback(new RuntimeException("First Deferred's Failure"));
    assertTrue(secondError.get(0).check(RuntimeException.class) != null);
    assertEquals(firstResult, java.util.Collections.singletonList(null));
    assertEquals(secondResult.size(), 1);
  }

  /** twisted.test.test_defer.DeferredTests.test_doubleAsynchronousImplicitChaining */
  @Test
  public void chainingIsTransitive() {
    Deferred<@Nullable Object> first = new Deferred<>();
    Deferred<@Nullable Object> second = new Deferred<>();
    second.addCallbackDeferred(ign -> first);
    Deferred<@Nullable Object> third = new Deferred<>();
    third.addCallbackDeferred(ign -> second);
    List<@Nullable Object> thirdResult = new ArrayList<>();
    third.addCallback(thirdResult::add);
    Object result = new Object();
    second.callback(null);
    third.callback(null);
    assertEquals(thirdResult, List.of());
    first.callback(result);
    assertEquals(thirdResult, List.of(result));
  }

  /** twisted.test.test_defer.DeferredTests.test_resultOfDeferredResultOfDeferredOfFiredDeferredCalled */
  @Test
  public void middleDeferredCallbacksAddedLaterRunOnceTheLastFires() {
    Deferred<@Nullable Object> first = new Deferred<>();
    Deferred<@Nullable Object> second = new Deferred<>();
    Deferred<@Nullable Object> third = new Deferred<>();
    first.addCallbackDeferred(ignored -> second);
    second.addCallbackDeferred(ignored -> third);
    second.callback(null);
    first.callback(null);
    third.callback(null);
    List<@Nullable Object> results = new ArrayList<>();
    second.addCallback(results::add);
    assertEquals(results, java.util.Collections.singletonList(null));
  }

  /** The cb of test_innerCallbacksPreserved and test_nestedAsynchronousChainedDeferreds. */
  private static Callback<String, Deferred<String>> innerChain(
      List<Object> results, List<Failure> failures, Deferred<String> inner) {
    return result -> {
      results.add(List.of("start-of-cb", result));
      Deferred<String> d = Defer.succeed("inner");
      d.addCallbackDeferred(r -> {
        results.add(List.of("firstCallback", "inner"));
        return inner;
      }).addCallback(r -> {
        results.add(List.of("secondCallback", r));
        return r + r;
      }).addErrback(collect(failures));
      return d;
    };
  }

  /** twisted.test.test_defer.DeferredTests.test_innerCallbacksPreserved */
  @Test
  public void middleDeferredCallbacksRunBetweenInnerAndOuter() {
    List<Object> results = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    Deferred<String> inner = new Deferred<>();
    Deferred<String> outer = Defer.succeed("outer");
    Deferred<String> chained = outer.addCallbackDeferred(innerChain(results, failures, inner));
    inner.callback("orange");
    chained.addCallback(results::add);
    inner.addErrback(collect(failures));
    outer.addErrback(collect(failures));
    assertEquals(failures, List.of());
    assertEquals(results, List.of(List.of("start-of-cb", "outer"),
        List.of("firstCallback", "inner"), List.of("secondCallback", "orange"), "orangeorange"));
  }

  /** twisted.test.test_defer.DeferredTests.test_nestedAsynchronousChainedDeferreds */
  @Test
  public void outerChainGoesOnWhenANestedInnerDeferredFires() {
    List<Object> results = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    Deferred<String> inner = new Deferred<>();
    Deferred<String> outer = Defer.succeed("outer");
    outer.addCallbackDeferred(innerChain(results, failures, inner)).addCallback(results::add);
    assertEquals(results, List.of(List.of("start-of-cb", "outer"),
        List.of("firstCallback", "inner")));
    inner.callback("orange");
    inner.addErrback(collect(failures));
    outer.addErrback(collect(failures));
    assertEquals(failures, List.of(), "Got errbacks but wasn't expecting any.");
    assertEquals(results, List.of(List.of("start-of-cb", "outer"),
        List.of("firstCallback", "inner"), List.of("secondCallback", "orange"), "orangeorange"));
  }

  /** twisted.test.test_defer.DeferredTests.test_nestedAsynchronousChainedDeferredsWithExtraCallbacks */
  @Test
  public void innerDeferredOwnCallbacksRunBeforeTheOuterChainGoesOn() {
    List<Object> results = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    Deferred<String> inner = new Deferred<>();
    Deferred<String> outer = Defer.succeed("outer");
    outer.addCallbackDeferred(result -> {
      results.add(List.of("start-of-cb", result));
      Deferred<String> d = Defer.succeed("inner");
      return d.addCallbackDeferred(r -> {
        results.add(List.of("firstCallback", r));
        return inner.addCallback(List::of);
      }).addCallback(r -> {
        results.add(List.of("secondCallback", r));
        List<String> twice = new ArrayList<>(r);
        twice.addAll(r);
        return twice;
      }).addErrback(collect(failures));
    }).addCallback(results::add);
    assertEquals(results, List.of(List.of("start-of-cb", "outer"),
        List.of("firstCallback", "inner")));
    inner.callback("withers");
    outer.addErrback(collect(failures));
    inner.addErrback(collect(failures));
    assertEquals(failures, List.of(), "Got errbacks but wasn't expecting any.");
    assertEquals(results, List.of(List.of("start-of-cb", "outer"),
        List.of("firstCallback", "inner"), List.of("secondCallback", List.of("withers")),
        List.of("withers", "withers")));
  }

  /**
   * Stands for {@code gatherResults([a])} in the two tests below: an unfired Deferred with a
   * callback of its own ahead of whatever waits on it, firing with {@code [a's result]}.
   */
  private static Deferred<List<Object>> listOf(Deferred<Object> a) {
    Deferred<Object> collected = new Deferred<>();
    a.addCallback(r -> {
      collected.callback(r);
      return r;
    });
    return collected.addCallback(List::of);
  }

  private static Callback<Object, Deferred<@Nullable Object>> waitsOnListOf(
      List<Object> results, List<Failure> failures, Deferred<Object> a) {
    return result -> {
      results.add(List.of("cb", result));
      Deferred<@Nullable Object> d = new Deferred<>();
      d.addCallbackDeferred(r -> {
        results.add(java.util.Arrays.asList("firstCallback", r));
        return listOf(a);
      }).addCallback(r -> {
        results.add(List.of("secondCallback", r));
        return null;
      }).addErrback(collect(failures));
      d.callback(null);
      return d;
    };
  }

  /** twisted.test.test_defer.DeferredTests.test_continueCallbackNotFirst */
  @Test
  public void continuationNeedNotBeTheFirstCallback() {
    List<Object> results = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    Deferred<Object> a = new Deferred<>();
    Deferred<Object> outer = Defer.succeed("outer");
    outer.addCallbackDeferred(waitsOnListOf(results, failures, a)).addErrback(collect(failures));
    assertEquals(results, List.of(List.of("cb", "outer"),
        java.util.Arrays.asList("firstCallback", null)));
    a.callback("withers");
    assertEquals(failures, List.of());
    assertEquals(results, List.of(List.of("cb", "outer"),
        java.util.Arrays.asList("firstCallback", null),
        List.of("secondCallback", List.of("withers"))));
  }

  /** twisted.test.test_defer.DeferredTests.test_callbackOrderPreserved */
  @Test
  public void callbackAfterAReturnedDeferredRunsAfterItsCallbacks() {
    List<Object> results = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    Deferred<Object> a = new Deferred<>();
    Deferred<Object> outer = new Deferred<>();
    outer.addCallbackDeferred(waitsOnListOf(results, failures, a))
        .addCallback(x -> results.add(java.util.Arrays.asList("final", null)))
        .addErrback(collect(failures));
    outer.callback("outer");
    assertEquals(results, List.of(List.of("cb", "outer"),
        java.util.Arrays.asList("firstCallback", null)));
    a.callback("withers");
    assertEquals(failures, List.of());
    assertEquals(results, List.of(List.of("cb", "outer"),
        java.util.Arrays.asList("firstCallback", null),
        List.of("secondCallback", List.of("withers")),
        java.util.Arrays.asList("final", null)));
  }

  /** twisted.test.test_defer.DeferredTests.test_chainDeferredRecordsExplicitChain */
  @Test
  public void chainDeferredRecordsTheChain() {
    Deferred<@Nullable Object> a = new Deferred<>();
    Deferred<@Nullable Object> b = new Deferred<>();
    b.chainDeferred(a);
    assertTrue(a.toString().endsWith(" waiting on Deferred at 0x" + hex(b) + ">"), a.toString());
  }

  /** twisted.test.test_defer.DeferredTests.test_explicitChainClearedWhenResolved */
  @Test
  public void chainDeferredRecordClearedOnceFired() {
    Deferred<@Nullable Object> a = new Deferred<>();
    Deferred<@Nullable Object> b = new Deferred<>();
    b.chainDeferred(a);
    b.callback(null);
    assertEquals(a.toString(), "<Deferred at 0x" + hex(a) + " current result: null>");
  }

  /** twisted.test.test_defer.DeferredTests.test_chainDeferredRecordsImplicitChain */
  @Test
  public void returnedDeferredRecordsTheChain() {
    Deferred<@Nullable Object> a = new Deferred<>();
    Deferred<@Nullable Object> b = new Deferred<>();
    a.addCallbackDeferred(ignored -> b);
    a.callback(null);
    assertEquals(a.toString(),
        "<Deferred at 0x" + hex(a) + " waiting on Deferred at 0x" + hex(b) + ">");
  }

  /**
   * twisted.test.test_defer.DeferredTests.test_circularChainWarning: Twisted warns that the
   * callback returned its own Deferred; Torsion says so in the Failure the chain goes on with.
   */
  @Test
  public void callbackReturningItsOwnDeferredIsReported() {
    Deferred<String> d = new Deferred<>();
    Callback<String, Deferred<String>> circular = result -> d;
    d.addCallbackDeferred(circular);
    d.callback("foo");
    Failure failure = failureResultOf(d);
    assertTrue(failure.getErrorMessage().contains(
        "Callback returned the Deferred it was attached to"), failure.getErrorMessage());
  }

  /** twisted.test.test_defer.DeferredTests.test_circularChainException */
  @Test
  public void callbackReturningItsOwnDeferredFailsTheChain() {
    Deferred<String> d = new Deferred<>();
    d.addCallbackDeferred(result -> d);
    d.callback("foo");
    failureResultOf(d, IllegalStateException.class);
    assertEquals(d.paused(), 0, "not left waiting on itself");
  }

  /** Twisted: a chainDeferred target fired before the source reaches it is AlreadyCalledError. */
  @Test
  public void chainDeferredToAFiredDeferredFailsTheSource() {
    Deferred<String> source = new Deferred<>();
    Deferred<String> target = Defer.succeed("already");
    source.chainDeferred(target);
    source.callback("x");
    failureResultOf(source, AlreadyCalledError.class);
    assertEquals(successResultOf(target), "already");
  }

  /** Twisted: a failure goes to the target's errbacks and the source goes on with None. */
  @Test
  public void chainDeferredPassesAFailureOn() {
    Deferred<String> source = new Deferred<>();
    Deferred<String> target = new Deferred<>();
    source.chainDeferred(target);
    source.errback(new IllegalStateException("boom"));
    assertNull(successResultOf(source));
    failureResultOf(target, IllegalStateException.class);
  }
}
