package dev.torsion.application;

import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.python.failure.Failure;
import org.jspecify.annotations.Nullable;

/**
 * Stands between the transport and a protocol {@link ClientService}'s factory built, so the
 * service hears when the connection is lost and can reach the transport to close it.
 *
 * @twisted twisted.application.internet._ReconnectingProtocolProxy
 */
class ReconnectingProtocolProxy implements IProtocol, ILoggingContext {
  final IProtocol wrapped;
  private final Runnable lostNotification;
  private @Nullable ITransport transport;

  ReconnectingProtocolProxy(IProtocol wrapped, Runnable lostNotification) {
    this.wrapped = wrapped;
    this.lostNotification = lostNotification;
  }

  /** Wraps {@code wrapped}, half-close capable exactly when it is (the transport asks). */
  static ReconnectingProtocolProxy wrap(IProtocol wrapped, Runnable lostNotification) {
    return wrapped instanceof IHalfCloseableProtocol
        ? new HalfCloseable(wrapped, lostNotification)
        : new ReconnectingProtocolProxy(wrapped, lostNotification);
  }

  /** The transport given to {@link #makeConnection}, or null before it. */
  @Nullable ITransport transport() {
    return transport;
  }

  @Override
  public void makeConnection(ITransport transport) {
    this.transport = transport;
    wrapped.makeConnection(transport);
  }

  @Override
  public void connectionMade() {
    wrapped.connectionMade();
  }

  @Override
  public void dataReceived(byte[] data) {
    wrapped.dataReceived(data);
  }

  @Override
  public void connectionLost(Failure reason) {
    // The service must hear of the loss even when the protocol's own handler throws.
    try {
      wrapped.connectionLost(reason);
    } finally {
      lostNotification.run();
    }
  }

  @Override
  public String logPrefix() {
    return wrapped instanceof ILoggingContext c
        ? c.logPrefix() : wrapped.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return "<ReconnectingProtocolProxy wrapping " + wrapped + ">";
  }

  /** The proxy for protocols that want half-close notifications. */
  static final class HalfCloseable extends ReconnectingProtocolProxy
      implements IHalfCloseableProtocol {
    HalfCloseable(IProtocol wrapped, Runnable lostNotification) {
      super(wrapped, lostNotification);
    }

    @Override
    public void readConnectionLost() {
      ((IHalfCloseableProtocol) wrapped).readConnectionLost();
    }

    @Override
    public void writeConnectionLost() {
      ((IHalfCloseableProtocol) wrapped).writeConnectionLost();
    }
  }
}
