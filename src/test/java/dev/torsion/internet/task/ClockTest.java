package dev.torsion.internet.task;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.error.AlreadyCalled;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IReactorTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.testng.annotations.Test;

public class ClockTest {
  /** twisted.test.test_task.ClockTests.testSeconds */
  @Test
  public void secondsStartAtZero() {
    assertEquals(new Clock().seconds(), 0.0);
  }

  /** twisted.test.test_task.ClockTests.testCallLater */
  @Test
  public void callLaterGivesAnActiveDelayedCall() {
    Clock c = new Clock();
    IDelayedCall call = c.callLater(1, () -> { });
    assertEquals(call.getTime(), 1.0);
    assertTrue(call.active());
  }

  /** twisted.test.test_task.ClockTests.testCallLaterCancelled */
  @Test
  public void cancelledCallIsInactive() {
    Clock c = new Clock();
    List<String> ran = new ArrayList<>();
    IDelayedCall call = c.callLater(1, () -> ran.add("x"));
    call.cancel();
    assertFalse(call.active());
    c.advance(5);
    assertEquals(ran, List.of());
  }

  /** twisted.test.test_task.ClockTests.test_callLaterOrdering */
  @Test
  public void eachCallLaterGivesANewCall() {
    Clock c = new Clock();
    IDelayedCall call1 = c.callLater(10, () -> { });
    IDelayedCall call2 = c.callLater(1, () -> { });
    assertNotSame(call1, call2);
  }

  /** twisted.test.test_task.ClockTests.testAdvance */
  @Test
  public void advanceRunsCallsThatFallDue() {
    List<String> events = new ArrayList<>();
    Clock c = new Clock();
    IDelayedCall call = c.callLater(2, () -> events.add("x"));
    c.advance(1);
    assertEquals(events, List.of());
    c.advance(1);
    assertEquals(events, List.of("x"));
    assertFalse(call.active());
  }

  /** twisted.test.test_task.ClockTests.testAdvanceCancel */
  @Test
  public void cancellingTheRunningCallIsAlreadyCalled() {
    Clock c = new Clock();
    IDelayedCall[] call = new IDelayedCall[1];
    boolean[] checked = {false};
    call[0] = c.callLater(1, () -> {
      assertThrows(AlreadyCalled.class, () -> call[0].cancel());
      checked[0] = true;
    });
    c.advance(1);
    assertTrue(checked[0]);
  }

  /** twisted.test.test_task.ClockTests.testCallLaterDelayed */
  @Test
  public void delayPostponesACall() {
    List<String> events = new ArrayList<>();
    Clock c = new Clock();
    IDelayedCall call = c.callLater(1, () -> events.add("x"));
    call.delay(1);
    assertEquals(call.getTime(), 2.0);
    c.advance(1.5);
    assertEquals(events, List.of());
    c.advance(1.0);
    assertEquals(events, List.of("x"));
  }

  /** twisted.test.test_task.ClockTests.testCallLaterResetLater */
  @Test
  public void resetToALaterTime() {
    List<String> events = new ArrayList<>();
    Clock c = new Clock();
    IDelayedCall call = c.callLater(2, () -> events.add("x"));
    c.advance(1);
    call.reset(3);
    assertEquals(call.getTime(), 4.0);
    c.advance(2);
    assertEquals(events, List.of());
    c.advance(1);
    assertEquals(events, List.of("x"));
  }

  /** twisted.test.test_task.ClockTests.testCallLaterResetSooner */
  @Test
  public void resetToASoonerTime() {
    List<String> events = new ArrayList<>();
    Clock c = new Clock();
    IDelayedCall call = c.callLater(4, () -> events.add("x"));
    call.reset(3);
    assertEquals(call.getTime(), 3.0);
    c.advance(3);
    assertEquals(events, List.of("x"));
  }

  /** twisted.test.test_task.ClockTests.test_getDelayedCalls */
  @Test
  public void getDelayedCallsListsPendingCalls() {
    Clock c = new Clock();
    IDelayedCall call = c.callLater(1, () -> { });
    IDelayedCall call2 = c.callLater(2, () -> { });
    assertEquals(new HashSet<>(c.getDelayedCalls()), Set.of(call, call2));
  }

  /** twisted.test.test_task.ClockTests.test_getDelayedCallsEmpty */
  @Test
  public void getDelayedCallsOfNewClockIsEmpty() {
    assertEquals(new Clock().getDelayedCalls(), List.of());
  }

  /** twisted.test.test_task.ClockTests.test_providesIReactorTime */
  @Test
  public void clockIsAnIReactorTime() {
    IReactorTime time = new Clock();
    IDelayedCall call = time.callLater(1, () -> { });
    assertTrue(call instanceof DelayedCall);
    assertEquals(time.getDelayedCalls(), List.of(call));
  }

  /** twisted.test.test_task.ClockTests.test_callLaterKeepsCallsOrdered */
  @Test
  public void callLaterAfterResetKeepsOrder() {
    List<String> result = new ArrayList<>();
    Clock clock = new Clock();
    IDelayedCall callA = clock.callLater(1.0, () -> result.add("a@" + clock.seconds()));
    callA.reset(3.0);
    clock.callLater(2.0, () -> result.add("b@" + clock.seconds()));
    clock.pump(1, 1, 1);
    assertEquals(result, List.of("b@2.0", "a@3.0"));
  }

  /** twisted.test.test_task.ClockTests.test_callLaterResetKeepsCallsOrdered */
  @Test
  public void resetAfterCallLaterKeepsOrder() {
    List<String> result = new ArrayList<>();
    Clock clock = new Clock();
    IDelayedCall callA = clock.callLater(1.0, () -> result.add("a@" + clock.seconds()));
    clock.callLater(2.0, () -> result.add("b@" + clock.seconds()));
    callA.reset(3.0);
    clock.pump(1, 1, 1);
    assertEquals(result, List.of("b@2.0", "a@3.0"));
  }

  /** twisted.test.test_task.ClockTests.test_callLaterResetInsideCallKeepsCallsOrdered */
  @Test
  public void resetInsideACallKeepsOrder() {
    List<String> result = new ArrayList<>();
    Clock clock = new Clock();
    IDelayedCall callB = clock.callLater(2.0, () -> result.add("b@" + clock.seconds()));
    clock.callLater(1.0, () -> callB.reset(3.0));
    clock.callLater(3.0, () -> result.add("c@" + clock.seconds()));
    clock.pump(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
    assertEquals(result, List.of("c@3.0", "b@4.0"));
  }

  @Test
  public void equalTimesRunInSchedulingOrder() {
    List<Integer> order = new ArrayList<>();
    Clock clock = new Clock();
    for (int i = 0; i < 10; i++) {
      int n = i;
      clock.callLater(i % 2 == 0 ? 1 : 1.0, () -> order.add(n));
    }
    clock.advance(1);
    assertEquals(order, List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
  }

  @Test
  public void callMovedLaterGoesAheadOfCallsAlreadyDueThen() {
    List<String> ran = new ArrayList<>();
    Clock c = new Clock();
    c.callLater(2, () -> ran.add("b"));
    IDelayedCall a = c.callLater(1, () -> ran.add("a"));
    c.callLater(2, () -> ran.add("c"));
    a.reset(2);
    c.advance(5);
    assertEquals(ran, List.of("a", "b", "c"));
  }

  @Test
  public void callMovedEarlierGoesBehindCallsAlreadyDueThen() {
    List<String> ran = new ArrayList<>();
    Clock c = new Clock();
    IDelayedCall a = c.callLater(3, () -> ran.add("a"));
    c.callLater(2, () -> ran.add("b"));
    a.delay(-1);
    c.callLater(2, () -> ran.add("c"));
    c.advance(5);
    assertEquals(ran, List.of("b", "a", "c"));
  }

  @Test
  public void callsScheduledByACallRunInTheSameAdvanceWhenDueByTheNewTime() {
    List<String> order = new ArrayList<>();
    Clock clock = new Clock();
    clock.callLater(1, () -> {
      order.add("first");
      clock.callLater(0, () -> order.add("zero-delay"));
      clock.callLater(0.5, () -> order.add("half"));
      clock.callLater(5, () -> order.add("later"));
    });
    clock.callLater(1.2, () -> order.add("second"));
    clock.advance(2);
    // Time jumps to 2 before anything runs, as in Twisted: delays count from the new time.
    assertEquals(order, List.of("first", "second", "zero-delay"));
    assertEquals(clock.getDelayedCalls().size(), 2);
    clock.advance(0.5);
    assertEquals(order, List.of("first", "second", "zero-delay", "half"));
  }

  @Test
  public void manyCallsRunInTimeOrder() {
    Clock clock = new Clock();
    Random random = new Random(42);
    List<Double> ran = new ArrayList<>();
    List<IDelayedCall> calls = new ArrayList<>();
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      double delay = random.nextInt(1000);
      calls.add(clock.callLater(delay, () -> ran.add(clock.seconds())));
    }
    for (int i = 0; i < n; i += 2) {
      calls.get(i).cancel();
    }
    for (int i = 1; i < n; i += 4) {
      calls.get(i).delay(1);
    }
    assertEquals(clock.getDelayedCalls().size(), n / 2);
    for (int t = 0; t <= 1001; t++) {
      clock.advance(1);
    }
    assertEquals(ran.size(), n / 2);
    for (int i = 1; i < ran.size(); i++) {
      assertTrue(ran.get(i - 1) <= ran.get(i), "out of order at " + i);
    }
    assertEquals(clock.getDelayedCalls(), List.of());
  }

  @Test
  public void getDelayedCallsIsInRunOrder() {
    Clock clock = new Clock();
    IDelayedCall late = clock.callLater(3, () -> { });
    IDelayedCall early = clock.callLater(1, () -> { });
    IDelayedCall middle = clock.callLater(2, () -> { });
    assertEquals(clock.getDelayedCalls(), List.of(early, middle, late));
  }

  @Test
  public void aThrowingCallPropagatesAndLeavesTheRestScheduled() {
    Clock clock = new Clock();
    List<String> ran = new ArrayList<>();
    clock.callLater(1, () -> {
      throw new IllegalStateException("boom");
    });
    clock.callLater(1, () -> ran.add("next"));
    assertThrows(IllegalStateException.class, () -> clock.advance(1));
    assertEquals(ran, List.of());
    clock.advance(0);
    assertEquals(ran, List.of("next"));
  }

  @Test
  public void advanceInsideACallRunsWhatFallsDue() {
    Clock clock = new Clock();
    List<String> ran = new ArrayList<>();
    clock.callLater(1, () -> {
      ran.add("outer@" + clock.seconds());
      clock.advance(2);
      ran.add("outer-end@" + clock.seconds());
    });
    clock.callLater(2, () -> ran.add("inner@" + clock.seconds()));
    clock.advance(1);
    assertEquals(ran, List.of("outer@1.0", "inner@3.0", "outer-end@3.0"));
  }

  @Test
  public void badDelaysAndAmountsAreRejected() {
    Clock clock = new Clock();
    assertThrows(IllegalArgumentException.class, () -> clock.callLater(-1, () -> { }));
    assertThrows(IllegalArgumentException.class, () -> clock.callLater(Double.NaN, () -> { }));
    assertThrows(IllegalArgumentException.class, () -> clock.advance(-0.5));
    assertThrows(IllegalArgumentException.class, () -> clock.advance(Double.NaN));
    assertEquals(clock.seconds(), 0.0);
  }

  @Test
  public void pumpAdvancesStepByStep() {
    Clock clock = new Clock();
    List<Double> seen = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      clock.callLater(i, () -> seen.add(clock.seconds()));
    }
    clock.pump(1.5, 0.25, 2);
    assertEquals(seen, List.of(1.5, 3.75, 3.75));
    assertEquals(clock.seconds(), 3.75);
  }
}
