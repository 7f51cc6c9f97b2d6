package dev.torsion.internet.endpoints;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectingCancelledError;
import dev.torsion.internet.error.NoProtocol;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import org.jspecify.annotations.Nullable;

/**
 * The client factory a client endpoint hands to {@code connectTCP}: it wraps the user's
 * factory and turns the connection's outcome into one Deferred ({@link #onConnection}).
 *
 * @twisted twisted.internet.endpoints._WrappingFactory
 */
final class WrappingFactory extends ClientFactory {
  private final IProtocolFactory wrappedFactory;
  final Deferred<IProtocol> onConnection;
  private @Nullable IConnector connector;

  WrappingFactory(IProtocolFactory wrappedFactory) {
    this.wrappedFactory = wrappedFactory;
    this.onConnection = new Deferred<>(this::cancel);
    // The wrapped factory logs its own start and stop; one line per connection is enough.
    setNoisy(false);
  }

  private void cancel(Deferred<IProtocol> deferred) {
    // connectTCP always calls startedConnecting before connect() returns the Deferred, so a
    // connector is known to anyone able to cancel.
    IConnector c = connector;
    if (c == null) {
      deferred.errback(new ConnectingCancelledError());
      return;
    }
    deferred.errback(new ConnectingCancelledError(c.getDestination()));
    c.stopConnecting();
  }

  @Override
  public void startedConnecting(IConnector connector) {
    this.connector = connector;
  }

  @Override
  protected void startFactory() {
    wrappedFactory.doStart();
  }

  @Override
  protected void stopFactory() {
    wrappedFactory.doStop();
  }

  @Override
  public @Nullable Protocol buildProtocol(IAddress addr) {
    if (onConnection.called()) {
      return null; // Cancelled (or failed) already: refuse the late connection; it is closed.
    }
    IProtocol built;
    try {
      built = wrappedFactory.buildProtocol(addr);
      if (built == null) {
        throw new NoProtocol();
      }
    } catch (RuntimeException | Error e) {
      onConnection.errback(new Failure(e));
      return null;
    }
    return WrappingProtocol.wrap(onConnection, built);
  }

  @Override
  public void clientConnectionFailed(IConnector connector, Failure reason) {
    if (!onConnection.called()) {
      onConnection.errback(reason);
    }
  }

  @Override
  public String toString() {
    return "<WrappingFactory wrapping " + wrappedFactory + ">";
  }
}
