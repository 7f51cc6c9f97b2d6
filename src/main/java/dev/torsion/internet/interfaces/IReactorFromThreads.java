package dev.torsion.internet.interfaces;

/**
 * The one door into the reactor thread from other threads.
 *
 * <p><b>Threading.</b> Safe from any thread; that is its purpose. Calls run on the reactor thread,
 * in the order each calling thread made them, and wake the reactor if it is waiting. No call is
 * lost, however many threads hand calls over at once. Handing over costs a lock-free enqueue,
 * plus one wake-up system call only when the loop is blocked waiting for I/O.
 *
 * <p><b>Re-entrancy.</b> May be called from the reactor thread too, including from a call
 * handed over this way: such a call runs on the next pass of the loop, after timers and I/O, so
 * a call that keeps handing itself over cannot starve them. Calls handed over before the reactor
 * runs wait for {@code run()} (or {@code iterate}).
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
