package dev.torsion.protocols.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.AccumulatingProtocol;
import org.testng.annotations.Test;

public class TLSMemoryBIOProtocolTest {
  static final class Listener extends AccumulatingProtocol implements IHandshakeListener {
    int handshakes;
    boolean madeBeforeHandshake;

    @Override
    public void connectionMade() {
      super.connectionMade();
      madeBeforeHandshake = handshakes == 0;
    }

    @Override
    public void handshakeCompleted() {
      handshakes++;
    }
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_handshake */
  @Test
  public void handshake() {
    Clock clock = new Clock();
    Listener c = new Listener();
    Listener s = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, clock);
    assertTrue(c.made());
    assertTrue(c.madeBeforeHandshake);
    p.pump().flush();
    assertEquals(c.handshakes, 1);
    assertEquals(s.handshakes, 1);
    assertEquals(p.client().negotiatedVersion(), "TLSv1.3");
    c.transport().write("hello".getBytes(US_ASCII));
    p.pump().flush();
    assertEquals(new String(s.data(), US_ASCII), "hello");
    c.transport().loseConnection();
    p.pump().flush();
    assertTrue(c.closed());
    assertTrue(s.closed());
    assertNotNull(c.closedReason());
    assertTrue(c.closedReason().check(ConnectionDone.class) != null, "" + c.closedReason());
    assertTrue(s.closedReason().check(ConnectionDone.class) != null, "" + s.closedReason());
    assertFalse(clock.getDelayedCalls().iterator().hasNext());
  }
}
