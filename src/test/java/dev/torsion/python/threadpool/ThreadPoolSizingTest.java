package dev.torsion.python.threadpool;

import static dev.torsion.python.threadpool.ThreadPoolTest.await;
import static dev.torsion.python.threadpool.ThreadPoolTest.awaitTrue;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.trial.SynchronousTestCase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** How the pool sizes itself: threads on demand, the backlog, the minimum and maximum. */
public class ThreadPoolSizingTest extends SynchronousTestCase {
  /** A pool started for the test and stopped after it. */
  private ThreadPool started(int min, int max) {
    ThreadPool pool = new ThreadPool(min, max, "test");
    pool.start();
    addCleanup(() -> pool.stop());
    return pool;
  }

  /** twisted.test.test_threadpool.ThreadPoolTests.test_start */
  @Test
  public void startCreatesTheMinimumNumberOfThreads() {
    assertEquals(started(0, 5).threads().size(), 0);
    ThreadPool pool = new ThreadPool(3, 10, "three");
    assertEquals(pool.threads().size(), 0);
    pool.start();
    addCleanup(() -> pool.stop());
    assertEquals(pool.threads().size(), 3);
    assertEquals(pool.waiters(), 3);
    assertTrue(pool.started());
  }

  /** twisted.test.test_threadpool.ThreadPoolTests.test_adjustingWhenPoolStopped */
  @Test
  public void adjustingWhenPoolStopped() {
    ThreadPool pool = new ThreadPool(0, 5, "stopped");
    pool.start();
    pool.stop();
    pool.adjustPoolsize(2, 5);
    assertEquals(pool.threads().size(), 0);
    assertEquals(pool.min(), 2);
  }

  /** twisted.test.test_threadpool.RaceConditionTests.test_synchronization */
  @Test
  public void workThatUnblocksWaitingWorkGetsAThread() {
    ThreadPool pool = started(0, 10);
    CountDownLatch first = new CountDownLatch(1);
    pool.callInThread(first::countDown);
    await(first);
    CountDownLatch event = new CountDownLatch(1);
    for (int i = 0; i < 3; i++) {
      pool.callInThread(() -> await(event));
    }
    pool.callInThread(event::countDown);
    await(event);
  }

  /** twisted.test.test_threadpool.MemoryBackedTests.test_workBeforeStarting */
  @Test
  public void startMakesAThreadForEachWaitingCall() {
    ThreadPool pool = new ThreadPool(0, 10, "backlogged");
    CountDownLatch release = new CountDownLatch(1);
    addCleanup(() -> pool.stop());
    addCleanup(() -> release.countDown());
    for (int i = 0; i < 5; i++) {
      pool.callInThread(() -> await(release));
    }
    assertEquals(pool.threads(), List.of());
    assertEquals(pool.backlog(), 5);
    pool.start();
    assertEquals(pool.threads().size(), 5);
    assertEquals(pool.working(), 5);
    assertEquals(pool.backlog(), 0);
  }

  /** twisted.test.test_threadpool.MemoryBackedTests.test_tooMuchWorkBeforeStarting */
  @Test
  public void startMakesNoMoreThanTheMaximum() {
    ThreadPool pool = new ThreadPool(0, 10, "backlogged");
    CountDownLatch release = new CountDownLatch(1);
    addCleanup(() -> pool.stop());
    addCleanup(() -> release.countDown());
    for (int i = 0; i < 50; i++) {
      pool.callInThread(() -> await(release));
    }
    pool.start();
    assertEquals(pool.threads().size(), pool.max());
    assertEquals(pool.backlog(), 40);
  }

  @Test
  public void workWaitsForAFreeThreadInOrder() {
    ThreadPool pool = started(0, 1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch all = new CountDownLatch(4);
    pool.callInThread(() -> await(release));
    for (int i = 0; i < 4; i++) {
      int n = i;
      pool.callInThread(() -> {
        order.add(n);
        all.countDown();
      });
    }
    assertEquals(pool.backlog(), 4);
    assertEquals(pool.workers(), 1);
    release.countDown();
    await(all);
    assertEquals(order, List.of(0, 1, 2, 3));
  }

  @Test
  public void idleThreadsAboveTheMinimumEnd() {
    ThreadPool pool = new ThreadPool(1, 3, "keepalive", TimeUnit.MILLISECONDS.toNanos(20));
    pool.start();
    addCleanup(() -> pool.stop());
    CountDownLatch running = new CountDownLatch(3);
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < 3; i++) {
      pool.callInThread(() -> {
        running.countDown();
        await(release);
      });
    }
    await(running);
    assertEquals(pool.workers(), 3);
    release.countDown();
    awaitTrue(() -> pool.threads().size() == 1 && pool.waiters() == 1,
        "the threads above the minimum end");
    assertEquals(pool.workers(), 1);
  }

  @Test
  public void badSizesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ThreadPool(-1, 5, "x"));
    assertThrows(IllegalArgumentException.class, () -> new ThreadPool(5, 2, "x"));
    ThreadPool pool = new ThreadPool(0, 5, "x");
    assertThrows(IllegalArgumentException.class, () -> pool.adjustPoolsize(3, 1));
    assertEquals(pool.max(), 5);
  }

  @Test
  public void adjustPoolsizeShrinksBusyThreadsWhenTheyFinish() {
    ThreadPool pool = started(0, 4);
    CountDownLatch running = new CountDownLatch(4);
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < 4; i++) {
      pool.callInThread(() -> {
        running.countDown();
        await(release);
      });
    }
    await(running);
    pool.adjustPoolsize(0, 2);
    assertEquals(pool.workers(), 4);
    release.countDown();
    awaitTrue(() -> pool.threads().size() == 2 && pool.waiters() == 2, "two threads end");
    assertEquals(pool.workers(), 2);
  }

  @Test
  public void adjustPoolsizeGrowsForTheBacklogAndTheMinimum() {
    ThreadPool pool = started(0, 1);
    CountDownLatch release = new CountDownLatch(1);
    addCleanup(() -> release.countDown());
    for (int i = 0; i < 3; i++) {
      pool.callInThread(() -> await(release));
    }
    assertEquals(pool.backlog(), 2);
    pool.adjustPoolsize(5, 5);
    assertEquals(pool.backlog(), 0);
    assertEquals(pool.working(), 3);
    assertEquals(pool.waiters(), 2);
  }
}
