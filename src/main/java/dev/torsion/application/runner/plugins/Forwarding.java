package dev.torsion.application.runner.plugins;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.protocols.portforward.ProxyClient;
import dev.torsion.protocols.portforward.ProxyClientFactory;
import dev.torsion.protocols.portforward.ProxyFactory;
import dev.torsion.protocols.portforward.ProxyServer;
import dev.torsion.python.failure.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarder of {@code twist portforward}: {@link ProxyFactory} to {@code --connect}, with a
 * WARN line saying why a forwarded connection could not reach its destination, where
 * Twisted's forwarder only closes the accepted connection. That matters most for a
 * {@code tls:} destination: a certificate that fails verification would otherwise look like a
 * destination that hangs up at once.
 */
final class Forwarding {
  private static final Logger LOG = LoggerFactory.getLogger(Forwarding.class);

  private Forwarding() {}

  /** A quiet {@link ProxyFactory} to {@code destination}, described as {@code description}. */
  static ProxyFactory factory(IStreamClientEndpoint destination, String description) {
    ProxyFactory factory = new ProxyFactory(new Destination(destination, description));
    factory.setProtocol(() -> new Server(description));
    factory.setNoisy(false);
    return factory;
  }

  /** Logs a connection attempt that fails (refused, unresolvable, timed out). */
  static final class Destination implements IStreamClientEndpoint {
    private final IStreamClientEndpoint endpoint;
    private final String description;

    Destination(IStreamClientEndpoint endpoint, String description) {
      this.endpoint = endpoint;
      this.description = description;
    }

    @Override
    public Deferred<IProtocol> connect(IProtocolFactory protocolFactory) {
      return endpoint.connect(protocolFactory).addErrback(failure -> {
        LOG.warn("portforward: cannot connect to {}: {}", description,
            failure.getErrorMessage());
        return failure.raiseException();
      });
    }

    /** The endpoint from {@code --connect}. */
    IStreamClientEndpoint endpoint() {
      return endpoint;
    }

    @Override
    public String toString() {
      return endpoint.toString();
    }
  }

  /** The accepted side; its client sides report how they end. */
  private static final class Server extends ProxyServer {
    private final String description;

    Server(String description) {
      this.description = description;
    }

    @Override
    protected ProxyClientFactory newClientFactory() {
      ProxyClientFactory f = new ProxyClientFactory();
      f.setProtocol(() -> new Client(description));
      return f;
    }
  }

  /**
   * The destination side: a connection that ends other than by a close or a reset (a TLS
   * failure: verification, handshake, alert) is logged before the accepted side is closed.
   */
  private static final class Client extends ProxyClient {
    private final String description;

    Client(String description) {
      this.description = description;
    }

    @Override
    public void connectionLost(Failure reason) {
      if (reason.check(ConnectionDone.class, ConnectionLost.class) == null) {
        LOG.warn("portforward: connection to {} failed: {}", description,
            reason.getErrorMessage());
      }
      super.connectionLost(reason);
    }
  }
}
