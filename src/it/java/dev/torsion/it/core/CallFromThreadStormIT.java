package dev.torsion.it.core;

import static org.testng.Assert.assertEquals;

import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** A callFromThread storm against the real backend's wake-up. */
public class CallFromThreadStormIT extends ReactorBuilder {
  /**
   * 8 threads × 100,000 calls, started once the reactor runs, so many arrive while it is
   * blocked in its backend: all arrive, each thread's in its order.
   */
  @Test
  public void eightThreadsTimesHundredThousand() throws InterruptedException {
    int threads = 8;
    int calls = 100_000;
    Reactor reactor = buildReactor();
    int[] next = new int[threads];
    int[] outOfOrder = {0};
    long[] total = {0};
    List<Thread> producers = new ArrayList<>();
    reactor.callWhenRunning(() -> {
      for (int t = 0; t < threads; t++) {
        int id = t;
        Thread p = new Thread(() -> {
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
        }, "storm " + t);
        p.setDaemon(true);
        producers.add(p);
        p.start();
      }
    });
    runReactor(reactor, 60);
    for (Thread p : producers) {
      p.join(TimeUnit.SECONDS.toMillis(10));
    }
    assertEquals(total[0], (long) threads * calls);
    assertEquals(outOfOrder[0], 0);
  }

  /** Calls handed over one at a time, each while the loop is idle, each wake it. */
  @Test
  public void eachIdleHandOverWakesTheLoop() throws InterruptedException {
    Reactor reactor = buildReactor();
    int rounds = 200;
    int[] arrived = {0};
    Thread[] producer = new Thread[1];
    java.util.concurrent.Semaphore turn = new java.util.concurrent.Semaphore(0);
    reactor.callWhenRunning(() -> {
      producer[0] = new Thread(() -> {
        for (int i = 0; i < rounds; i++) {
          reactor.callFromThread(() -> {
            if (++arrived[0] == rounds) {
              reactor.stop();
            }
            turn.release();
          });
          try {
            // Wait until the loop has run it, so the next one finds the loop idle again.
            if (!turn.tryAcquire(10, TimeUnit.SECONDS)) {
              return;
            }
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "ping");
      producer[0].setDaemon(true);
      producer[0].start();
    });
    runReactor(reactor, 60);
    producer[0].join(TimeUnit.SECONDS.toMillis(10));
    assertEquals(arrived[0], rounds);
  }
}
