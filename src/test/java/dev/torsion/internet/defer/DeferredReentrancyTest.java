package dev.torsion.internet.defer;

import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.expectThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Re-entrant and unusual orderings, each checked against what Twisted 22.4 does (found by running
 * the same random programs on both and comparing).
 */
public class DeferredReentrancyTest {
  /**
   * As Twisted's nested {@code callback()} call: a paused waiter reached through a chainDeferred
   * target ends only that nested pass; the source goes on with its own callbacks.
   */
  @Test
  public void pausedWaiterBehindAChainDeferredTargetDoesNotStopTheSource() {
    List<@Nullable Object> log = new ArrayList<>();
    Deferred<@Nullable Object> source = new Deferred<>();
    Deferred<@Nullable Object> target = new Deferred<>();
    Deferred<@Nullable Object> waiter = new Deferred<>();
    waiter.addCallbackDeferred(ignored -> target);
    waiter.callback(null);
    waiter.pause();
    source.chainDeferred(target);
    source.addCallback(log::add);
    source.callback(1);
    assertEquals(log, Collections.singletonList(null));
    assertEquals(waiter.paused(), 1);
    List<@Nullable Object> waiterResult = new ArrayList<>();
    waiter.addCallback(waiterResult::add);
    waiter.unpause();
    assertEquals(waiterResult, List.of(1));
  }

  /** While a chainDeferred target runs, callbacks added to the source wait for it to finish. */
  @Test
  public void callbackAddedToTheSourceByATargetCallbackRunsAfterTheTarget() {
    List<Object> log = new ArrayList<>();
    Deferred<@Nullable Object> source = new Deferred<>();
    Deferred<@Nullable Object> target = new Deferred<>();
    target.addCallback(r -> {
      log.add("T cb " + r);
      source.addCallback(x -> log.add("S added " + x));
      log.add("T cb end");
      return null;
    }).addCallback(r -> log.add("T cb2 " + r));
    source.chainDeferred(target);
    source.addCallback(r -> log.add("S next " + r));
    source.callback(1);
    assertEquals(log, List.of("T cb 1", "T cb end", "T cb2 null", "S next null", "S added true"));
  }

  /** A target callback pausing the source does not stop the source's running pass (Twisted). */
  @Test
  public void sourcePausedByATargetCallbackFinishesItsPass() {
    List<@Nullable Object> log = new ArrayList<>();
    Deferred<@Nullable Object> source = new Deferred<>();
    Deferred<@Nullable Object> target = new Deferred<>();
    target.addCallback(r -> {
      source.pause();
      return null;
    });
    source.chainDeferred(target);
    source.addCallback(log::add);
    source.callback(1);
    assertEquals(log, Collections.singletonList(null));
    assertEquals(source.paused(), 1);
  }

  /**
   * Twisted fires a chainDeferred target by a nested call, so while the target's callbacks run the
   * source still holds its result; a target callback that returns the source takes that result.
   */
  @Test
  public void targetCallbackSeesTheSourceResultStillInPlace() {
    Deferred<@Nullable Object> source = new Deferred<>();
    Deferred<@Nullable Object> target = new Deferred<>();
    target.addCallbackDeferred(r -> source);
    source.chainDeferred(target);
    source.callback("value");
    assertEquals(successResultOf(target), "value");
    assertEquals(successResultOf(source), null);
  }

  /** A pass-through slot meeting a Deferred result (left by an unpause) waits on it again. */
  @Test
  public void passThroughOfADeferredResultWaitsOnItAgain() {
    Deferred<@Nullable Object> outer = new Deferred<>();
    Deferred<@Nullable Object> inner = new Deferred<>();
    outer.addCallbackDeferred(r -> inner);
    outer.callback(null);
    List<Object> seen = new ArrayList<>();
    outer.addErrback(f -> null); // pass-through for a success
    outer.unpause(); // releases the implicit pause while waiting: the chain sees the Deferred
    assertEquals(outer.paused(), 1, "waiting on inner again");
    outer.addCallback(seen::add);
    inner.callback("late");
    assertEquals(seen, List.of("late"));
  }

  /** As Twisted's assertion in callback(): a chainDeferred target never gets a Deferred. */
  @Test
  public void chainDeferredNeverFiresTheTargetWithADeferred() {
    Deferred<@Nullable Object> outer = new Deferred<>();
    Deferred<@Nullable Object> inner = new Deferred<>();
    Deferred<@Nullable Object> target = new Deferred<>();
    outer.addCallbackDeferred(r -> inner);
    outer.callback(null);
    outer.chainDeferred(target);
    outer.unpause();
    failureResultOf(outer, IllegalArgumentException.class);
    assertEquals(target.called(), false);
  }

  /** Twisted would let the count go negative and hold callbacks forever; Torsion refuses. */
  @Test
  public void unpauseWithoutPauseIsRefused() {
    Deferred<String> d = new Deferred<>();
    IllegalStateException e = expectThrows(IllegalStateException.class, d::unpause);
    assertEquals(d.paused(), 0, e.getMessage());
    d.callback("x");
    assertSame(successResultOf(d), "x");
  }
}
