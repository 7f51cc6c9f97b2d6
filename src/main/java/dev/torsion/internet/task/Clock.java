package dev.torsion.internet.task;

import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IReactorTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A scheduler whose time moves only when told: {@link #advance} runs what falls due. The way to
 * test anything timed without waiting.
 *
 * <pre>{@code
 * Clock clock = new Clock();
 * Deferred<String> d = Task.deferLater(clock, 3, () -> "done");
 * clock.advance(2);   // nothing yet
 * clock.advance(1);   // d fires with "done"
 * }</pre>
 *
 * <p>Time starts at 0. Calls run in order of due time; calls due at equal times run in the order
 * {@link #callLater} created them, except that a call moved with {@code reset} or {@code delay}
 * goes ahead of the calls already due at its new time if it moved later, and behind them if it
 * moved earlier (as Twisted's {@code Clock}; its reactors promise no order among equal times).
 * Scheduling, cancelling and rescheduling cost O(log n) in the number of pending calls.
 *
 * <p><b>Threading.</b> Not thread-safe: use it from the test's thread.
 *
 * <p><b>Re-entrancy.</b> A running call may schedule, cancel or reschedule calls, and may itself
 * call {@link #advance}: calls that fall due within the new time run before {@code advance}
 * returns.
 *
 * <p><b>Errors.</b> A call that throws propagates out of {@link #advance}, so the test sees it;
 * the calls still due stay scheduled and run on the next {@code advance}.
 *
 * <p><b>Differences from Twisted.</b> A negative or NaN delay, or moving time backwards, is an
 * {@link IllegalArgumentException} (Twisted's {@code Clock} accepts both silently; its reactors
 * reject negative delays). {@link #getDelayedCalls} is a snapshot, not the live list.
 *
 * @twisted twisted.internet.task.Clock
 */
public final class Clock implements IReactorTime {
  private static final Comparator<DelayedCall> ORDER =
      Comparator.comparingDouble(DelayedCall::getTime).thenComparingLong(DelayedCall::sequence);

  private final NavigableSet<DelayedCall> calls = new TreeSet<>(ORDER);
  private double rightNow;
  private long nextSequence;
  /** Hands out sequences below every other, for calls moved later (see {@link #reschedule}). */
  private long firstSequence;

  /** Creates a clock at time 0. */
  public Clock() {}

  /**
   * The clock's current time: 0 plus every amount it was advanced by.
   *
   * @return seconds
   * @twisted twisted.internet.task.Clock.seconds
   */
  @Override
  public double seconds() {
    return rightNow;
  }

  /**
   * Schedules {@code callable} to run once the clock has been advanced by {@code delay}.
   *
   * @param delay seconds from now, zero or more
   * @param callable what to run
   * @return its handle
   * @throws IllegalArgumentException if {@code delay} is negative or NaN
   * @twisted twisted.internet.task.Clock.callLater
   */
  @Override
  public DelayedCall callLater(double delay, Runnable callable) {
    Objects.requireNonNull(callable, "callable");
    if (!(delay >= 0)) {
      throw new IllegalArgumentException("delay must be >= 0, not " + delay);
    }
    DelayedCall call = new DelayedCall(this, rightNow + delay, callable, nextSequence++);
    calls.add(call);
    return call;
  }

  /**
   * Every call scheduled and not yet run or cancelled.
   *
   * @return a snapshot, in the order the calls will run
   * @twisted twisted.internet.task.Clock.getDelayedCalls
   */
  @Override
  public List<IDelayedCall> getDelayedCalls() {
    return new ArrayList<>(calls);
  }

  /**
   * Moves time forward by {@code amount} seconds and runs every call that falls due, in order,
   * including calls that those calls schedule within the new time. Time moves first, as in
   * Twisted: while the calls run, {@link #seconds()} reads the new time, and a delay given by a
   * running call counts from it.
   *
   * @param amount seconds, zero or more
   * @throws IllegalArgumentException if {@code amount} is negative or NaN
   * @twisted twisted.internet.task.Clock.advance
   */
  public void advance(double amount) {
    if (!(amount >= 0)) {
      throw new IllegalArgumentException("cannot go back in time: " + amount);
    }
    rightNow += amount;
    while (!calls.isEmpty() && calls.first().getTime() <= rightNow) {
      DelayedCall call = calls.pollFirst();
      // Marked before running, so the call sees itself as called (AlreadyCalled on cancel).
      call.markCalled();
      call.callable().run();
    }
  }

  /**
   * Advances by each amount in turn, as repeated {@link #advance} calls.
   *
   * @param timings seconds for each step
   * @throws IllegalArgumentException if an amount is negative or NaN
   * @twisted twisted.internet.task.Clock.pump
   */
  public void pump(double... timings) {
    for (double amount : timings) {
      advance(amount);
    }
  }

  void remove(DelayedCall call) {
    calls.remove(call);
  }

  /**
   * Moves a pending call; the set is keyed on (time, sequence), so it leaves the set while they
   * change. Twisted's Clock re-sorts a list stably by time, so a call moved later keeps its place
   * ahead of the calls already due at its new time, and a call moved earlier lands behind them:
   * new sequences reproduce that.
   */
  void reschedule(DelayedCall call, double newTime) {
    calls.remove(call);
    if (newTime > call.getTime()) {
      call.setSequence(--firstSequence);
    } else if (newTime < call.getTime()) {
      call.setSequence(nextSequence++);
    }
    call.setTime(newTime);
    calls.add(call);
  }
}
