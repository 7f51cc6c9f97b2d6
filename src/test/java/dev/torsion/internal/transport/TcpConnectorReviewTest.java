package dev.torsion.internal.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internal.transport.TcpConnectorTest.Recording;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.NotConnectingError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.protocol.Protocol;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * The review of the connector: the connected path runs no user code outside a guard, and a
 * completed connection can no longer be stopped as an attempt.
 */
public class TcpConnectorReviewTest {
  private final FakeBackend backend = new FakeBackend();
  private final LoopCore core = new LoopCore(backend);

  /** A protocol whose log prefix fails. */
  static final class BadPrefix extends Protocol implements ILoggingContext {
    @Override
    public String logPrefix() {
      throw new IllegalStateException("no prefix");
    }
  }

  @Test
  public void aProtocolWhoseLogPrefixThrowsFailsTheAttemptAndClosesTheSocket() {
    Recording factory = new Recording() {
      @Override
      public @Nullable Protocol buildProtocol(IAddress addr) {
        events.add("build");
        return new BadPrefix();
      }
    };
    TcpConnector c = new TcpConnector(core, "127.0.0.1", 1, factory, 30, null);
    c.connect();
    core.iterate(0);
    // Before the fix the exception escaped connectCompleted into the backend's dispatch,
    // leaving the connector CONNECTED forever with an open, unregistered socket.
    backend.lastConnect.events.connectCompleted(null);
    assertEquals(factory.events, List.of("started", "build", "failed"));
    assertTrue(backend.lastConnect.closed);
    assertNull(c.transport());
    assertTrue(c.toString().contains(" disconnected "), c.toString());
  }

  @Test
  public void stopConnectingAfterTheConnectCompletedIsRefusedAndLosesNothing() {
    Recording factory = new Recording();
    TcpConnector c = new TcpConnector(core, "127.0.0.1", 1, factory, 30, null);
    c.connect();
    core.iterate(0);
    backend.lastConnect.events.connectCompleted(null);
    assertThrows(NotConnectingError.class, c::stopConnecting);
    assertEquals(factory.events.size(), 2);
    assertTrue(factory.events.get(1).startsWith("build "));
    c.disconnect();
    core.iterate(0);
    core.iterate(0);
    assertEquals(factory.events.subList(2, factory.events.size()), List.of("lost"));
    assertTrue(factory.reasons.get(0).check(ConnectionDone.class) != null);
    assertTrue(backend.lastConnect.closed);
  }

  /** A recording factory whose stopFactory fails. */
  static final class FailingStop extends Recording {
    @Override
    protected void stopFactory() {
      events.add("stopFactory");
      throw new IllegalStateException("stopFactory broke");
    }
  }

  @Test
  public void stopFactoryThrowingAfterAConnectionIsLostIsLoggedNotThrownIntoTheLoop() {
    FailingStop factory = new FailingStop();
    TcpConnector c = new TcpConnector(core, "127.0.0.1", 1, factory, 30, null);
    c.connect();
    core.iterate(0);
    backend.lastConnect.events.connectCompleted(null);
    c.transport().loseConnection();
    // The drained notification closes the connection from inside the backend's poll; an
    // error there escaped poll and iterate() before the fix.
    core.iterate(0);
    assertEquals(factory.events.subList(2, factory.events.size()),
        List.of("lost", "stopFactory"));
    assertTrue(c.toString().contains(" disconnected "), c.toString());
  }

  @Test
  public void stopFactoryThrowingAfterAFailedAttemptIsLoggedNotThrownIntoTheLoop() {
    FailingStop factory = new FailingStop();
    TcpConnector c = new TcpConnector(core, "127.0.0.1", 1, factory, 30, null);
    c.connect();
    core.iterate(0);
    backend.lastConnect.events.connectCompleted(new java.net.ConnectException("refused"));
    assertEquals(factory.events, List.of("started", "failed", "stopFactory"));
    assertTrue(backend.lastConnect.closed);
    c.connect();
    assertEquals(factory.events.get(3), "started");
  }

  @Test
  public void aConnectionThatCannotStartIsReportedToTheConnector() {
    Recording factory = new Recording();
    TcpConnector c = new TcpConnector(core, "127.0.0.1", 1, factory, 30, null);
    c.connect();
    core.iterate(0);
    backend.lastConnect.startError = new java.io.IOException("cannot register");
    backend.lastConnect.events.connectCompleted(null);
    // Before the fix the connector stayed "connected" to nothing, and the factory never heard.
    assertEquals(factory.events.subList(2, factory.events.size()), List.of("lost"));
    assertTrue(backend.lastConnect.closed);
    assertNull(c.transport());
    assertTrue(c.toString().contains(" disconnected "), c.toString());
  }
}
