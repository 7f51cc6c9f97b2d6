package dev.torsion.internet.interfaces;

/**
 * A call scheduled with {@link IReactorTime#callLater}.
 *
 * <p><b>Threading.</b> As its scheduler: the reactor thread only.
 *
 * <p><b>Lifecycle.</b> Pending, then either called (it counts as called from the moment it
 * starts running, so cancelling itself from inside raises {@code AlreadyCalled}) or cancelled.
 * A cancelled call lets go of its callable at once.
 *
 * <p><b>Errors.</b> {@link #cancel}, {@link #reset} and {@link #delay} throw
 * {@code dev.torsion.internet.error.AlreadyCalled} once the call has run and
 * {@code dev.torsion.internet.error.AlreadyCancelled} once it was cancelled; a NaN time is an
 * {@link IllegalArgumentException}. What the call itself throws is its scheduler's to report.
 *
 * <p><b>Testing.</b> {@code toString()} reads like Twisted's repr,
 * {@code <DelayedCall 0x1f [4.5s] called=0 cancelled=0 callable>}; a reactor's calls can also
 * record the stack that created them (Twisted's {@code DelayedCall.debug}), shown there and in
 * the log when the call throws, to find where a stray call came from.
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
   * Moves the call to {@code secondsFromNow} seconds from now, earlier or later.
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
