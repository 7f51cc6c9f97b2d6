package dev.torsion.it.stress;

import static org.testng.Assert.assertEquals;

import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.builder.TcpBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.testng.annotations.Test;

/**
 * 8 threads × 100,000 {@code callFromThread}, released once the reactor runs so that many calls
 * arrive while it is blocked in its backend: every call arrives, in each thread's order. The
 * unit test {@code CallFromThreadTest} checks the same on {@code LoopCore} with the nio backend
 * it builds itself; this runs on each reactor the suite is run for.
 */
public class CallFromThreadStormIT extends TcpBuilder {
  private static final int THREADS = 8;
  private static final int CALLS = 100_000;

  /** No call is lost or reordered within its thread. */
  @Test
  public void callFromThreadStorm() throws InterruptedException {
    Reactor reactor = buildReactor();
    int[] next = new int[THREADS];
    int[] total = {0};
    int[] outOfOrder = {0};
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread th = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < CALLS; i++) {
          int seq = i;
          reactor.callFromThread(() -> {
            if (next[thread] != seq) {
              outOfOrder[0]++;
            }
            next[thread] = seq + 1;
            if (++total[0] == THREADS * CALLS) {
              reactor.stop();
            }
          });
        }
      }, "storm-" + t);
      th.setDaemon(true);
      threads.add(th);
      th.start();
    }
    reactor.callWhenRunning(go::countDown);
    long start = System.nanoTime();
    try {
      run(reactor, 60);
    } finally {
      go.countDown();
      for (Thread th : threads) {
        th.join(10_000);
      }
    }
    System.out.printf("CallFromThreadStormIT: %d calls in %.2f s%n", total[0],
        (System.nanoTime() - start) / 1e9);
    assertEquals(total[0], THREADS * CALLS);
    assertEquals(outOfOrder[0], 0);
    for (int t = 0; t < THREADS; t++) {
      assertEquals(next[t], CALLS, "thread " + t);
    }
  }
}
