package dev.torsion.internal.reactor;

import java.util.function.LongSupplier;

/**
 * The limits on stage 4's shortcut (docs/reactor-loop.md, "The skipped poll"): while work is
 * due at once, {@code run()} may end an iteration without polling, but only if the last poll
 * dispatched no event, fewer than {@link #MAX_SKIPPED_POLLS} polls were skipped in a row, and
 * less than {@link #MAX_SKIP_NANOS} has passed since the timer pass of the iteration that last
 * polled began. So an I/O event waits at most that many iterations, and that long, more than it
 * would with a poll every iteration, and a loop busy with I/O polls every time.
 *
 * <p>Reactor thread only. No allocation.
 */
final class PollSkip {
  /** Polls skipped in a row at most: every 64th iteration polls. */
  static final int MAX_SKIPPED_POLLS = 63;
  /** No poll is skipped once this long has passed since the last polling iteration's pass. */
  static final long MAX_SKIP_NANOS = 50_000;

  private final TimerQueue timers;
  private final ThreadCallQueue threadCalls;
  private final LongSupplier time;
  /** The timer-pass time of the last iteration that polled. */
  private long lastPollPass;
  /** Polls skipped since the last one; at the limit until a first poll. */
  private int skipped = MAX_SKIPPED_POLLS;
  /** Whether the last poll dispatched an event. */
  private boolean ioDispatched;

  PollSkip(TimerQueue timers, ThreadCallQueue threadCalls, LongSupplier time) {
    this.timers = timers;
    this.threadCalls = threadCalls;
    this.time = time;
  }

  /** A new {@code run()}: its first iteration polls. */
  void restart() {
    skipped = MAX_SKIPPED_POLLS;
  }

  /** The backend is dispatching events from the current poll. */
  void dispatched() {
    ioDispatched = true;
  }

  /**
   * Whether the iteration whose timer pass began at {@code passStart} skips its poll (and counts
   * it): work must be due at once (a call at delay 0, another due timer, a queued thread call),
   * and the limits above must allow it. Checks the cheapest conditions, and the clock, last.
   */
  boolean skip(long passStart) {
    if (ioDispatched || skipped >= MAX_SKIPPED_POLLS || passStart - lastPollPass >= MAX_SKIP_NANOS
        || !timers.hasImmediate() && threadCalls.isEmpty()
            && timers.nanosUntilNext(time.getAsLong()) != 0) {
      return false;
    }
    skipped++;
    return true;
  }

  /** The iteration whose timer pass began at {@code passStart} polls. */
  void polling(long passStart) {
    skipped = 0;
    lastPollPass = passStart;
    ioDispatched = false;
  }
}
