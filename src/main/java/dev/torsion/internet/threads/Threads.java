package dev.torsion.internet.threads;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IReactorFromThreads;
import dev.torsion.internet.interfaces.IReactorInThreads;
import dev.torsion.internet.interfaces.IReactorThreads;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.python.failure.Failure;
import dev.torsion.python.threadpool.ThreadPool;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Moving work between the reactor thread and other threads.
 *
 * <ul>
 *   <li>From the reactor thread to a pool and back: {@link #deferToThread} runs a blocking call on
 *       the reactor's pool and gives its result as a {@link Deferred} that fires on the reactor
 *       thread; {@link #deferToThreadPool} does the same on a pool of your own.</li>
 *   <li>From another thread into the reactor, waiting: {@link #blockingCallFromThread}.</li>
 * </ul>
 *
 * <pre>{@code
 * Threads.deferToThread(reactor, () -> Files.readString(path))
 *     .addCallback(text -> { protocol.send(text); return null; });
 * }</pre>
 *
 * <p><b>Threading.</b> {@code deferToThread}, {@code deferToThreadPool} and
 * {@code callMultipleInThread} are called on the reactor thread, like the Deferreds they return;
 * {@code blockingCallFromThread} is called on any other thread, never the reactor's.
 *
 * <p><b>Errors.</b> What a call run on a pool throws fails the returned Deferred with that error.
 * {@code blockingCallFromThread} rethrows what its call threw, or the error its Deferred failed
 * with.
 *
 * <p><b>Differences from Twisted.</b> The reactor is a parameter instead of the global one. Extra
 * arguments are captured by the lambda, and {@code callMultipleInThread} takes
 * {@link Runnable}s rather than {@code (f, args, kwargs)} tuples. {@code blockingCallFromThread}
 * refuses to run on the reactor thread, where Twisted would wait for ever.
 *
 * @twisted twisted.internet.threads
 */
public final class Threads {
  private Threads() {}

  /**
   * Runs {@code f} on the reactor's thread pool; the returned Deferred fires on the reactor
   * thread with what {@code f} returned, or fails with what it threw. The pool starts when the
   * reactor runs: a call made before waits until then.
   *
   * @param reactor the reactor whose pool runs {@code f} and whose thread gets the result
   * @param f the blocking call; it must not return a Deferred
   * @param <T> its result type
   * @return a Deferred of the result
   * @twisted twisted.internet.threads.deferToThread
   */
  public static <T extends @Nullable Object> Deferred<T> deferToThread(IReactorThreads reactor,
      Defer.Call<? extends T> f) {
    return deferToThreadPool(reactor, reactor.getThreadPool(), f);
  }

  /**
   * Runs {@code f} on {@code pool}; the returned Deferred fires on the reactor thread with what
   * {@code f} returned, or fails with what it threw. For code that keeps its own pool (to bound
   * the blocking calls of one kind, say); others use {@link #deferToThread}.
   *
   * @param reactor the reactor on whose thread the Deferred fires
   * @param pool the pool that runs {@code f}
   * @param f the blocking call; it must not return a Deferred
   * @param <T> its result type
   * @return a Deferred of the result
   * @twisted twisted.internet.threads.deferToThreadPool
   */
  public static <T extends @Nullable Object> Deferred<T> deferToThreadPool(
      IReactorFromThreads reactor, ThreadPool pool, Defer.Call<? extends T> f) {
    Objects.requireNonNull(reactor, "reactor");
    Objects.requireNonNull(f, "f");
    Deferred<T> d = new Deferred<>();
    pool.callInThreadWithCallback(new Handback<>(reactor, d), f);
    return d;
  }

  /**
   * Carries an outcome from the pool thread back to the reactor thread: the pool's callback and
   * the thread call in one object, so a round trip allocates no more than it must.
   */
  private static final class Handback<T extends @Nullable Object>
      implements ThreadPool.OnResult, Runnable {
    private final IReactorFromThreads reactor;
    private final Deferred<T> d;
    private boolean success;
    private @Nullable Object result;

    Handback(IReactorFromThreads reactor, Deferred<T> d) {
      this.reactor = reactor;
      this.d = d;
    }

    @Override
    public void onResult(boolean ok, @Nullable Object outcome) {
      success = ok;
      result = outcome;
      // The thread-call queue publishes these fields to the reactor thread.
      reactor.callFromThread(this);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
      if (success) {
        d.callback((T) result);
      } else {
        d.errback((Failure) Objects.requireNonNull(result));
      }
    }

    @Override
    public String toString() {
      return "deferToThread result for " + d;
    }
  }

  /**
   * Runs {@code calls} one after another on one thread of the reactor's pool. One that throws is
   * logged, and the ones after it do not run.
   *
   * @param reactor the reactor whose pool runs them
   * @param calls what to run, in order
   * @twisted twisted.internet.threads.callMultipleInThread
   */
  public static void callMultipleInThread(IReactorInThreads reactor,
      List<? extends Runnable> calls) {
    List<Runnable> copy = List.copyOf(calls);
    reactor.callInThread(() -> {
      for (Runnable r : copy) {
        r.run();
      }
    });
  }

  /**
   * Runs {@code f} on the reactor thread and waits for its result: the calling thread blocks
   * until {@code f} has run and, if it returned a {@link Deferred}, until that fired (the typed
   * form for such calls is {@link #blockingCallFromThreadAsync}). For code on other threads
   * (a pool, a UI, a legacy library's callback) that must use reactor-owned objects.
   *
   * <p>Call it only while the reactor runs or is about to: a call handed to a reactor that has
   * stopped never runs, and the caller would wait for ever. Never call it from a pool thread
   * during the reactor's shutdown either, which waits for those threads.
   *
   * @param reactor the reactor
   * @param f the call, run on the reactor thread
   * @param <T> its result type
   * @return what {@code f} returned, or what its Deferred fired with
   * @throws IllegalStateException if called on the reactor thread, which would wait for itself
   * @throws InterruptedException if the calling thread is interrupted while waiting ({@code f}
   *     may still run)
   * @throws Exception what {@code f} threw, or what its Deferred failed with (an
   *     {@link Error} is rethrown as it is)
   * @twisted twisted.internet.threads.blockingCallFromThread
   */
  @SuppressWarnings("unchecked")
  public static <T extends @Nullable Object> T blockingCallFromThread(
      IReactorFromThreads reactor, Defer.Call<? extends T> f) throws Exception {
    Objects.requireNonNull(reactor, "reactor");
    Objects.requireNonNull(f, "f");
    if (reactor instanceof Reactor r && r.isInReactorThread()) {
      throw new IllegalStateException("blockingCallFromThread called on the reactor thread, "
          + "which would wait for itself for ever; call f directly, or use its Deferred");
    }
    CompletableFuture<@Nullable Object> outcome = new CompletableFuture<>();
    reactor.callFromThread(() -> Defer.<T>maybeDeferred(f).addBoth(result -> {
      outcome.complete(result);
      return null;
    }));
    Object result;
    try {
      result = outcome.get();
    } catch (ExecutionException impossible) {
      throw new IllegalStateException(impossible);
    }
    if (result instanceof Failure failure) {
      Throwable t = failure.value();
      if (t instanceof Exception e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
      throw new ExecutionException(t);
    }
    return (T) result;
  }

  /**
   * Runs {@code f}, which returns a Deferred, on the reactor thread and waits until that
   * Deferred fires; as {@link #blockingCallFromThread}, typed for asynchronous calls.
   *
   * @param reactor the reactor
   * @param f the call, run on the reactor thread
   * @param <T> the result type of its Deferred
   * @return what the Deferred fired with
   * @throws IllegalStateException if called on the reactor thread
   * @throws InterruptedException if the calling thread is interrupted while waiting
   * @throws Exception what {@code f} threw, or what its Deferred failed with
   * @twisted twisted.internet.threads.blockingCallFromThread
   */
  @SuppressWarnings("unchecked")
  public static <T extends @Nullable Object> T blockingCallFromThreadAsync(
      IReactorFromThreads reactor, Defer.Call<? extends Deferred<? extends T>> f)
      throws Exception {
    return (T) blockingCallFromThread(reactor, (Defer.Call<Object>) (Defer.Call<?>) f);
  }
}
