package dev.torsion.internet.interfaces;

import dev.torsion.python.threadpool.ThreadPool;

/**
 * The reactor's thread pool, and the hand-off back to the reactor thread: the two halves of
 * running blocking work without blocking the loop. Blocking calls (file I/O, JDBC, a library that
 * waits) go to the pool with {@link #callInThread}; their results come back with
 * {@link #callFromThread}. {@code dev.torsion.internet.threads.Threads.deferToThread} does both and
 * gives a Deferred.
 *
 * <p><b>Lifecycle.</b> The pool is created on first use as {@code ThreadPool(0, 10,
 * "torsion.internet.reactor")} (minimum 0, maximum 10 threads, as in Twisted). It starts when the
 * reactor runs: work handed in before {@code run()} waits, and no thread exists until then. It is
 * stopped by a {@code "during", "shutdown"} trigger, so {@code "before"} shutdown triggers can
 * still use it and the work they wait for finishes first; stopping lets running work and the
 * backlog finish and waits for the threads a bounded time (see {@link ThreadPool#stop()}). Work
 * handed to the stopped pool after shutdown is dropped.
 *
 * <p><b>Threading.</b> {@link #getThreadPool()}, {@link #suggestThreadPoolSize} and
 * {@link #callInThread} belong to the reactor thread; {@link #callFromThread} is safe from any
 * thread. The pool object itself is thread-safe.
 *
 * <p><b>Errors.</b> Work that throws on the pool is logged with its stack; the thread goes on.
 *
 * <p><b>Differences from Twisted.</b> Pool threads are daemon threads, and the pool's threads
 * above its minimum end after a minute idle. Stopping the pool waits for its threads ten seconds
 * at most, where Twisted waits for ever: a pool thread stuck in blocking work, or waiting on the
 * reactor through {@code blockingCallFromThread} while the reactor shuts down, delays shutdown by
 * that much at most, with a warning naming the thread.
 *
 * @twisted twisted.internet.interfaces.IReactorThreads
 */
public interface IReactorThreads extends IReactorFromThreads, IReactorInThreads {
  /**
   * The reactor's pool, created if need be. Adjust it ({@code adjustPoolsize}) or hand it to
   * {@code Threads.deferToThreadPool}; do not start or stop it: the reactor does.
   *
   * @return the pool
   * @twisted twisted.internet.interfaces.IReactorThreads.getThreadPool
   */
  ThreadPool getThreadPool();

  /**
   * Sets the pool's maximum size (lowering its minimum too if that is above {@code size}).
   *
   * @param size the most threads it may run at once; 0 holds all work back
   * @throws IllegalArgumentException if {@code size} is negative
   * @twisted twisted.internet.interfaces.IReactorThreads.suggestThreadPoolSize
   */
  void suggestThreadPoolSize(int size);
}
