package dev.torsion.internet.task;

import dev.torsion.internet.error.AlreadyCalled;
import dev.torsion.internet.error.AlreadyCancelled;
import dev.torsion.internet.interfaces.IDelayedCall;
import org.jspecify.annotations.Nullable;

/**
 * A call scheduled on a {@link Clock}; see {@link IDelayedCall} for the contract.
 *
 * @twisted twisted.internet.base.DelayedCall
 */
public final class DelayedCall implements IDelayedCall {
  private enum State { PENDING, CALLED, CANCELLED }

  private final Clock clock;
  private long sequence;
  /** Dropped on cancel, as Twisted drops {@code func}, so a cancelled handle holds nothing. */
  private @Nullable Runnable callable;
  private double time;
  private State state = State.PENDING;

  DelayedCall(Clock clock, double time, Runnable callable, long sequence) {
    this.clock = clock;
    this.time = time;
    this.callable = callable;
    this.sequence = sequence;
  }

  long sequence() {
    return sequence;
  }

  Runnable callable() {
    Runnable c = callable;
    if (c == null) {
      throw new IllegalStateException("cancelled call has no callable");
    }
    return c;
  }

  void setSequence(long newSequence) {
    sequence = newSequence;
  }

  void markCalled() {
    state = State.CALLED;
  }

  void setTime(double newTime) {
    time = newTime;
  }

  @Override
  public double getTime() {
    return time;
  }

  @Override
  public void cancel() {
    checkPending();
    clock.remove(this);
    state = State.CANCELLED;
    callable = null;
  }

  @Override
  public void reset(double secondsFromNow) {
    checkPending();
    checkNumber(secondsFromNow);
    clock.reschedule(this, clock.seconds() + secondsFromNow);
  }

  @Override
  public void delay(double secondsLater) {
    checkPending();
    checkNumber(secondsLater);
    clock.reschedule(this, time + secondsLater);
  }

  @Override
  public boolean active() {
    return state == State.PENDING;
  }

  private void checkPending() {
    // Twisted checks cancelled first; a call cannot be both, so the order only documents intent.
    if (state == State.CANCELLED) {
      throw new AlreadyCancelled(toString());
    }
    if (state == State.CALLED) {
      throw new AlreadyCalled(toString());
    }
  }

  private static void checkNumber(double seconds) {
    if (Double.isNaN(seconds)) {
      throw new IllegalArgumentException("seconds must be a number, not NaN");
    }
  }

  /** Reads like Twisted's repr: {@code <DelayedCall 0x1f [1.5s] called=false cancelled=false>}. */
  @Override
  public String toString() {
    return "<DelayedCall 0x" + Integer.toHexString(System.identityHashCode(this))
        + " [" + (time - clock.seconds()) + "s] called=" + (state == State.CALLED)
        + " cancelled=" + (state == State.CANCELLED)
        + (callable == null ? "" : " " + callable) + ">";
  }
}
