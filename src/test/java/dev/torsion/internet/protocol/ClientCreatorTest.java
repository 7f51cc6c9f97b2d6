package dev.torsion.internet.protocol;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.CancelledError;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.testing.FakeConnector;
import dev.torsion.internet.testing.MemoryReactorClock;
import dev.torsion.internet.testing.MemoryReactor.TcpClient;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** {@link ClientCreator} against a recording reactor, as Twisted's ClientCreatorTests. */
public class ClientCreatorTest {
  static final IPv4Address PEER = new IPv4Address("TCP", "127.0.0.1", 1234);

  static final class SomeProtocol extends Protocol {
    int made;

    @Override
    public void connectionMade() {
      made++;
    }
  }

  /** Collects what a Deferred fired with, handling failures. */
  static final class Outcome<T> {
    final List<@Nullable T> results = new ArrayList<>();
    final List<Failure> failures = new ArrayList<>();

    Outcome(Deferred<T> d) {
      d.addCallbacks(r -> {
        results.add(r);
        return null;
      }, f -> {
        failures.add(f);
        return null;
      });
    }

    boolean fired() {
      return !results.isEmpty() || !failures.isEmpty();
    }
  }

  /** twisted.internet.test.test_protocol.ClientCreatorTests.test_connectTCP */
  @Test
  public void connectTcpPassesItsArgumentsAndAFactoryOfTheProtocol() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    ClientCreator<SomeProtocol> cc = new ClientCreator<>(reactor, SomeProtocol::new);
    InetSocketAddress bind = InetSocketAddress.createUnresolved("1.2.3.4", 9876);
    cc.connectTCP("example.com", 1234, 4321, bind);
    TcpClient call = reactor.tcpClients().remove(0);
    assertEquals(call.host(), "example.com");
    assertEquals(call.port(), 1234);
    assertEquals(call.timeout(), 4321.0);
    assertSame(call.bindAddress(), bind);
    assertTrue(call.factory().buildProtocol(PEER) instanceof SomeProtocol);
  }

  @Test
  public void connectTcpDefaultsToThirtySecondsAndAnyLocalAddress() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    new ClientCreator<>(reactor, SomeProtocol::new).connectTCP("127.0.0.1", 80);
    TcpClient call = reactor.tcpClients().remove(0);
    assertEquals(call.timeout(), 30.0);
    assertNull(call.bindAddress());
  }

  @Test
  public void firesWithTheConnectedProtocolOnTheNextPass() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    Outcome<SomeProtocol> out = new Outcome<>(
        new ClientCreator<>(reactor, SomeProtocol::new).connectTCP("127.0.0.1", 80));
    TcpClient call = reactor.tcpClients().remove(0);
    Protocol p = call.factory().buildProtocol(PEER);
    ITransport transport = new FileWrapper(new ByteArrayOutputStream());
    p.makeConnection(transport);
    assertFalse(out.fired(), "fired before the zero-delay call ran");
    reactor.advance(0);
    assertEquals(out.results.size(), 1);
    SomeProtocol fired = out.results.get(0);
    assertSame(fired, p);
    assertEquals(fired.made, 1);
    assertSame(fired.transport(), transport);
  }

  @Test
  public void failsWithTheConnectErrorOnTheNextPass() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    Outcome<SomeProtocol> out = new Outcome<>(
        new ClientCreator<>(reactor, SomeProtocol::new).connectTCP("127.0.0.1", 80));
    ConnectionRefusedError refused = new ConnectionRefusedError("refused");
    reactor.tcpClients().remove(0).factory()
        .clientConnectionFailed(reactor.connectors().remove(0), new Failure(refused));
    assertFalse(out.fired());
    reactor.advance(0);
    assertEquals(out.failures.size(), 1);
    assertSame(out.failures.get(0).value(), refused);
  }

  @Test
  public void eachConnectBuildsAFreshProtocol() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    ClientCreator<SomeProtocol> cc = new ClientCreator<>(reactor, SomeProtocol::new);
    cc.connectTCP("127.0.0.1", 80);
    cc.connectTCP("127.0.0.1", 80);
    Protocol first = reactor.tcpClients().remove(0).factory().buildProtocol(PEER);
    Protocol second = reactor.tcpClients().remove(0).factory().buildProtocol(PEER);
    assertTrue(first != second);
  }

  /** twisted.internet.test.test_protocol.ClientCreatorTests.test_cancelConnectTCP */
  @Test
  public void cancellingBeforeTheConnectionDisconnectsTheConnector() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    Deferred<Protocol> d =
        new ClientCreator<>(reactor, Protocol::new).connectTCP("example.com", 1234);
    FakeConnector connector = reactor.connectors().remove(0);
    assertFalse(connector.disconnected());
    Outcome<Protocol> out = new Outcome<>(d);
    d.cancel();
    assertTrue(connector.disconnected());
    assertEquals(out.failures.size(), 1);
    assertTrue(out.failures.get(0).check(CancelledError.class) != null);
  }

  /** twisted.internet.test.test_protocol.ClientCreatorTests.test_cancelConnectTCPTimeout */
  @Test
  public void cancellingAfterTheConnectionClosesItAndCancelsTheDelayedCall() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    Deferred<Protocol> d =
        new ClientCreator<>(reactor, Protocol::new).connectTCP("example.com", 1234);
    TcpClient call = reactor.tcpClients().remove(0);
    Protocol p = call.factory().buildProtocol(PEER);
    p.makeConnection(new FileWrapper(new ByteArrayOutputStream()));
    FakeConnector connector = reactor.connectors().remove(0);
    assertEquals(reactor.getDelayedCalls().size(), 1);
    Outcome<Protocol> out = new Outcome<>(d);
    d.cancel();
    assertEquals(reactor.getDelayedCalls().size(), 0);
    assertTrue(connector.disconnected());
    assertEquals(out.failures.size(), 1);
    assertTrue(out.failures.get(0).check(CancelledError.class) != null);
  }

  /** twisted.internet.test.test_protocol.ClientCreatorTests.test_cancelConnectTCPFailedTimeout */
  @Test
  public void cancellingAfterTheFailureCancelsTheDelayedCall() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    Deferred<Protocol> d =
        new ClientCreator<>(reactor, Protocol::new).connectTCP("example.com", 1234);
    ClientFactory factory = reactor.tcpClients().remove(0).factory();
    FakeConnector connector = reactor.connectors().remove(0);
    factory.clientConnectionFailed(connector, new Failure(new Exception("Simulated failure")));
    assertEquals(reactor.getDelayedCalls().size(), 1);
    Outcome<Protocol> out = new Outcome<>(d);
    d.cancel();
    assertEquals(reactor.getDelayedCalls().size(), 0);
    assertEquals(out.failures.size(), 1);
    assertTrue(out.failures.get(0).check(CancelledError.class) != null);
    reactor.advance(1);
    assertEquals(out.failures.size(), 1, "the simulated failure must not arrive later");
  }

  @Test
  public void aConnectionCompletingAfterCancellationIsRefused() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    Deferred<Protocol> d =
        new ClientCreator<>(reactor, Protocol::new).connectTCP("example.com", 1234);
    ClientFactory factory = reactor.tcpClients().remove(0).factory();
    Outcome<Protocol> out = new Outcome<>(d);
    d.cancel();
    assertNull(factory.buildProtocol(PEER));
    assertEquals(reactor.getDelayedCalls().size(), 0);
    assertEquals(out.failures.size(), 1);
  }

  @Test
  public void theFactoryIsQuietAndNamesItsProtocol() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    new ClientCreator<>(reactor, SomeProtocol::new).connectTCP("127.0.0.1", 80);
    ClientFactory factory = reactor.tcpClients().remove(0).factory();
    assertFalse(factory.noisy());
    assertTrue(factory.toString().startsWith("<ClientCreator factory: "), factory.toString());
  }
}
