package dev.torsion.protocols.policies;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.reactor.Reactors;
import org.jspecify.annotations.Nullable;

/**
 * A factory whose connections are closed after a period with no traffic in either direction:
 * each protocol of the wrapped factory is connected through a {@link TimeoutProtocol}.
 *
 * <pre>{@code
 * reactor.listenTCP(8000, new TimeoutFactory(Factory.forProtocol(Echo::new), 60.0));
 * }</pre>
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> Twisted's tests override {@code callLater} to use a test
 * clock; here the clock is a constructor argument. Without one the global reactor
 * ({@link Reactors#current()}) is looked up when a timeout is scheduled.
 *
 * @twisted twisted.protocols.policies.TimeoutFactory
 */
public final class TimeoutFactory extends WrappingFactory {
  private final @Nullable Double timeoutPeriod;
  private final @Nullable IReactorTime clock;

  /**
   * Connections of {@code wrappedFactory} that time out after 30 minutes idle.
   *
   * @param wrappedFactory the factory whose protocols to wrap
   */
  public TimeoutFactory(IProtocolFactory wrappedFactory) {
    this(wrappedFactory, 30 * 60.0, null);
  }

  /**
   * Connections of {@code wrappedFactory} that time out after {@code timeoutPeriod} idle.
   *
   * @param wrappedFactory the factory whose protocols to wrap
   * @param timeoutPeriod seconds, or null for no timeout
   */
  public TimeoutFactory(IProtocolFactory wrappedFactory, @Nullable Double timeoutPeriod) {
    this(wrappedFactory, timeoutPeriod, null);
  }

  /**
   * Connections of {@code wrappedFactory} that time out after {@code timeoutPeriod} idle, timed
   * by {@code clock}.
   *
   * @param wrappedFactory the factory whose protocols to wrap
   * @param timeoutPeriod seconds, or null for no timeout
   * @param clock the clock to schedule timeouts on; null for the global reactor
   * @throws IllegalArgumentException if {@code timeoutPeriod} is negative or NaN
   * @twisted twisted.protocols.policies.TimeoutFactory.__init__
   */
  public TimeoutFactory(IProtocolFactory wrappedFactory, @Nullable Double timeoutPeriod,
      @Nullable IReactorTime clock) {
    super(wrappedFactory);
    if (timeoutPeriod != null && (timeoutPeriod.isNaN() || timeoutPeriod < 0)) {
      throw new IllegalArgumentException("timeoutPeriod must be >= 0, not " + timeoutPeriod);
    }
    this.timeoutPeriod = timeoutPeriod;
    this.clock = clock;
  }

  /**
   * The idle period of new connections.
   *
   * @return seconds, or null for none
   * @twisted twisted.protocols.policies.TimeoutFactory.timeoutPeriod
   */
  public @Nullable Double timeoutPeriod() {
    return timeoutPeriod;
  }

  /**
   * Builds and wraps the wrapped factory's protocol; its countdown starts now.
   *
   * @param addr the peer's address
   * @return the wrapper, or null if the wrapped factory refused the connection
   * @twisted twisted.protocols.policies.TimeoutFactory.buildProtocol
   */
  @Override
  public @Nullable TimeoutProtocol buildProtocol(IAddress addr) {
    return (TimeoutProtocol) super.buildProtocol(addr);
  }

  @Override
  protected ProtocolWrapper wrapProtocol(IProtocol wrappedProtocol) {
    return new TimeoutProtocol(this, wrappedProtocol, timeoutPeriod);
  }

  IDelayedCall callLater(double period, Runnable func) {
    IReactorTime c = clock != null ? clock : Reactors.current();
    return c.callLater(period, func);
  }
}
