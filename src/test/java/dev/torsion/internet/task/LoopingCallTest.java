package dev.torsion.internet.task;

import static dev.torsion.trial.SynchronousTestCase.assertNoResult;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class LoopingCallTest {
  /** An error of the test's own, so no other error can pass for it. */
  static final class TestException extends Exception {
    private static final long serialVersionUID = 1L;

    TestException(String message) {
      super(message);
    }
  }

  /** twisted.test.test_task.LoopTests.test_callbackTimeSkips */
  @Test
  public void timeSpentInTheCallSkipsDueTimesInThePast() {
    List<Double> times = new ArrayList<>();
    double[] callDuration = {2};
    Clock clock = new Clock();
    LoopingCall call = new LoopingCall(clock, () -> {
      times.add(clock.seconds());
      clock.advance(callDuration[0]);
    });
    call.start(0.5);
    assertEquals(times, List.of(0.0));
    assertEquals(clock.seconds(), 2.0);
    // 2 is due, but it is the present, not the future: skipped.
    clock.advance(0);
    assertEquals(times, List.of(0.0));
    callDuration[0] = 1;
    clock.advance(0.5);
    assertEquals(times, List.of(0.0, 2.5));
    assertEquals(clock.seconds(), 3.5);
    clock.advance(0);
    assertEquals(times, List.of(0.0, 2.5));
    callDuration[0] = 0;
    clock.advance(0.5);
    assertEquals(times, List.of(0.0, 2.5, 4.0));
    assertEquals(clock.seconds(), 4.0);
  }

  /** twisted.test.test_task.LoopTests.test_reactorTimeSkips */
  @Test
  public void lateClockSkipsDueTimesInThePast() {
    List<Double> times = new ArrayList<>();
    Clock clock = new Clock();
    LoopingCall call = new LoopingCall(clock, () -> {
      times.add(clock.seconds());
    });
    call.start(0.5);
    assertEquals(times, List.of(0.0));
    clock.advance(2);
    assertEquals(times, List.of(0.0, 2.0));
    clock.advance(1);
    assertEquals(times, List.of(0.0, 2.0, 3.0));
    clock.advance(0);
    assertEquals(times, List.of(0.0, 2.0, 3.0));
  }

  /** twisted.test.test_task.LoopTests.test_reactorTimeCountSkips */
  @Test
  public void withCountCountsSkippedIntervals() {
    List<Double> times = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    Clock clock = new Clock();
    LoopingCall call = LoopingCall.withCount(clock, n -> {
      times.add(clock.seconds());
      counts.add(n);
      return null;
    });
    double interval = 0.5;
    double realisticDelay = 0.01;
    call.start(interval);
    assertEquals(times, List.of(0.0));
    assertEquals(counts, List.of(1L));
    clock.advance(interval + realisticDelay);
    assertEquals(times, List.of(0.0, interval + realisticDelay));
    assertEquals(counts, List.of(1L, 1L));
    clock.advance(3 * interval + realisticDelay);
    assertEquals(times.size(), 3);
    assertEquals(times.get(2), 4 * interval + 2 * realisticDelay, 1e-12);
    assertEquals(counts, List.of(1L, 1L, 3L));
    clock.advance(0);
    assertEquals(times.size(), 3);
    assertEquals(counts, List.of(1L, 1L, 3L));
  }

  /** twisted.test.test_task.LoopTests.test_countLengthyIntervalCounts */
  @Test
  public void withCountCountsScheduleIntervalsNotGaps() {
    List<Long> counts = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    Clock clock = new Clock();
    LoopingCall call = LoopingCall.withCount(clock, n -> {
      counts.add(n);
      times.add(clock.seconds());
      return null;
    });
    double interval = 0.5;
    double realisticDelay = 0.01;
    call.start(interval);
    clock.advance(interval + realisticDelay);
    clock.advance(interval * 1.75);
    clock.advance(interval * 0.25);
    assertEquals(counts, List.of(1L, 1L, 1L, 1L));
    assertEquals(times.get(1), interval + realisticDelay, 1e-12);
    assertEquals(times.get(2), 2.75 * interval + realisticDelay, 1e-12);
    assertEquals(times.get(3), 3.0 * interval + realisticDelay, 1e-12);
  }

  /** twisted.test.test_task.LoopTests.test_withCountFloatingPointBoundary */
  @Test
  public void withCountNeverPassesZeroAtFloatingPointBoundaries() {
    Clock clock = new Clock();
    List<Long> accumulator = new ArrayList<>();
    LoopingCall call = LoopingCall.withCount(clock, n -> {
      accumulator.add(n);
      return null;
    });
    int count = 10;
    double timespan = 1.0;
    double interval = timespan / count;
    call.start(interval, false);
    for (int x = 0; x < count; x++) {
      clock.advance(interval);
    }
    double sum = 0;
    for (int x = 0; x < count; x++) {
      sum += interval;
    }
    double epsilon = timespan - sum;
    clock.advance(epsilon);
    assertTrue(Math.abs(epsilon) > 0.0, epsilon + " should be greater than zero");
    assertTrue(clock.seconds() >= timespan);
    assertEquals(accumulator.stream().mapToLong(Long::longValue).sum(), count);
    assertFalse(accumulator.contains(0L));
  }

  /** twisted.test.test_task.LoopTests.test_withCountIntervalZero */
  @Test
  public void withCountAtIntervalZeroAlwaysCountsOne() {
    Clock clock = new Clock();
    List<Long> accumulator = new ArrayList<>();
    LoopingCall[] loop = new LoopingCall[1];
    loop[0] = LoopingCall.withCount(clock, n -> {
      accumulator.add(n);
      if (accumulator.size() > 4) {
        loop[0].stop();
      }
      return null;
    });
    Deferred<LoopingCall> d = loop[0].start(0, false);
    clock.advance(0);
    assertSame(successResultOf(d), loop[0]);
    assertEquals(accumulator, List.of(1L, 1L, 1L, 1L, 1L));
  }

  /** twisted.test.test_task.LoopTests.test_withCountIntervalZeroDelay */
  @Test
  public void withCountAtIntervalZeroIgnoresTimeSpentWaiting() {
    Clock clock = new Clock();
    Deferred<Void> deferred = new Deferred<>();
    List<Long> accumulator = new ArrayList<>();
    LoopingCall[] loop = new LoopingCall[1];
    loop[0] = LoopingCall.withCount(clock, n -> {
      accumulator.add(n);
      if (accumulator.size() == 2) {
        return deferred;
      }
      if (accumulator.size() > 4) {
        loop[0].stop();
      }
      return null;
    });
    loop[0].start(0, false);
    clock.advance(0);
    assertEquals(accumulator, List.of(1L, 1L));
    clock.advance(2);
    assertEquals(accumulator, List.of(1L, 1L));
    deferred.callback(null);
    clock.advance(0);
    assertEquals(accumulator, List.of(1L, 1L, 1L, 1L, 1L));
  }

  /** twisted.test.test_task.LoopTests.test_withCountIntervalZeroDelayThenNonZeroInterval */
  @Test
  public void withCountKeepsLastTimeAcrossAnIntervalChange() {
    Clock clock = new Clock();
    Deferred<Void> deferred = new Deferred<>();
    List<Long> accumulator = new ArrayList<>();
    LoopingCall loop = LoopingCall.withCount(clock, n -> {
      accumulator.add(n);
      return accumulator.size() == 2 ? deferred : null;
    });
    loop.start(0, false);
    clock.advance(10);
    assertEquals(accumulator, List.of(1L, 1L));
    loop.setInterval(2);
    deferred.callback(null);
    clock.advance(7);
    assertEquals(accumulator, List.of(1L, 1L, 3L));
    clock.advance(2);
    assertEquals(accumulator, List.of(1L, 1L, 3L, 1L));
    clock.advance(4);
    assertEquals(accumulator, List.of(1L, 1L, 3L, 1L, 2L));
  }

  /** twisted.test.test_task.LoopTests.testBasicFunction */
  @Test
  public void callsEveryIntervalUntilStopped() {
    Clock clock = new Clock();
    List<String> calls = new ArrayList<>();
    String a = "a";
    String b = "b";
    LoopingCall lc = new LoopingCall(clock, () -> {
      calls.add(a + b + "d");
    });
    Deferred<LoopingCall> d = lc.start(0.1);
    List<LoopingCall> theResult = new ArrayList<>();
    d.addCallback(theResult::add);
    clock.pump(0.05, 0.1, 0.1);
    assertEquals(calls, List.of("abd", "abd", "abd"));
    lc.stop();
    assertSame(theResult.get(0), lc);
    assertEquals(clock.getDelayedCalls(), List.of());
  }

  /** twisted.test.test_task.LoopTests.testDelayedStart */
  @Test
  public void startNotNowWaitsOneInterval() {
    Clock clock = new Clock();
    List<Double> calls = new ArrayList<>();
    LoopingCall lc = new LoopingCall(clock, () -> {
      calls.add(clock.seconds());
    });
    Deferred<LoopingCall> d = lc.start(0.1, false);
    List<LoopingCall> theResult = new ArrayList<>();
    d.addCallback(theResult::add);
    clock.pump(0.05, 0.1, 0.1);
    assertEquals(calls.size(), 2);
    lc.stop();
    assertSame(theResult.get(0), lc);
    assertEquals(clock.getDelayedCalls(), List.of());
  }

  /** twisted.test.test_task.LoopTests.testBadDelay */
  @Test
  public void negativeIntervalIsRejected() {
    LoopingCall lc = new LoopingCall(new Clock(), () -> { });
    assertThrows(IllegalArgumentException.class, () -> lc.start(-1));
    assertThrows(IllegalArgumentException.class, () -> lc.start(Double.NaN));
    assertFalse(lc.running());
    assertThrows(IllegalArgumentException.class, () -> lc.setInterval(-1));
  }

  private static void stoppingTest(double delay) {
    List<String> ran = new ArrayList<>();
    Clock clock = new Clock();
    LoopingCall lc = new LoopingCall(clock, () -> {
      ran.add("x");
    });
    Deferred<LoopingCall> d = lc.start(delay, false);
    lc.stop();
    assertSame(successResultOf(d), lc);
    clock.advance(delay + 1);
    assertEquals(ran, List.of());
    assertEquals(clock.getDelayedCalls(), List.of());
  }

  /** twisted.test.test_task.LoopTests.testStopAtOnce */
  @Test
  public void stopAtOnceWithIntervalZero() {
    stoppingTest(0);
  }

  /** twisted.test.test_task.LoopTests.testStoppingBeforeDelayedStart */
  @Test
  public void stopBeforeADelayedStart() {
    stoppingTest(10);
  }

  /** twisted.test.test_task.LoopTests.test_reset */
  @Test
  public void resetRestartsTheSchedule() {
    List<Double> ran = new ArrayList<>();
    Clock c = new Clock();
    LoopingCall lc = new LoopingCall(c, () -> {
      ran.add(c.seconds());
    });
    lc.start(2, false);
    c.advance(1);
    lc.reset();
    c.advance(1);
    assertEquals(ran, List.of());
    c.advance(1);
    assertEquals(ran, List.of(3.0));
    c.advance(2);
    assertEquals(ran, List.of(3.0, 5.0));
  }

  /** twisted.test.test_task.LoopTests.test_reprFunction */
  @Test
  public void toStringNamesIntervalAndFunction() {
    Runnable named = new Runnable() {
      @Override
      public void run() {}

      @Override
      public String toString() {
        return "installReactor";
      }
    };
    Clock clock = new Clock();
    LoopingCall lc = new LoopingCall(clock, named);
    assertEquals(lc.toString(), "LoopingCall<None>(installReactor)");
    lc.start(2.5);
    assertEquals(lc.toString(), "LoopingCall<2.5>(installReactor)");
  }

  @Test
  public void misuseIsAnIllegalStateException() {
    LoopingCall lc = new LoopingCall(new Clock(), () -> { });
    assertThrows(IllegalStateException.class, lc::stop);
    assertThrows(IllegalStateException.class, lc::reset);
    lc.start(1);
    assertThrows(IllegalStateException.class, () -> lc.start(1));
    assertTrue(lc.running());
  }

  @Test
  public void stopDuringAPendingDeferredFiresAfterIt() {
    Clock clock = new Clock();
    Deferred<Void> pending = new Deferred<>();
    LoopingCall lc = new LoopingCall(clock, () -> pending);
    Deferred<LoopingCall> d = lc.start(1);
    lc.stop();
    assertFalse(lc.running());
    assertNoResult(d);
    pending.callback(null);
    assertSame(successResultOf(d), lc);
    assertEquals(clock.getDelayedCalls(), List.of());
  }

  @Test
  public void resetWhileWaitingOnTheFunctionDoesNothing() {
    Clock clock = new Clock();
    Deferred<Void> pending = new Deferred<>();
    int[] calls = {0};
    LoopingCall lc = new LoopingCall(clock, () -> {
      calls[0]++;
      return calls[0] == 1 ? pending : null;
    });
    lc.start(1);
    lc.reset();
    clock.advance(5);
    assertEquals(calls[0], 1);
    pending.callback(null);
    assertEquals(clock.getDelayedCalls().size(), 1);
    assertEquals(clock.getDelayedCalls().get(0).getTime(), 6.0);
  }

  @Test
  public void aStoppedLoopCanBeStartedAgain() {
    Clock clock = new Clock();
    List<Double> ran = new ArrayList<>();
    LoopingCall lc = new LoopingCall(clock, () -> {
      ran.add(clock.seconds());
    });
    assertNull(lc.interval());
    Deferred<LoopingCall> first = lc.start(1);
    clock.advance(1);
    lc.stop();
    assertSame(successResultOf(first), lc);
    clock.advance(0.5);
    Deferred<LoopingCall> second = lc.start(2);
    assertEquals(lc.interval(), 2.0);
    clock.advance(2);
    assertEquals(ran, List.of(0.0, 1.0, 1.5, 3.5));
    lc.stop();
    assertSame(successResultOf(second), lc);
  }

  @Test
  public void setClockChangesTheScheduler() {
    Clock first = new Clock();
    Clock second = new Clock();
    List<Double> ran = new ArrayList<>();
    LoopingCall lc = new LoopingCall(first, () -> {
      ran.add(second.seconds());
    });
    lc.setClock(second);
    assertSame(lc.clock(), second);
    lc.start(1, false);
    assertEquals(first.getDelayedCalls(), List.of());
    second.advance(1);
    assertEquals(ran, List.of(1.0));
  }

  @Test
  public void manyImmediateIterationsDoNotGrowTheStack() {
    Clock clock = new Clock();
    int[] n = {0};
    LoopingCall[] lc = new LoopingCall[1];
    lc[0] = new LoopingCall(clock, () -> {
      if (++n[0] == 200_000) {
        lc[0].stop();
      }
      return Defer.succeed(null);
    });
    Deferred<LoopingCall> d = lc[0].start(0);
    clock.advance(0);
    assertSame(successResultOf(d), lc[0]);
    assertEquals(n[0], 200_000);
  }
}
