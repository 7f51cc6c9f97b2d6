package dev.torsion.python.threadpool;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotSame;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.python.failure.Failure;
import dev.torsion.trial.SynchronousTestCase;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.testng.annotations.Test;

public class ThreadPoolTest extends SynchronousTestCase {
  static final long WAIT_SECONDS = 10;

  static final class NewError extends RuntimeException {
    NewError() {
      super("new error");
    }
  }

  /** A pool started for the test and stopped after it. */
  private ThreadPool started(int min, int max) {
    ThreadPool pool = new ThreadPool(min, max, "test");
    pool.start();
    addCleanup(() -> pool.stop());
    return pool;
  }

  static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(WAIT_SECONDS, TimeUnit.SECONDS), "timed out waiting for a latch");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Spins (yielding, never sleeping) until {@code condition} holds, for at most 10 s. */
  static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.yield();
    }
  }

  /** Forces collections until {@code ref} is cleared, for at most 10 s. */
  static boolean collected(WeakReference<?> ref) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (ref.get() != null && System.nanoTime() < deadline) {
      System.gc();
    }
    return ref.get() == null;
  }

  /** twisted.test.test_threadpool.ThreadPoolTests.test_attributes */
  @Test
  public void attributes() {
    ThreadPool pool = new ThreadPool(12, 22, "sizes");
    assertEquals(pool.min(), 12);
    assertEquals(pool.max(), 22);
    assertEquals(pool.name(), "sizes");
    assertFalse(pool.started());
  }

  @Test
  public void threadsAreNamedAfterThePoolAndAreDaemons() {
    ThreadPool pool = new ThreadPool(2, 2, "named");
    pool.start();
    addCleanup(() -> pool.stop());
    List<String> names = new ArrayList<>();
    for (Thread t : pool.threads()) {
      names.add(t.getName());
      assertTrue(t.isDaemon());
    }
    Collections.sort(names);
    assertEquals(names, List.of("named-0", "named-1"));
  }

  /** twisted.test.test_threadpool.ThreadPoolTests.test_threadCreationArguments */
  @Test
  public void finishedWorkIsNotKeptAlive() {
    ThreadPool pool = started(0, 1);
    assertEquals(pool.threads(), List.of());
    AtomicReference<Object> unique = new AtomicReference<>(new Object());
    WeakReference<Object> uniqueRef = new WeakReference<>(unique.get());
    AtomicReference<Runnable> work = new AtomicReference<>(makeRunnable(unique.getAndSet(null)));
    WeakReference<Runnable> workRef = new WeakReference<>(work.get());
    pool.callInThread(work.getAndSet(null));
    CountDownLatch done = new CountDownLatch(1);
    pool.callInThread(done::countDown);
    await(done);
    assertTrue(collected(uniqueRef), "the pool keeps the work's argument alive");
    assertTrue(collected(workRef), "the pool keeps the work alive");
  }

  /** twisted.test.test_threadpool.ThreadPoolTests.test_threadCreationArgumentsCallInThreadWithCallback */
  @Test
  public void workIsReleasedBeforeOnResultAndOnResultAfterIt() {
    ThreadPool pool = started(0, 1);
    assertEquals(pool.threads(), List.of());
    AtomicReference<Object> unique = new AtomicReference<>(new Object());
    WeakReference<Object> uniqueRef = new WeakReference<>(unique.get());
    AtomicReference<dev.torsion.internet.defer.Defer.Call<Object>> work = new AtomicReference<>();
    work.set(makeWork(unique.getAndSet(null)));
    WeakReference<Object> workRef = new WeakReference<>(work.get());
    List<Boolean> seenInOnResult = Collections.synchronizedList(new ArrayList<>());
    List<WeakReference<Object>> resultRef = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch submitted = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<ThreadPool.OnResult> onResult = new AtomicReference<>((ok, result) -> {
      await(submitted);
      seenInOnResult.add(collected(workRef));
      seenInOnResult.add(collected(uniqueRef));
      resultRef.add(new WeakReference<>(result));
      done.countDown();
    });
    WeakReference<Object> onResultRef = new WeakReference<>(onResult.get());
    pool.callInThreadWithCallback(onResult.getAndSet(null), work.getAndSet(null));
    submitted.countDown();
    await(done);
    assertEquals(seenInOnResult, List.of(true, true), "work or its argument kept past its call");
    assertTrue(collected(onResultRef), "onResult kept alive");
    assertTrue(collected(resultRef.get(0)), "the result kept alive");
  }

  private static Runnable makeRunnable(Object arg) {
    return () -> arg.hashCode();
  }

  private static dev.torsion.internet.defer.Defer.Call<Object> makeWork(Object arg) {
    return () -> {
      arg.hashCode();
      return new Object();
    };
  }

  /** twisted.test.test_threadpool.ThreadPoolTests.test_callInThread */
  @Test
  public void callInThreadRunsEveryCallOnPoolThreads() {
    ThreadPool pool = started(5, 20);
    int n = 10;
    CountDownLatch all = new CountDownLatch(n);
    ConcurrentLinkedQueue<String> threadNames = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < n; i++) {
      pool.callInThread(() -> {
        threadNames.add(Thread.currentThread().getName());
        all.countDown();
      });
    }
    await(all);
    assertEquals(threadNames.size(), n);
    for (String name : threadNames) {
      assertTrue(name.startsWith("test-"), name);
    }
  }

  /** twisted.test.test_threadpool.ThreadPoolTests.test_callInThreadException */
  @Test
  public void callInThreadLogsWhatTheWorkThrows() {
    ThreadPool pool = new ThreadPool(0, 1, "raising");
    pool.callInThread(() -> {
      throw new NewError();
    });
    pool.start();
    pool.stop();
    List<Failure> errors = flushLoggedErrors(NewError.class);
    assertEquals(errors.size(), 1);
  }

  /** twisted.test.test_threadpool.ThreadPoolTests.test_callInThreadWithCallback */
  @Test
  public void onResultGetsTrueAndTheValue() {
    List<Object> results = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(1);
    ThreadPool pool = new ThreadPool(0, 1, "callback");
    pool.callInThreadWithCallback((ok, result) -> {
      results.add(ok);
      results.add(result);
      done.countDown();
    }, () -> "test");
    pool.start();
    try {
      await(done);
    } finally {
      pool.stop();
    }
    assertEquals(results, List.of(true, "test"));
  }

  /** twisted.test.test_threadpool.ThreadPoolTests.test_callInThreadWithCallbackExceptionInCallback */
  @Test
  public void onResultGetsFalseAndAFailure() {
    List<Object> results = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(1);
    ThreadPool pool = new ThreadPool(0, 1, "callback");
    pool.callInThreadWithCallback((ok, result) -> {
      results.add(ok);
      results.add(result);
      done.countDown();
    }, () -> {
      throw new NewError();
    });
    pool.start();
    try {
      await(done);
    } finally {
      pool.stop();
    }
    assertEquals(results.get(0), false);
    Failure f = (Failure) results.get(1);
    assertTrue(f.value() instanceof NewError, f.toString());
  }

  /** twisted.test.test_threadpool.ThreadPoolTests.test_callInThreadWithCallbackExceptionInOnResult */
  @Test
  public void whatOnResultThrowsIsLogged() {
    List<Object> results = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(1);
    ThreadPool pool = new ThreadPool(0, 1, "callback");
    pool.callInThreadWithCallback((ok, result) -> {
      results.add(ok);
      results.add(result);
      throw new NewError();
    }, () -> null);
    pool.callInThread(done::countDown);
    pool.start();
    try {
      await(done);
    } finally {
      pool.stop();
    }
    assertEquals(flushLoggedErrors(NewError.class).size(), 1);
    assertEquals(results.size(), 2);
    assertEquals(results.get(0), true);
    assertNull(results.get(1));
  }

  /** twisted.test.test_threadpool.ThreadPoolTests.test_callbackThread */
  @Test
  public void workAndOnResultRunOnTheSameThread() {
    List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(1);
    ThreadPool pool = new ThreadPool(0, 1, "same");
    pool.callInThreadWithCallback((ok, result) -> {
      threads.add(Thread.currentThread());
      done.countDown();
    }, () -> threads.add(Thread.currentThread()));
    pool.start();
    addCleanup(() -> pool.stop());
    await(done);
    assertEquals(threads.size(), 2);
    assertSame(threads.get(0), threads.get(1));
    assertNotSame(threads.get(0), Thread.currentThread());
  }

  /** twisted.test.test_threadpool.ThreadPoolTests.test_existingWork */
  @Test
  public void workHandedInBeforeStartRunsAfterIt() {
    CountDownLatch done = new CountDownLatch(1);
    ThreadPool pool = new ThreadPool(0, 1, "early");
    pool.callInThread(done::countDown);
    assertEquals(pool.backlog(), 1);
    assertEquals(pool.threads(), List.of(), "a thread before start");
    pool.start();
    try {
      await(done);
    } finally {
      pool.stop();
    }
  }

  /** twisted.test.test_threadpool.ThreadPoolTests.test_workerStateTransition */
  @Test
  public void workerGoesFromWorkingToWaiting() {
    ThreadPool pool = started(0, 1);
    assertEquals(pool.workers(), 0);
    assertEquals(pool.waiters(), 0);
    assertEquals(pool.working(), 0);
    CountDownLatch working = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    pool.callInThread(() -> {
      working.countDown();
      await(finish);
    });
    await(working);
    assertEquals(pool.workers(), 1);
    assertEquals(pool.waiters(), 0);
    assertEquals(pool.working(), 1);
    finish.countDown();
    awaitTrue(() -> pool.waiters() == 1, "the worker waits");
    assertEquals(pool.working(), 0);
    assertEquals(pool.workers(), 1);
  }

  @Test
  public void stopLetsRunningWorkAndTheBacklogFinish() {
    ThreadPool pool = new ThreadPool(0, 1, "draining");
    pool.start();
    CountDownLatch ran = new CountDownLatch(1);
    pool.callInThread(() -> awaitTrue(() -> !pool.started(), "stop() is called"));
    pool.callInThread(ran::countDown);
    List<Thread> threads = pool.threads();
    pool.stop();
    assertEquals(ran.getCount(), 0, "the backlog was dropped");
    for (Thread t : threads) {
      assertFalse(t.isAlive(), t + " outlived stop()");
    }
    assertEquals(pool.workers(), 0);
  }

  @Test
  public void stopWaitsOnlyABoundedTime() throws InterruptedException {
    ThreadPool pool = new ThreadPool(0, 1, "stuck");
    pool.start();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    pool.callInThread(() -> {
      running.countDown();
      await(release);
    });
    await(running);
    Thread worker = pool.threads().get(0);
    pool.stop(TimeUnit.MILLISECONDS.toNanos(50));
    assertTrue(worker.isAlive(), "stop() waited for the stuck thread");
    release.countDown();
    worker.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertFalse(worker.isAlive());
  }

  @Test
  public void stoppedPoolDropsNewWorkAndCannotRestart() {
    ThreadPool pool = new ThreadPool(0, 1, "done");
    pool.callInThread(() -> { });
    pool.stop();
    assertEquals(pool.backlog(), 0, "work from before a stop without start is dropped");
    pool.callInThread(() -> { });
    assertEquals(pool.backlog(), 0);
    assertEquals(pool.threads(), List.of());
    assertThrows(IllegalStateException.class, pool::start);
    pool.stop();
  }

  @Test
  public void anInterruptDoesNotLeakIntoTheNextCall() {
    ThreadPool pool = started(0, 1);
    pool.callInThread(() -> Thread.currentThread().interrupt());
    List<Boolean> seen = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(1);
    pool.callInThread(() -> {
      seen.add(Thread.currentThread().isInterrupted());
      done.countDown();
    });
    await(done);
    assertEquals(seen, List.of(false));
  }

  @Test
  public void toStringShowsTheState() {
    ThreadPool pool = new ThreadPool(0, 3, "shown");
    pool.callInThread(() -> { });
    assertEquals(pool.toString(),
        "<ThreadPool 'shown' not_started min=0 max=3 working=0 waiting=0 backlog=1>");
    pool.stop();
  }
}
