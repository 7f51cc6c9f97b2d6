package dev.torsion.internet.endpoints;

import static dev.torsion.internet.endpoints.HostnameEndpointTest.factory;
import static dev.torsion.internet.endpoints.HostnameEndpointTest.failure;
import static dev.torsion.internet.endpoints.HostnameEndpointTest.results;
import static dev.torsion.internet.endpoints.HostnameEndpointTest.succeed;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.address.HostnameAddress;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.ConnectingCancelledError;
import dev.torsion.internet.error.DNSLookupError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IHostResolution;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.testing.MemoryReactor;
import dev.torsion.internet.testing.MemoryReactorClock;
import dev.torsion.python.threadpool.ThreadPool;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.testng.annotations.Test;

/** TCP6ClientEndpoint pointed at a host name instead of an IPv6 literal. */
public class TCP6ClientEndpointTest {
  private static ResolvingReactor reactor() {
    return new ResolvingReactor().map("ipv6.example.com", "::2", "::3", "::4");
  }

  /** twisted.internet.test.test_endpoints.TCP6EndpointNameResolutionTests.test_endpointConnectSuccess */
  @Test
  public void nameResolvedToFirstIPv6ThenConnected() {
    ResolvingReactor reactor = reactor();
    List<Object> got = results(new TCP6ClientEndpoint(reactor, "ipv6.example.com", 80)
        .connect(factory()));
    assertEquals(reactor.tcpClients().size(), 1);
    MemoryReactor.TcpClient c = reactor.tcpClients().get(0);
    assertEquals(c.host(), "::2");
    assertEquals(c.port(), 80);
    assertEquals(c.timeout(), 30.0);
    succeed(reactor, 0);
    assertTrue(got.get(0) instanceof Protocol);
  }

  /** twisted.internet.test.test_endpoints.TCP6EndpointNameResolutionTests.test_nameResolution */
  @Test
  public void resolverAskedForIPv6AddressesOfTheName() {
    ResolvingReactor reactor = reactor();
    new TCP6ClientEndpoint(reactor, "ipv6.example.com", 1234).connect(factory());
    assertEquals(reactor.resolvedNames, List.of("ipv6.example.com"));
    assertEquals(reactor.resolvedTypes, List.of(Set.of(IPv6Address.class)));
  }

  /** twisted.internet.test.test_endpoints.TCP6EndpointNameResolutionTests.test_endpointConnectNonDefaultArgs */
  @Test
  public void nameResolvedThenConnectedWithTimeoutAndBindAddress() {
    ResolvingReactor reactor = reactor();
    InetSocketAddress bind = new InetSocketAddress("::1", 49595);
    new TCP6ClientEndpoint(reactor, "ipv6.example.com", 80, 10, bind).connect(factory());
    MemoryReactor.TcpClient c = reactor.tcpClients().get(0);
    assertEquals(c.host(), "::2");
    assertEquals(c.timeout(), 10.0);
    assertEquals(c.bindAddress(), bind);
  }

  /** twisted.internet.test.test_endpoints.TCP6EndpointNameResolutionTests.test_endpointConnectFailure */
  @Test
  public void connectFailureAfterResolution() {
    ConnectError expected = new ConnectError("Connection Failed");
    ResolvingReactor reactor = reactor();
    List<Object> got = results(new TCP6ClientEndpoint(reactor, "ipv6.example.com", 80)
        .connect(factory()));
    HostnameEndpointTest.fail(reactor, 0, expected);
    assertSame(failure(got), expected);
  }

  /** twisted.internet.test.test_endpoints.TCP6EndpointNameResolutionTests.test_endpointConnectingCancelled */
  @Test
  public void cancelAfterResolutionStopsTheAttempt() {
    ResolvingReactor reactor = reactor();
    Deferred<IProtocol> d = new TCP6ClientEndpoint(reactor, "ipv6.example.com", 80)
        .connect(factory());
    List<Object> got = results(d);
    d.cancel();
    ConnectingCancelledError e = (ConnectingCancelledError) failure(got);
    assertEquals(e.address(), new IPv6Address("TCP", "::2", 80));
    assertTrue(reactor.connectors().get(0).stoppedConnecting());
  }

  @Test
  public void cancelDuringResolutionStopsIt() {
    ResolvingReactor reactor = reactor();
    List<String> cancels = new ArrayList<>();
    reactor.installNameResolver((receiver, name, port, types, semantics) -> {
      IHostResolution r = new IHostResolution() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public void cancel() {
          cancels.add(name);
          receiver.resolutionComplete();
        }
      };
      receiver.resolutionBegan(r);
      return r;
    });
    Deferred<IProtocol> d = new TCP6ClientEndpoint(reactor, "ipv6.example.com", 80)
        .connect(factory());
    List<Object> got = results(d);
    d.cancel();
    ConnectingCancelledError e = (ConnectingCancelledError) failure(got);
    assertEquals(e.address(), new HostnameAddress("ipv6.example.com", 80));
    assertEquals(cancels, List.of("ipv6.example.com"));
    assertEquals(reactor.tcpClients(), List.of());
  }

  @Test
  public void noIPv6AddressIsDnsLookupError() {
    ResolvingReactor reactor = new ResolvingReactor()
        .map("v4only.example.com", new IPv4Address("TCP", "1.2.3.4", 80));
    Throwable e = failure(results(new TCP6ClientEndpoint(reactor, "v4only.example.com", 80)
        .connect(factory())));
    assertTrue(e instanceof DNSLookupError, e.toString());
    assertTrue(e.getMessage().contains("v4only.example.com"));
    assertEquals(reactor.tcpClients(), List.of());
  }

  @Test
  public void literalNeedsNoResolverAndIPv4LiteralIsRefused() {
    MemoryReactor plain = new MemoryReactor();
    new TCP6ClientEndpoint(plain, "fe80::1%1", 80).connect(factory());
    assertEquals(plain.tcpClients().get(0).host(), "fe80::1%1");
    IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
        () -> new TCP6ClientEndpoint(new MemoryReactorClock(), "1.2.3.4", 80));
    assertTrue(e.getMessage().contains("IPv4 address"), e.getMessage());
  }

  /** twisted.internet.test.test_endpoints.TCP6EndpointNameResolutionTests.test_freeFunctionDeferToThread */
  @Test
  public void withoutResolverTheNameIsLookedUpOnTheThreadPool() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    TCP6ClientEndpoint ep = new TCP6ClientEndpoint(reactor, "::1", 80, 30, null,
        SimpleHostnameResolver.forReactor(reactor));
    ThreadPool pool = reactor.getThreadPool();
    pool.start();
    List<Object> got = results(ep.connect(factory()));
    pool.stop(); // waits for the lookup, whose result waits in callFromThread's queue
    assertEquals(reactor.tcpClients(), List.of(), "delivered on the reactor thread only");
    reactor.advance(0);
    assertEquals(reactor.tcpClients().get(0).host(), "::1");
    assertTrue(got.isEmpty());
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointFallbackNameResolutionTests.test_fallbackNameResolution */
  @Test
  @SuppressWarnings("unchecked")
  public void fallbackNameResolutionRunsGetAllByNameInThePool() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    ThreadPool pool = reactor.getThreadPool();
    pool.start();
    List<Object> got = results(
        SimpleHostnameResolver.fallbackNameResolution(reactor).resolve("1.2.3.4", 1));
    pool.stop();
    reactor.advance(0);
    assertEquals(got, List.of(List.of(new InetSocketAddress("1.2.3.4", 1))));
    List<IAddress> found = new ArrayList<>();
    new SimpleHostnameResolver((h, p) -> dev.torsion.internet.defer.Defer.succeed(
        (List<InetSocketAddress>) got.get(0))).resolveHostName(
            new dev.torsion.internet.interfaces.IResolutionReceiver() {
              @Override
              public void resolutionBegan(IHostResolution r) {}

              @Override
              public void addressResolved(IAddress address) {
                found.add(address);
              }

              @Override
              public void resolutionComplete() {}
            }, "1.2.3.4", 1);
    assertEquals(found, List.of(new IPv4Address("TCP", "1.2.3.4", 1)));
  }
}
