package dev.torsion.internal.reactor;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.interfaces.IDelayedCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.testng.annotations.Test;

/** The timer heap, through a reactor on a clock the test moves. */
public class TimerQueueTest {
  private final AtomicLong nanos = new AtomicLong();
  private final List<Object> ran = new ArrayList<>();

  private LoopCore reactor() {
    return reactor(new FakeBackend());
  }

  private LoopCore reactor(FakeBackend backend) {
    nanos.set(0);
    ran.clear();
    return new LoopCore(backend, nanos::get, 0);
  }

  private void advance(LoopCore reactor, double seconds) {
    nanos.addAndGet((long) (seconds * 1e9));
    reactor.iterate(0);
  }

  /** Calls due at the same time run in the order they were scheduled. */
  @Test
  public void equalTimesRunInInsertionOrder() {
    LoopCore reactor = reactor();
    for (int i = 0; i < 200; i++) {
      int n = i;
      reactor.callLater(1, () -> ran.add(n));
    }
    reactor.callLater(0.5, () -> ran.add("early"));
    advance(reactor, 1);
    assertEquals(ran.size(), 201);
    assertEquals(ran.get(0), "early");
    for (int i = 0; i < 200; i++) {
      assertEquals(ran.get(i + 1), i);
    }
  }

  /** A call scheduled by a running call waits for the next pass, even with no time passing. */
  @Test
  public void callScheduledWhileRunningWaitsForNextPass() {
    LoopCore reactor = reactor();
    reactor.callLater(0, () -> {
      ran.add("first");
      reactor.callLater(0, () -> ran.add("second"));
    });
    reactor.iterate(0);
    assertEquals(ran, List.of("first"));
    reactor.iterate(0);
    assertEquals(ran, List.of("first", "second"));
  }

  /**
   * Cancelled calls stay in the heap until they reach the top, unless they are more than 50 and
   * more than half of it: then a pass rebuilds the heap without them.
   */
  @Test
  public void cancelledCallsAreRemovedLazilyThenCompacted() {
    LoopCore reactor = reactor();
    List<IDelayedCall> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      calls.add(reactor.callLater(10 + i, () -> ran.add("late")));
    }
    reactor.iterate(0);
    assertEquals(reactor.timers().heapSize(), 100);
    for (int i = 0; i < 40; i++) {
      calls.get(i + 10).cancel();
    }
    reactor.iterate(0);
    assertEquals(reactor.timers().heapSize(), 100, "40 of 100: not yet worth a rebuild");
    for (int i = 50; i < 70; i++) {
      calls.get(i).cancel();
    }
    reactor.iterate(0);
    assertEquals(reactor.timers().heapSize(), 40, "60 of 100: rebuilt without them");
    assertEquals(reactor.getDelayedCalls().size(), 40);
    advance(reactor, 200);
    assertEquals(ran.size(), 40);
    assertEquals(reactor.timers().heapSize(), 0);
  }

  /** A cancelled call at the top of the heap does not shorten the wait. */
  @Test
  public void cancelledTopDoesNotShortenTheWait() {
    FakeBackend backend = new FakeBackend();
    LoopCore reactor = reactor(backend);
    reactor.callLater(0.001, () -> { }).cancel();
    reactor.callLater(0.002, () -> { });
    reactor.iterate(0.5);
    assertEquals(backend.polls(), List.of(2_000_000L));
  }

  /** reset() later keeps the call's heap slot until its old time, then files it anew. */
  @Test
  public void resetLaterRunsAtTheNewTime() {
    LoopCore reactor = reactor();
    IDelayedCall call = reactor.callLater(1, () -> ran.add("reset"));
    reactor.callLater(2, () -> ran.add("two"));
    reactor.iterate(0);
    call.reset(3);
    advance(reactor, 1);
    assertEquals(ran, List.of());
    assertTrue(call.active());
    advance(reactor, 1);
    assertEquals(ran, List.of("two"));
    advance(reactor, 1);
    assertEquals(ran, List.of("two", "reset"));
  }

  /** reset() and delay() to an earlier time move the call up the heap. */
  @Test
  public void resetSoonerAndNegativeDelayMoveTheCallUp() {
    LoopCore reactor = reactor();
    List<IDelayedCall> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      calls.add(reactor.callLater(10 + i, () -> ran.add(n)));
    }
    reactor.iterate(0);
    calls.get(15).reset(1);
    calls.get(17).delay(-26.5);
    advance(reactor, 1);
    assertEquals(ran, List.of(17, 15));
  }

  /** A delay far beyond any clock (2**128 s) saturates instead of wrapping into the past. */
  @Test
  public void distantDelayDoesNotWrap() {
    FakeBackend backend = new FakeBackend();
    LoopCore reactor = reactor(backend);
    IDelayedCall far = reactor.callLater(Math.pow(2, 128) + 1, () -> ran.add("far"));
    reactor.iterate(0);
    assertEquals(ran, List.of());
    assertTrue(far.getTime() > 1e9);
    far.delay(1e300);
    assertTrue(far.getTime() > 1e9);
    reactor.iterate(0);
    assertTrue(far.active());
  }
}
