package dev.torsion.internet.interfaces;

/**
 * Running work on the reactor's thread pool.
 *
 * @twisted twisted.internet.interfaces.IReactorInThreads
 */
public interface IReactorInThreads {
  /**
   * Runs {@code callable} on a thread of the reactor's pool, not on the reactor thread. An
   * exception it throws is logged. To get its result back on the reactor thread, use
   * {@code dev.torsion.internet.threads.Threads.deferToThread}.
   *
   * @param callable what to run
   * @twisted twisted.internet.interfaces.IReactorInThreads.callInThread
   */
  void callInThread(Runnable callable);
}
