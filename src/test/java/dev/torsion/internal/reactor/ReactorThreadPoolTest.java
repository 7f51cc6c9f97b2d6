package dev.torsion.internal.reactor;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.DeferredList;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.python.failure.Failure;
import dev.torsion.python.threadpool.ThreadPool;
import dev.torsion.trial.SynchronousTestCase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** The reactor's thread pool: made lazily, started by run(), stopped by the shutdown event. */
public class ReactorThreadPoolTest extends SynchronousTestCase {
  static final double GUARD_SECONDS = 10;

  /** A fresh nio reactor, its backend closed after the test. */
  Reactor newReactor() {
    Reactor reactor = Reactors.provider("nio").create();
    addCleanup(() -> ((LoopCore) reactor).backend().close());
    return reactor;
  }

  /**
   * Runs {@code reactor} on this thread until the Deferred {@code body} returns fires, then
   * stops it; fails if the 10 s guard had to stop it instead.
   *
   * @return the Deferred's result
   */
  static @Nullable Object runUntilFired(Reactor reactor, Supplier<Deferred<?>> body) {
    Object[] outcome = {null};
    boolean[] fired = {false};
    boolean[] guardFired = {false};
    reactor.callLater(GUARD_SECONDS, () -> {
      guardFired[0] = true;
      reactor.stop();
    });
    reactor.callWhenRunning(() -> Defer.maybeDeferredAsync(body::get).addBoth(r -> {
      outcome[0] = r;
      fired[0] = true;
      reactor.stop();
      return null;
    }));
    reactor.run();
    assertFalse(guardFired[0], "the guard stopped the reactor after " + GUARD_SECONDS + " s");
    assertTrue(fired[0]);
    if (outcome[0] instanceof Failure f) {
      throw new AssertionError("the test's Deferred failed:\n" + f.getTraceback(), f.value());
    }
    return outcome[0];
  }

  /** twisted.test.test_threads.ReactorThreadsTests.test_suggestThreadPoolSize */
  @Test
  public void suggestThreadPoolSizeSetsTheMaximum() {
    Reactor reactor = newReactor();
    reactor.suggestThreadPoolSize(34);
    assertEquals(reactor.getThreadPool().max(), 34);
    reactor.suggestThreadPoolSize(4);
    assertEquals(reactor.getThreadPool().max(), 4);
  }

  @Test
  public void suggestThreadPoolSizeLowersTheMinimumAndRefusesNegatives() {
    Reactor reactor = newReactor();
    reactor.getThreadPool().adjustPoolsize(3, 10);
    reactor.suggestThreadPoolSize(2);
    assertEquals(reactor.getThreadPool().min(), 2);
    assertEquals(reactor.getThreadPool().max(), 2);
    assertThrows(IllegalArgumentException.class, () -> reactor.suggestThreadPoolSize(-1));
    assertEquals(reactor.getThreadPool().max(), 2);
  }

  @Test
  public void thePoolIsMadeOnceAsTwistedMakesIt() {
    Reactor reactor = newReactor();
    ThreadPool pool = reactor.getThreadPool();
    assertSame(reactor.getThreadPool(), pool);
    assertEquals(pool.name(), "torsion.internet.reactor");
    assertEquals(pool.min(), 0);
    assertEquals(pool.max(), 10);
    assertFalse(pool.started());
  }

  /** twisted.test.test_threads.StartupBehaviorTests.testCallBeforeStartupUnexecuted */
  @Test
  public void workBeforeRunWaitsForTheReactorAndIsStoppedWithIt() {
    Reactor reactor = newReactor();
    CountDownLatch ran = new CountDownLatch(1);
    reactor.callInThread(ran::countDown);
    ThreadPool pool = reactor.getThreadPool();
    assertFalse(pool.started());
    assertEquals(pool.threads(), List.of(), "a thread before the reactor runs");
    assertEquals(pool.backlog(), 1);
    assertEquals(ran.getCount(), 1);
    List<Thread> threads = new ArrayList<>();
    runUntilFired(reactor, () -> {
      assertTrue(pool.started());
      threads.addAll(pool.threads());
      return Defer.succeed(null);
    });
    assertEquals(ran.getCount(), 0, "the work did not run");
    assertFalse(pool.started(), "the pool outlived the reactor");
    for (Thread t : threads) {
      assertFalse(t.isAlive(), t + " outlived the reactor");
    }
  }

  /** twisted.test.test_threads.ReactorThreadsTests.test_callInThread */
  @Test
  public void callInThreadRunsOffTheReactorThread() {
    Reactor reactor = newReactor();
    Object result = runUntilFired(reactor, () -> {
      Deferred<Boolean> inReactorThread = new Deferred<>();
      reactor.callInThread(() -> {
        boolean answer = reactor.isInReactorThread();
        reactor.callFromThread(() -> inReactorThread.callback(answer));
      });
      return inReactorThread;
    });
    assertEquals(result, false);
  }

  /** twisted.test.test_threads.ReactorThreadsTests.test_callFromThread */
  @Test
  public void callFromThreadWorksFromTheReactorAndFromAPoolThread() {
    Reactor reactor = newReactor();
    runUntilFired(reactor, () -> {
      Deferred<@Nullable Object> byReactorThread = new Deferred<>();
      Deferred<@Nullable Object> byOtherThread = new Deferred<>();
      reactor.callInThread(() -> reactor.callFromThread(() -> byOtherThread.callback(null)));
      reactor.callFromThread(() -> byReactorThread.callback(null));
      return DeferredList.builder(List.of(byReactorThread, byOtherThread))
          .fireOnOneErrback(true).build();
    });
  }

  /** twisted.test.test_threads.ReactorThreadsTests.test_wakerOverflow */
  @Test
  public void aHundredThousandCallsFromAPoolThreadAllArrive() {
    Reactor reactor = newReactor();
    int n = 100_000;
    AtomicInteger arrived = new AtomicInteger();
    Object result = runUntilFired(reactor, () -> {
      Deferred<Integer> done = new Deferred<>();
      reactor.callInThread(() -> {
        for (int i = 0; i < n; i++) {
          reactor.callFromThread(arrived::incrementAndGet);
        }
        reactor.callFromThread(() -> done.callback(arrived.get()));
      });
      return done;
    });
    assertEquals(result, n);
  }

  @Test
  public void beforeShutdownTriggersMayStillUseThePool() {
    Reactor reactor = newReactor();
    ThreadPool pool = reactor.getThreadPool();
    CountDownLatch ran = new CountDownLatch(1);
    boolean[] startedAfterShutdown = {true};
    reactor.addSystemEventTrigger("before", "shutdown", () -> {
      reactor.callInThread(() -> {
        // Still running when the "during" trigger stops the pool, which must wait for it.
        awaitStopped(pool);
        ran.countDown();
      });
    });
    reactor.addSystemEventTrigger("after", "shutdown",
        () -> startedAfterShutdown[0] = pool.started());
    runUntilFired(reactor, () -> Defer.succeed(null));
    assertEquals(ran.getCount(), 0, "work handed in by a before-shutdown trigger was dropped");
    assertFalse(startedAfterShutdown[0]);
  }

  @Test
  public void workAfterShutdownIsDropped() {
    Reactor reactor = newReactor();
    ThreadPool pool = reactor.getThreadPool();
    runUntilFired(reactor, () -> Defer.succeed(null));
    assertSame(reactor.getThreadPool(), pool);
    reactor.callInThread(() -> { });
    assertEquals(pool.backlog(), 0);
    assertEquals(pool.threads(), List.of());
  }

  /** Spins (yielding, never sleeping) until {@code pool} is stopped, for at most 10 s. */
  static void awaitStopped(ThreadPool pool) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pool.started()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(pool + " still started");
      }
      Thread.yield();
    }
  }
}
