package dev.torsion.internet.testing;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.address.UNIXAddress;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.ReactorAlreadyRunning;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IReactorCore;
import dev.torsion.internet.interfaces.IReactorSocket;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IReactorUNIX;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class MemoryReactorTest {
  /** twisted.internet.test.test_testing.ReactorTests.test_memoryReactorProvides */
  @Test
  public void memoryReactorProvidesCoreTcpAndSocket() {
    Object reactor = new MemoryReactor();
    assertTrue(reactor instanceof IReactorCore);
    assertTrue(reactor instanceof IReactorTCP);
    assertTrue(reactor instanceof IReactorUNIX);
    assertTrue(reactor instanceof IReactorSocket);
    assertTrue(reactor instanceof dev.torsion.internet.interfaces.IReactorFDSet);
  }

  /** twisted.internet.test.test_testing.ReactorTests.test_raisingReactorProvides */
  @Test
  public void raisingReactorProvidesTcpAndSocket() {
    Object reactor = new RaisingMemoryReactor(null, null);
    assertTrue(reactor instanceof IReactorTCP);
    assertTrue(reactor instanceof IReactorUNIX);
    assertTrue(reactor instanceof IReactorSocket);
  }

  @Test
  public void unixCallsAreRecordedAndAnsweredWithUnixAddresses() {
    MemoryReactor reactor = new MemoryReactor();
    Factory server = new Factory();
    IListeningPort port = reactor.listenUNIX("/tmp/s.sock", server, 7, 0600, true);
    assertEquals(port.getHost(), new UNIXAddress("/tmp/s.sock"));
    assertEquals(reactor.unixServers(),
        List.of(new MemoryReactor.UnixServer("/tmp/s.sock", server, 7, 0600, true)));
    List<IConnector> started = new ArrayList<>();
    ClientFactory client = new ClientFactory() {
      @Override
      public void startedConnecting(IConnector connector) {
        started.add(connector);
      }
    };
    IConnector connector = reactor.connectUNIX("/tmp/s.sock", client, 5, true);
    assertEquals(connector.getDestination(), new UNIXAddress("/tmp/s.sock"));
    assertEquals(reactor.unixClients(),
        List.of(new MemoryReactor.UnixClient("/tmp/s.sock", client, 5, true)));
    assertEquals(started, List.of(connector));
    assertEquals(reactor.connectors(), List.of(connector));
    assertTrue(reactor.tcpClients().isEmpty());
  }

  @Test
  public void raisingReactorRaisesFromTheUnixMethodsToo() {
    CannotListenError listen = new CannotListenError("no");
    ConnectionRefusedError connect = new ConnectionRefusedError("no");
    RaisingMemoryReactor reactor = new RaisingMemoryReactor(listen, connect);
    assertSame(expectThrows(() -> reactor.listenUNIX("/tmp/s.sock", new Factory())), listen);
    assertSame(expectThrows(() -> reactor.connectUNIX("/tmp/s.sock", new ClientFactory())),
        connect);
  }

  /** twisted.internet.test.test_testing.ReactorTests.test_connectDestination */
  @Test
  public void connectTcpReturnsAConnectorToTheAddressGiven() {
    MemoryReactor reactor = new MemoryReactor();
    IConnector connector = reactor.connectTCP("test.example.com", 8321, new ClientFactory());
    assertEquals(connector.getDestination(), new IPv4Address("TCP", "test.example.com", 8321));
    IConnector v6 = reactor.connectTCP("::1", 8321, new ClientFactory());
    assertEquals(v6.getDestination(), new IPv6Address("TCP", "::1", 8321));
  }

  /** twisted.internet.test.test_testing.ReactorTests.test_listenDefaultHost */
  @Test
  public void listenTcpReturnsAPortOnTheDefaultHost() {
    MemoryReactor reactor = new MemoryReactor();
    IListeningPort port = reactor.listenTCP(8242, new Factory());
    assertEquals(port.getHost(), new IPv4Address("TCP", "0.0.0.0", 8242));
    assertEquals(reactor.listenTCP(8242, new Factory(), "127.0.0.1").getHost(),
        new IPv4Address("TCP", "0.0.0.0", 8242));
    assertEquals(reactor.listenTCP(80, new Factory(), "::1").getHost(),
        new IPv6Address("TCP", "::1", 80));
  }

  @Test
  public void listenAndConnectAreRecordedTyped() {
    MemoryReactor reactor = new MemoryReactor();
    Factory server = new Factory();
    reactor.listenTCP(1, server, 7, "::");
    List<IConnector> started = new ArrayList<>();
    ClientFactory client = new ClientFactory() {
      @Override
      public void startedConnecting(IConnector connector) {
        started.add(connector);
      }
    };
    InetSocketAddress bind = InetSocketAddress.createUnresolved("localhost", 0);
    IConnector c = reactor.connectTCP("h", 2, client, 4.5, bind);
    assertEquals(reactor.tcpServers(), List.of(new MemoryReactor.TcpServer(1, server, 7, "::")));
    assertEquals(reactor.tcpClients(),
        List.of(new MemoryReactor.TcpClient("h", 2, client, 4.5, bind)));
    assertEquals(reactor.connectors(), List.of(c));
    assertEquals(started, List.of(c));
  }

  @Test
  public void fakePortsAndConnectorsRecordWhatTheyAreTold() {
    MemoryReactor reactor = new MemoryReactor();
    FakePort port = (FakePort) reactor.listenTCP(1, new Factory());
    assertTrue(port.listening());
    Deferred<Void> stopped = port.stopListening();
    assertTrue(stopped.called());
    assertFalse(port.listening());
    FakeConnector connector = (FakeConnector) reactor.connectTCP("h", 1, new ClientFactory());
    assertFalse(connector.stoppedConnecting());
    connector.stopConnecting();
    connector.disconnect();
    connector.connect();
    assertTrue(connector.stoppedConnecting());
    assertTrue(connector.disconnected());
    assertEquals(connector.connectCalls(), 1);
  }

  @Test
  public void adoptionIsRecorded() throws IOException {
    MemoryReactor reactor = new MemoryReactor();
    Factory factory = new Factory();
    try (ServerSocketChannel channel = ServerSocketChannel.open()) {
      IListeningPort port = reactor.adoptStreamPort(channel, factory);
      assertEquals(port.getHost(), new IPv4Address("TCP", "0.0.0.0", 1234));
      assertEquals(reactor.adoptedPorts(), List.of(new MemoryReactor.AdoptedPort(channel,
          factory)));
    }
  }

  @Test
  public void runRunsTheWhenRunningHooksInOrderThenStops() {
    MemoryReactor reactor = new MemoryReactor();
    List<String> events = new ArrayList<>();
    reactor.callWhenRunning(() -> events.add("first running=" + reactor.running()));
    IReactorCore.TriggerId removed = reactor.callWhenRunning(() -> events.add("removed"));
    reactor.callWhenRunning(() -> events.add("second"));
    reactor.removeSystemEventTrigger(removed);
    assertFalse(reactor.hasRun());
    assertFalse(reactor.hasStopped());
    reactor.run();
    assertEquals(events, List.of("first running=true", "second"));
    assertTrue(reactor.hasRun());
    assertTrue(reactor.hasStopped());
    assertFalse(reactor.running());
    reactor.crash();
    assertTrue(reactor.hasCrashed());
  }

  @Test
  public void runFromInsideRunThrows() {
    MemoryReactor reactor = new MemoryReactor();
    List<Throwable> errors = new ArrayList<>();
    reactor.callWhenRunning(() -> {
      try {
        reactor.run();
      } catch (ReactorAlreadyRunning e) {
        errors.add(e);
      }
    });
    reactor.run();
    assertEquals(errors.size(), 1);
  }

  @Test
  public void fireSystemEventRunsThePhasesInOrderWaitingForBeforeDeferreds() {
    MemoryReactor reactor = new MemoryReactor();
    List<String> events = new ArrayList<>();
    Deferred<String> held = new Deferred<>();
    reactor.addSystemEventTrigger("after", "shutdown", () -> events.add("after"));
    reactor.addSystemEventTrigger("during", "shutdown", () -> events.add("during"));
    reactor.addSystemEventTrigger("before", "shutdown", () -> {
      events.add("before");
      return held;
    });
    reactor.addSystemEventTrigger("before", "startup", () -> events.add("other event"));
    assertEquals(reactor.triggers("during", "shutdown").size(), 1);
    assertEquals(reactor.triggers().size(), 4);
    reactor.fireSystemEvent("shutdown");
    assertEquals(events, List.of("before"));
    held.callback("done");
    assertEquals(events, List.of("before", "during", "after"));
    assertThrows(IllegalArgumentException.class,
        () -> reactor.addSystemEventTrigger("whenever", "shutdown", () -> {}));
  }

  @Test
  public void removeSystemEventTriggerForgetsItAndRejectsUnknownIds() {
    MemoryReactor reactor = new MemoryReactor();
    IReactorCore.TriggerId id = reactor.addSystemEventTrigger("during", "x", () -> {});
    reactor.removeSystemEventTrigger(id);
    assertTrue(reactor.triggers().isEmpty());
    assertThrows(IllegalArgumentException.class, () -> reactor.removeSystemEventTrigger(id));
  }

  @Test
  public void raisingReactorThrowsTheGivenExceptions() {
    CannotListenError listen = new CannotListenError("port 80");
    ConnectionRefusedError connect = new ConnectionRefusedError();
    RaisingMemoryReactor reactor = new RaisingMemoryReactor(listen, connect);
    assertSame(expectThrows(() -> reactor.listenTCP(80, new Factory())), listen);
    assertSame(expectThrows(() -> reactor.connectTCP("h", 80, new ClientFactory())), connect);
    RaisingMemoryReactor none = new RaisingMemoryReactor(null, null);
    assertTrue(expectThrows(() -> none.listenTCP(80, new Factory()))
        instanceof IllegalStateException);
  }

  private static Throwable expectThrows(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("nothing thrown");
  }
}
