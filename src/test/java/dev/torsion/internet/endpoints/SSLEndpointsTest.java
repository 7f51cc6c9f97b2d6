package dev.torsion.internet.endpoints;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.error.ConnectingCancelledError;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorSSL;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.ssl.CertificateOptions;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.internet.testing.FakeConnector;
import dev.torsion.internet.testing.MemoryReactor;
import dev.torsion.internet.testing.MemoryReactorClock;
import dev.torsion.internet.testing.MemoryReactorSslClient;
import dev.torsion.internet.testing.MemoryReactorSslServer;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import dev.torsion.protocols.tls.TLSMemoryBIOProtocol;
import dev.torsion.python.failure.Failure;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

public class SSLEndpointsTest {
  private static final CertificateOptions SERVER_OPTIONS =
      TlsEndpointFixtures.SERVER.options();
  private static final ITLSConnectionCreator CLIENT_OPTIONS = SSL.optionsForClientTLS(
      "example.com", SSL.trustRootFromCertificates(List.of(TlsEndpointFixtures.CA)));

  private static <T> List<Object> results(Deferred<T> d) {
    List<Object> out = new ArrayList<>();
    d.addBoth(r -> {
      out.add(r);
      return null;
    });
    return out;
  }

  /** twisted.internet.test.test_endpoints.SSL4EndpointsTests.test_endpointConnectSuccess */
  @Test
  public void connectFiresWithProtocolOnceConnectedThroughConnectSsl() {
    MemoryReactor reactor = new MemoryReactor();
    Protocol proto = new Protocol();
    List<Object> got = results(new SSL4ClientEndpoint(reactor, "127.0.0.1", 443, CLIENT_OPTIONS)
        .connect(Factory.forProtocol(() -> proto)));
    MemoryReactorSslClient c = reactor.sslClients().get(0);
    assertEquals(c.host(), "127.0.0.1");
    assertEquals(c.port(), 443);
    assertSame(c.contextFactory(), CLIENT_OPTIONS);
    assertEquals(c.timeout(), 30.0);
    assertNull(c.bindAddress());
    assertTrue(reactor.tcpClients().isEmpty());
    IProtocol wrapper = c.factory().buildProtocol(new IPv4Address("TCP", "127.0.0.1", 443));
    assertTrue(got.isEmpty());
    wrapper.makeConnection(new StringTransport());
    assertEquals(got, List.of(proto));
  }

  /** twisted.internet.test.test_endpoints.SSL4EndpointsTests.test_endpointConnectFailure */
  @Test
  public void connectFailureFailsTheDeferred() {
    MemoryReactor reactor = new MemoryReactor();
    List<Object> got = results(new SSL4ClientEndpoint(reactor, "127.0.0.1", 443, CLIENT_OPTIONS)
        .connect(new Factory()));
    reactor.sslClients().get(0).factory().clientConnectionFailed(reactor.connectors().get(0),
        new Failure(new ConnectionRefusedError()));
    assertTrue(((Failure) got.get(0)).value() instanceof ConnectionRefusedError);
  }

  /** twisted.internet.test.test_endpoints.SSL4EndpointsTests.test_endpointConnectingCancelled */
  @Test
  public void cancelStopsConnectingAndFailsWithTheAddress() {
    MemoryReactor reactor = new MemoryReactor();
    Deferred<IProtocol> d = new SSL4ClientEndpoint(reactor, "127.0.0.1", 443, CLIENT_OPTIONS)
        .connect(new Factory());
    List<Object> got = results(d);
    d.cancel();
    ConnectingCancelledError e = (ConnectingCancelledError) ((Failure) got.get(0)).value();
    assertEquals(e.address(), new IPv4Address("TCP", "127.0.0.1", 443));
    FakeConnector connector = reactor.connectors().get(0);
    assertTrue(connector.stoppedConnecting());
  }

  /** twisted.internet.test.test_endpoints.SSL4EndpointsTests.test_endpointConnectNonDefaultArgs */
  @Test
  public void connectPassesTimeoutAndBindAddress() {
    MemoryReactor reactor = new MemoryReactor();
    InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 0);
    new SSL4ClientEndpoint(reactor, "127.0.0.1", 443, CLIENT_OPTIONS, 10, bind)
        .connect(new Factory());
    MemoryReactorSslClient c = reactor.sslClients().get(0);
    assertEquals(c.timeout(), 10.0);
    assertEquals(c.bindAddress(), bind);
  }

  /** twisted.internet.test.test_endpoints.SSL4EndpointsTests.test_endpointListenSuccess */
  @Test
  public void listenFiresWithThePortThroughListenSsl() {
    MemoryReactor reactor = new MemoryReactor();
    Factory factory = new Factory();
    List<Object> got = results(new SSL4ServerEndpoint(reactor, 0, SERVER_OPTIONS)
        .listen(factory));
    IListeningPort port = (IListeningPort) got.get(0);
    assertEquals(port.getHost(), new IPv4Address("TCP", "0.0.0.0", 0));
    assertEquals(reactor.sslServers(),
        List.of(new MemoryReactorSslServer(0, factory, SERVER_OPTIONS, 50, "")));
    assertTrue(reactor.tcpServers().isEmpty());
  }

  /** twisted.internet.test.test_endpoints.SSL4EndpointsTests.test_endpointListenFailure */
  @Test
  public void listenFailureFailsTheDeferred() {
    CannotListenError boom = new CannotListenError("in use");
    IReactorSSL raising = new IReactorSSL() {
      @Override
      public IListeningPort listenSSL(int port, IProtocolFactory factory,
          ITLSConnectionCreator contextFactory, int backlog, String iface) {
        throw boom;
      }

      @Override
      public IConnector connectSSL(String host, int port, ClientFactory factory,
          ITLSConnectionCreator contextFactory, double timeout,
          @Nullable InetSocketAddress bindAddress) {
        throw new AssertionError("not called");
      }
    };
    List<Object> got = results(new SSL4ServerEndpoint(raising, 0, SERVER_OPTIONS)
        .listen(new Factory()));
    assertSame(((Failure) got.get(0)).value(), boom);
  }

  /** twisted.internet.test.test_endpoints.SSL4EndpointsTests.test_endpointListenNonDefaultArgs */
  @Test
  public void listenPassesBacklogAndInterface() {
    MemoryReactor reactor = new MemoryReactor();
    new SSL4ServerEndpoint(reactor, 1234, SERVER_OPTIONS, 10, "127.0.0.1").listen(new Factory());
    MemoryReactorSslServer s = reactor.sslServers().get(0);
    assertEquals(s.port(), 1234);
    assertEquals(s.backlog(), 10);
    assertEquals(s.iface(), "127.0.0.1");
  }

  /** twisted.internet.test.test_endpoints.SSL4EndpointsTests.test_interface */
  @Test
  public void endpointsProvideTheEndpointInterfaces() {
    MemoryReactor reactor = new MemoryReactor();
    Object server = new SSL4ServerEndpoint(reactor, 0, SERVER_OPTIONS);
    Object client = new SSL4ClientEndpoint(reactor, "127.0.0.1", 1, CLIENT_OPTIONS);
    assertTrue(server instanceof IStreamServerEndpoint);
    assertTrue(client instanceof IStreamClientEndpoint);
    assertEquals(server.toString(), "<SSL4ServerEndpoint port=0 interface= backlog=50>");
  }

  @Test
  public void wrapClientTlsConnectsTlsOverTheWrappedEndpointAndFiresWithTheUsersProtocol() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    IStreamClientEndpoint tls = TLSEndpoints.wrapClientTLS(CLIENT_OPTIONS,
        new TCP4ClientEndpoint(reactor, "127.0.0.1", 443), reactor);
    Protocol proto = new Protocol();
    List<Object> got = results(tls.connect(Factory.forProtocol(() -> proto)));
    ClientFactory recorded = reactor.tcpClients().get(0).factory();
    IProtocol built = recorded.buildProtocol(new IPv4Address("TCP", "127.0.0.1", 443));
    StringTransport t = new StringTransport();
    built.makeConnection(t);
    assertEquals(got, List.of(proto));
    assertTrue(proto.transport() instanceof TLSMemoryBIOProtocol, "talks through TLS");
    assertTrue(t.value().length > 0, "the ClientHello went out");
    assertEquals(t.value()[0], (byte) 22, "a TLS handshake record");
  }

  @Test
  public void wrapClientTlsBuildsClientTlsFactoriesWithTheCreator() {
    WrapperClientEndpoint e = (WrapperClientEndpoint) TLSEndpoints.wrapClientTLS(CLIENT_OPTIONS,
        new TCP4ClientEndpoint(new MemoryReactor(), "127.0.0.1", 443));
    TLSMemoryBIOFactory f = (TLSMemoryBIOFactory) e.wrapFactory(new Factory());
    assertTrue(f.isClient());
    assertSame(f.connectionCreator(), CLIENT_OPTIONS);
  }

  /** A protocol that listens for the handshake. */
  static final class Listener extends Protocol implements IHandshakeListener {
    int calls;

    @Override
    public void handshakeCompleted() {
      calls++;
    }
  }

  /** A protocol that listens for the handshake and half-closes. */
  static final class HalfCloseListener extends Protocol
      implements IHandshakeListener, IHalfCloseableProtocol {
    int calls;

    @Override
    public void handshakeCompleted() {
      calls++;
    }

    @Override
    public void readConnectionLost() {}

    @Override
    public void writeConnectionLost() {}
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_wrappingProtocolHandshakeListener */
  @Test
  public void wrapperIsAHandshakeListenerWhenTheWrappedProtocolIs() {
    assertTrue(WrappingProtocol.wrap(new Deferred<>(), new Listener())
        instanceof IHandshakeListener);
    IProtocol both = WrappingProtocol.wrap(new Deferred<>(), new HalfCloseListener());
    assertTrue(both instanceof IHandshakeListener);
    assertTrue(both instanceof IHalfCloseableProtocol);
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_wrappingProtocolNotHandshakeListener */
  @Test
  public void wrapperIsNoHandshakeListenerWhenTheWrappedProtocolIsNot() {
    assertFalse(WrappingProtocol.wrap(new Deferred<>(), new Protocol())
        instanceof IHandshakeListener);
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_wrappedProtocolHandshakeCompleted */
  @Test
  public void handshakeCompletedReachesTheWrappedProtocol() {
    Listener l = new Listener();
    ((IHandshakeListener) WrappingProtocol.wrap(new Deferred<>(), l)).handshakeCompleted();
    assertEquals(l.calls, 1);
    HalfCloseListener h = new HalfCloseListener();
    ((IHandshakeListener) WrappingProtocol.wrap(new Deferred<>(), h)).handshakeCompleted();
    assertEquals(h.calls, 1);
  }
}
