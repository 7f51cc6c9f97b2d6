package dev.torsion.protocols.policies;

import static dev.torsion.protocols.policies.Helpers.b;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.internet.testing.StringTransportWithDisconnection;
import java.util.List;
import org.testng.annotations.Test;

/** {@link ThrottlingFactory} and {@link ThrottlingProtocol}. */
public class ThrottlingFactoryTest {
  private static final IPv4Address ADDR = new IPv4Address("TCP", "127.0.0.1", 0);

  private static ThrottlingProtocol connect(ThrottlingFactory f,
      StringTransportWithDisconnection t) {
    ThrottlingProtocol p = f.buildProtocol(ADDR);
    assertNotNull(p);
    t.setProtocol(p);
    p.makeConnection(t);
    return p;
  }

  private static Helpers.SimpleProtocol simple(ProtocolWrapper p) {
    return (Helpers.SimpleProtocol) p.wrappedProtocol();
  }

  /** twisted.test.test_policies.ThrottlingTests.test_limit */
  @Test
  public void connectionsOverTheLimitAreRefusedUntilOneIsLost() {
    // In memory rather than over loopback TCP: two connections are served, the third refused
    // (Twisted's client sees it closed at once), and a lost connection frees a place.
    Helpers.Server server = new Helpers.Server();
    server.setProtocol(Helpers.SimpleProtocol::new);
    ThrottlingFactory tServer = new ThrottlingFactory(server, 2);
    WrappingFactory wrapTServer = new WrappingFactory(tServer);
    wrapTServer.doStart();
    assertEquals(server.numPorts(), 1);
    StringTransportWithDisconnection t1 = new StringTransportWithDisconnection();
    ProtocolWrapper c1 = wrapTServer.buildProtocol(ADDR);
    t1.setProtocol(c1);
    c1.makeConnection(t1);
    StringTransportWithDisconnection t2 = new StringTransportWithDisconnection();
    ProtocolWrapper c2 = wrapTServer.buildProtocol(ADDR);
    t2.setProtocol(c2);
    c2.makeConnection(t2);
    assertNull(wrapTServer.buildProtocol(ADDR));
    assertEquals(tServer.protocols().size(), 2);
    assertEquals(tServer.connectionCount(), 2);

    Helpers.SimpleProtocol p1 = simple((ProtocolWrapper) c1.wrappedProtocol());
    assertTrue(p1.made);
    t1.loseConnection();
    assertTrue(p1.disconnected);
    assertEquals(tServer.connectionCount(), 1);

    StringTransportWithDisconnection t4 = new StringTransportWithDisconnection();
    ProtocolWrapper c4 = wrapTServer.buildProtocol(ADDR);
    assertNotNull(c4);
    t4.setProtocol(c4);
    c4.makeConnection(t4);
    Helpers.SimpleProtocol p4 = simple((ProtocolWrapper) c4.wrappedProtocol());
    assertTrue(p4.made);
    assertFalse(p4.disconnected);
    t2.loseConnection();
    t4.loseConnection();
    assertEquals(tServer.connectionCount(), 0);
    wrapTServer.doStop();
    assertEquals(server.numPorts(), 0);
  }

  /** twisted.test.test_policies.ThrottlingTests.test_writeSequence */
  @Test
  public void writeSequenceIsCountedAndForwarded() {
    ThrottlingFactory tServer = new ThrottlingFactory(new Helpers.Server(), Integer.MAX_VALUE,
        null, null, new Clock());
    StringTransportWithDisconnection transport = new StringTransportWithDisconnection();
    ThrottlingProtocol protocol = connect(tServer, transport);
    protocol.writeSequence(List.of(b("bytes"), b("bytes"), b("bytes"), b("bytes")));
    assertEquals(transport.value(), b("bytesbytesbytesbytes"));
    assertEquals(tServer.writtenThisSecond(), 20);
  }

  /** twisted.test.test_policies.ThrottlingTests.test_writeLimit */
  @Test
  public void writesOverTheLimitPauseTheProducerForAWhile() {
    Clock clock = new Clock();
    ThrottlingFactory tServer =
        new ThrottlingFactory(new Helpers.Server(), Integer.MAX_VALUE, null, 10L, clock);
    StringTransportWithDisconnection tr = new StringTransportWithDisconnection();
    ThrottlingProtocol port = connect(tServer, tr);
    Helpers.EchoProtocol echo = (Helpers.EchoProtocol) port.wrappedProtocol();
    port.registerProducer(echo, true);
    port.dataReceived(b("0123456789"));
    port.dataReceived(b("abcdefghij"));
    assertEquals(tr.value(), b("0123456789abcdefghij"));
    assertEquals(tServer.writtenThisSecond(), 20);
    assertFalse(echo.paused);
    clock.advance(1.05);
    assertEquals(tServer.writtenThisSecond(), 0);
    assertTrue(echo.paused);
    clock.advance(1.05);
    assertEquals(tServer.writtenThisSecond(), 0);
    assertFalse(echo.paused);
  }

  /** twisted.test.test_policies.ThrottlingTests.test_readLimit */
  @Test
  public void readsOverTheLimitPauseTheTransportForAWhile() {
    Clock clock = new Clock();
    ThrottlingFactory tServer =
        new ThrottlingFactory(new Helpers.Server(), Integer.MAX_VALUE, 10L, null, clock);
    StringTransportWithDisconnection tr = new StringTransportWithDisconnection();
    ThrottlingProtocol port = connect(tServer, tr);
    for (int round = 0; round < 2; round++) {
      tr.clear();
      port.dataReceived(b("0123456789"));
      port.dataReceived(b("abcdefghij"));
      assertEquals(tr.value(), b("0123456789abcdefghij"));
      assertEquals(tServer.readThisSecond(), 20);
      clock.advance(1.05);
      assertEquals(tServer.readThisSecond(), 0);
      assertEquals(tr.producerState(), StringTransport.ProducerState.PAUSED);
      clock.advance(1.05);
      assertEquals(tServer.readThisSecond(), 0);
      assertEquals(tr.producerState(), StringTransport.ProducerState.PRODUCING);
    }
  }

  @Test
  public void theLastConnectionLostStopsTheChecks() {
    Clock clock = new Clock();
    ThrottlingFactory tServer =
        new ThrottlingFactory(new Helpers.Server(), Integer.MAX_VALUE, 10L, 10L, clock);
    StringTransportWithDisconnection tr = new StringTransportWithDisconnection();
    ThrottlingProtocol port = connect(tServer, tr);
    assertEquals(clock.getDelayedCalls().size(), 2);
    port.dataReceived(b("0123456789abcdefghij0123456789"));
    clock.advance(1);
    assertEquals(clock.getDelayedCalls().size(), 4);
    tr.loseConnection();
    assertTrue(clock.getDelayedCalls().isEmpty());
    connect(tServer, new StringTransportWithDisconnection());
    assertEquals(clock.getDelayedCalls().size(), 2);
  }

  @Test
  public void badLimitsAreRefused() {
    Helpers.Server s = new Helpers.Server();
    expectThrows(IllegalArgumentException.class, () -> new ThrottlingFactory(s, -1));
    expectThrows(IllegalArgumentException.class,
        () -> new ThrottlingFactory(s, 1, 0L, null, new Clock()));
  }
}
