package dev.torsion.protocols.policies;

import dev.torsion.internet.error.AlreadyCalled;
import dev.torsion.internet.error.AlreadyCancelled;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.python.failure.Failure;
import org.jspecify.annotations.Nullable;

/**
 * The wrapper a {@link TimeoutFactory} puts around each protocol: it closes the connection
 * ({@code loseConnection}) when nothing is received or written for the timeout period.
 *
 * <p><b>Lifecycle.</b> The countdown starts when the wrapper is built, before the connection is
 * made; {@code dataReceived}, {@code write} and {@code writeSequence} restart it, and
 * {@code connectionLost} cancels it.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> Periods are seconds as {@code Double}, null for
 * {@code None}. Built only by {@link TimeoutFactory}.
 *
 * @twisted twisted.protocols.policies.TimeoutProtocol
 */
public final class TimeoutProtocol extends ProtocolWrapper {
  private final TimeoutFactory timeoutFactory;
  private @Nullable IDelayedCall timeoutCall;
  private @Nullable Double timeoutPeriod;

  TimeoutProtocol(TimeoutFactory factory, IProtocol wrappedProtocol,
      @Nullable Double timeoutPeriod) {
    super(factory, wrappedProtocol);
    this.timeoutFactory = factory;
    setTimeout(timeoutPeriod);
  }

  /**
   * The pending timeout call.
   *
   * @return the call, or null when no timeout is set
   * @twisted twisted.protocols.policies.TimeoutProtocol.timeoutCall
   */
  public @Nullable IDelayedCall timeoutCall() {
    return timeoutCall;
  }

  /**
   * Cancels any pending timeout and, given a period, starts a new one.
   *
   * @param timeoutPeriod seconds, or null for no timeout
   * @twisted twisted.protocols.policies.TimeoutProtocol.setTimeout
   */
  public void setTimeout(@Nullable Double timeoutPeriod) {
    cancelTimeout();
    this.timeoutPeriod = timeoutPeriod;
    if (timeoutPeriod != null) {
      timeoutCall = timeoutFactory.callLater(timeoutPeriod, this::timeoutFunc);
    }
  }

  /**
   * Cancels the pending timeout; does nothing if there is none, or if it already fired or was
   * cancelled elsewhere.
   *
   * @twisted twisted.protocols.policies.TimeoutProtocol.cancelTimeout
   */
  public void cancelTimeout() {
    timeoutPeriod = null;
    IDelayedCall call = timeoutCall;
    if (call != null) {
      try {
        call.cancel();
      } catch (AlreadyCalled | AlreadyCancelled e) {
        // It fired, or a stopping reactor cancelled it: either way it is gone.
      }
      timeoutCall = null;
    }
  }

  /**
   * Restarts the countdown from now, if one is pending.
   *
   * @twisted twisted.protocols.policies.TimeoutProtocol.resetTimeout
   */
  public void resetTimeout() {
    IDelayedCall call = timeoutCall;
    Double period = timeoutPeriod;
    if (call != null && period != null && call.active()) {
      call.reset(period);
    }
  }

  @Override
  public void write(byte[] data) {
    resetTimeout();
    super.write(data);
  }

  @Override
  public void writeSequence(Iterable<byte[]> data) {
    resetTimeout();
    super.writeSequence(data);
  }

  @Override
  public void dataReceived(byte[] data) {
    resetTimeout();
    super.dataReceived(data);
  }

  @Override
  public void connectionLost(Failure reason) {
    cancelTimeout();
    super.connectionLost(reason);
  }

  private void timeoutFunc() {
    loseConnection();
  }
}
