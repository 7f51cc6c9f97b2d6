package dev.torsion.internet.interfaces;

import java.util.List;

/**
 * Time-based scheduling: run a callable some seconds from now.
 *
 * <p><b>Threading.</b> Only from the reactor thread (for {@code task.Clock}, the thread driving
 * it). Other threads use {@code callFromThread} first.
 *
 * <p><b>Re-entrancy.</b> May be called from inside a scheduled call, including to schedule another
 * call at the same time; calls due at equal times run in the order they were scheduled. On a
 * reactor, a call scheduled by a running call (even with delay 0) runs on the next pass of the
 * loop, after I/O has had its turn, never in the pass that scheduled it.
 *
 * <p><b>Cost.</b> A reactor keeps its calls in a heap: scheduling and moving a call sooner cost
 * O(log n); cancelling and moving a call later cost O(1) (the heap catches up lazily), so
 * pushing back an idle timeout on every read is cheap.
 *
 * <p><b>Errors.</b> A call that throws is the implementation's to report: a reactor logs it and
 * goes on; {@code task.Clock} lets it propagate out of {@code advance} so tests see it.
 *
 * <p><b>Differences from Twisted.</b> Delays are seconds as {@code double}, as in Twisted, but
 * measured on a monotonic clock ({@link System#nanoTime()}), never the wall clock, so scheduled
 * calls are immune to clock steps. Extra positional and keyword arguments are captured by the
 * lambda instead of being passed to {@code callLater}. A delay too large for the clock (Twisted's
 * tests use 2**128 s) means "never" instead of overflowing. Twisted's reactors promise no order
 * among calls due at the same time; Torsion's run them in the order scheduled.
 *
 * @twisted twisted.internet.interfaces.IReactorTime
 */
public interface IReactorTime {
  /**
   * The current time in seconds, on this scheduler's clock. Only differences between two readings
   * mean anything.
   *
   * @return seconds
   * @twisted twisted.internet.interfaces.IReactorTime.seconds
   */
  double seconds();

  /**
   * Runs {@code callable} once, {@code delay} seconds from now.
   *
   * @param delay seconds from now; zero runs it on the next pass, never synchronously
   * @param callable what to run
   * @return a handle to cancel, reset or delay the call
   * @throws IllegalArgumentException if {@code delay} is negative or not a number
   * @twisted twisted.internet.interfaces.IReactorTime.callLater
   */
  IDelayedCall callLater(double delay, Runnable callable);

  /**
   * Every call scheduled and not yet run or cancelled.
   *
   * @return a snapshot, in no particular order
   * @twisted twisted.internet.interfaces.IReactorTime.getDelayedCalls
   */
  List<IDelayedCall> getDelayedCalls();
}
