package dev.torsion.internet.nio2;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** The hand-off from pool threads to the reactor thread, and how the reactor thread parks. */
public class CompletionQueueTest {
  private final CompletionQueue queue = new CompletionQueue();

  @Test(timeOut = 5_000)
  public void anUnboundedAwaitReturnsOnceACompletionIsQueued() {
    CompletionQueue.Completion c = () -> { };
    queue.offer(c);
    queue.await(-1);
    assertSame(queue.poll(), c);
    assertNull(queue.poll());
  }

  @Test(timeOut = 5_000)
  public void aWakeFromAnotherThreadEndsAnUnboundedAwait() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    Thread waker = new Thread(() -> {
      try {
        started.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      queue.wake();
    });
    waker.start();
    started.countDown();
    queue.await(-1);
    waker.join(5_000);
    assertNull(queue.poll(), "a wake queues nothing");
  }

  @Test(timeOut = 5_000)
  public void aWakeIsUsedUpByOneAwaitAndTheNextWaitsItsFullTimeout() {
    queue.wake();
    queue.await(-1);
    long start = System.nanoTime();
    queue.await(TimeUnit.MILLISECONDS.toNanos(2));
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(2),
        "a stale wake or permit must not cut the wait short");
  }

  @Test(timeOut = 5_000)
  public void aZeroTimeoutNeverParksAndClearsAWake() {
    queue.wake();
    queue.await(0);
    long start = System.nanoTime();
    queue.await(TimeUnit.MILLISECONDS.toNanos(1));
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1));
  }

  @Test(timeOut = 5_000)
  public void theWaitingThreadMayChangeBetweenAwaits() throws InterruptedException {
    queue.wake();
    queue.await(-1);
    Thread other = new Thread(() -> queue.await(-1));
    other.start();
    while (other.isAlive() && other.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    queue.wake();
    other.join(5_000);
    assertFalse(other.isAlive(), "the wake reached the thread waiting now");
  }

  @Test(timeOut = 20_000)
  public void noCompletionIsLostAmongManyProducersAndParks() throws InterruptedException {
    int threads = 4;
    int each = 20_000;
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread p = new Thread(() -> {
        for (int i = 0; i < each; i++) {
          queue.offer(() -> { });
        }
      });
      producers.add(p);
      p.start();
    }
    int got = 0;
    // Each await parks without limit: a lost wake-up would hang here until the timeout.
    while (got < threads * each) {
      queue.await(-1);
      while (queue.poll() != null) {
        got++;
      }
    }
    for (Thread p : producers) {
      p.join(5_000);
    }
    assertEquals(got, threads * each);
  }
}
