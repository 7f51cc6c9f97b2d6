package dev.torsion.internet.threads;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.python.failure.Failure;
import dev.torsion.python.threadpool.ThreadPool;
import dev.torsion.trial.SynchronousTestCase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

public class ThreadsTest extends SynchronousTestCase {
  private static final double GUARD_SECONDS = 10;

  static final class NewError extends RuntimeException {
    NewError() {
      super("new error");
    }
  }

  private Reactor newReactor() {
    Reactor reactor = Reactors.provider("nio").create();
    addCleanup(() -> ((LoopCore) reactor).backend().close());
    return reactor;
  }

  /**
   * Runs a new reactor on this thread until the Deferred {@code body} returns fires, then stops
   * it; fails if the 10 s guard had to stop it instead.
   *
   * @return the Deferred's result, or its Failure
   */
  private @Nullable Object runUntilFired(Function<Reactor, Deferred<?>> body) {
    Reactor reactor = newReactor();
    Object[] outcome = {null};
    boolean[] fired = {false};
    boolean[] guardFired = {false};
    reactor.callLater(GUARD_SECONDS, () -> {
      guardFired[0] = true;
      reactor.stop();
    });
    reactor.callWhenRunning(() -> Defer.maybeDeferredAsync(() -> body.apply(reactor))
        .addBoth(r -> {
          outcome[0] = r;
          fired[0] = true;
          reactor.stop();
          return null;
        }));
    reactor.run();
    assertFalse(guardFired[0], "the guard stopped the reactor after " + GUARD_SECONDS + " s");
    assertTrue(fired[0]);
    return outcome[0];
  }

  private static void assertFailure(@Nullable Object outcome, Class<?> type) {
    assertTrue(outcome instanceof Failure, "not a Failure: " + outcome);
    assertTrue(type.isInstance(((Failure) outcome).value()), String.valueOf(outcome));
  }

  /** twisted.test.test_threads.DeferredResultTests.test_deferredResult */
  @Test
  public void deferToThreadGivesTheResult() {
    int x = 3;
    int y = 4;
    assertEquals(runUntilFired(reactor -> Threads.deferToThread(reactor, () -> x + y)), 7);
  }

  @Test
  public void deferToThreadRunsOnAPoolThreadAndFiresOnTheReactorThread() {
    Object result = runUntilFired(reactor -> Threads
        .deferToThread(reactor, () -> Thread.currentThread().getName())
        .addCallback(name -> name + " " + reactor.isInReactorThread()));
    assertTrue(String.valueOf(result).matches("torsion\\.internet\\.reactor-\\d+ true"),
        String.valueOf(result));
  }

  /** twisted.test.test_threads.DeferredResultTests.test_deferredFailure */
  @Test
  public void deferToThreadFailsWithWhatTheCallThrew() {
    assertFailure(runUntilFired(reactor -> Threads.deferToThread(reactor, () -> {
      throw new NewError();
    })), NewError.class);
  }

  /** twisted.test.test_threads.DeferredResultTests.test_deferredFailureAfterSuccess */
  @Test
  public void aFailingDeferToThreadAfterASuccessfulOneFails() {
    int zero = 0;
    assertFailure(runUntilFired(reactor -> Threads.deferToThread(reactor, () -> null)
        .addCallbackDeferred(ignored -> Threads.deferToThread(reactor, () -> 1 / zero))),
        ArithmeticException.class);
  }

  /** twisted.test.test_threads.DeferredResultTests.test_callMultiple */
  @Test
  public void callMultipleInThreadRunsTheCallsInOrderOnOneThread() {
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    Object result = runUntilFired(reactor -> {
      reactor.suggestThreadPoolSize(8);
      Deferred<List<Integer>> d = new Deferred<>();
      List<Runnable> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        int n = i;
        calls.add(() -> {
          seen.add(n);
          threads.add(Thread.currentThread().getName());
        });
      }
      calls.add(() -> reactor.callFromThread(() -> d.callback(new ArrayList<>(seen))));
      Threads.callMultipleInThread(reactor, calls);
      return d;
    });
    assertEquals(result, List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    assertEquals(new java.util.HashSet<>(threads).size(), 1, threads.toString());
  }

  private ThreadPool ownPool() {
    ThreadPool pool = new ThreadPool(0, 8, "own");
    pool.start();
    addCleanup(() -> pool.stop());
    return pool;
  }

  /** twisted.test.test_threads.DeferToThreadPoolTests.test_deferredResult */
  @Test
  public void deferToThreadPoolGivesTheResult() {
    ThreadPool pool = ownPool();
    int x = 3;
    int y = 4;
    Object result = runUntilFired(reactor -> Threads.deferToThreadPool(reactor, pool,
        () -> (x + y) + " " + Thread.currentThread().getName()));
    assertTrue(String.valueOf(result).matches("7 own-\\d+"), String.valueOf(result));
  }

  /** twisted.test.test_threads.DeferToThreadPoolTests.test_deferredFailure */
  @Test
  public void deferToThreadPoolFailsWithWhatTheCallThrew() {
    ThreadPool pool = ownPool();
    assertFailure(runUntilFired(reactor -> Threads.deferToThreadPool(reactor, pool, () -> {
      throw new NewError();
    })), NewError.class);
  }

  /**
   * Runs {@code f} through blockingCallFromThread from a pool thread while the reactor runs.
   *
   * @return what blockingCallFromThread returned, or the exception it threw
   */
  private @Nullable Object blockingCallFromAPoolThread(
      Function<Reactor, Defer.Call<?>> f) {
    return runUntilFired(reactor -> Threads.deferToThread(reactor, () -> {
      try {
        return Threads.blockingCallFromThread(reactor, f.apply(reactor));
      } catch (Exception e) {
        return e;
      }
    }));
  }

  /** twisted.test.test_threads.ReactorThreadsTests.test_blockingCallFromThread */
  @Test
  public void blockingCallFromThreadReturnsTheDeferredsResult() {
    assertEquals(blockingCallFromAPoolThread(reactor -> () -> Defer.succeed("foo")), "foo");
    assertEquals(blockingCallFromAPoolThread(reactor -> () -> "plain"), "plain");
  }

  /** twisted.test.test_threads.ReactorThreadsTests.test_asyncBlockingCallFromThread */
  @Test
  public void blockingCallFromThreadWaitsForALaterResult() {
    assertEquals(blockingCallFromAPoolThread(reactor -> () -> {
      Deferred<String> d = new Deferred<>();
      reactor.callLater(0.1, () -> d.callback("egg"));
      return d;
    }), "egg");
  }

  /** twisted.test.test_threads.ReactorThreadsTests.test_errorBlockingCallFromThread */
  @Test
  public void blockingCallFromThreadRethrowsAFailure() {
    Object thrown = blockingCallFromAPoolThread(reactor -> () -> Defer.fail(
        new RuntimeException("bar")));
    assertTrue(thrown instanceof RuntimeException, String.valueOf(thrown));
    assertEquals(((RuntimeException) thrown).getMessage(), "bar");
    Object direct = blockingCallFromAPoolThread(reactor -> () -> {
      throw new java.io.IOException("thrown");
    });
    assertTrue(direct instanceof java.io.IOException, String.valueOf(direct));
  }

  /** twisted.test.test_threads.ReactorThreadsTests.test_asyncErrorBlockingCallFromThread */
  @Test
  public void blockingCallFromThreadRethrowsALaterFailure() {
    Object thrown = blockingCallFromAPoolThread(reactor -> () -> {
      Deferred<String> d = new Deferred<>();
      reactor.callLater(0.1, () -> d.errback(new RuntimeException("spam")));
      return d;
    });
    assertTrue(thrown instanceof RuntimeException, String.valueOf(thrown));
    assertEquals(((RuntimeException) thrown).getMessage(), "spam");
  }

  @Test
  public void blockingCallFromThreadAsyncIsTyped() throws Exception {
    Reactor reactor = newReactor();
    CompletableFuture<Integer> got = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        Integer n = Threads.blockingCallFromThreadAsync(reactor, () -> Defer.succeed(42));
        got.complete(n);
      } catch (Throwable e) {
        got.completeExceptionally(e);
      }
      reactor.callFromThread(reactor::stop);
    }, "caller");
    reactor.callLater(GUARD_SECONDS, reactor::stop);
    reactor.callWhenRunning(caller::start);
    reactor.run();
    assertEquals(got.get(10, TimeUnit.SECONDS), 42);
  }

  @Test
  public void blockingCallFromThreadRefusesTheReactorThread() {
    Object outcome = runUntilFired(reactor -> {
      IllegalStateException e = expectThrows(IllegalStateException.class,
          () -> Threads.blockingCallFromThread(reactor, () -> "never"));
      return Defer.succeed(e.getMessage());
    });
    assertNotNull(outcome);
    assertTrue(outcome.toString().contains("reactor thread"), outcome.toString());
  }
}
