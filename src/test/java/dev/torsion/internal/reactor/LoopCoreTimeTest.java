package dev.torsion.internal.reactor;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.AlreadyCalled;
import dev.torsion.internet.error.AlreadyCancelled;
import dev.torsion.internet.interfaces.IDelayedCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** The reactor's IReactorTime: callLater, its DelayedCalls, seconds, getDelayedCalls. */
public class LoopCoreTimeTest {
  /** A reactor whose clock reads what the test sets, in seconds. */
  private static LoopCore onClock(AtomicLong nanos) {
    return new LoopCore(new FakeBackend(), nanos::get, 0);
  }

  /** Runs {@code check}, turning what it throws into {@code d}'s failure, else fires it. */
  private static void checkInto(Deferred<@Nullable Void> d, Runnable check) {
    try {
      check.run();
    } catch (AssertionError | RuntimeException e) {
      d.errback(e);
      return;
    }
    d.callback(null);
  }

  /** twisted.test.test_internet.TimeTests.test_seconds */
  @Test
  public void seconds() {
    LoopCore reactor = new LoopCore(new FakeBackend(), System::nanoTime, 0);
    double now = reactor.seconds();
    assertEquals(now - now + now, now);
    assertTrue(reactor.seconds() >= now, "monotonic");
  }

  /** twisted.test.test_internet.TimeTests.test_callLaterUsesReactorSecondsInDelayedCall */
  @Test
  public void callLaterUsesReactorSecondsInDelayedCall() {
    AtomicLong nanos = new AtomicLong();
    LoopCore reactor = onClock(nanos);
    nanos.set(100_000_000_000L);
    IDelayedCall call = reactor.callLater(5, () -> { });
    assertEquals(call.getTime(), 105.0);
    call.cancel();
  }

  /**
   * twisted.test.test_internet.TimeTests.test_callLaterUsesReactorSecondsAsDelayedCallSecondsFactory
   */
  @Test
  public void callLaterUsesReactorSecondsAsDelayedCallSecondsFactory() {
    AtomicLong nanos = new AtomicLong();
    LoopCore reactor = onClock(nanos);
    nanos.set(100_000_000_000L);
    ReactorDelayedCall call = (ReactorDelayedCall) reactor.callLater(5, () -> { });
    assertEquals(call.seconds(), 100.0);
    assertEquals(call.seconds(), reactor.seconds());
    call.cancel();
  }

  /** twisted.test.test_internet.TimeTests.test_callLater */
  @Test
  public void callLater() {
    LoopCore reactor = LoopHarness.nio();
    Deferred<@Nullable String> d = new Deferred<>();
    reactor.callLater(0, () -> d.callback("called"));
    assertEquals(LoopHarness.runUntilFired(reactor, d, 10), "called");
  }

  /** twisted.test.test_internet.TimeTests.test_callLaterReset */
  @Test
  public void callLaterReset() {
    AtomicLong nanos = new AtomicLong();
    LoopCore reactor = onClock(nanos);
    IDelayedCall call = reactor.callLater(2, () -> { });
    double origTime = call.getTime();
    call.reset(1);
    assertNotEquals(call.getTime(), origTime);
    assertEquals(call.getTime(), 1.0);
    call.cancel();
  }

  /** twisted.test.test_internet.TimeTests.test_cancelDelayedCall */
  @Test
  public void cancelDelayedCall() {
    LoopCore reactor = LoopHarness.nio();
    List<Object> called = new ArrayList<>();
    IDelayedCall call = reactor.callLater(0, () -> called.add("ran"));
    call.cancel();
    Deferred<@Nullable Void> d = new Deferred<>();
    // Two iterations later, the cancelled call must still not have run.
    reactor.callLater(0, () -> reactor.callLater(0,
        () -> checkInto(d, () -> assertEquals(called, List.of()))));
    LoopHarness.runUntilFired(reactor, d, 10);
  }

  /** twisted.test.test_internet.TimeTests.test_cancelCancelledDelayedCall */
  @Test
  public void cancelCancelledDelayedCall() {
    LoopCore reactor = onClock(new AtomicLong());
    IDelayedCall call = reactor.callLater(0, () -> { });
    call.cancel();
    assertThrows(AlreadyCancelled.class, call::cancel);
    assertThrows(AlreadyCancelled.class, () -> call.reset(1));
    assertThrows(AlreadyCancelled.class, () -> call.delay(1));
  }

  /** twisted.test.test_internet.TimeTests.test_cancelCalledDelayedCallSynchronous */
  @Test
  public void cancelCalledDelayedCallSynchronous() {
    LoopCore reactor = LoopHarness.nio();
    Deferred<@Nullable Void> d = new Deferred<>();
    IDelayedCall[] call = new IDelayedCall[1];
    call[0] = reactor.callLater(0, () -> checkInto(d,
        () -> assertThrows(AlreadyCalled.class, call[0]::cancel)));
    LoopHarness.runUntilFired(reactor, d, 10);
  }

  /** twisted.test.test_internet.TimeTests.test_cancelCalledDelayedCallAsynchronous */
  @Test
  public void cancelCalledDelayedCallAsynchronous() {
    LoopCore reactor = LoopHarness.nio();
    Deferred<@Nullable Void> d = new Deferred<>();
    IDelayedCall[] call = new IDelayedCall[1];
    call[0] = reactor.callLater(0, () -> reactor.callLater(0, () -> checkInto(d, () -> {
      assertThrows(AlreadyCalled.class, call[0]::cancel);
      assertThrows(AlreadyCalled.class, () -> call[0].reset(1));
      assertFalse(call[0].active());
    })));
    LoopHarness.runUntilFired(reactor, d, 10);
  }

  /** twisted.test.test_internet.TimeTests.testCallLaterTime */
  @Test
  public void callLaterTime() {
    AtomicLong nanos = new AtomicLong(7_250_000_000L);
    LoopCore reactor = onClock(nanos);
    nanos.addAndGet(1_500_000_000L);
    double before = reactor.seconds();
    IDelayedCall call = reactor.callLater(10, () -> { });
    try {
      // On a clock only the test moves, the call is due exactly 10 s after the time it was made.
      assertEquals(before, 1.5);
      assertEquals(call.getTime(), before + 10);
    } finally {
      call.cancel();
    }
  }

  /** twisted.test.test_internet.TimeTests.testDelayedCallStringification */
  @Test
  public void delayedCallStringification() {
    LoopCore reactor = LoopHarness.nio();
    IDelayedCall dc = reactor.callLater(0, () -> { });
    assertTrue(dc.toString().contains("called=0 cancelled=0"), dc.toString());
    dc.reset(5);
    assertTrue(dc.toString().startsWith("<DelayedCall 0x"), dc.toString());
    dc.cancel();
    assertTrue(dc.toString().contains("cancelled=1"), dc.toString());
    Deferred<@Nullable Void> d = new Deferred<>();
    IDelayedCall[] running = new IDelayedCall[1];
    List<String> seen = new ArrayList<>();
    running[0] = reactor.callLater(0, () -> {
      seen.add(running[0].toString());
      d.callback(null);
    });
    LoopHarness.runUntilFired(reactor, d, 10);
    assertTrue(seen.get(0).contains("called=1 cancelled=0"), seen.get(0));
  }

  /** A negative or NaN delay is refused at once, never scheduled. */
  @Test
  public void badDelaysAreRefused() {
    LoopCore reactor = onClock(new AtomicLong());
    assertThrows(IllegalArgumentException.class, () -> reactor.callLater(-1, () -> { }));
    assertThrows(IllegalArgumentException.class, () -> reactor.callLater(Double.NaN, () -> { }));
    IDelayedCall ok = reactor.callLater(1, () -> { });
    assertThrows(IllegalArgumentException.class, () -> ok.reset(Double.NaN));
    assertEquals(reactor.getDelayedCalls(), List.of(ok));
  }

  // DelayedTests: a mix of timers, some adding timers and one cancelled; getDelayedCalls must
  // always hold every one still pending.
  private final Map<Integer, IDelayedCall> timers = new HashMap<>();
  private int counter;

  private void checkTimers(LoopCore reactor) {
    List<IDelayedCall> pending = reactor.getDelayedCalls();
    for (IDelayedCall dc : timers.values()) {
      assertTrue(pending.contains(dc), "missing " + dc + " from " + pending);
    }
  }

  private void addTimer(LoopCore reactor, int when, java.util.function.IntConsumer callback) {
    int tag = counter++;
    timers.put(tag, reactor.callLater(when * 0.01, () -> callback.accept(tag)));
    checkTimers(reactor);
  }

  private void fired(LoopCore reactor, int tag) {
    timers.remove(tag);
    checkTimers(reactor);
  }

  /**
   * A reactor on simulated time: a wait never blocks, it moves the clock on by its timeout, so
   * timers run in exactly the order their times say, however loaded the machine is.
   */
  private static LoopCore onSimulatedTime() {
    AtomicLong nanos = new AtomicLong();
    LoopOnlyBackend backend = new LoopOnlyBackend() {
      @Override
      public void poll(long timeoutNanos) {
        if (timeoutNanos < 0) {
          throw new AssertionError("the loop would wait for ever: no timer pending");
        }
        nanos.addAndGet(timeoutNanos);
      }

      @Override
      public void wakeUp() {}

      @Override
      public void close() {}
    };
    return new LoopCore(backend, nanos::get, 0);
  }

  /** twisted.test.test_internet.DelayedTests.testGetDelayedCalls */
  @Test
  public void getDelayedCalls() {
    LoopCore reactor = onSimulatedTime();
    timers.clear();
    counter = 0;
    Deferred<@Nullable Void> d = new Deferred<>();
    checkTimers(reactor);
    addTimer(reactor, 35, tag -> {
      fired(reactor, tag);
      d.callback(null);
    });
    addTimer(reactor, 20, tag -> fired(reactor, tag));
    addTimer(reactor, 30, tag -> fired(reactor, tag));
    int which = counter;
    addTimer(reactor, 29, tag -> fired(reactor, tag));
    addTimer(reactor, 25, tag -> {
      fired(reactor, tag);
      addTimer(reactor, 15, t -> fired(reactor, t));
    });
    addTimer(reactor, 26, tag -> fired(reactor, tag));
    IDelayedCall cancelled = timers.remove(which);
    cancelled.cancel();
    checkTimers(reactor);
    assertFalse(reactor.getDelayedCalls().contains(cancelled));
    List<Double> ranAt = new ArrayList<>();
    d.addCallback(ignored -> {
      ranAt.add(reactor.seconds());
      return null;
    });
    LoopHarness.runUntilFired(reactor, d, 10);
    assertEquals(ranAt, List.of(0.35), "the last timer ran at its time, on the simulated clock");
    checkTimers(reactor);
    // The timer added at 25 (+15) is still pending after the one at 35 ran.
    assertEquals(timers.size(), 1);
    assertEquals(reactor.getDelayedCalls().size(), 1);
    assertEquals(reactor.getDelayedCalls().get(0).getTime(), 0.40, 1e-9);
    timers.values().forEach(IDelayedCall::cancel);
  }

  /** twisted.test.test_internet.DelayedTests.test_active */
  @Test
  public void active() {
    LoopCore reactor = LoopHarness.nio();
    Deferred<@Nullable Boolean> d = new Deferred<>();
    IDelayedCall dcall = reactor.callLater(0.01, () -> d.callback(true));
    assertTrue(dcall.active());
    List<Boolean> activeWhenFired = new ArrayList<>();
    d.addCallback(result -> {
      activeWhenFired.add(dcall.active());
      return result;
    });
    LoopHarness.runUntilFired(reactor, d, 10);
    assertEquals(activeWhenFired, List.of(false));
    if (dcall.active()) {
      fail("still active after running");
    }
  }
}
