package dev.torsion.internet.endpoints;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;

/**
 * Stands between the transport and the protocol a client endpoint built, to fire the
 * endpoint's Deferred once that protocol's {@code connectionMade} has run.
 *
 * @twisted twisted.internet.endpoints._WrappingProtocol
 */
class WrappingProtocol extends Protocol {
  final Deferred<IProtocol> connected;
  final IProtocol wrapped;

  WrappingProtocol(Deferred<IProtocol> connected, IProtocol wrapped) {
    this.connected = connected;
    this.wrapped = wrapped;
  }

  /** Wraps {@code wrapped}, half-close capable and a handshake listener exactly when it is. */
  static WrappingProtocol wrap(Deferred<IProtocol> connected, IProtocol wrapped) {
    boolean halfClose = wrapped instanceof IHalfCloseableProtocol;
    if (wrapped instanceof IHandshakeListener) {
      return halfClose ? new HalfCloseableHandshake(connected, wrapped)
          : new Handshake(connected, wrapped);
    }
    return halfClose ? new HalfCloseable(connected, wrapped)
        : new WrappingProtocol(connected, wrapped);
  }

  @Override
  public String logPrefix() {
    return wrapped instanceof ILoggingContext c
        ? c.logPrefix() : wrapped.getClass().getSimpleName();
  }

  @Override
  public void connectionMade() {
    wrapped.makeConnection(transport());
    connected.callback(wrapped);
  }

  @Override
  public void dataReceived(byte[] data) {
    wrapped.dataReceived(data);
  }

  @Override
  public void connectionLost(Failure reason) {
    wrapped.connectionLost(reason);
  }

  @Override
  public String toString() {
    return "<WrappingProtocol wrapping " + wrapped + ">";
  }

  /** The wrapper for protocols that want to hear the TLS handshake finish. */
  static final class Handshake extends WrappingProtocol implements IHandshakeListener {
    Handshake(Deferred<IProtocol> connected, IProtocol wrapped) {
      super(connected, wrapped);
    }

    @Override
    public void handshakeCompleted() {
      ((IHandshakeListener) wrapped).handshakeCompleted();
    }
  }

  /** The wrapper for protocols that want both half-close and handshake notifications. */
  static final class HalfCloseableHandshake extends HalfCloseable implements IHandshakeListener {
    HalfCloseableHandshake(Deferred<IProtocol> connected, IProtocol wrapped) {
      super(connected, wrapped);
    }

    @Override
    public void handshakeCompleted() {
      ((IHandshakeListener) wrapped).handshakeCompleted();
    }
  }

  /** The wrapper for protocols that want half-close notifications. */
  static class HalfCloseable extends WrappingProtocol implements IHalfCloseableProtocol {
    HalfCloseable(Deferred<IProtocol> connected, IProtocol wrapped) {
      super(connected, wrapped);
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
