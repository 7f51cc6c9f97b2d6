package dev.torsion.protocols.policies;

import static dev.torsion.protocols.policies.Helpers.b;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.StringTransportWithDisconnection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** {@link TimeoutFactory} and {@link TimeoutProtocol}. */
public class TimeoutFactoryTest {
  private Clock clock = new Clock();

  @BeforeMethod
  public void setUp() {
    clock = new Clock();
  }

  private TimeoutProtocol connected(@Nullable Double period) {
    ServerFactory wrapped = new ServerFactory();
    wrapped.setProtocol(Helpers.SimpleProtocol::new);
    TimeoutFactory factory = new TimeoutFactory(wrapped, period, clock);
    TimeoutProtocol proto =
        factory.buildProtocol(new IPv4Address("TCP", "127.0.0.1", 12345));
    assertNotNull(proto);
    StringTransportWithDisconnection transport = new StringTransportWithDisconnection();
    transport.setProtocol(proto);
    proto.makeConnection(transport);
    return proto;
  }

  private static Helpers.SimpleProtocol inner(TimeoutProtocol p) {
    return (Helpers.SimpleProtocol) p.wrappedProtocol();
  }

  /** twisted.test.test_policies.TimeoutProtocolTests.test_cancelTimeout */
  @Test
  public void cancelTimeoutStopsTheCountdown() {
    TimeoutProtocol sut = connected(null);
    Helpers.SimpleProtocol wrapped = inner(sut);
    sut.setTimeout(3.0);
    assertNotNull(sut.timeoutCall());
    assertFalse(wrapped.disconnected);
    clock.advance(1);
    sut.cancelTimeout();
    assertNull(sut.timeoutCall());
    clock.advance(3);
    assertFalse(wrapped.disconnected);
  }

  /** twisted.test.test_policies.TimeoutProtocolTests.test_cancelTimeoutNoTimeout */
  @Test
  public void cancelTimeoutWithoutTimeoutDoesNothing() {
    TimeoutProtocol sut = connected(null);
    assertNull(sut.timeoutCall());
    sut.cancelTimeout();
    assertFalse(inner(sut).disconnected);
  }

  /** twisted.test.test_policies.TimeoutProtocolTests.test_cancelTimeoutAlreadyCalled */
  @Test
  public void cancelTimeoutAfterItFiredDoesNothing() {
    TimeoutProtocol sut = connected(null);
    Helpers.SimpleProtocol wrapped = inner(sut);
    sut.setTimeout(3.0);
    clock.advance(3);
    assertTrue(wrapped.disconnected);
    sut.cancelTimeout();
  }

  /** twisted.test.test_policies.TimeoutProtocolTests.test_cancelTimeoutAlreadyCancelled */
  @Test
  public void cancelTimeoutAfterACancelElsewhereDoesNothing() {
    TimeoutProtocol sut = connected(null);
    sut.setTimeout(3.0);
    sut.timeoutCall().cancel();
    sut.cancelTimeout();
    assertFalse(inner(sut).disconnected);
  }

  /** twisted.test.test_policies.TimeoutFactoryTests.test_timeout */
  @Test
  public void idleConnectionTimesOut() {
    TimeoutProtocol proto = connected(3.0);
    Helpers.SimpleProtocol wrapped = inner(proto);
    clock.pump(0.0, 0.5, 1.0, 1.0, 0.4);
    assertFalse(wrapped.disconnected);
    clock.pump(0.0, 0.2);
    assertTrue(wrapped.disconnected);
    assertTrue(proto.disconnecting());
  }

  /** twisted.test.test_policies.TimeoutFactoryTests.test_sendAvoidsTimeout */
  @Test
  public void sendingResetsTheCountdown() {
    TimeoutProtocol proto = connected(3.0);
    Helpers.SimpleProtocol wrapped = inner(proto);
    clock.pump(0.0, 0.5, 1.0);
    assertFalse(wrapped.disconnected);
    proto.write(b("bytes bytes bytes"));
    clock.pump(0.0, 1.0, 1.0);
    assertFalse(wrapped.disconnected);
    proto.writeSequence(List.of(b("bytes"), b("bytes"), b("bytes")));
    clock.pump(0.0, 1.0, 1.0);
    assertFalse(wrapped.disconnected);
    clock.pump(0.0, 2.0);
    assertTrue(wrapped.disconnected);
  }

  /** twisted.test.test_policies.TimeoutFactoryTests.test_receiveAvoidsTimeout */
  @Test
  public void receivingResetsTheCountdown() {
    TimeoutProtocol proto = connected(3.0);
    Helpers.SimpleProtocol wrapped = inner(proto);
    clock.pump(0.0, 1.0, 0.5);
    assertFalse(wrapped.disconnected);
    proto.dataReceived(b("bytes bytes bytes"));
    clock.pump(0.0, 1.0, 1.0);
    assertFalse(wrapped.disconnected);
    clock.pump(0.0, 1.0, 1.0);
    assertTrue(wrapped.disconnected);
    assertTrue(clock.getDelayedCalls().isEmpty());
  }

  @Test
  public void connectionLostCancelsTheCountdown() {
    TimeoutProtocol proto = connected(3.0);
    proto.transport().loseConnection();
    assertNull(proto.timeoutCall());
    assertTrue(clock.getDelayedCalls().isEmpty());
  }
}
