package dev.torsion.internet.defer;

import static dev.torsion.trial.SynchronousTestCase.assertNoResult;
import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Chains of any depth run in constant Java stack depth. The deep tests use a million Deferreds
 * on the test thread, whose stack is the default (surefire runs with {@code -Xss1m}): any
 * recursion per Deferred would overflow it.
 */
public class DeferredStackDepthTest {
  private static final int DEPTH = 1_000_000;

  private static int stackDepth() {
    return StackWalker.getInstance().walk(Stream::count).intValue();
  }

  private static int chainDeferreds(int howMany) {
    List<Integer> stack = new ArrayList<>();
    Deferred<@Nullable Object> top = new Deferred<>();
    List<Deferred<@Nullable Object>> innerDeferreds = new ArrayList<>();
    for (int i = 0; i < howMany; i++) {
      innerDeferreds.add(new Deferred<>());
    }
    List<Deferred<@Nullable Object>> originalInners = new ArrayList<>(innerDeferreds);
    Deferred<@Nullable Object> last = new Deferred<>();
    Deferred<@Nullable Object> inner = innerDeferreds.remove(innerDeferreds.size() - 1);
    Deferred<@Nullable Object> first = inner;
    top.addCallbackDeferred(ignored -> first).addCallback(ignored -> stack.add(stackDepth()));
    while (!innerDeferreds.isEmpty()) {
      Deferred<@Nullable Object> newInner = innerDeferreds.remove(innerDeferreds.size() - 1);
      inner.addCallbackDeferred(ignored -> newInner);
      inner = newInner;
    }
    inner.addCallbackDeferred(ign -> last);
    top.callback(null);
    for (Deferred<@Nullable Object> d : originalInners) {
      d.callback(null);
    }
    assertEquals(stack, List.of(), "the record callback is not meant to have fired yet");
    last.callback(null);
    return stack.get(0);
  }

  /** twisted.test.test_defer.DeferredTests.test_boundedStackDepth */
  @Test
  public void callbacksRunAtTheSameDepthHoweverManyDeferredsAreChained() {
    assertEquals(chainDeferreds(1), chainDeferreds(2));
    assertEquals(chainDeferreds(1), chainDeferreds(100));
  }

  /** {@code d[i]}'s callback returns {@code d[i + 1]}; the innermost adds one to its result. */
  private static List<Deferred<Integer>> returningChain() {
    List<Deferred<Integer>> d = new ArrayList<>(DEPTH);
    for (int i = 0; i < DEPTH; i++) {
      d.add(new Deferred<>());
    }
    for (int i = 0; i < DEPTH - 1; i++) {
      Deferred<Integer> next = d.get(i + 1);
      d.get(i).addCallbackDeferred(ignored -> next);
    }
    d.get(DEPTH - 1).addCallback(r -> r + 1);
    return d;
  }

  private static void assertOuterGot(List<Deferred<Integer>> d, int expected) {
    assertEquals(successResultOf(d.get(0)).intValue(), expected);
    assertNull(d.get(DEPTH / 2).result(), "a middle Deferred handed its result on");
  }

  /** The inner Deferreds fire innermost first, each taking its fired successor's result. */
  @Test
  public void millionReturnedDeferredsFiredInnermostFirstThenOuter() {
    List<Deferred<Integer>> d = returningChain();
    d.get(DEPTH - 1).callback(41);
    for (int i = DEPTH - 2; i >= 1; i--) {
      d.get(i).callback(0);
    }
    d.get(0).callback(0);
    assertOuterGot(d, 42);
  }

  /** The inner Deferreds fire outermost first, each waiting on the next, before the outer. */
  @Test
  public void millionReturnedDeferredsFiredOutermostFirstThenOuter() {
    List<Deferred<Integer>> d = returningChain();
    for (int i = 1; i < DEPTH - 1; i++) {
      d.get(i).callback(0);
    }
    d.get(DEPTH - 1).callback(41); // unwinds the million-deep wait
    assertNoResult(d.get(0));
    d.get(0).callback(0);
    assertOuterGot(d, 42);
  }

  /** The outer fires first; then the inner ones, outermost first: the last fire unwinds all. */
  @Test
  public void millionReturnedDeferredsOuterFirstThenInnerOutermostFirst() {
    List<Deferred<Integer>> d = returningChain();
    d.get(0).callback(0);
    for (int i = 1; i < DEPTH - 1; i++) {
      d.get(i).callback(0);
    }
    assertNoResult(d.get(0));
    d.get(DEPTH - 1).callback(41);
    assertOuterGot(d, 42);
  }

  /** The outer fires first; then the inner ones, innermost first. */
  @Test
  public void millionReturnedDeferredsOuterFirstThenInnerInnermostFirst() {
    List<Deferred<Integer>> d = returningChain();
    d.get(0).callback(0);
    d.get(DEPTH - 1).callback(41);
    for (int i = DEPTH - 2; i >= 1; i--) {
      d.get(i).callback(0);
    }
    assertOuterGot(d, 42);
  }

  /** A Failure at the bottom of a million-deep wait reaches the top through the errbacks. */
  @Test
  public void millionReturnedDeferredsCarryAFailureUp() {
    List<Deferred<Integer>> d = returningChain();
    d.get(0).callback(0);
    for (int i = 1; i < DEPTH - 1; i++) {
      d.get(i).callback(0);
    }
    d.get(DEPTH - 1).errback(new ArithmeticException("bottom"));
    assertEquals(failureResultOf(d.get(0), ArithmeticException.class).getErrorMessage(),
        "bottom");
  }

  /** {@code d[0].chainDeferred(d[1])}, {@code d[1].chainDeferred(d[2])}, ... a million long. */
  @Test
  public void millionLongChainDeferredChain() {
    List<Deferred<@Nullable Integer>> d = new ArrayList<>(DEPTH);
    for (int i = 0; i < DEPTH; i++) {
      d.add(new Deferred<>());
    }
    for (int i = 0; i < DEPTH - 1; i++) {
      d.get(i).chainDeferred(d.get(i + 1));
    }
    List<@Nullable Integer> last = new ArrayList<>();
    d.get(DEPTH - 1).addCallback(last::add);
    d.get(0).callback(42);
    assertEquals(last, List.of(42));
    assertNull(successResultOf(d.get(0)));
    assertNull(successResultOf(d.get(DEPTH / 2)));
    assertTrue(d.get(DEPTH - 2).toString().endsWith("current result: null>"));
  }

  /** A Failure fired into a million-long chainDeferred chain arrives at the end. */
  @Test
  public void millionLongChainDeferredChainCarriesAFailure() {
    List<Deferred<@Nullable Integer>> d = new ArrayList<>(DEPTH);
    for (int i = 0; i < DEPTH; i++) {
      d.add(new Deferred<>());
    }
    for (int i = 0; i < DEPTH - 1; i++) {
      d.get(i).chainDeferred(d.get(i + 1));
    }
    d.get(0).errback(new ArithmeticException("top"));
    assertEquals(failureResultOf(d.get(DEPTH - 1), ArithmeticException.class).getErrorMessage(),
        "top");
    assertNull(successResultOf(d.get(0)));
  }

  /** Cancelling the outermost of a million-deep waiting chain cancels the innermost. */
  @Test
  public void cancellingTheOutermostOfAMillionDeepWaitCancelsTheInnermost() {
    List<Deferred<Integer>> cancelled = new ArrayList<>();
    List<Deferred<Integer>> d = new ArrayList<>(DEPTH);
    for (int i = 0; i < DEPTH - 1; i++) {
      d.add(new Deferred<>());
    }
    d.add(new Deferred<>(cancelled::add));
    for (int i = 0; i < DEPTH - 1; i++) {
      Deferred<Integer> next = d.get(i + 1);
      d.get(i).addCallbackDeferred(ignored -> next);
    }
    for (int i = 0; i < DEPTH - 1; i++) {
      d.get(i).callback(0);
    }
    assertNoResult(d.get(0));
    d.get(0).cancel();
    assertEquals(cancelled, List.of(d.get(DEPTH - 1)));
    failureResultOf(d.get(0), CancelledError.class);
  }
}
