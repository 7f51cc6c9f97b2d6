package dev.torsion.protocols.portforward;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.testing.FakeConnector;
import dev.torsion.internet.testing.MemoryReactor;
import dev.torsion.internet.testing.MemoryReactorClock;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.internet.testing.StringTransport.ProducerState;
import dev.torsion.python.failure.Failure;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * The forwarder's wiring over a memory reactor and string transports: the outgoing connection,
 * reading paused until it is made, producers both ways, data both ways and close propagation.
 */
public class ProxyFactoryTest {
  private static final IPv4Address ADDR = new IPv4Address("TCP", "127.0.0.1", 0);

  private MemoryReactorClock reactor;
  private ProxyServer server;
  private StringTransport serverTransport;

  @BeforeMethod
  void connectServer() {
    reactor = new MemoryReactorClock();
    ProxyFactory factory = new ProxyFactory("127.0.0.1", 4321, reactor);
    server = (ProxyServer) factory.buildProtocol(ADDR);
    serverTransport = new StringTransport();
    server.makeConnection(serverTransport);
  }

  private ProxyClientFactory clientFactory() {
    assertEquals(reactor.tcpClients().size(), 1);
    return (ProxyClientFactory) reactor.tcpClients().get(0).factory();
  }

  private StringTransport connectClient() {
    ProxyClient client = (ProxyClient) clientFactory().buildProtocol(ADDR);
    StringTransport clientTransport = new StringTransport();
    client.makeConnection(clientTransport);
    return clientTransport;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** twisted.test.test_protocols.PortforwardingTests.test_registerProducers */
  @Test
  public void registerProducers() {
    MemoryReactor.TcpClient call = reactor.tcpClients().get(0);
    assertEquals(call.host(), "127.0.0.1");
    assertEquals(call.port(), 4321);
    assertSame(clientFactory().server(), server);
    ProxyClient client = (ProxyClient) clientFactory().buildProtocol(ADDR);
    StringTransport clientTransport = new StringTransport();
    client.makeConnection(clientTransport);
    assertSame(clientTransport.producer(), serverTransport);
    assertSame(serverTransport.producer(), clientTransport);
    assertTrue(clientTransport.streaming());
    assertTrue(serverTransport.streaming());
    assertSame(server.peer(), client);
    assertSame(client.peer(), server);
  }

  @Test
  public void serverReadingPausedUntilClientConnects() {
    assertEquals(serverTransport.producerState(), ProducerState.PAUSED);
    connectClient();
    assertEquals(serverTransport.producerState(), ProducerState.PRODUCING);
  }

  @Test
  public void dataBeforeConnectIsSentOnConnect() {
    byte[] early = new byte[5000];
    new Random(7).nextBytes(early);
    // Delivered one byte at a time and in a random chunk, as a paused transport may still
    // hand over what it read in its last turn.
    server.dataReceived(Arrays.copyOfRange(early, 0, 1));
    server.dataReceived(Arrays.copyOfRange(early, 1, 1234));
    for (int i = 1234; i < early.length; i++) {
      server.dataReceived(new byte[] {early[i]});
    }
    StringTransport clientTransport = connectClient();
    assertEquals(clientTransport.value(), early);
    server.dataReceived(bytes("later"));
    assertEquals(clientTransport.value().length, early.length + 5);
  }

  @Test
  public void dataForwardedBothWays() {
    StringTransport clientTransport = connectClient();
    server.dataReceived(bytes("to destination"));
    assertEquals(clientTransport.value(), bytes("to destination"));
    server.peer().dataReceived(bytes("to source"));
    assertEquals(serverTransport.value(), bytes("to source"));
  }

  @Test
  public void serverLostClosesClient() {
    StringTransport clientTransport = connectClient();
    Proxy client = server.peer();
    server.connectionLost(new Failure(new ConnectionDone()));
    assertTrue(clientTransport.disconnecting());
    // The dead side no longer produces for the live one, so its close does not wait.
    assertNull(clientTransport.producer());
    assertNull(server.peer());
    // The client's own loss then closes nothing new and does not throw.
    client.connectionLost(new Failure(new ConnectionDone()));
    assertNull(client.peer());
  }

  @Test
  public void clientLostClosesServer() {
    connectClient();
    Proxy client = server.peer();
    assertFalse(serverTransport.disconnecting());
    client.connectionLost(new Failure(new ConnectionDone()));
    assertTrue(serverTransport.disconnecting());
    assertNull(serverTransport.producer());
  }

  @Test
  public void connectionFailedClosesServer() {
    clientFactory().clientConnectionFailed(new FakeConnector(ADDR),
        new Failure(new ConnectionRefusedError()));
    assertTrue(serverTransport.disconnecting());
  }

  @Test
  public void serverLostWhileConnectingClosesLateClient() {
    server.connectionLost(new Failure(new ConnectionDone()));
    StringTransport clientTransport = connectClient();
    assertTrue(clientTransport.disconnecting());
    assertNull(clientTransport.producer());
    assertNull(serverTransport.producer());
  }

  @Test
  public void tooMuchDataBeforeConnectCloses() {
    server.dataReceived(new byte[ProxyServer.MAX_PENDING]);
    assertFalse(serverTransport.disconnecting());
    server.dataReceived(new byte[1]);
    assertTrue(serverTransport.disconnecting());
  }

  @Test
  public void clientFactoryNeedsServer() {
    assertThrows(IllegalStateException.class, () -> new ProxyClientFactory().buildProtocol(ADDR));
  }

  @Test
  public void serverNeedsProxyFactory() {
    ProxyServer bare = new ProxyServer();
    assertThrows(IllegalStateException.class, () -> bare.makeConnection(new StringTransport()));
  }

  @Test
  public void badPortRejected() {
    assertThrows(IllegalArgumentException.class, () -> new ProxyFactory("h", 65536, reactor));
    assertThrows(IllegalArgumentException.class, () -> new ProxyFactory("h", -1));
  }

  @Test
  public void factoryExposesDestination() {
    ProxyFactory f = new ProxyFactory("example.org", 80, reactor);
    assertEquals(f.host(), "example.org");
    assertEquals(f.port(), 80);
    assertSame(f.reactor(), reactor);
    assertSame(server.factory().getClass(), ProxyFactory.class);
  }
}
