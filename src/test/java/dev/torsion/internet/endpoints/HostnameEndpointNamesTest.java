package dev.torsion.internet.endpoints;

import static dev.torsion.internet.endpoints.HostnameEndpointTest.factory;
import static dev.torsion.internet.endpoints.HostnameEndpointTest.failure;
import static dev.torsion.internet.endpoints.HostnameEndpointTest.results;
import static dev.torsion.internet.endpoints.HostnameEndpointTest.succeed;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.HostnameAddress;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.ConnectingCancelledError;
import dev.torsion.internet.error.DNSLookupError;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.testing.MemoryReactor;
import dev.torsion.internet.testing.MemoryReactorClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** HostnameEndpoint's names (IDNA, repr) and its fallback resolution on reactors without one. */
public class HostnameEndpointNamesTest {
  private static final String IDNA_TEXT = "b\u00fccher.ch";
  private static final String IDNA_ASCII = "xn--bcher-kva.ch";

  private static HostnameEndpoint endpoint(ResolvingReactor reactor, String host, int port) {
    return new HostnameEndpoint(reactor, host, port);
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointIDNATests.test_idnaHostnameText */
  @Test
  public void idnaTextResolvedAsTextShownAsPunycode() {
    ResolvingReactor reactor = new ResolvingReactor("127.0.0.1");
    HostnameEndpoint ep = endpoint(reactor, IDNA_TEXT, 80);
    assertEquals(ep.host(), IDNA_TEXT);
    assertEquals(ep.hostAscii(), IDNA_ASCII);
    ep.connect(factory());
    assertEquals(reactor.resolvedNames, List.of(IDNA_TEXT));
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointIDNATests.test_idnaHostnameBytes */
  @Test
  public void punycodeHostKeptAsGiven() {
    ResolvingReactor reactor = new ResolvingReactor("127.0.0.1");
    HostnameEndpoint ep = endpoint(reactor, IDNA_ASCII, 80);
    assertEquals(ep.hostAscii(), IDNA_ASCII);
    ep.connect(factory());
    assertEquals(reactor.resolvedNames, List.of(IDNA_ASCII));
    assertEquals(reactor.tcpClients().get(0).host(), "127.0.0.1");
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointIDNATests.test_nonNormalizedText */
  @Test
  public void nfdTextStoredNfc() {
    HostnameEndpoint ep = endpoint(new ResolvingReactor(),
        Normalizer.normalize(IDNA_TEXT, Normalizer.Form.NFD), 80);
    assertEquals(ep.host(), IDNA_TEXT);
    assertEquals(ep.hostAscii(), IDNA_ASCII);
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointIDNATests.test_deferBadEncodingToConnect */
  @Test
  public void badHostnameFailsConnectNotConstructor() {
    ResolvingReactor reactor = new ResolvingReactor("127.0.0.1");
    HostnameEndpoint ep = endpoint(reactor, "\u2ff0-garbage-\u2ff0", 80);
    Throwable e = failure(results(ep.connect(factory())));
    assertTrue(e instanceof IllegalArgumentException, e.toString());
    assertTrue(e.getMessage().contains("\\u2ff0-garbage-\\u2ff0"), e.getMessage());
    Throwable tooLong = failure(results(endpoint(reactor, "x".repeat(64) + ".com", 80)
        .connect(factory())));
    assertTrue(tooLong.getMessage().startsWith("invalid hostname: "), tooLong.getMessage());
    assertEquals(reactor.resolvedNames, List.of(), "nothing resolved");
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointReprTests.test_allASCII */
  @Test
  public void reprAscii() {
    assertEquals(endpoint(new ResolvingReactor(), "example.com", 80).toString(),
        "<HostnameEndpoint example.com:80>");
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointReprTests.test_idnaHostname */
  @Test
  public void reprShowsPunycode() {
    assertEquals(endpoint(new ResolvingReactor(), IDNA_TEXT, 443).toString(),
        "<HostnameEndpoint xn--bcher-kva.ch:443>");
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointReprTests.test_hostIPv6Address */
  @Test
  public void reprBracketsIPv6() {
    assertEquals(endpoint(new ResolvingReactor(), "::1", 22).toString(),
        "<HostnameEndpoint [::1]:22>");
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointReprTests.test_badEncoding */
  @Test
  public void reprEscapesBadHostname() {
    assertEquals(endpoint(new ResolvingReactor(), "\u00ff-garbage-\u2ff0", 80).toString(),
        "<HostnameEndpoint \\xff-garbage-\\u2ff0:80>");
  }

  // Reactors without a pluggable resolver: names are looked up on the thread pool. Here the
  // lookup is replaced by one that answers at once, as Twisted's synchronousDeferredToThread.

  private static HostnameEndpoint fallback(MemoryReactorClock reactor, String address,
      SimpleHostnameResolver.NameResolution lookup, double timeout, InetSocketAddress bind) {
    return new HostnameEndpoint(reactor, reactor, new SimpleHostnameResolver(lookup, (n, f) -> {}),
        "example.com", 80, timeout, bind, HostnameEndpoint.DEFAULT_ATTEMPT_DELAY);
  }

  private static SimpleHostnameResolver.NameResolution answering(String address) {
    return (host, port) -> {
      try {
        return Defer.succeed(List.of(new InetSocketAddress(InetAddress.getByName(address),
            port)));
      } catch (UnknownHostException e) {
        throw new AssertionError(e);
      }
    };
  }

  private void fallbackSuccess(String address) {
    MemoryReactorClock reactor = new MemoryReactorClock();
    List<Object> got = results(fallback(reactor, address, answering(address), 30, null)
        .connect(factory()));
    MemoryReactor.TcpClient c = reactor.tcpClients().get(0);
    assertEquals(c.host(), address);
    assertEquals(c.port(), 80);
    assertEquals(c.timeout(), 30.0);
    succeed(reactor, 0);
    assertTrue(got.get(0) instanceof Protocol);
    assertEquals(reactor.getDelayedCalls(), List.of());
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointMemoryIPv4ReactorTests.test_endpointConnectSuccess */
  @Test
  public void fallbackIPv4Success() {
    fallbackSuccess("1.2.3.4");
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointMemoryIPv6ReactorTests.test_endpointConnectSuccess */
  @Test
  public void fallbackIPv6Success() {
    fallbackSuccess("1:2::3:4");
  }

  private void fallbackNonDefault(String address) {
    MemoryReactorClock reactor = new MemoryReactorClock();
    InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 49595);
    fallback(reactor, address, answering(address), 10, bind).connect(factory());
    MemoryReactor.TcpClient c = reactor.tcpClients().get(0);
    assertEquals(c.host(), address);
    assertEquals(c.timeout(), 10.0);
    assertEquals(c.bindAddress(), bind);
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointMemoryIPv4ReactorTests.test_endpointConnectNonDefaultArgs */
  @Test
  public void fallbackIPv4NonDefaultArgs() {
    fallbackNonDefault("1.2.3.4");
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointMemoryIPv6ReactorTests.test_endpointConnectNonDefaultArgs */
  @Test
  public void fallbackIPv6NonDefaultArgs() {
    fallbackNonDefault("1:2::3:4");
  }

  private void fallbackFailure(String address) {
    MemoryReactorClock reactor = new MemoryReactorClock();
    List<Object> got = results(fallback(reactor, address, answering(address), 30, null)
        .connect(factory()));
    ConnectError expected = new ConnectError("Connection Failed");
    HostnameEndpointTest.fail(reactor, 0, expected);
    assertSame(failure(got), expected);
    assertEquals(reactor.getDelayedCalls(), List.of());
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointMemoryIPv4ReactorTests.test_endpointConnectFailure */
  @Test
  public void fallbackIPv4Failure() {
    fallbackFailure("1.2.3.4");
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointMemoryIPv6ReactorTests.test_endpointConnectFailure */
  @Test
  public void fallbackIPv6Failure() {
    fallbackFailure("1:2::3:4");
  }

  private void fallbackCancelled(String address) {
    MemoryReactorClock reactor = new MemoryReactorClock();
    Deferred<IProtocol> d = fallback(reactor, address, answering(address), 30, null)
        .connect(factory());
    List<Object> got = results(d);
    d.cancel();
    ConnectingCancelledError e = (ConnectingCancelledError) failure(got);
    assertEquals(e.address(), new HostnameAddress("example.com", 80));
    assertTrue(reactor.connectors().get(0).stoppedConnecting());
    assertEquals(reactor.getDelayedCalls(), List.of());
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointMemoryIPv4ReactorTests.test_endpointConnectingCancelled */
  @Test
  public void fallbackIPv4Cancelled() {
    fallbackCancelled("1.2.3.4");
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointMemoryIPv6ReactorTests.test_endpointConnectingCancelled */
  @Test
  public void fallbackIPv6Cancelled() {
    fallbackCancelled("1:2::3:4");
  }

  private void errorsLogged() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    List<String> logged = new ArrayList<>();
    SimpleHostnameResolver resolver = new SimpleHostnameResolver(
        (host, port) -> Defer.fail(new UnknownHostException(host)),
        (name, f) -> logged.add(name + ": " + f.value()));
    HostnameEndpoint ep = new HostnameEndpoint(reactor, reactor, resolver, "example.com", 80, 30,
        null, 0.3);
    Throwable e = failure(results(ep.connect(factory())));
    assertTrue(e instanceof DNSLookupError, e.toString());
    assertEquals(logged, List.of("example.com: java.net.UnknownHostException: example.com"));
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointMemoryIPv4ReactorTests.test_errorsLogged */
  @Test
  public void fallbackIPv4ErrorsLogged() {
    errorsLogged();
  }

  /** twisted.internet.test.test_endpoints.HostnameEndpointMemoryIPv6ReactorTests.test_errorsLogged */
  @Test
  public void fallbackIPv6ErrorsLogged() {
    errorsLogged();
  }
}
