package dev.torsion.internet.task;

import dev.torsion.internet.error.AlreadyCalled;
import dev.torsion.internet.error.AlreadyCancelled;
import dev.torsion.internet.interfaces.IDelayedCall;

/**
 * A call scheduled on a {@link Clock}; see {@link IDelayedCall} for the contract.
 *
 * @twisted twisted.internet.base.DelayedCall
 */
public final class DelayedCall implements IDelayedCall {
  private enum State { PENDING, CALLED, CANCELLED }

  private final Clock clock;
  private final Runnable callable;
  private final long sequence;
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
    return callable;
  }

  void markCalled() {
    state = State.CALLED;
  }

  @Override
  public double getTime() {
    return time;
  }

  @Override
  public void cancel() {
    checkPending();
    state = State.CANCELLED;
    clock.remove(this);
  }

  @Override
  public void reset(double secondsFromNow) {
    checkPending();
    time = clock.seconds() + secondsFromNow;
    clock.reschedule(this);
  }

  @Override
  public void delay(double secondsLater) {
    checkPending();
    time += secondsLater;
    clock.reschedule(this);
  }

  @Override
  public boolean active() {
    return state == State.PENDING;
  }

  private void checkPending() {
    if (state == State.CALLED) {
      throw new AlreadyCalled(toString());
    }
    if (state == State.CANCELLED) {
      throw new AlreadyCancelled(toString());
    }
  }

  /** Reads like Twisted's repr: {@code <DelayedCall 0x1f time=1.5 called=false cancelled=false>}. */
  @Override
  public String toString() {
    return "<DelayedCall 0x" + Integer.toHexString(System.identityHashCode(this))
        + " [" + (time - clock.seconds()) + "s] called=" + (state == State.CALLED)
        + " cancelled=" + (state == State.CANCELLED) + " " + callable + ">";
  }
}
