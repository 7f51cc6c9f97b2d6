package dev.torsion.internet.interfaces;

import java.util.List;

/**
 * Time-based scheduling: run a callable some seconds from now.
 *
 * <p><b>Threading.</b> Only from the reactor thread (for {@code task.Clock}, the thread driving
 * it). Other threads use {@code callFromThread} first.
 *
 * <p><b>Re-entrancy.</b> May be called from inside a scheduled call, including to schedule another
 * call at the same time; calls due at equal times run in the order they were scheduled.
 *
 * <p><b>Errors.</b> A call that throws is the implementation's to report: a reactor logs it and
 * goes on; {@code task.Clock} lets it propagate out of {@code advance} so tests see it.
 *
 * <p><b>Differences from Twisted.</b> Delays are seconds as {@code double}, as in Twisted, but
 * measured on a monotonic clock ({@link System#nanoTime()}), never the wall clock, so scheduled
 * calls are immune to clock steps. Extra positional and keyword arguments are captured by the
 * lambda instead of being passed to {@code callLater}.
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
