package dev.torsion.protocols.policies;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.testing.StringTransportWithDisconnection;
import java.util.Map;
import org.testng.annotations.Test;

/** {@link LimitConnectionsByPeer}: Twisted has no tests for it. */
public class LimitConnectionsByPeerTest {
  private static ProtocolWrapper connect(LimitConnectionsByPeer f, IPv4Address peer) {
    ProtocolWrapper p = f.buildProtocol(peer);
    if (p != null) {
      StringTransportWithDisconnection t =
          new StringTransportWithDisconnection(new IPv4Address("TCP", "127.0.0.1", 80), peer);
      t.setProtocol(p);
      p.makeConnection(t);
    }
    return p;
  }

  @Test
  public void eachHostIsLimitedAndALostConnectionFreesAPlace() {
    LimitConnectionsByPeer f = new LimitConnectionsByPeer(new Helpers.Server());
    f.doStart();
    f.setMaxConnectionsPerPeer(2);
    IPv4Address a1 = new IPv4Address("TCP", "10.0.0.1", 1000);
    IPv4Address a2 = new IPv4Address("TCP", "10.0.0.1", 1001);
    IPv4Address b = new IPv4Address("TCP", "10.0.0.2", 1000);
    ProtocolWrapper first = connect(f, a1);
    assertNotNull(first);
    assertNotNull(connect(f, a2));
    assertNull(connect(f, a1));
    assertNotNull(connect(f, b));
    assertEquals(f.peerConnections(), Map.of("10.0.0.1", 2, "10.0.0.2", 1));
    assertEquals(f.protocols().size(), 3);
    first.transport().loseConnection();
    assertEquals(f.peerConnections(), Map.of("10.0.0.1", 1, "10.0.0.2", 1));
    assertEquals(f.protocols().size(), 2);
    assertNotNull(connect(f, a1));
    f.doStop();
  }

  @Test
  public void theDefaultLimitIsFiveAndStartingClearsTheCounts() {
    LimitConnectionsByPeer f = new LimitConnectionsByPeer(new Helpers.Server());
    assertEquals(f.maxConnectionsPerPeer(), 5);
    IPv4Address a = new IPv4Address("TCP", "10.0.0.1", 1000);
    for (int i = 0; i < 5; i++) {
      assertNotNull(f.buildProtocol(a));
    }
    assertNull(f.buildProtocol(a));
    f.doStart();
    assertTrue(f.peerConnections().isEmpty());
    assertNotNull(f.buildProtocol(a));
  }
}
