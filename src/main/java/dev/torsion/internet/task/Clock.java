package dev.torsion.internet.task;

import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IReactorTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A scheduler whose time moves only when told: {@link #advance} runs what falls due. The way to
 * test anything timed without waiting.
 *
 * <p>Time starts at 0. Calls run in order of due time; calls due at equal times run in the order
 * they were scheduled. A call that throws propagates out of {@link #advance}.
 *
 * <p><b>Threading.</b> Not thread-safe: use it from the test's thread.
 *
 * @twisted twisted.internet.task.Clock
 */
public final class Clock implements IReactorTime {
  private static final Comparator<DelayedCall> ORDER =
      Comparator.comparingDouble(DelayedCall::getTime).thenComparingLong(DelayedCall::sequence);

  private final List<DelayedCall> calls = new ArrayList<>();
  private double rightNow;
  private long nextSequence;

  /** Creates a clock at time 0. */
  public Clock() {}

  @Override
  public double seconds() {
    return rightNow;
  }

  @Override
  public DelayedCall callLater(double delay, Runnable callable) {
    Objects.requireNonNull(callable, "callable");
    if (!(delay >= 0)) {
      throw new IllegalArgumentException("delay must be >= 0, not " + delay);
    }
    DelayedCall call = new DelayedCall(this, rightNow + delay, callable, nextSequence++);
    calls.add(call);
    calls.sort(ORDER);
    return call;
  }

  @Override
  public List<IDelayedCall> getDelayedCalls() {
    return new ArrayList<>(calls);
  }

  /**
   * Moves time forward by {@code amount} seconds and runs every call that falls due, in order,
   * including calls that those calls schedule within the new time.
   *
   * @param amount seconds, not negative
   * @twisted twisted.internet.task.Clock.advance
   */
  public void advance(double amount) {
    if (!(amount >= 0)) {
      throw new IllegalArgumentException("cannot go back in time: " + amount);
    }
    rightNow += amount;
    while (!calls.isEmpty() && calls.get(0).getTime() <= rightNow) {
      DelayedCall call = calls.remove(0);
      call.markCalled();
      call.callable().run();
    }
  }

  /**
   * Advances by each amount in turn, as repeated {@link #advance} calls.
   *
   * @param timings seconds for each step
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

  void reschedule(DelayedCall call) {
    calls.sort(ORDER);
  }
}
