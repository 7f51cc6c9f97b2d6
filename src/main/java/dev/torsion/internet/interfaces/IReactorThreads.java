package dev.torsion.internet.interfaces;

import dev.torsion.python.threadpool.ThreadPool;

/**
 * The reactor's thread pool, and the hand-off back to the reactor thread.
 *
 * <p><b>Lifecycle.</b> The pool is created on first use (minimum 0, maximum 10 threads, as in
 * Twisted), started when the reactor runs, and stopped by a {@code "during", "shutdown"}
 * trigger.
 *
 * @twisted twisted.internet.interfaces.IReactorThreads
 */
public interface IReactorThreads extends IReactorFromThreads, IReactorInThreads {
  /**
   * The reactor's pool, created if need be.
   *
   * @return the pool
   * @twisted twisted.internet.interfaces.IReactorThreads.getThreadPool
   */
  ThreadPool getThreadPool();

  /**
   * Sets the pool's maximum size.
   *
   * @param size the most threads it may run at once
   * @twisted twisted.internet.interfaces.IReactorThreads.suggestThreadPoolSize
   */
  void suggestThreadPoolSize(int size);
}
