package dev.torsion.internet.endpoints;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.ConnectingCancelledError;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.testing.ConnectionCompleter;
import dev.torsion.internet.testing.FakeConnector;
import dev.torsion.internet.testing.MemoryReactor;
import dev.torsion.internet.testing.MemoryReactorClock;
import dev.torsion.internet.testing.RaisingMemoryReactor;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.python.failure.Failure;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class TCPEndpointsTest {
  private static <T> List<Object> results(Deferred<T> d) {
    List<Object> out = new ArrayList<>();
    d.addBoth(r -> {
      out.add(r);
      return null;
    });
    return out;
  }

  private static Failure failure(List<Object> results) {
    assertEquals(results.size(), 1);
    return (Failure) results.get(0);
  }

  private void connectSuccess(String host) {
    MemoryReactorClock reactor = new MemoryReactorClock();
    IStreamClientEndpoint ep = host.contains(":")
        ? new TCP6ClientEndpoint(reactor, host, 80) : new TCP4ClientEndpoint(reactor, host, 80);
    List<String> made = new ArrayList<>();
    Protocol proto = new Protocol() {
      @Override
      public void connectionMade() {
        made.add("made");
      }
    };
    Factory factory = Factory.forProtocol(() -> proto);
    List<Object> got = results(ep.connect(factory));
    MemoryReactor.TcpClient client = reactor.tcpClients().get(0);
    assertEquals(client.host(), host);
    assertEquals(client.port(), 80);
    assertEquals(client.timeout(), 30.0);
    assertNull(client.bindAddress());
    assertTrue(got.isEmpty());
    IProtocol wrapper = client.factory().buildProtocol(new IPv4Address("TCP", host, 80));
    assertTrue(got.isEmpty(), "fires only once connected");
    wrapper.makeConnection(new StringTransport());
    assertEquals(made, List.of("made"));
    assertEquals(got, List.of(proto));
  }

  /** twisted.internet.test.test_endpoints.TCP4EndpointsTests.test_endpointConnectSuccess */
  @Test
  public void tcp4ConnectFiresWithProtocolAfterConnectionMade() {
    connectSuccess("127.0.0.1");
  }

  /** twisted.internet.test.test_endpoints.TCP6EndpointsTests.test_endpointConnectSuccess */
  @Test
  public void tcp6ConnectFiresWithProtocolAfterConnectionMade() {
    connectSuccess("::1");
  }

  private void connectFailure(IStreamClientEndpoint ep, MemoryReactor reactor) {
    List<Object> got = results(ep.connect(Factory.forProtocol(Protocol::new)));
    new ConnectionCompleter(reactor).failOnce();
    assertTrue(failure(got).value() instanceof ConnectionRefusedError);
  }

  /** twisted.internet.test.test_endpoints.TCP4EndpointsTests.test_endpointConnectFailure */
  @Test
  public void tcp4ConnectFailsWithConnectError() {
    MemoryReactor reactor = new MemoryReactor();
    connectFailure(new TCP4ClientEndpoint(reactor, "127.0.0.1", 80), reactor);
  }

  /** twisted.internet.test.test_endpoints.TCP6EndpointsTests.test_endpointConnectFailure */
  @Test
  public void tcp6ConnectFailsWithConnectError() {
    MemoryReactor reactor = new MemoryReactor();
    connectFailure(new TCP6ClientEndpoint(reactor, "::1", 80), reactor);
  }

  @Test
  public void connectTcpThrowingFailsTheDeferred() {
    ConnectError boom = new ConnectError("boom");
    RaisingMemoryReactor reactor = new RaisingMemoryReactor(null, boom);
    List<Object> got = results(
        new TCP4ClientEndpoint(reactor, "127.0.0.1", 80).connect(new Factory()));
    assertSame(failure(got).value(), boom);
  }

  private void cancelled(IStreamClientEndpoint ep, MemoryReactor reactor, Object address) {
    Deferred<IProtocol> d = ep.connect(Factory.forProtocol(Protocol::new));
    List<Object> got = results(d);
    d.cancel();
    ConnectingCancelledError e = (ConnectingCancelledError) failure(got).value();
    assertEquals(e.address(), address);
    FakeConnector connector = reactor.connectors().get(0);
    assertTrue(connector.stoppedConnecting());
    // The reactor's own report of the stopped attempt comes later and changes nothing.
    new ConnectionCompleter(reactor).failOnce();
    assertEquals(got.size(), 1);
  }

  /** twisted.internet.test.test_endpoints.TCP4EndpointsTests.test_endpointConnectingCancelled */
  @Test
  public void tcp4CancelStopsConnectingAndFailsWithAddress() {
    MemoryReactor reactor = new MemoryReactor();
    cancelled(new TCP4ClientEndpoint(reactor, "127.0.0.1", 80), reactor,
        new IPv4Address("TCP", "127.0.0.1", 80));
  }

  /** twisted.internet.test.test_endpoints.TCP6EndpointsTests.test_endpointConnectingCancelled */
  @Test
  public void tcp6CancelStopsConnectingAndFailsWithAddress() {
    MemoryReactor reactor = new MemoryReactor();
    cancelled(new TCP6ClientEndpoint(reactor, "::1", 80), reactor,
        new IPv6Address("TCP", "::1", 80));
  }

  @Test
  public void cancelAfterConnectionChangesNothing() {
    MemoryReactor reactor = new MemoryReactor();
    Deferred<IProtocol> d = new TCP4ClientEndpoint(reactor, "127.0.0.1", 80)
        .connect(Factory.forProtocol(Protocol::new));
    IProtocol p = reactor.tcpClients().get(0).factory().buildProtocol(
        new IPv4Address("TCP", "127.0.0.1", 80));
    p.makeConnection(new StringTransport());
    List<Object> got = results(d);
    d.cancel();
    assertTrue(got.get(0) instanceof Protocol);
    assertFalse(reactor.connectors().get(0).stoppedConnecting());
  }

  /** twisted.internet.test.test_endpoints.TCP4EndpointsTests.test_endpointConnectNonDefaultArgs */
  @Test
  public void tcp4ConnectPassesTimeoutAndBindAddress() {
    MemoryReactor reactor = new MemoryReactor();
    InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 0);
    new TCP4ClientEndpoint(reactor, "127.0.0.1", 81, 10, bind).connect(new Factory());
    MemoryReactor.TcpClient c = reactor.tcpClients().get(0);
    assertEquals(c.port(), 81);
    assertEquals(c.timeout(), 10.0);
    assertEquals(c.bindAddress(), bind);
  }

  /** twisted.internet.test.test_endpoints.TCP6EndpointsTests.test_endpointConnectNonDefaultArgs */
  @Test
  public void tcp6ConnectPassesTimeoutAndBindAddress() {
    MemoryReactor reactor = new MemoryReactor();
    InetSocketAddress bind = new InetSocketAddress("::1", 0);
    new TCP6ClientEndpoint(reactor, "::1", 81, 10, bind).connect(new Factory());
    MemoryReactor.TcpClient c = reactor.tcpClients().get(0);
    assertEquals(c.host(), "::1");
    assertEquals(c.timeout(), 10.0);
    assertEquals(c.bindAddress(), bind);
  }

  @Test(expectedExceptions = IllegalArgumentException.class,
      expectedExceptionsMessageRegExp = ".*cannot resolve host names.*")
  public void tcp6ClientRefusesHostNameWithoutResolver() {
    new TCP6ClientEndpoint(new MemoryReactor(), "example.com", 80);
  }

  private void listenSuccess(IStreamServerEndpoint ep, MemoryReactor reactor, String iface) {
    Factory factory = new Factory();
    List<Object> got = results(ep.listen(factory));
    assertTrue(got.get(0) instanceof IListeningPort);
    MemoryReactor.TcpServer s = reactor.tcpServers().get(0);
    assertEquals(s.port(), 0);
    assertSame(s.factory(), factory);
    assertEquals(s.backlog(), 50);
    assertEquals(s.iface(), iface);
  }

  /** twisted.internet.test.test_endpoints.TCP4EndpointsTests.test_endpointListenSuccess */
  @Test
  public void tcp4ListenFiresWithPort() {
    MemoryReactor reactor = new MemoryReactor();
    listenSuccess(new TCP4ServerEndpoint(reactor, 0), reactor, "");
  }

  /** twisted.internet.test.test_endpoints.TCP6EndpointsTests.test_endpointListenSuccess */
  @Test
  public void tcp6ListenFiresWithPortOnAllIPv6() {
    MemoryReactor reactor = new MemoryReactor();
    listenSuccess(new TCP6ServerEndpoint(reactor, 0), reactor, "::");
  }

  /** twisted.internet.test.test_endpoints.TCP4EndpointsTests.test_endpointListenFailure */
  @Test
  public void tcp4ListenFailureFailsTheDeferred() {
    CannotListenError e = new CannotListenError("in use");
    List<Object> got = results(
        new TCP4ServerEndpoint(new RaisingMemoryReactor(e, null), 0).listen(new Factory()));
    assertSame(failure(got).value(), e);
  }

  /** twisted.internet.test.test_endpoints.TCP6EndpointsTests.test_endpointListenFailure */
  @Test
  public void tcp6ListenFailureFailsTheDeferred() {
    CannotListenError e = new CannotListenError("in use");
    List<Object> got = results(
        new TCP6ServerEndpoint(new RaisingMemoryReactor(e, null), 0).listen(new Factory()));
    assertSame(failure(got).value(), e);
  }

  /** twisted.internet.test.test_endpoints.TCP4EndpointsTests.test_endpointListenNonDefaultArgs */
  @Test
  public void tcp4ListenPassesBacklogAndInterface() {
    MemoryReactor reactor = new MemoryReactor();
    new TCP4ServerEndpoint(reactor, 1234, 10, "127.0.0.1").listen(new Factory());
    assertEquals(reactor.tcpServers().get(0),
        new MemoryReactor.TcpServer(1234, reactor.tcpServers().get(0).factory(), 10,
            "127.0.0.1"));
  }

  /** twisted.internet.test.test_endpoints.TCP6EndpointsTests.test_endpointListenNonDefaultArgs */
  @Test
  public void tcp6ListenPassesBacklogAndInterface() {
    MemoryReactor reactor = new MemoryReactor();
    new TCP6ServerEndpoint(reactor, 1234, 10, "::1").listen(new Factory());
    MemoryReactor.TcpServer s = reactor.tcpServers().get(0);
    assertEquals(s.backlog(), 10);
    assertEquals(s.iface(), "::1");
  }

  @Test
  public void connectedThroughMemoryListener() {
    MemoryReactor reactor = new MemoryReactor();
    List<Object> server = results(new TCP4ServerEndpoint(reactor, 4321).listen(
        Factory.forProtocol(Protocol::new)));
    List<Object> got = results(new TCP4ClientEndpoint(reactor, "127.0.0.1", 4321)
        .connect(Factory.forProtocol(Protocol::new)));
    new ConnectionCompleter(reactor).succeedOnce();
    assertTrue(server.get(0) instanceof IListeningPort);
    assertTrue(((Protocol) got.get(0)).connected());
  }
}
