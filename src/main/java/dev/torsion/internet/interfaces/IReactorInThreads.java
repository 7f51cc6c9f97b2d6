package dev.torsion.internet.interfaces;

/**
 * Running work on the reactor's thread pool, off the reactor thread.
 *
 * <p><b>Threading.</b> Call it on the reactor thread. The work runs on a pool thread, so it may
 * block, but it must not touch reactor-owned objects (transports, Deferreds, protocols): it hands
 * results back with {@link IReactorFromThreads#callFromThread}.
 *
 * <p><b>Lifecycle.</b> Work handed in before the reactor runs waits until it does; see
 * {@link IReactorThreads} for the pool's lifecycle.
 *
 * <p><b>Errors.</b> An exception the work throws is logged with its stack, through
 * {@code internet.defer.UnhandledErrors}; nothing else sees it.
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
