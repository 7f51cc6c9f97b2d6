package dev.torsion.internet.defer;

import static dev.torsion.trial.SynchronousTestCase.assertNoResult;
import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import dev.torsion.internet.interfaces.IReactorFromThreads;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** Future interop: {@code fromFuture}, {@code asFuture} and their Guava twins. */
public class DeferredFutureTest {
  /** A reactor stand-in that queues calls from any thread and runs them when drained. */
  private static final class RecordingReactor implements IReactorFromThreads {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final List<Thread> callers = new ArrayList<>();

    @Override
    public synchronized void callFromThread(Runnable callable) {
      queue.add(callable);
      callers.add(Thread.currentThread());
    }

    synchronized int queued() {
      return queue.size();
    }

    synchronized List<Thread> callers() {
      return new ArrayList<>(callers);
    }

    /** Runs queued calls on the calling thread until the queue is empty. */
    void drain() {
      while (true) {
        Runnable next;
        synchronized (this) {
          next = queue.poll();
        }
        if (next == null) {
          return;
        }
        next.run();
      }
    }
  }

  private static void joinBounded(Thread t) throws InterruptedException {
    t.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(t.isAlive(), "worker thread did not finish within 10 s");
  }

  // ------------------------------------------------------------------------------------------
  // asFuture

  /** twisted.test.test_defer.DeferredFutureAdapterTests.test_asFuture */
  @Test
  public void asFutureCompletesWhenTheDeferredFires() throws Exception {
    Deferred<Integer> d = new Deferred<>();
    CompletableFuture<Integer> future = d.asFuture();
    assertFalse(future.isDone());
    d.callback(13);
    assertNull(successResultOf(d));
    assertEquals(future.get(0, TimeUnit.SECONDS), Integer.valueOf(13));
  }

  /** twisted.test.test_defer.DeferredFutureAdapterTests.test_asFuture */
  @Test
  public void asListenableFutureCompletesWhenTheDeferredFires() throws Exception {
    Deferred<Integer> d = new Deferred<>();
    ListenableFuture<Integer> future = d.asListenableFuture();
    assertFalse(future.isDone());
    d.callback(13);
    assertNull(successResultOf(d));
    assertEquals(future.get(0, TimeUnit.SECONDS), Integer.valueOf(13));
  }

  /** twisted.test.test_defer.DeferredFutureAdapterTests.test_asFutureCancelFuture */
  @Test
  public void cancellingTheFutureCancelsTheDeferred() {
    int[] cancels = {0};
    Deferred<String> d = new Deferred<>(x -> cancels[0]++);
    CompletableFuture<String> future = d.asFuture();
    assertTrue(future.cancel(false));
    assertEquals(cancels[0], 1);
    assertNull(successResultOf(d));
    assertTrue(future.isCancelled());
    expectThrows(CancellationException.class, future::join);
  }

  /** twisted.test.test_defer.DeferredFutureAdapterTests.test_asFutureCancelFuture */
  @Test
  public void cancellingTheListenableFutureCancelsTheDeferred() {
    int[] cancels = {0};
    Deferred<String> d = new Deferred<>(x -> cancels[0]++);
    ListenableFuture<String> future = d.asListenableFuture();
    assertTrue(future.cancel(false));
    assertEquals(cancels[0], 1);
    assertNull(successResultOf(d));
    expectThrows(CancellationException.class, () -> future.get(0, TimeUnit.SECONDS));
  }

  /** twisted.test.test_defer.DeferredFutureAdapterTests.test_asFutureSuccessCancel */
  @Test
  public void successFromTheCancellerIsIgnoredByTheCancelledFuture() {
    Deferred<Integer> d = new Deferred<>(x -> x.callback(9));
    CompletableFuture<Integer> future = d.asFuture();
    future.cancel(false);
    assertNull(successResultOf(d));
    expectThrows(CancellationException.class, future::join);

    Deferred<Integer> g = new Deferred<>(x -> x.callback(9));
    ListenableFuture<Integer> guava = g.asListenableFuture();
    guava.cancel(false);
    assertNull(successResultOf(g));
    expectThrows(CancellationException.class, () -> guava.get(0, TimeUnit.SECONDS));
  }

  /** twisted.test.test_defer.DeferredFutureAdapterTests.test_asFutureFailure */
  @Test
  public void asFutureFailsWithTheFailuresError() {
    Deferred<String> d = new Deferred<>();
    CompletableFuture<String> future = d.asFuture();
    ArithmeticException error = new ArithmeticException("/ by zero");
    d.errback(new Failure(error));
    CompletionException thrown = expectThrows(CompletionException.class, future::join);
    assertSame(thrown.getCause(), error);
    assertNull(successResultOf(d), "the chain goes on with null: the error is handled");

    Deferred<String> g = new Deferred<>();
    ListenableFuture<String> guava = g.asListenableFuture();
    g.errback(error);
    ExecutionException wrapped = expectThrows(ExecutionException.class, guava::get);
    assertSame(wrapped.getCause(), error);
  }

  // ------------------------------------------------------------------------------------------
  // fromFuture

  /** twisted.test.test_defer.DeferredFutureAdapterTests.test_fromFuture */
  @Test
  public void fromFutureFiresWhenTheFutureCompletes() {
    RecordingReactor reactor = new RecordingReactor();
    CompletableFuture<Integer> future = new CompletableFuture<>();
    Deferred<Integer> d = Deferred.fromFuture(future, reactor);
    assertNoResult(d);
    future.complete(7);
    assertNoResult(d);
    reactor.drain();
    assertEquals(successResultOf(d), Integer.valueOf(7));
  }

  /** twisted.test.test_defer.DeferredFutureAdapterTests.test_fromFuture */
  @Test
  public void fromListenableFutureFiresWhenTheFutureCompletes() {
    SettableFuture<Integer> future = SettableFuture.create();
    Deferred<Integer> d = Deferred.fromListenableFuture(future);
    assertNoResult(d);
    future.set(7);
    assertEquals(successResultOf(d), Integer.valueOf(7));
  }

  @Test
  public void fromFutureOfACompletedFutureFiresAtOnceWithoutAReactor() {
    assertEquals(successResultOf(Deferred.fromFuture(CompletableFuture.completedFuture("x"))),
        "x");
  }

  @Test
  public void completedFutureIsStillDeliveredThroughTheReactor() {
    RecordingReactor reactor = new RecordingReactor();
    Deferred<String> d = Deferred.fromFuture(CompletableFuture.completedFuture("x"), reactor);
    assertNoResult(d);
    reactor.drain();
    assertEquals(successResultOf(d), "x");
  }

  /** twisted.test.test_defer.DeferredFutureAdapterTests.test_fromFutureFutureCancelled */
  @Test
  public void cancelledFutureGivesCancelledError() {
    RecordingReactor reactor = new RecordingReactor();
    CompletableFuture<String> future = new CompletableFuture<>();
    Deferred<String> d = Deferred.fromFuture(future, reactor);
    future.cancel(false);
    assertNoResult(d);
    reactor.drain();
    expectThrows(CancellationException.class, future::join);
    Failure f = failureResultOf(d, CancelledError.class);
    assertTrue(f.value().getCause() instanceof CancellationException);

    SettableFuture<String> guava = SettableFuture.create();
    Deferred<String> g = Deferred.fromListenableFuture(guava);
    guava.cancel(false);
    failureResultOf(g, CancelledError.class);
  }

  /** twisted.test.test_defer.DeferredFutureAdapterTests.test_fromFutureDeferredCancelled */
  @Test
  public void cancellingTheDeferredCancelsTheFuture() {
    RecordingReactor reactor = new RecordingReactor();
    CompletableFuture<String> future = new CompletableFuture<>();
    Deferred<String> d = Deferred.fromFuture(future, reactor);
    d.cancel();
    assertTrue(future.isCancelled());
    expectThrows(CancellationException.class, future::join);
    // As in Twisted, the Deferred fires with the future's outcome, delivered by the reactor.
    assertNoResult(d);
    reactor.drain();
    failureResultOf(d, CancelledError.class);
  }

  /** twisted.test.test_defer.DeferredFutureAdapterTests.test_fromFutureDeferredCancelled */
  @Test
  public void cancellingTheDeferredCancelsTheListenableFuture() {
    SettableFuture<String> future = SettableFuture.create();
    Deferred<String> d = Deferred.fromListenableFuture(future);
    d.cancel();
    assertTrue(future.isCancelled());
    failureResultOf(d, CancelledError.class);
  }

  @Test
  public void cancelAfterTheFutureCompletedKeepsTheRealResult() {
    RecordingReactor reactor = new RecordingReactor();
    CompletableFuture<String> future = new CompletableFuture<>();
    Deferred<String> d = Deferred.fromFuture(future, reactor);
    future.complete("arrived");
    d.cancel(); // too late for the future; its result is queued on the reactor
    assertFalse(future.isCancelled());
    assertNoResult(d);
    reactor.drain();
    assertEquals(successResultOf(d), "arrived");
  }

  @Test
  public void secondCancelWhileWaitingForTheOutcomeFailsAtOnce() {
    RecordingReactor reactor = new RecordingReactor();
    CompletableFuture<String> future = new CompletableFuture<>();
    Deferred<String> d = Deferred.fromFuture(future, reactor);
    future.complete("arrived");
    d.cancel();
    d.cancel();
    failureResultOf(d, CancelledError.class);
    reactor.drain(); // the late outcome is dropped, not an AlreadyCalledError
    assertEquals(reactor.queued(), 0);
  }

  @Test
  public void uncancellableStageFailsWithCancelledErrorAtOnce() {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletionStage<String> minimal = source.minimalCompletionStage();
    Deferred<String> d = Deferred.fromFuture(minimal);
    d.cancel();
    failureResultOf(d, CancelledError.class);
    source.complete("late"); // dropped
    assertFalse(source.isCancelled());
  }

  @Test
  public void wrappedErrorsAreUnwrapped() {
    IOException cause = new IOException("disk");
    CompletableFuture<String> failed = new CompletableFuture<>();
    failed.completeExceptionally(new CompletionException(new ExecutionException(cause)));
    assertSame(failureResultOf(Deferred.fromFuture(failed), IOException.class).value(), cause);

    // A dependent stage sees its source's error wrapped in a CompletionException.
    CompletableFuture<String> source = new CompletableFuture<>();
    Deferred<String> d = Deferred.fromFuture(source.thenApply(s -> s + "!"));
    source.completeExceptionally(cause);
    assertSame(failureResultOf(d, IOException.class).value(), cause);

    CompletableFuture<String> cancelledSource = new CompletableFuture<>();
    Deferred<String> dependent = Deferred.fromFuture(cancelledSource.thenApply(s -> s));
    cancelledSource.cancel(false);
    failureResultOf(dependent, CancelledError.class);

    SettableFuture<String> guava = SettableFuture.create();
    Deferred<String> g = Deferred.fromListenableFuture(guava);
    guava.setException(new ExecutionException(cause));
    assertSame(failureResultOf(g, IOException.class).value(), cause);
  }

  @Test
  public void resultCompletedOnAnotherThreadIsDeliveredOnTheReactorThread() throws Exception {
    RecordingReactor reactor = new RecordingReactor();
    CompletableFuture<String> future = new CompletableFuture<>();
    Deferred<String> d = Deferred.fromFuture(future, reactor);
    List<Thread> firedOn = new ArrayList<>();
    Deferred<String> recorded = d.addCallback(s -> {
      firedOn.add(Thread.currentThread());
      return s;
    });
    Thread worker = new Thread(() -> future.complete("from the worker"), "future-worker");
    worker.start();
    joinBounded(worker);
    assertFalse(d.called(), "must not fire before the reactor runs the queued call");
    assertEquals(reactor.callers(), List.of(worker));
    reactor.drain();
    assertEquals(successResultOf(recorded), "from the worker");
    assertEquals(firedOn, List.of(Thread.currentThread()));
  }

  @Test
  public void listenableResultFromAnotherThreadIsDeliveredOnTheReactorThread() throws Exception {
    RecordingReactor reactor = new RecordingReactor();
    SettableFuture<String> future = SettableFuture.create();
    Deferred<String> d = Deferred.fromListenableFuture(future, reactor);
    IllegalStateException error = new IllegalStateException("from the worker");
    Thread worker = new Thread(() -> future.setException(error), "future-worker");
    worker.start();
    joinBounded(worker);
    assertFalse(d.called());
    assertEquals(reactor.callers(), List.of(worker));
    reactor.drain();
    assertSame(failureResultOf(d, IllegalStateException.class).value(), error);
  }

  @Test
  public void futureCompletedWithADeferredFailsClearly() {
    CompletableFuture<@Nullable Object> future = new CompletableFuture<>();
    Deferred<@Nullable Object> d = Deferred.fromFuture(future);
    future.complete(new Deferred<String>());
    failureResultOf(d, IllegalArgumentException.class);
  }

  @Test
  public void timeoutOnAFutureCancelsIt() {
    dev.torsion.internet.task.Clock clock = new dev.torsion.internet.task.Clock();
    CompletableFuture<String> future = new CompletableFuture<>();
    Deferred<String> d = Deferred.fromFuture(future).addTimeout(5, clock);
    clock.advance(5);
    assertTrue(future.isCancelled());
    failureResultOf(d, TimeoutError.class);
  }
}
