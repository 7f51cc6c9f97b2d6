package dev.torsion.internet.protocol;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.ITransport;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** {@link Protocol} and {@link BaseProtocol}. */
public class ProtocolTest {
  static final class SomeThing extends Protocol {}

  /** twisted.internet.test.test_protocol.ProtocolTests.test_interfaces */
  @Test
  public void aProtocolIsAnIProtocolAndALoggingContext() {
    Object proto = new Protocol();
    assertTrue(proto instanceof IProtocol);
    assertTrue(proto instanceof ILoggingContext);
  }

  /** twisted.internet.test.test_protocol.ProtocolTests.test_logPrefix */
  @Test
  public void logPrefixIsTheClassName() {
    assertEquals(new SomeThing().logPrefix(), "SomeThing");
    assertEquals(new Protocol() {}.logPrefix(), "ProtocolTest$1");
  }

  /** twisted.internet.test.test_protocol.ProtocolTests.test_makeConnection */
  @Test
  public void makeConnectionSetsTheTransportThenCallsConnectionMade() {
    List<ITransport> result = new ArrayList<>();
    Protocol protocol = new Protocol() {
      @Override
      public void connectionMade() {
        result.add(transport());
        assertTrue(connected());
      }
    };
    ITransport transport = new FileWrapper(new ByteArrayOutputStream());
    assertFalse(protocol.connected());
    protocol.makeConnection(transport);
    assertEquals(result, List.of(transport));
    assertSame(protocol.transport(), transport);
  }

  @Test
  public void transportBeforeTheConnectionIsAnError() {
    IllegalStateException e =
        expectThrows(IllegalStateException.class, () -> new SomeThing().transport());
    assertTrue(e.getMessage().contains("no transport"), e.getMessage());
  }

  @Test
  public void connectionDoneIsAFreshCleanCloseFailure() {
    assertTrue(Protocol.connectionDone().check(ConnectionDone.class) != null);
    assertTrue(Protocol.connectionDone() != Protocol.connectionDone());
  }

  @Test
  public void theDefaultCallbacksDoNothing() {
    Protocol p = new Protocol();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.makeConnection(new FileWrapper(out));
    p.dataReceived(new byte[] {1});
    p.connectionLost(Protocol.connectionDone());
    assertEquals(out.size(), 0);
  }
}
