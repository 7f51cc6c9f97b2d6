package dev.torsion.internal.reactor;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Deferred;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** callFromThread: order, wake-ups, fairness, and a storm from many threads. */
public class CallFromThreadTest {
  private int counter;

  /** twisted.test.test_internet.CallFromThreadTests.test_lotsOfThreadsAreScheduledCorrectly */
  @Test
  public void lotsOfThreadsAreScheduledCorrectly() {
    LoopCore reactor = LoopHarness.nio();
    Deferred<@Nullable Boolean> d = new Deferred<>();
    counter = 0;
    for (int i = 0; i < 100; i++) {
      reactor.callFromThread(() -> {
        if (++counter == 100) {
          d.callback(true);
        }
      });
    }
    assertEquals(LoopHarness.runUntilFired(reactor, d, 10), true);
  }

  /** twisted.test.test_internet.CallFromThreadTests.test_threadsAreRunInScheduledOrder */
  @Test
  public void threadsAreRunInScheduledOrder() {
    LoopCore reactor = LoopHarness.nio();
    Deferred<@Nullable Void> d = new Deferred<>();
    List<Integer> order = new ArrayList<>();
    reactor.callFromThread(() -> order.add(1));
    reactor.callFromThread(() -> order.add(2));
    reactor.callFromThread(() -> order.add(3));
    reactor.callFromThread(() -> reactor.callFromThread(() -> d.callback(null)));
    LoopHarness.runUntilFired(reactor, d, 10);
    assertEquals(order, List.of(1, 2, 3));
  }

  /** twisted.test.test_internet.CallFromThreadTests.test_scheduledThreadsNotRunUntilReactorRuns */
  @Test
  public void scheduledThreadsNotRunUntilReactorRuns() {
    LoopCore reactor = LoopHarness.nio();
    Deferred<@Nullable Boolean> d = new Deferred<>();
    counter = 0;
    reactor.callFromThread(() -> {
      counter = 1;
      d.callback(true);
    });
    assertEquals(counter, 0);
    LoopHarness.runUntilFired(reactor, d, 10);
    assertEquals(counter, 1);
  }

  /**
   * twisted.test.test_internet.CallFromThreadStopsAndWakeUpTests.testWakeUp
   *
   * <p>Another thread waits until the loop has declared it is about to block with nothing to
   * do (no timer before the 10 s guard), then hands it a call: the loop must wake for it.
   */
  @Test
  public void wakeUp() {
    LoopCore reactor = LoopHarness.nio();
    Deferred<@Nullable Void> d = new Deferred<>();
    reactor.callWhenRunning(() -> {
      Thread other = new Thread(() -> {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!reactor.loopWaiting() && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        reactor.callFromThread(() -> d.callback(null));
      }, "wakeUp test");
      other.setDaemon(true);
      other.start();
    });
    long start = System.nanoTime();
    LoopHarness.runUntilFired(reactor, d, 10);
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "woken promptly");
  }

  /** A call handed over while the loop is blocked wakes it through the backend, once. */
  @Test
  public void blockedLoopIsWokenThroughTheBackend() throws InterruptedException {
    FakeBackend backend = new FakeBackend();
    LoopCore reactor = new LoopCore(backend, System::nanoTime, 0);
    List<String> ran = new ArrayList<>();
    Thread other = new Thread(() -> {
      try {
        if (backend.blocking.await(FakeBackend.BOUND_SECONDS, TimeUnit.SECONDS)) {
          reactor.callFromThread(() -> ran.add("woken"));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    other.start();
    reactor.iterate(FakeBackend.BOUND_SECONDS);
    other.join(TimeUnit.SECONDS.toMillis(FakeBackend.BOUND_SECONDS));
    assertTrue(backend.lastPollWoken, "the poll ended by a wake-up, not its timeout");
    assertEquals(backend.wakeUpCalls.get(), 1);
    reactor.iterate(0);
    assertEquals(ran, List.of("woken"));
  }

  /** A loop that is not blocked costs callers no wake-up, and a queued call makes it not block. */
  @Test
  public void busyLoopIsNotWokenAndQueuedCallPreventsBlocking() {
    FakeBackend backend = new FakeBackend();
    LoopCore reactor = new LoopCore(backend, System::nanoTime, 0);
    List<String> ran = new ArrayList<>();
    reactor.callFromThread(() -> {
      ran.add("first");
      reactor.callFromThread(() -> ran.add("second"));
    });
    assertEquals(backend.wakeUpCalls.get(), 0);
    reactor.iterate(5);
    assertEquals(ran, List.of("first"));
    assertEquals(backend.polls(), List.of(0L), "a queued call means no wait");
    reactor.iterate(0);
    assertEquals(ran, List.of("first", "second"));
    assertEquals(backend.wakeUpCalls.get(), 0);
  }

  private boolean stopped;

  /** twisted.test.test_internet.CallFromThreadStopsAndWakeUpTests.testCallFromThreadStops */
  @Test
  public void callFromThreadStops() {
    LoopCore reactor = LoopHarness.nio();
    Deferred<@Nullable Void> d = new Deferred<>();
    stopped = false;
    reactor.callFromThread(() -> {
      reactor.callFromThread(() -> {
        if (stopped) {
          d.callback(null);
        } else {
          d.errback(new AssertionError("the nested thread call ran before the timer"));
        }
      });
      reactor.callLater(0, () -> stopped = true);
    });
    LoopHarness.runUntilFired(reactor, d, 10);
  }

  /** 8 threads × 100,000 calls: every call arrives, each thread's in the order it made them. */
  @Test
  public void eightThreadsTimesHundredThousandArriveInPerThreadOrder()
      throws InterruptedException {
    int threads = 8;
    int calls = 100_000;
    LoopCore reactor = LoopHarness.nio();
    int[] next = new int[threads];
    int[] outOfOrder = {0};
    long[] total = {0};
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread p = new Thread(() -> {
        try {
          go.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < calls; i++) {
          int seq = i;
          reactor.callFromThread(() -> {
            if (next[id] != seq) {
              outOfOrder[0]++;
            }
            next[id] = seq + 1;
            if (++total[0] == (long) threads * calls) {
              reactor.stop();
            }
          });
        }
      }, "producer " + t);
      p.setDaemon(true);
      producers.add(p);
      p.start();
    }
    reactor.callWhenRunning(go::countDown);
    LoopHarness.runBounded(reactor, 60);
    for (Thread p : producers) {
      p.join(TimeUnit.SECONDS.toMillis(10));
    }
    assertEquals(total[0], (long) threads * calls);
    assertEquals(outOfOrder[0], 0);
    for (int t = 0; t < threads; t++) {
      assertEquals(next[t], calls);
    }
  }
}
