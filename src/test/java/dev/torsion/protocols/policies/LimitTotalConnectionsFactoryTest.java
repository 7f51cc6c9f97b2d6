package dev.torsion.protocols.policies;

import static dev.torsion.protocols.policies.Helpers.ADDR;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.testing.StringTransport;
import org.testng.annotations.Test;

/** {@link LimitTotalConnectionsFactory}. */
public class LimitTotalConnectionsFactoryTest {
  /** twisted.test.test_policies.LimitTotalConnectionsFactoryTests.testConnectionCounting */
  @Test
  public void countRisesWithBuildsAndFallsWithLosses() {
    LimitTotalConnectionsFactory factory = new LimitTotalConnectionsFactory();
    factory.setProtocol(Protocol::new);
    assertEquals(factory.connectionCount(), 0);
    ProtocolWrapper p1 = factory.buildProtocol(ADDR);
    assertEquals(factory.connectionCount(), 1);
    ProtocolWrapper p2 = factory.buildProtocol(ADDR);
    assertEquals(factory.connectionCount(), 2);
    p1.connectionLost(Protocol.connectionDone());
    assertEquals(factory.connectionCount(), 1);
    p2.connectionLost(Protocol.connectionDone());
    assertEquals(factory.connectionCount(), 0);
  }

  /** An overflow protocol that flags its connection. */
  static final class OverflowProtocol extends Protocol {
    static boolean overflowed;

    @Override
    public void connectionMade() {
      overflowed = true;
    }
  }

  /** twisted.test.test_policies.LimitTotalConnectionsFactoryTests.testConnectionLimiting */
  @Test
  public void overTheLimitTheOverflowProtocolOrNothingIsBuilt() {
    LimitTotalConnectionsFactory factory = new LimitTotalConnectionsFactory();
    factory.setProtocol(Protocol::new);
    factory.setConnectionLimit(1);
    ProtocolWrapper p = factory.buildProtocol(ADDR);
    assertNotNull(p);
    assertSame(((Protocol) p.wrappedProtocol()).factory(), factory);
    assertEquals(factory.connectionCount(), 1);
    assertNull(factory.buildProtocol(ADDR));
    assertEquals(factory.connectionCount(), 1);

    factory.setOverflowProtocol(OverflowProtocol::new);
    OverflowProtocol.overflowed = false;
    ProtocolWrapper op = factory.buildProtocol(ADDR);
    assertNotNull(op);
    assertFalse(OverflowProtocol.overflowed);
    op.makeConnection(new StringTransport());
    assertTrue(OverflowProtocol.overflowed);
    assertEquals(factory.connectionCount(), 2);

    p.connectionLost(Protocol.connectionDone());
    assertEquals(factory.connectionCount(), 1);
    op.connectionLost(Protocol.connectionDone());
    assertEquals(factory.connectionCount(), 0);
  }

  @Test
  public void aNegativeLimitIsRefused() {
    LimitTotalConnectionsFactory factory = new LimitTotalConnectionsFactory();
    expectThrows(IllegalArgumentException.class, () -> factory.setConnectionLimit(-1));
  }
}
