package dev.torsion.internet.interfaces;

/**
 * A call scheduled with {@link IReactorTime#callLater}.
 *
 * <p><b>Threading.</b> As its scheduler: the reactor thread only.
 *
 * <p><b>Errors.</b> {@link #cancel}, {@link #reset} and {@link #delay} throw
 * {@code dev.torsion.internet.error.AlreadyCalled} once the call has run and
 * {@code dev.torsion.internet.error.AlreadyCancelled} once it was cancelled.
 *
 * @twisted twisted.internet.interfaces.IDelayedCall
 */
public interface IDelayedCall {
  /**
   * When the call is due, in the scheduler's {@link IReactorTime#seconds()}.
   *
   * @return seconds
   * @twisted twisted.internet.interfaces.IDelayedCall.getTime
   */
  double getTime();

  /**
   * Unschedules the call.
   *
   * @twisted twisted.internet.interfaces.IDelayedCall.cancel
   */
  void cancel();

  /**
   * Moves the call to {@code secondsFromNow} seconds from now.
   *
   * @param secondsFromNow the new delay, counted from the current time
   * @twisted twisted.internet.interfaces.IDelayedCall.reset
   */
  void reset(double secondsFromNow);

  /**
   * Postpones the call by {@code secondsLater} more seconds.
   *
   * @param secondsLater seconds to add to the due time; negative brings it forward
   * @twisted twisted.internet.interfaces.IDelayedCall.delay
   */
  void delay(double secondsLater);

  /**
   * Whether the call is still going to run: neither run nor cancelled.
   *
   * @return true while pending
   * @twisted twisted.internet.interfaces.IDelayedCall.active
   */
  boolean active();
}
