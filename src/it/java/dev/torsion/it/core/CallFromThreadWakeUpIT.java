package dev.torsion.it.core;

import static org.testng.Assert.assertEquals;

import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/**
 * {@code callFromThread} against the real backend's wake-up: each hand-over to an idle loop
 * wakes it. (The storm of 8 threads x 100,000 calls lives in
 * {@link dev.torsion.it.stress.CallFromThreadStormIT}.)
 */
public class CallFromThreadWakeUpIT extends ReactorBuilder {
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
