package dev.torsion.internet.task;

import static dev.torsion.internet.task.CooperatorTest.appending;
import static dev.torsion.internet.task.CooperatorTest.oneUnitPerTick;
import static dev.torsion.internet.task.CooperatorTest.runUntilCalled;
import static dev.torsion.internet.task.CooperatorTest.steps;
import static dev.torsion.trial.SynchronousTestCase.assertNoResult;
import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.task.CooperatorTest.FakeScheduler;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.testng.annotations.Test;

/** Cooperator behaviour beyond Twisted's own tests: scheduling, fairness, stopping, bad input. */
public class CooperatorSchedulingTest {
  @Test
  public void stopFailsEveryTaskItHolds() {
    FakeScheduler scheduler = new FakeScheduler();
    Cooperator c = new Cooperator(oneUnitPerTick(), scheduler, true);
    List<Failure> failures = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      c.cooperate(List.of(1, 2).iterator()).whenDone().addErrback(f -> {
        failures.add(f);
        return null;
      });
    }
    c.stop();
    assertEquals(failures.size(), 5);
    for (Failure f : failures) {
      assertEquals(f.check(SchedulerStopped.class), SchedulerStopped.class);
    }
    assertTrue(scheduler.work.get(0).cancelled);
  }

  @Test
  public void pausedTaskOutlivesStopAndFailsWhenResumed() {
    FakeScheduler scheduler = new FakeScheduler();
    Cooperator c = new Cooperator(oneUnitPerTick(), scheduler, true);
    CooperativeTask<Iterator<Integer>> task = c.cooperate(List.of(1, 2).iterator());
    Deferred<Iterator<Integer>> done = task.whenDone();
    task.pause();
    c.stop();
    assertNoResult(done);
    task.resume();
    failureResultOf(done, SchedulerStopped.class);
    assertThrows(SchedulerStopped.class, task::stop);
  }

  @Test
  public void startAfterStopRunsNewTasks() {
    Clock clock = new Clock();
    Cooperator c = new Cooperator(clock);
    c.stop();
    c.start();
    Iterator<Integer> it = List.of(1, 2, 3).iterator();
    Deferred<Iterator<Integer>> d = c.coiterate(it);
    runUntilCalled(clock, d);
    assertSame(successResultOf(d), it);
  }

  @Test
  public void roundRobinSkipsNoTaskWhenOneFinishes() {
    FakeScheduler scheduler = new FakeScheduler();
    Cooperator c = new Cooperator(oneUnitPerTick(), scheduler, true);
    List<Object> order = new ArrayList<>();
    c.coiterate(appending(order, "a"));
    c.coiterate(appending(order, "b1", "b2", "b3"));
    c.coiterate(appending(order, "c1", "c2", "c3"));
    for (int i = 0; i < 12 && !scheduler.work.isEmpty(); i++) {
      scheduler.pump();
    }
    // The fourth tick finds "a" exhausted; the round goes on with b, then c, alternating.
    assertEquals(order, List.of("a", "b1", "c1", "b2", "c2", "b3", "c3"));
  }

  @Test
  public void clockAdvanceRunsOneTickAndIdleLeavesNoCall() {
    Clock clock = new Clock();
    Cooperator c = new Cooperator(Cooperator.timeSlice(0), Cooperator.schedulerFor(clock), true);
    List<Object> order = new ArrayList<>();
    Deferred<Iterator<Object>> d = c.coiterate(appending(order, 1, 2));
    assertEquals(clock.getDelayedCalls().size(), 1);
    assertEquals(order, List.of());
    clock.advance(1);
    assertEquals(order, List.of(1));
    clock.advance(1);
    assertEquals(order, List.of(1, 2));
    clock.advance(1);
    successResultOf(d);
    assertTrue(clock.getDelayedCalls().isEmpty());
  }

  @Test
  public void defaultSliceRunsManyUnitsInOneTick() {
    Clock clock = new Clock();
    List<Object> order = new ArrayList<>();
    Deferred<Iterator<Object>> d = new Cooperator(clock).coiterate(appending(order, 1, 2, 3));
    clock.advance(1);
    // Three trivial units take far less than 10 ms.
    assertEquals(order, List.of(1, 2, 3));
    clock.advance(1);
    successResultOf(d);
  }

  @Test
  public void timeSliceRejectsBadLengths() {
    assertThrows(IllegalArgumentException.class, () -> Cooperator.timeSlice(-1));
    assertThrows(IllegalArgumentException.class, () -> Cooperator.timeSlice(Double.NaN));
  }

  @Test
  public void nullArgumentsAreRejected() {
    Cooperator c = new Cooperator(new Clock());
    assertThrows(NullPointerException.class, () -> c.cooperate(null));
    assertThrows(NullPointerException.class, () -> new Cooperator(null));
  }

  @Test
  public void hasNextThatThrowsFailsTheTask() {
    FakeScheduler scheduler = new FakeScheduler();
    Cooperator c = new Cooperator(oneUnitPerTick(), scheduler, true);
    IllegalStateException boom = new IllegalStateException("broken hasNext");
    Deferred<Iterator<Object>> d = c.coiterate(new Iterator<>() {
      @Override
      public boolean hasNext() {
        throw boom;
      }

      @Override
      public Object next() {
        throw new AssertionError("next() after a failed hasNext()");
      }
    });
    scheduler.pump();
    assertSame(failureResultOf(d, IllegalStateException.class).value(), boom);
  }

  @Test
  public void failureOfAwaitedDeferredAfterStopIsConsumed() {
    FakeScheduler scheduler = new FakeScheduler();
    Cooperator c = new Cooperator(oneUnitPerTick(), scheduler, true);
    Deferred<Object> awaited = new Deferred<>();
    CooperativeTask<Iterator<Object>> task = c.cooperate(steps(() -> awaited));
    List<Failure> errors = new ArrayList<>();
    task.whenDone().addErrback(f -> {
      errors.add(f);
      return null;
    });
    scheduler.pump();
    task.stop();
    awaited.errback(new IllegalStateException("too late"));
    assertEquals(errors.size(), 1);
    assertEquals(errors.get(0).check(TaskStopped.class), TaskStopped.class);
    assertEquals(successResultOf(awaited), null);
  }

  @Test
  public void longRunOfFiredDeferredsNeedsNoRecursionAndOneTick() {
    FakeScheduler scheduler = new FakeScheduler();
    Cooperator c = new Cooperator(() -> () -> false, scheduler, true);
    int n = 200_000;
    Iterator<Object> it = new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public Object next() {
        i++;
        return Defer.succeed(i);
      }
    };
    Deferred<Iterator<Object>> d = c.coiterate(it);
    scheduler.pump();
    assertSame(successResultOf(d), it);
    // Re-adding the task after each Deferred scheduled nothing extra during the tick.
    assertTrue(scheduler.work.isEmpty());
  }

  @Test
  public void unitThatStopsItsOwnTaskMayStillReturnADeferred() {
    FakeScheduler scheduler = new FakeScheduler();
    Cooperator c = new Cooperator(oneUnitPerTick(), scheduler, true);
    List<CooperativeTask<?>> self = new ArrayList<>();
    Deferred<Object> never = new Deferred<>();
    CooperativeTask<Iterator<Object>> task = c.cooperate(steps(() -> {
      self.get(0).stop();
      return never;
    }));
    self.add(task);
    Deferred<Iterator<Object>> done = task.whenDone();
    scheduler.pump();
    failureResultOf(done, TaskStopped.class);
    assertTrue(scheduler.work.isEmpty());
  }
}
