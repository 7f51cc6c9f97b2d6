package dev.torsion.it.tls;

import static org.testng.Assert.assertNotNull;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionClosed;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ITLSTransport;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.support.Addresses;
import dev.torsion.python.failure.Failure;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Twisted's {@code StartTLSClientTestsMixin} (the connection tests with a client that calls
 * {@code startTLS} as soon as it connects, against a {@code listenSSL} server) and
 * {@code SSLClientTestsMixin.test_disconnectAfterWriteAfterStartTLS}, on every reactor. The
 * connection tests themselves are in {@link TlsConnectionTestsBase}.
 */
public class StartTLSClientTestsIT extends TlsConnectionTestsBase {
  @Override
  protected IListeningPort listen(Reactor reactor, Factory factory, String iface) {
    factory.setNoisy(false);
    return reactor.listenSSL(0, factory, StartTlsCase.CERT.options(), 50, iface);
  }

  @Override
  protected void connect(Reactor reactor, String iface, int port, ClientFactory factory) {
    reactor.connectTCP(iface, port, startTlsClient(factory));
  }

  /**
   * Twisted's {@code StartTLSClientEndpoint}: each protocol {@code factory} builds starts TLS
   * before its own start; the connector's events go to {@code factory}.
   */
  private static ClientFactory startTlsClient(ClientFactory factory) {
    ClientFactory f = new ClientFactory() {
      @Override
      public @Nullable Protocol buildProtocol(IAddress addr) {
        Protocol inner = factory.buildProtocol(addr);
        return inner == null ? null : new StartingTls(inner);
      }

      @Override
      public void clientConnectionFailed(IConnector connector, Failure reason) {
        factory.clientConnectionFailed(connector, reason);
      }

      @Override
      public void clientConnectionLost(IConnector connector, Failure reason) {
        factory.clientConnectionLost(connector, reason);
      }
    };
    f.setNoisy(false);
    return f;
  }

  /** Starts TLS on its transport, then hands it and everything after to {@code inner}. */
  private static final class StartingTls extends Protocol {
    private final Protocol inner;

    StartingTls(Protocol inner) {
      this.inner = inner;
    }

    @Override
    public void makeConnection(ITransport transport) {
      ((ITLSTransport) transport).startTLS(StartTlsCase.clientOptions());
      inner.makeConnection(transport);
    }

    @Override
    public void dataReceived(byte[] data) {
      inner.dataReceived(data);
    }

    @Override
    public void connectionLost(Failure reason) {
      inner.connectionLost(reason);
    }

    @Override
    public String logPrefix() {
      return inner.logPrefix();
    }
  }

  /** Twisted's {@code ShortProtocol}: starts TLS, writes, and closes on the first data. */
  static final class ShortProtocol extends Protocol {
    final boolean client;
    final Deferred<Void> finished = new Deferred<>();
    @Nullable Failure reason;

    ShortProtocol(boolean client) {
      this.client = client;
    }

    @Override
    public void connectionMade() {
      ((ITLSTransport) transport()).startTLS(
          client ? StartTlsCase.clientOptions() : StartTlsCase.CERT.options());
      // Force TLS to really get negotiated: if nobody talks, nothing happens.
      transport().write(new byte[] {'x'});
    }

    @Override
    public void dataReceived(byte[] data) {
      transport().write(new byte[] {'y'});
      transport().loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
      if (!finished.called()) {
        // A Failure given to callback() would errback: keep it aside, as consumeErrors does.
        this.reason = reason;
        finished.callback(null);
      }
    }
  }

  /**
   * twisted.internet.test.test_tls.SSLClientTestsMixin_EPollReactorTests.test_disconnectAfterWriteAfterStartTLS
   */
  @Test
  public void disconnectAfterWriteAfterStartTLS() {
    Reactor reactor = buildReactor();
    ShortProtocol server = new ShortProtocol(false);
    ShortProtocol client = new ShortProtocol(true);
    IListeningPort port = reactor.listenTCP(0, Factory.forProtocol(() -> server), V4);
    reactor.callWhenRunning(() -> reactor.connectTCP(V4, Addresses.portOf(port.getHost()),
        Factory.forProtocol(() -> client, ClientFactory::new)));
    Defer.gatherResults(List.of(server.finished, client.finished)).addErrback(err())
        .addBoth(stopping(reactor));
    run(reactor);
    for (ShortProtocol p : List.of(server, client)) {
      Failure f = Objects.requireNonNull(p.reason);
      assertNotNull(f.check(ConnectionClosed.class), f.toString());
    }
  }
}
