package dev.torsion.internet.task;

import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotSame;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IDelayedCall;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.testng.annotations.Test;

public class CooperatorTest {
  /** A scheduled tick that only remembers whether it was cancelled. */
  static final class FakeDelayedCall implements IDelayedCall {
    final Runnable func;
    boolean cancelled;

    FakeDelayedCall(Runnable func) {
      this.func = func;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public double getTime() {
      return 0;
    }

    @Override
    public void reset(double secondsFromNow) {
      throw new UnsupportedOperationException("the Cooperator only cancels");
    }

    @Override
    public void delay(double secondsLater) {
      throw new UnsupportedOperationException("the Cooperator only cancels");
    }

    @Override
    public boolean active() {
      return !cancelled;
    }
  }

  /** Collects ticks and runs, on {@link #pump}, exactly those scheduled before the pump. */
  static final class FakeScheduler implements Cooperator.Scheduler {
    List<FakeDelayedCall> work = new ArrayList<>();

    @Override
    public IDelayedCall schedule(Runnable tick) {
      FakeDelayedCall unit = new FakeDelayedCall(tick);
      work.add(unit);
      return unit;
    }

    void pump() {
      List<FakeDelayedCall> now = work;
      work = new ArrayList<>();
      for (FakeDelayedCall unit : now) {
        if (!unit.cancelled) {
          unit.func.run();
        }
      }
    }
  }

  /** An iterator whose every {@code next()} runs the next of {@code steps}. */
  @SafeVarargs
  static Iterator<Object> steps(Supplier<?>... steps) {
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < steps.length;
      }

      @Override
      public Object next() {
        if (i >= steps.length) {
          throw new NoSuchElementException();
        }
        return steps[i++].get();
      }
    };
  }

  static Supplier<BooleanSupplier> oneUnitPerTick() {
    return () -> () -> true;
  }

  /** Advances {@code clock} until {@code d} has fired, within a bound. */
  static void runUntilCalled(Clock clock, Deferred<?> d) {
    for (int i = 0; i < 1000 && !d.called(); i++) {
      clock.advance(0.1);
    }
  }

  /** twisted.test.test_cooperator.CooperatorTests.testStoppedRejectsNewTasks */
  @Test
  public void testStoppedRejectsNewTasks() {
    Clock clock = new Clock();
    Cooperator c = new Cooperator(clock);
    c.stop();
    failureResultOf(c.coiterate(Collections.emptyIterator()), SchedulerStopped.class);

    Cooperator c2 = new Cooperator(clock);
    c2.stop();
    Deferred<Iterator<Object>> mine = new Deferred<>();
    Deferred<Iterator<Object>> d = c2.coiterate(Collections.emptyIterator(), mine);
    assertSame(d, mine);
    failureResultOf(d, SchedulerStopped.class);
    assertTrue(clock.getDelayedCalls().isEmpty());
  }

  /** twisted.test.test_cooperator.CooperatorTests.testStopRunning */
  @Test
  public void testStopRunning() {
    Clock clock = new Clock();
    Cooperator c = new Cooperator(clock);
    AtomicInteger value = new AtomicInteger(-1);
    Deferred<Iterator<Object>> d = c.coiterate(
        steps(value::incrementAndGet, value::incrementAndGet, value::incrementAndGet));
    c.stop();
    failureResultOf(d, SchedulerStopped.class);
    clock.advance(1);
    assertEquals(value.get(), -1);
    assertTrue(clock.getDelayedCalls().isEmpty());
  }

  /** twisted.test.test_cooperator.CooperatorTests.testStopOutstanding */
  @Test
  public void testStopOutstanding() {
    Clock clock = new Clock();
    Deferred<@org.jspecify.annotations.Nullable Void> testControlD = new Deferred<>();
    Deferred<String> outstandingD = new Deferred<>();
    Cooperator c = new Cooperator(clock);
    Deferred<Iterator<Object>> d = c.coiterate(steps(() -> {
      clock.callLater(0, () -> testControlD.callback(null));
      return outstandingD;
    }, () -> {
      throw new AssertionError("the task ran after its Cooperator stopped");
    }));
    testControlD.addCallback(ign -> {
      c.stop();
      outstandingD.callback("arglebargle");
      return null;
    });
    runUntilCalled(clock, d);
    failureResultOf(d, SchedulerStopped.class);
  }

  /** twisted.test.test_cooperator.CooperatorTests.testUnexpectedError */
  @Test
  public void testUnexpectedError() {
    Clock clock = new Clock();
    RuntimeException boom = new RuntimeException();
    Deferred<Iterator<Object>> d = new Cooperator(clock).coiterate(steps(() -> {
      throw boom;
    }));
    runUntilCalled(clock, d);
    assertSame(failureResultOf(d, RuntimeException.class).value(), boom);
  }

  /** twisted.test.test_cooperator.CooperatorTests.testUnexpectedErrorActuallyLater */
  @Test
  public void testUnexpectedErrorActuallyLater() {
    Clock clock = new Clock();
    Deferred<Iterator<Object>> d = new Cooperator(clock).coiterate(steps(() -> {
      Deferred<Object> later = new Deferred<>();
      clock.callLater(0, () -> later.errback(new RuntimeException()));
      return later;
    }));
    runUntilCalled(clock, d);
    failureResultOf(d, RuntimeException.class);
  }

  /** twisted.test.test_cooperator.CooperatorTests.testUnexpectedErrorNotActuallyLater */
  @Test
  public void testUnexpectedErrorNotActuallyLater() {
    Clock clock = new Clock();
    Deferred<Iterator<Object>> d =
        new Cooperator(clock).coiterate(steps(() -> Defer.fail(new RuntimeException())));
    runUntilCalled(clock, d);
    failureResultOf(d, RuntimeException.class);
  }

  static Iterator<Object> appending(List<Object> out, Object... things) {
    Supplier<?>[] each = new Supplier<?>[things.length];
    for (int i = 0; i < things.length; i++) {
      Object thing = things[i];
      each[i] = () -> out.add(thing);
    }
    return steps(each);
  }

  /** twisted.test.test_cooperator.CooperatorTests.testCooperation */
  @Test
  public void testCooperation() {
    Clock clock = new Clock();
    List<Object> order = new ArrayList<>();
    Cooperator c = new Cooperator(clock);
    List<Deferred<Iterator<Object>>> tasks = List.of(
        c.coiterate(appending(order, "a", "b", "c")),
        c.coiterate(appending(order, 1, 2, 3)),
        c.coiterate(appending(order, "d", "e", "f")),
        c.coiterate(appending(order, 4, 5, 6)));
    runUntilCalled(clock, tasks.get(3));
    for (Deferred<Iterator<Object>> d : tasks) {
      successResultOf(d);
    }
    assertEquals(order, List.of("a", 1, "d", 4, "b", 2, "e", 5, "c", 3, "f", 6));
  }

  /** twisted.test.test_cooperator.CooperatorTests.testResourceExhaustion */
  @Test
  public void testResourceExhaustion() {
    List<Integer> output = new ArrayList<>();
    AtomicBoolean stopped = new AtomicBoolean();
    Iterator<Integer> myiter = new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < 100;
      }

      @Override
      public Integer next() {
        output.add(i);
        if (i == 9) {
          stopped.set(true);
        }
        return i++;
      }
    };
    FakeScheduler scheduler = new FakeScheduler();
    Cooperator c = new Cooperator(() -> stopped::get, scheduler, true);
    c.coiterate(myiter).addErrback(f -> {
      f.trap(SchedulerStopped.class);
      return null;
    });
    scheduler.pump();
    c.stop();
    assertTrue(stopped.get());
    assertEquals(output, List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
  }

  /** twisted.test.test_cooperator.CooperatorTests.testCallbackReCoiterate */
  @Test
  public void testCallbackReCoiterate() {
    List<Runnable> calls = new ArrayList<>();
    Cooperator.Scheduler sched = tick -> {
      assertTrue(calls.isEmpty(), "scheduled twice: " + calls);
      calls.add(tick);
      return new FakeDelayedCall(tick);
    };
    Cooperator c = new Cooperator(oneUnitPerTick(), sched, true);
    Deferred<Iterator<Object>> d = c.coiterate(Collections.emptyIterator());
    List<Object> done = new ArrayList<>();
    d.addCallback(ign -> {
      c.coiterate(Collections.emptyIterator()).addBoth(r -> done.add(r));
      return null;
    });
    int work = 0;
    while (done.isEmpty()) {
      work++;
      while (!calls.isEmpty()) {
        calls.remove(0).run();
        work++;
      }
      if (work > 50) {
        fail("Cooperator took too long");
      }
    }
  }

  /** twisted.test.test_cooperator.CooperatorTests.test_removingLastTaskStopsScheduledCall */
  @Test
  public void test_removingLastTaskStopsScheduledCall() {
    FakeScheduler scheduler = new FakeScheduler();
    Cooperator coop = new Cooperator(Cooperator.timeSlice(0.01), scheduler, true);
    CooperativeTask<Iterator<Integer>> task1 = coop.cooperate(List.of(1, 2).iterator());
    CooperativeTask<Iterator<Integer>> task2 = coop.cooperate(List.of(1, 2).iterator());
    assertEquals(scheduler.work.size(), 1);
    FakeDelayedCall call = scheduler.work.get(0);

    task1.stop();
    assertFalse(call.cancelled);
    assertEquals(scheduler.work.size(), 1);

    task2.stop();
    assertTrue(call.cancelled);

    Iterator<Integer> third = List.of(1, 2).iterator();
    coop.cooperate(third);
    assertEquals(scheduler.work.size(), 2);
    FakeDelayedCall again = scheduler.work.get(1);
    assertNotSame(again, call);
    assertFalse(again.cancelled);
    // The scheduled call is the Cooperator's tick: running it steps the task.
    again.func.run();
    assertFalse(third.hasNext());
  }

  /** twisted.test.test_cooperator.CooperatorTests.test_runningWhenStarted */
  @Test
  public void test_runningWhenStarted() {
    assertTrue(new Cooperator(new Clock()).running());
  }

  private static Cooperator notStarted(Clock clock) {
    return new Cooperator(Cooperator.timeSlice(0.01), Cooperator.schedulerFor(clock), false);
  }

  /** twisted.test.test_cooperator.CooperatorTests.test_runningWhenNotStarted */
  @Test
  public void test_runningWhenNotStarted() {
    assertFalse(notStarted(new Clock()).running());
  }

  /** twisted.test.test_cooperator.CooperatorTests.test_runningWhenRunning */
  @Test
  public void test_runningWhenRunning() {
    Cooperator c = notStarted(new Clock());
    c.start();
    try {
      assertTrue(c.running());
    } finally {
      c.stop();
    }
  }

  /** twisted.test.test_cooperator.CooperatorTests.test_runningWhenStopped */
  @Test
  public void test_runningWhenStopped() {
    Cooperator c = notStarted(new Clock());
    c.start();
    c.stop();
    assertFalse(c.running());
  }
}
