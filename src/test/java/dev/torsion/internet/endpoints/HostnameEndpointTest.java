package dev.torsion.internet.endpoints;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.HostnameAddress;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.UNIXAddress;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.ConnectingCancelledError;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.DNSLookupError;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.testing.FakeConnector;
import dev.torsion.internet.testing.MemoryReactor;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.python.failure.Failure;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** HostnameEndpoint against a reactor whose resolver answers at once. */
public class HostnameEndpointTest {
  static List<Object> results(Deferred<?> d) {
    List<Object> out = new ArrayList<>();
    d.addBoth(r -> {
      out.add(r);
      return null;
    });
    return out;
  }

  static Throwable failure(List<Object> results) {
    assertEquals(results.size(), 1, "one result: " + results);
    assertTrue(results.get(0) instanceof Failure, "a failure: " + results);
    return ((Failure) results.get(0)).value();
  }

  static Factory factory() {
    return Factory.forProtocol(Protocol::new);
  }

  /** Connects the protocol of attempt {@code i}: the endpoint's Deferred may fire. */
  static IProtocol succeed(MemoryReactor reactor, int i) {
    MemoryReactor.TcpClient c = reactor.tcpClients().get(i);
    IProtocol p = c.factory().buildProtocol(new IPv4Address("TCP", c.host(), c.port()));
    p.makeConnection(new StringTransport());
    return p;
  }

  static void fail(MemoryReactor reactor, int i, RuntimeException e) {
    reactor.tcpClients().get(i).factory().clientConnectionFailed(reactor.connectors().get(i),
        new Failure(e));
  }

  private static HostnameEndpoint endpoint(ResolvingReactor r) {
    return new HostnameEndpoint(r, "example.com", 80);
  }

  private void connectSuccess(String address) {
    ResolvingReactor reactor = new ResolvingReactor(address);
    List<Object> got = results(endpoint(reactor).connect(factory()));
    assertTrue(got.isEmpty());
    MemoryReactor.TcpClient c = reactor.tcpClients().get(0);
    assertEquals(c.host(), address);
    assertEquals(c.port(), 80);
    assertEquals(c.timeout(), 30.0);
    assertEquals(c.bindAddress(), null);
    succeed(reactor, 0);
    assertTrue(got.get(0) instanceof Protocol);
    assertEquals(reactor.resolvedNames, List.of("example.com"));
    assertEquals(reactor.getDelayedCalls(), List.of());
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsOneIPv4Tests.test_endpointConnectSuccess */
  @Test
  public void oneIPv4ConnectSuccess() {
    connectSuccess("1.2.3.4");
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsOneIPv6Tests.test_endpointConnectSuccess */
  @Test
  public void oneIPv6ConnectSuccess() {
    connectSuccess("1:2::3:4");
  }

  private void nonDefaultArgs(String address) {
    ResolvingReactor reactor = new ResolvingReactor(address);
    InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 49595);
    new HostnameEndpoint(reactor, "example.com", 80, 10, bind, 0.3).connect(factory());
    MemoryReactor.TcpClient c = reactor.tcpClients().get(0);
    assertEquals(c.host(), address);
    assertEquals(c.timeout(), 10.0);
    assertEquals(c.bindAddress(), bind);
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsOneIPv4Tests.test_endpointConnectNonDefaultArgs */
  @Test
  public void oneIPv4NonDefaultArgs() {
    nonDefaultArgs("1.2.3.4");
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsOneIPv6Tests.test_endpointConnectNonDefaultArgs */
  @Test
  public void oneIPv6NonDefaultArgs() {
    nonDefaultArgs("1:2::3:4");
  }

  private void cancelled(String address, double advance) {
    ResolvingReactor reactor = new ResolvingReactor(address);
    Deferred<IProtocol> d = endpoint(reactor).connect(factory());
    reactor.advance(advance);
    List<Object> got = results(d);
    d.cancel();
    // The reactor's later report of the stopped attempt changes nothing.
    fail(reactor, 0, new ConnectError("stopped"));
    ConnectingCancelledError e = (ConnectingCancelledError) failure(got);
    assertEquals(e.address(), new HostnameAddress("example.com", 80));
    assertTrue(reactor.connectors().get(0).stoppedConnecting());
    assertEquals(reactor.getDelayedCalls(), List.of());
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsOneIPv4Tests.test_endpointConnectingCancelled */
  @Test
  public void oneIPv4Cancelled() {
    cancelled("1.2.3.4", 0);
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsOneIPv6Tests.test_endpointConnectingCancelled */
  @Test
  public void oneIPv6Cancelled() {
    cancelled("1:2::3:4", 0);
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsOneIPv4Tests.test_endpointConnectingCancelledAfterAllAttemptsStarted */
  @Test
  public void cancelledAfterAllAttemptsStarted() {
    cancelled("1.2.3.4", 0.45);
  }

  private void connectFailure(String address) {
    ConnectError expected = new ConnectError("Connection Failed");
    ResolvingReactor reactor = new ResolvingReactor(address).raisingOnConnect(expected);
    List<Object> got = results(endpoint(reactor).connect(factory()));
    assertSame(failure(got), expected, "fails at once, not at the next tick");
    reactor.advance(HostnameEndpoint.DEFAULT_ATTEMPT_DELAY);
    assertEquals(got.size(), 1);
    assertEquals(reactor.getDelayedCalls(), List.of());
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsOneIPv4Tests.test_endpointConnectFailure */
  @Test
  public void oneIPv4ConnectFailure() {
    connectFailure("1.2.3.4");
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsOneIPv6Tests.test_endpointConnectFailure */
  @Test
  public void oneIPv6ConnectFailure() {
    connectFailure("1:2::3:4");
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsOneIPv4Tests.test_endpointConnectFailureAfterIteration */
  @Test
  public void connectFailureAfterIteration() {
    ResolvingReactor reactor = new ResolvingReactor("1.2.3.4");
    List<Object> got = results(endpoint(reactor).connect(factory()));
    reactor.advance(0.3);
    assertTrue(got.isEmpty());
    ConnectError expected = new ConnectError("Connection Failed");
    fail(reactor, 0, expected);
    assertSame(failure(got), expected);
    assertEquals(reactor.getDelayedCalls(), List.of());
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsOneIPv4Tests.test_endpointConnectSuccessAfterIteration */
  @Test
  public void connectSuccessAfterIteration() {
    ResolvingReactor reactor = new ResolvingReactor("1.2.3.4");
    List<Object> got = results(endpoint(reactor).connect(factory()));
    reactor.advance(0.3);
    succeed(reactor, 0);
    assertTrue(got.get(0) instanceof Protocol);
    assertEquals(reactor.tcpClients().size(), 1);
    assertEquals(reactor.getDelayedCalls(), List.of());
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsGAIFailureTests.test_failure */
  @Test
  public void nothingResolvedIsDnsLookupError() {
    ResolvingReactor reactor = new ResolvingReactor();
    List<Object> got = results(endpoint(reactor).connect(factory()));
    DNSLookupError e = (DNSLookupError) failure(got);
    assertTrue(e.getMessage().contains("example.com"), e.getMessage());
    assertEquals(reactor.tcpClients(), List.of());
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsFasterConnectionTests.test_ignoreUnknownAddressTypes */
  @Test
  public void unknownAddressTypesIgnored() {
    ResolvingReactor reactor =
        new ResolvingReactor("1.2.3.4", new UNIXAddress("/tmp/sock"), "1:2::3:4");
    endpoint(reactor).connect(factory());
    reactor.advance(0.3);
    assertEquals(reactor.tcpClients().size(), 2);
    assertEquals(reactor.tcpClients().get(1).host(), "1:2::3:4");
    assertEquals(reactor.tcpClients().get(1).port(), 80);
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsFasterConnectionTests.test_IPv4IsFaster */
  @Test
  public void firstAddressFaster() {
    ResolvingReactor reactor = new ResolvingReactor("1.2.3.4", "1:2::3:4");
    Factory f = factory();
    List<Object> got = results(endpoint(reactor).connect(f));
    assertEquals(reactor.tcpClients().size(), 1, "the second waits for attemptDelay");
    assertEquals(reactor.tcpClients().get(0).host(), "1.2.3.4");
    assertTrue(got.isEmpty());
    succeed(reactor, 0);
    assertSame(((Protocol) got.get(0)).factory(), f);
    assertEquals(reactor.getDelayedCalls(), List.of(), "the schedule is cancelled");
    reactor.advance(1);
    assertEquals(reactor.tcpClients().size(), 1, "no attempt after the winner");
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsFasterConnectionTests.test_IPv6IsFaster */
  @Test
  public void secondAddressFaster() {
    ResolvingReactor reactor = new ResolvingReactor("1.2.3.4", "1:2::3:4");
    Factory f = factory();
    List<Object> got = results(endpoint(reactor).connect(f));
    reactor.advance(0.3);
    assertEquals(reactor.tcpClients().get(1).host(), "1:2::3:4");
    assertTrue(got.isEmpty());
    succeed(reactor, 1);
    assertSame(((Protocol) got.get(0)).factory(), f);
    assertEquals(reactor.getDelayedCalls(), List.of());
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointsFasterConnectionTests.test_otherConnectionsCancelled */
  @Test
  public void otherAttemptsCancelledWhenOneConnects() {
    ResolvingReactor reactor = new ResolvingReactor("1.2.3.4", "1:2::3:4", "5.6.7.8");
    List<Object> got = results(endpoint(reactor).connect(factory()));
    reactor.advance(0.3);
    succeed(reactor, 1);
    assertTrue(got.get(0) instanceof Protocol);
    assertTrue(reactor.connectors().get(0).stoppedConnecting());
    assertFalse(reactor.connectors().get(1).stoppedConnecting());
    assertEquals(reactor.getDelayedCalls(), List.of());
    reactor.advance(1);
    assertEquals(reactor.tcpClients().size(), 2, "the third never starts");
    // A loser connecting late is refused: no protocol is built for it.
    assertEquals(reactor.tcpClients().get(0).factory().buildProtocol(
        new IPv4Address("TCP", "1.2.3.4", 80)), null);
  }

  @Test
  public void attemptsStaggeredByAttemptDelay() {
    ResolvingReactor reactor = new ResolvingReactor("1.1.1.1", "2.2.2.2", "3.3.3.3");
    new HostnameEndpoint(reactor, "example.com", 80, 30, null, 0.5).connect(factory());
    assertEquals(reactor.tcpClients().size(), 1);
    reactor.advance(0.49);
    assertEquals(reactor.tcpClients().size(), 1);
    reactor.advance(0.01);
    assertEquals(reactor.tcpClients().size(), 2);
    reactor.advance(0.5);
    assertEquals(reactor.tcpClients().size(), 3);
    assertEquals(reactor.tcpClients().stream().map(MemoryReactor.TcpClient::host).toList(),
        List.of("1.1.1.1", "2.2.2.2", "3.3.3.3"));
    assertEquals(reactor.getDelayedCalls(), List.of(), "nothing left to schedule");
  }

  /** Better than Twisted #9345: a fast failure starts the next attempt at once. */
  @Test
  public void fastFailureStartsNextAttemptAtOnce() {
    ResolvingReactor reactor = new ResolvingReactor("1.1.1.1", "2.2.2.2", "3.3.3.3");
    List<Object> got = results(endpoint(reactor).connect(factory()));
    reactor.advance(0.1);
    fail(reactor, 0, new ConnectionRefusedError("refused"));
    assertEquals(reactor.tcpClients().size(), 2, "started at 0.1 s, not 0.3 s");
    assertEquals(reactor.tcpClients().get(1).host(), "2.2.2.2");
    // The schedule restarts from the new attempt: the third comes 0.3 s after it.
    reactor.advance(0.29);
    assertEquals(reactor.tcpClients().size(), 2);
    reactor.advance(0.01);
    assertEquals(reactor.tcpClients().size(), 3);
    assertTrue(got.isEmpty());
    succeed(reactor, 2);
    assertTrue(got.get(0) instanceof Protocol);
    assertTrue(reactor.connectors().get(1).stoppedConnecting());
  }

  @Test
  public void allFailingReportsTheLastFailure() {
    ResolvingReactor reactor = new ResolvingReactor("1.1.1.1", "2.2.2.2");
    List<Object> got = results(endpoint(reactor).connect(factory()));
    reactor.advance(0.3);
    ConnectError second = new ConnectError("second");
    fail(reactor, 1, second);
    assertTrue(got.isEmpty(), "the first attempt is still pending");
    ConnectError first = new ConnectError("first");
    fail(reactor, 0, first);
    assertSame(failure(got), first);
    assertEquals(reactor.getDelayedCalls(), List.of());
  }

  @Test
  public void synchronousFailuresTryEveryAddressAtOnce() {
    ConnectError boom = new ConnectError("boom");
    ResolvingReactor reactor = new ResolvingReactor("1.1.1.1", "2.2.2.2", "3.3.3.3")
        .raisingOnConnect(boom);
    List<Object> got = results(endpoint(reactor).connect(factory()));
    assertSame(failure(got), boom);
    assertEquals(reactor.getDelayedCalls(), List.of());
  }

  @Test
  public void cancelWhileResolvingStopsTheResolution() {
    ResolvingReactor reactor = new ResolvingReactor();
    List<String> events = new ArrayList<>();
    reactor.installNameResolver((receiver, name, port, types, semantics) -> {
      dev.torsion.internet.interfaces.IHostResolution r =
          new dev.torsion.internet.interfaces.IHostResolution() {
            @Override
            public String name() {
              return name;
            }

            @Override
            public void cancel() {
              events.add("cancel");
              receiver.resolutionComplete();
            }
          };
      receiver.resolutionBegan(r);
      return r;
    });
    Deferred<IProtocol> d = endpoint(reactor).connect(factory());
    List<Object> got = results(d);
    d.cancel();
    ConnectingCancelledError e = (ConnectingCancelledError) failure(got);
    assertEquals(e.address(), new HostnameAddress("example.com", 80));
    assertEquals(events, List.of("cancel"));
    assertEquals(reactor.tcpClients(), List.of());
  }

  @Test
  public void cancelWithSeveralPendingCancelsEveryAttempt() {
    ResolvingReactor reactor = new ResolvingReactor("1.1.1.1", "2.2.2.2", "3.3.3.3");
    Deferred<IProtocol> d = endpoint(reactor).connect(factory());
    reactor.advance(0.3);
    List<Object> got = results(d);
    d.cancel();
    assertTrue(failure(got) instanceof ConnectingCancelledError);
    for (FakeConnector c : reactor.connectors()) {
      assertTrue(c.stoppedConnecting());
    }
    assertEquals(reactor.getDelayedCalls(), List.of());
    reactor.advance(1);
    assertEquals(reactor.tcpClients().size(), 2);
  }

  @Test
  public void badArgumentsRefused() {
    ResolvingReactor reactor = new ResolvingReactor();
    org.testng.Assert.expectThrows(IllegalArgumentException.class,
        () -> new HostnameEndpoint(reactor, "h", 65536));
    org.testng.Assert.expectThrows(IllegalArgumentException.class,
        () -> new HostnameEndpoint(reactor, "h", 80, 30, null, -1));
    org.testng.Assert.expectThrows(IllegalArgumentException.class,
        () -> new HostnameEndpoint(reactor, "h", 80, Double.NaN, null, 0.3));
  }
}
