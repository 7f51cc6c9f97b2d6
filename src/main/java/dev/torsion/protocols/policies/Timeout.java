package dev.torsion.protocols.policies;

import dev.torsion.internet.error.AlreadyCalled;
import dev.torsion.internet.error.AlreadyCancelled;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.reactor.Reactors;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An idle timeout a protocol owns: after {@link #setTimeout(double)}, the
 * {@code timeoutConnection} action runs once that many seconds pass without a
 * {@link #resetTimeout()}. This is Twisted's {@code TimeoutMixin} as an object the protocol holds
 * instead of a base class it mixes in.
 *
 * <p><b>Porting a class that uses {@code TimeoutMixin}.</b> Give the protocol a {@code Timeout}
 * field; the mixin's {@code timeOut} class attribute becomes the constructor's {@code timeOut}
 * argument, its {@code timeoutConnection} method the action, its {@code callLater} override (a
 * test clock) the {@code clock} argument, and each {@code self.setTimeout(x)} /
 * {@code self.resetTimeout()} a call on the field:
 *
 * <pre>{@code
 * final class Session extends Protocol {                 // class Session(Protocol, TimeoutMixin):
 *   private final Timeout timeout =                      //     timeOut = 60
 *       new Timeout(60.0, this::timeoutConnection);
 *
 *   public void connectionMade() {
 *     timeout.setTimeout(timeout.timeOut());             //     self.setTimeout(self.timeOut)
 *   }
 *   public void dataReceived(byte[] data) {
 *     timeout.resetTimeout();                            //     self.resetTimeout()
 *   }
 *   public void connectionLost(Failure reason) {
 *     timeout.setTimeout(null);                          //     self.setTimeout(None)
 *   }
 *   private void timeoutConnection() {                   //     def timeoutConnection(self):
 *     transport().loseConnection();                      //         (the mixin's default)
 *   }
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> Nothing is scheduled until {@code setTimeout} is given a period. When the
 * timeout fires it is no longer pending ({@link #pending()} is false), but {@link #timeOut()}
 * keeps its period, so {@code setTimeout} or a new connection can start it again; a
 * {@code resetTimeout} after it fired does nothing. A pending call cancelled by someone else (a
 * reactor shutting down) is forgotten without error by {@code setTimeout(null)}.
 *
 * <p><b>Errors.</b> An exception from the action propagates to the clock running it; a reactor
 * logs it.
 *
 * <p><b>Threading.</b> Reactor thread only, as the protocol that owns it.
 *
 * <p><b>Differences from Twisted.</b> Composition instead of a mixin; the periods are seconds as
 * {@code Double}, null for Twisted's {@code None}. Without a clock, the global reactor
 * ({@link Reactors#current()}) is looked up when the first call is scheduled.
 *
 * @twisted twisted.protocols.policies.TimeoutMixin
 */
public final class Timeout {
  private final @Nullable IReactorTime clock;
  private final Runnable timeoutConnection;
  private @Nullable Double timeOut;
  private @Nullable IDelayedCall timeoutCall;

  /**
   * A timeout scheduled on the global reactor.
   *
   * @param timeOut the initial period in seconds (not scheduled yet), or null
   * @param timeoutConnection what to do when the timeout fires
   */
  public Timeout(@Nullable Double timeOut, Runnable timeoutConnection) {
    this(null, timeOut, timeoutConnection);
  }

  /**
   * A timeout scheduled on {@code clock}.
   *
   * @param clock where the call is scheduled (a reactor, or a {@code task.Clock} in tests); null
   *     for the global reactor
   * @param timeOut the initial period in seconds (not scheduled yet), or null
   * @param timeoutConnection what to do when the timeout fires
   * @twisted twisted.protocols.policies.TimeoutMixin.callLater
   */
  public Timeout(@Nullable IReactorTime clock, @Nullable Double timeOut,
      Runnable timeoutConnection) {
    this.clock = clock;
    this.timeOut = checked(timeOut);
    this.timeoutConnection = Objects.requireNonNull(timeoutConnection, "timeoutConnection");
  }

  private static @Nullable Double checked(@Nullable Double period) {
    if (period != null && (period.isNaN() || period < 0)) {
      throw new IllegalArgumentException("timeout must be a number >= 0, not " + period);
    }
    return period;
  }

  /**
   * The current period.
   *
   * @return seconds, or null when there is none
   * @twisted twisted.protocols.policies.TimeoutMixin.timeOut
   */
  public @Nullable Double timeOut() {
    return timeOut;
  }

  /**
   * Whether a timeout call is scheduled now.
   *
   * @return true between a {@code setTimeout} with a period and the firing or cancelling
   */
  public boolean pending() {
    return timeoutCall != null;
  }

  /**
   * Changes the period: null cancels the pending call; a period reschedules the pending call to
   * that many seconds from now, or schedules one if none is pending.
   *
   * @param period seconds, or null to cancel
   * @return the previous period, or null
   * @throws IllegalArgumentException if {@code period} is negative or NaN
   * @twisted twisted.protocols.policies.TimeoutMixin.setTimeout
   */
  public @Nullable Double setTimeout(@Nullable Double period) {
    Double prev = timeOut;
    timeOut = checked(period);
    IDelayedCall call = timeoutCall;
    if (call != null) {
      if (period == null) {
        try {
          call.cancel();
        } catch (AlreadyCalled | AlreadyCancelled e) {
          // Someone else (a stopping reactor) got there first: nothing left to cancel.
        }
        timeoutCall = null;
      } else {
        call.reset(period);
      }
    } else if (period != null) {
      IReactorTime c = clock != null ? clock : Reactors.current();
      timeoutCall = c.callLater(period, this::timedOut);
    }
    return prev;
  }

  /**
   * Changes the period; the same as {@link #setTimeout(Double)} with a number.
   *
   * @param period seconds
   * @return the previous period, or null
   * @throws IllegalArgumentException if {@code period} is negative or NaN
   * @twisted twisted.protocols.policies.TimeoutMixin.setTimeout
   */
  public @Nullable Double setTimeout(double period) {
    return setTimeout(Double.valueOf(period));
  }

  /**
   * Restarts the pending countdown from now with the current period; does nothing when none is
   * pending. Call it whenever there is traffic.
   *
   * @twisted twisted.protocols.policies.TimeoutMixin.resetTimeout
   */
  public void resetTimeout() {
    IDelayedCall call = timeoutCall;
    Double period = timeOut;
    if (call != null && period != null) {
      call.reset(period);
    }
  }

  private void timedOut() {
    timeoutCall = null;
    timeoutConnection.run();
  }

  @Override
  public String toString() {
    return "<Timeout timeOut=" + timeOut + (timeoutCall != null ? " pending>" : ">");
  }
}
