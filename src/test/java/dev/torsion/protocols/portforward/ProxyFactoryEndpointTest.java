package dev.torsion.protocols.portforward;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.endpoints.TCP4ClientEndpoint;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.testing.MemoryReactorClock;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.internet.testing.StringTransport.ProducerState;
import dev.torsion.python.failure.Failure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** A forwarder whose destination is a client endpoint rather than a TCP host and port. */
public class ProxyFactoryEndpointTest {
  private static final IPv4Address ADDR = new IPv4Address("TCP", "127.0.0.1", 0);

  /** Records each connect and hands back a Deferred the test fires. */
  private static final class FakeEndpoint implements IStreamClientEndpoint {
    final List<IProtocolFactory> factories = new ArrayList<>();
    final List<Deferred<IProtocol>> results = new ArrayList<>();

    @Override
    public Deferred<IProtocol> connect(IProtocolFactory protocolFactory) {
      factories.add(protocolFactory);
      Deferred<IProtocol> d = new Deferred<>();
      results.add(d);
      return d;
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  public void eachAcceptedConnectionConnectsTheEndpointAndForwardsBothWays() {
    FakeEndpoint endpoint = new FakeEndpoint();
    ProxyFactory factory = new ProxyFactory(endpoint);
    assertSame(factory.destination(), endpoint);
    assertNull(factory.host());
    assertEquals(factory.port(), -1);
    ProxyServer server = (ProxyServer) factory.buildProtocol(ADDR);
    StringTransport serverTransport = new StringTransport();
    server.makeConnection(serverTransport);
    assertEquals(endpoint.factories.size(), 1);
    assertEquals(serverTransport.producerState(), ProducerState.PAUSED);
    server.dataReceived(bytes("early "));

    IProtocol built = endpoint.factories.get(0).buildProtocol(ADDR);
    StringTransport clientTransport = new StringTransport();
    built.makeConnection(clientTransport);
    endpoint.results.get(0).callback(built);
    assertEquals(serverTransport.producerState(), ProducerState.PRODUCING);
    assertEquals(clientTransport.value(), bytes("early "));
    server.dataReceived(bytes("later"));
    assertEquals(clientTransport.value(), bytes("early later"));
    server.peer().dataReceived(bytes("back"));
    assertEquals(serverTransport.value(), bytes("back"));
  }

  @Test
  public void anEndpointThatFailsClosesTheAcceptedConnection() {
    FakeEndpoint endpoint = new FakeEndpoint();
    ProxyServer server = (ProxyServer) new ProxyFactory(endpoint).buildProtocol(ADDR);
    StringTransport serverTransport = new StringTransport();
    server.makeConnection(serverTransport);
    assertFalse(serverTransport.disconnecting());
    endpoint.results.get(0).errback(new Failure(new ConnectionRefusedError()));
    assertTrue(serverTransport.disconnecting());
  }

  @Test
  public void aTcpEndpointConnectsThroughItsReactor() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    ProxyServer server = (ProxyServer) new ProxyFactory(
        new TCP4ClientEndpoint(reactor, "127.0.0.1", 4321)).buildProtocol(ADDR);
    server.makeConnection(new StringTransport());
    assertEquals(reactor.tcpClients().size(), 1);
    assertEquals(reactor.tcpClients().get(0).host(), "127.0.0.1");
    assertEquals(reactor.tcpClients().get(0).port(), 4321);
  }
}
