package dev.torsion.internet.endpoints;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.testing.MemoryReactor;
import dev.torsion.internet.testing.MemoryReactorClock;
import dev.torsion.internet.testing.StringTransport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class EndpointsTest {
  private final MemoryReactorClock reactor = new MemoryReactorClock();

  private TCP4ServerEndpoint server4(String description) {
    return (TCP4ServerEndpoint) Endpoints.serverFromString(reactor, description);
  }

  private IllegalArgumentException serverError(String description) {
    return expectThrows(IllegalArgumentException.class,
        () -> Endpoints.serverFromString(reactor, description));
  }

  private IllegalArgumentException clientError(String description) {
    return expectThrows(IllegalArgumentException.class,
        () -> Endpoints.clientFromString(reactor, description));
  }

  /** twisted.internet.test.test_endpoints.ParserTests.test_simpleTCP */
  @Test
  public void simpleTcpHasDefaults() {
    TCP4ServerEndpoint ep = server4("tcp:80");
    assertEquals(ep.port(), 80);
    assertEquals(ep.iface(), "");
    assertEquals(ep.backlog(), 50);
  }

  /** twisted.internet.test.test_endpoints.ParserTests.test_interfaceTCP */
  @Test
  public void tcpInterfaceIsAString() {
    assertEquals(server4("tcp:80:interface=127.0.0.1").iface(), "127.0.0.1");
  }

  /** twisted.internet.test.test_endpoints.ParserTests.test_backlogTCP */
  @Test
  public void tcpBacklogIsAnInteger() {
    assertEquals(server4("tcp:80:backlog=6").backlog(), 6);
  }

  @Test
  public void tcpPositionalInterfaceAndBacklog() {
    TCP4ServerEndpoint ep = server4("tcp:8080:127.0.0.1:5");
    assertEquals(ep.iface(), "127.0.0.1");
    assertEquals(ep.backlog(), 5);
  }

  /** twisted.internet.test.test_endpoints.ParserTests.test_escape */
  @Test
  public void backslashEscapesColonsEqualsAndBackslashes() {
    Endpoints.Parsed p = Endpoints.parse("fake:foo\\:bar\\=baz\\:qux\\\\");
    assertEquals(p.args(), List.of("foo:bar=baz:qux\\"));
    assertEquals(p.kwargs(), Map.of());
  }

  /** twisted.internet.test.test_endpoints.ParserTests.test_impliedEscape */
  @Test
  public void equalsInAValueIsLiteral() {
    Endpoints.Parsed p = Endpoints.parse("fake:address=foo=bar");
    assertEquals(p.args(), List.of());
    assertEquals(p.kwargs(), Map.of("address", "foo=bar"));
  }

  /** twisted.internet.test.test_endpoints.ParserTests.test_quoteStringArgument */
  @Test
  public void quoteStringArgumentEscapesColonsAndBackslashes() {
    assertEquals(Endpoints.quoteStringArgument("some : stuff \\"), "some \\: stuff \\\\");
    FakeParsers.Made m = (FakeParsers.Made) Endpoints.serverFromString(reactor,
        "fake:" + Endpoints.quoteStringArgument("C:\\x"));
    assertEquals(m.args(), List.of("C:\\x"));
  }

  /** twisted.internet.test.test_endpoints.ParserTests.test_unknownType */
  @Test
  public void unknownServerTypeNamesIt() {
    IllegalArgumentException e = serverError("bogus-type:nothing");
    assertEquals(e.getMessage(),
        "bad endpoint description 'bogus-type:nothing': unknown endpoint type 'bogus-type'");
  }

  /** twisted.internet.test.test_endpoints.ServerStringTests.test_unknownType */
  @Test
  public void bareServerPortIsAnUnknownType() {
    assertTrue(serverError("8080").getMessage().endsWith("unknown endpoint type '8080'"));
  }

  @Test
  public void badServerParametersAreNamed() {
    assertTrue(serverError("tcp:abc").getMessage().endsWith("port 'abc' is not an integer"));
    assertTrue(serverError("tcp").getMessage().endsWith("missing parameter 'port'"));
    assertTrue(serverError("tcp:80:foo=1").getMessage()
        .endsWith("unknown parameter 'foo' (expected port, interface, backlog)"));
    assertTrue(serverError("tcp:80:backlog=x").getMessage()
        .endsWith("backlog 'x' is not an integer"));
    assertTrue(serverError("tcp:70000").getMessage().endsWith("out of range 0-65535"));
    assertTrue(serverError("tcp:1:2:3:4").getMessage().contains("too many positional"));
    assertTrue(serverError("tcp:80:port=81").getMessage().endsWith("'port' given twice"));
    assertTrue(serverError("tcp:80\\").getMessage().endsWith("trailing backslash"));
  }

  /** twisted.internet.test.test_endpoints.ServerStringTests.test_tcp */
  @Test
  public void serverTcpString() {
    TCP4ServerEndpoint ep = server4("tcp:1234:backlog=12:interface=10.0.0.1");
    assertEquals(ep.port(), 1234);
    assertEquals(ep.backlog(), 12);
    assertEquals(ep.iface(), "10.0.0.1");
    ep.listen(new dev.torsion.internet.protocol.Factory());
    assertEquals(reactor.tcpServers().get(0).port(), 1234);
  }

  /** twisted.internet.test.test_endpoints.TCP6ServerEndpointPluginTests.test_stringDescription */
  @Test
  public void serverTcp6String() {
    TCP6ServerEndpoint ep = (TCP6ServerEndpoint) Endpoints.serverFromString(reactor,
        "tcp6:8080:backlog=12:interface=\\:\\:1");
    assertEquals(ep.port(), 8080);
    assertEquals(ep.backlog(), 12);
    assertEquals(ep.iface(), "::1");
    assertEquals(((TCP6ServerEndpoint) Endpoints.serverFromString(reactor, "TCP6:80")).iface(),
        "::");
  }

  /** twisted.internet.test.test_endpoints.TCP6ServerEndpointPluginTests.test_pluginDiscovery */
  @Test
  public void tcp6ServerParserIsDiscovered() {
    List<String> found = new ArrayList<>();
    for (StreamServerEndpointStringParser p
        : java.util.ServiceLoader.load(StreamServerEndpointStringParser.class)) {
      found.add(p.getClass().getSimpleName() + ":" + p.prefix());
    }
    assertTrue(found.contains("Server6:tcp6"), found.toString());
    assertTrue(found.contains("Server4:tcp"), found.toString());
  }

  /** twisted.internet.test.test_endpoints.ServerStringTests.test_typeFromPlugin */
  @Test
  public void serverTypeFromPlugin() {
    FakeParsers.Made m = (FakeParsers.Made) Endpoints.serverFromString(reactor,
        "FAKE:hello:world=yes");
    assertSame(m.reactor(), reactor);
    assertEquals(m.args(), List.of("hello"));
    assertEquals(m.kwargs(), Map.of("world", "yes"));
  }

  /** twisted.internet.test.test_endpoints.ClientStringTests.test_typeFromPlugin */
  @Test
  public void clientTypeFromPlugin() {
    FakeParsers.Made m = (FakeParsers.Made) Endpoints.clientFromString(reactor,
        "fake:alpha:beta=gamma");
    assertEquals(m.args(), List.of("alpha"));
    assertEquals(m.kwargs(), Map.of("beta", "gamma"));
  }

  /** twisted.internet.test.test_endpoints.ClientStringTests.test_stringParserWithReactor */
  @Test
  public void clientPluginGetsTheReactor() {
    FakeParsers.Made m = (FakeParsers.Made) Endpoints.clientFromString(reactor, "fake:x");
    assertSame(m.reactor(), reactor);
  }

  /** twisted.internet.test.test_endpoints.ClientStringTests.test_tcp */
  @Test
  public void clientTcpKeywords() {
    TCP4ClientEndpoint ep = (TCP4ClientEndpoint) Endpoints.clientFromString(reactor,
        "tcp:host=example.com:port=1234:timeout=7:bindAddress=10.0.0.2");
    assertEquals(ep.host(), "example.com");
    assertEquals(ep.port(), 1234);
    assertEquals(ep.timeout(), 7.0);
    assertEquals(ep.bindAddress(), new InetSocketAddress("10.0.0.2", 0));
  }

  /** twisted.internet.test.test_endpoints.ClientStringTests.test_tcpPositionalArgs */
  @Test
  public void clientTcpPositional() {
    TCP4ClientEndpoint ep = (TCP4ClientEndpoint) Endpoints.clientFromString(reactor,
        "tcp:example.com:1234:timeout=7");
    assertEquals(ep.host(), "example.com");
    assertEquals(ep.port(), 1234);
    assertEquals(ep.timeout(), 7.0);
  }

  /** twisted.internet.test.test_endpoints.ClientStringTests.test_tcpHostPositionalArg */
  @Test
  public void clientTcpHostPositional() {
    TCP4ClientEndpoint ep = (TCP4ClientEndpoint) Endpoints.clientFromString(reactor,
        "tcp:example.com:port=1234");
    assertEquals(ep.host(), "example.com");
    assertEquals(ep.port(), 1234);
  }

  /** twisted.internet.test.test_endpoints.ClientStringTests.test_tcpPortPositionalArg */
  @Test
  public void clientTcpPortPositional() {
    TCP4ClientEndpoint ep = (TCP4ClientEndpoint) Endpoints.clientFromString(reactor,
        "tcp:host=example.com:1234");
    assertEquals(ep.host(), "example.com");
    assertEquals(ep.port(), 1234);
  }

  /** twisted.internet.test.test_endpoints.ClientStringTests.test_tcpDefaults */
  @Test
  public void clientTcpDefaults() {
    TCP4ClientEndpoint ep = (TCP4ClientEndpoint) Endpoints.clientFromString(reactor,
        "TCP:example.com:1234");
    assertEquals(ep.timeout(), 30.0);
    assertEquals(ep.bindAddress(), null);
  }

  @Test
  public void clientTcp6String() {
    TCP6ClientEndpoint ep = (TCP6ClientEndpoint) Endpoints.clientFromString(reactor,
        "tcp6:\\:\\:1:80:timeout=2.5");
    assertEquals(ep.host(), "::1");
    assertEquals(ep.port(), 80);
    assertEquals(ep.timeout(), 2.5);
  }

  /** twisted.internet.test.test_endpoints.ClientStringTests.test_unknownType */
  @Test
  public void unknownClientTypeNamesIt() {
    assertEquals(clientError("foo:bar:baz").getMessage(),
        "bad endpoint description 'foo:bar:baz': unknown endpoint type 'foo'");
  }

  @Test
  public void badClientParametersAreNamed() {
    assertTrue(clientError("tcp:h").getMessage().endsWith("missing parameter 'port'"));
    assertTrue(clientError("tcp:h:x").getMessage().endsWith("port 'x' is not an integer"));
    assertTrue(clientError("tcp:h:1:foo=2").getMessage().endsWith(
        "unknown parameter 'foo' (expected host, port, timeout, bindAddress)"));
    assertTrue(clientError("tcp:h:1:2").getMessage().contains("too many positional"));
    assertTrue(clientError("tcp:h:1:timeout=soon").getMessage()
        .endsWith("timeout 'soon' is not a number"));
    assertTrue(clientError("tcp:h:1:timeout=-1").getMessage().contains("not a finite"));
    assertTrue(clientError("tcp6:1.2.3.4:1").getMessage().contains("IPv6"));
    assertTrue(clientError("").getMessage().endsWith("unknown endpoint type ''"));
  }

  /** twisted.internet.test.test_endpoints.ConnectProtocolTests.test_connectProtocolCreatesFactory */
  @Test
  public void connectProtocolFactoryBuildsThatProtocol() {
    List<IProtocolFactory> seen = new ArrayList<>();
    IStreamClientEndpoint ep = f -> {
      seen.add(f);
      return new Deferred<>();
    };
    Protocol proto = new Protocol();
    Endpoints.connectProtocol(ep, proto);
    assertSame(seen.get(0).buildProtocol(new IPv4Address("TCP", "127.0.0.1", 1)), proto);
  }

  /** twisted.internet.test.test_endpoints.ConnectProtocolTests.test_connectProtocolReturnsConnectResult */
  @Test
  public void connectProtocolReturnsConnectResult() {
    Deferred<IProtocol> result = new Deferred<>();
    assertSame(Endpoints.connectProtocol(f -> result, new Protocol()), result);
  }

  @Test
  public void connectProtocolThroughTcpEndpoint() {
    MemoryReactor r = new MemoryReactor();
    Protocol proto = new Protocol();
    List<Object> got = new ArrayList<>();
    Endpoints.connectProtocol(Endpoints.clientFromString(r, "tcp:127.0.0.1:80"), proto)
        .addCallback(p -> got.add(p));
    r.tcpClients().get(0).factory().buildProtocol(new IPv4Address("TCP", "127.0.0.1", 80))
        .makeConnection(new StringTransport());
    assertEquals(got, List.of(proto));
    assertTrue(proto.connected());
  }
}
