package dev.torsion.internet.task;

import static dev.torsion.trial.SynchronousTestCase.assertNoResult;
import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.task.LoopingCallTest.TestException;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The {@link LoopingCall} tests Twisted runs against its real reactor (ReactorLoopTests), here on
 * a {@link Clock}: failures, stopping, and waiting on returned Deferreds.
 */
public class LoopingCallReactorLoopTest {
  /** twisted.test.test_task.ReactorLoopTests.testFailure */
  @Test
  public void throwingFunctionFailsTheLoop() {
    Clock clock = new Clock();
    LoopingCall lc = new LoopingCall(clock, () -> {
      throw new TestException("bar");
    });
    Deferred<LoopingCall> d = lc.start(0.1);
    assertEquals(failureResultOf(d, TestException.class).getErrorMessage(), "bar");
    assertFalse(lc.running());
    assertEquals(clock.getDelayedCalls(), List.of());
  }

  /** twisted.test.test_task.ReactorLoopTests.testFailAndStop */
  @Test
  public void stopThenThrowFailsTheLoop() {
    Clock clock = new Clock();
    LoopingCall[] lc = new LoopingCall[1];
    lc[0] = new LoopingCall(clock, () -> {
      lc[0].stop();
      throw new TestException("bar");
    });
    Deferred<LoopingCall> d = lc[0].start(0.1);
    failureResultOf(d, TestException.class);
    assertFalse(lc[0].running());
  }

  /** twisted.test.test_task.ReactorLoopTests.testEveryIteration */
  @Test
  public void intervalZeroRunsEveryIteration() {
    Clock clock = new Clock();
    List<String> ran = new ArrayList<>();
    LoopingCall[] lc = new LoopingCall[1];
    lc[0] = new LoopingCall(clock, () -> {
      ran.add("x");
      if (ran.size() > 5) {
        lc[0].stop();
      }
    });
    Deferred<LoopingCall> d = lc[0].start(0);
    assertEquals(ran.size(), 1);
    assertNoResult(d);
    clock.advance(0);
    assertSame(successResultOf(d), lc[0]);
    assertEquals(ran.size(), 6);
  }

  /** twisted.test.test_task.ReactorLoopTests.testStopAtOnceLater */
  @Test
  public void stopFromAScheduledCallPreventsLaterCalls() {
    Clock clock = new Clock();
    List<String> ran = new ArrayList<>();
    LoopingCall lc = new LoopingCall(clock, () -> {
      ran.add("This task also should never get called.");
    });
    Deferred<LoopingCall> d = lc.start(1, false);
    clock.callLater(0, lc::stop);
    clock.advance(0);
    assertSame(successResultOf(d), lc);
    clock.advance(10);
    assertEquals(ran, List.of());
  }

  /** twisted.test.test_task.ReactorLoopTests.testWaitDeferred */
  @Test
  public void nextCallWaitsForTheReturnedDeferred() {
    Clock clock = new Clock();
    int[] calls = {0};
    LoopingCall[] lc = new LoopingCall[1];
    lc[0] = new LoopingCall(clock, () -> {
      calls[0]++;
      Deferred<Void> d = new Deferred<>();
      d.addCallback(ignored -> {
        lc[0].stop();
        return null;
      });
      clock.callLater(1, () -> d.callback(null));
      return d;
    });
    Deferred<LoopingCall> done = lc[0].start(0.2);
    clock.pump(0.2, 0.8);
    assertEquals(calls[0], 1);
    assertSame(successResultOf(done), lc[0]);
    assertEquals(clock.getDelayedCalls(), List.of());
  }

  /** twisted.test.test_task.ReactorLoopTests.testFailurePropagation */
  @Test
  public void failureOfTheReturnedDeferredFailsTheLoop() {
    Clock clock = new Clock();
    LoopingCall lc = new LoopingCall(clock, () -> {
      Deferred<Void> d = new Deferred<>();
      clock.callLater(0.3, () -> d.errback(new TestException("late")));
      return d;
    });
    Deferred<LoopingCall> d = lc.start(1);
    assertNoResult(d);
    clock.pump(0.3);
    failureResultOf(d, TestException.class);
    assertEquals(clock.getDelayedCalls(), List.of());
    assertFalse(lc.running());
  }

  /** twisted.test.test_task.ReactorLoopTests.test_deferredWithCount */
  @Test
  public void withCountCountsIntervalsSpentWaiting() {
    Clock testClock = new Clock();
    Deferred<Void> d = new Deferred<>();
    List<Long> deferredCounts = new ArrayList<>();
    LoopingCall lc = LoopingCall.withCount(testClock, n -> {
      deferredCounts.add(n);
      return deferredCounts.size() == 1 ? d : null;
    });
    lc.start(0.2, false);
    assertEquals(deferredCounts, List.of());
    testClock.pump(0.2, 0.4);
    assertEquals(deferredCounts.size(), 1);
    d.callback(null);
    testClock.pump(0.2);
    assertEquals(deferredCounts, List.of(1L, 3L));
  }
}
