package dev.torsion.internet.interfaces;

/**
 * The one door into the reactor thread from other threads.
 *
 * <p><b>Threading.</b> Safe from any thread; that is its purpose. Calls run on the reactor thread,
 * in the order each calling thread made them, and wake the reactor if it is waiting.
 *
 * <p><b>Errors.</b> A call that throws is logged with its stack and the reactor goes on.
 *
 * @twisted twisted.internet.interfaces.IReactorFromThreads
 */
public interface IReactorFromThreads {
  /**
   * Runs {@code callable} on the reactor thread, soon.
   *
   * @param callable what to run
   * @twisted twisted.internet.interfaces.IReactorFromThreads.callFromThread
   */
  void callFromThread(Runnable callable);
}
