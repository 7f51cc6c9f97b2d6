package dev.torsion.application.runner.plugins;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.ssl.VerificationError;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.protocols.portforward.ProxyFactory;
import dev.torsion.python.failure.Failure;
import dev.torsion.testsupport.StderrCapture;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * portforward's forwarder says why a forwarded connection could not reach its destination
 * (the tests' slf4j-simple logs to standard error) and still closes the accepted side.
 */
public class ForwardingTest {
  private static final IPv4Address ADDR = new IPv4Address("TCP", "127.0.0.1", 4321);
  private static final String TO = "tls:localhost:8443";

  /** Connects as told: fails, or builds the protocol on a StringTransport. */
  private static final class FakeDestination implements IStreamClientEndpoint {
    final @Nullable Throwable error;
    final List<IProtocol> built = new ArrayList<>();

    FakeDestination(@Nullable Throwable error) {
      this.error = error;
    }

    @Override
    public Deferred<IProtocol> connect(IProtocolFactory factory) {
      if (error != null) {
        return Defer.fail(error);
      }
      IProtocol p = factory.buildProtocol(ADDR);
      p.makeConnection(new StringTransport());
      built.add(p);
      return Defer.succeed(p);
    }
  }

  private static String logged(Runnable action) {
    return StderrCapture.of(action);
  }

  /** A connection accepted by a forwarder to {@code destination}. */
  private static StringTransport accept(FakeDestination destination) {
    ProxyFactory f = Forwarding.factory(destination, TO);
    IProtocol server = f.buildProtocol(ADDR);
    StringTransport accepted = new StringTransport();
    server.makeConnection(accepted);
    return accepted;
  }

  @Test
  public void aDestinationThatCannotBeReachedIsLoggedAndTheClientClosed() {
    FakeDestination refused = new FakeDestination(new ConnectionRefusedError("127.0.0.1:8443"));
    StringTransport[] accepted = new StringTransport[1];
    String log = logged(() -> accepted[0] = accept(refused));
    assertTrue(log.contains("WARN"), log);
    assertTrue(log.contains("portforward: cannot connect to " + TO + ": "), log);
    assertTrue(log.contains("127.0.0.1:8443"), log);
    assertTrue(accepted[0].disconnecting(), "the accepted connection is closed");
  }

  @Test
  public void aFailedHandshakeIsLoggedAndTheClientClosed() {
    FakeDestination up = new FakeDestination(null);
    StringTransport accepted = accept(up);
    assertEquals(up.built.size(), 1);
    assertFalse(accepted.disconnecting());
    String log = logged(() -> up.built.get(0).connectionLost(
        new Failure(new VerificationError("certificate verify failed: untrusted root"))));
    assertTrue(log.contains("portforward: connection to " + TO + " failed: "), log);
    assertTrue(log.contains("untrusted root"), log);
    assertTrue(accepted.disconnecting(), "the accepted connection is closed");
  }

  @Test
  public void anOrdinaryCloseOrResetIsNotLogged() {
    for (Failure reason : List.of(new Failure(new ConnectionDone()),
        new Failure(new ConnectionLost()))) {
      FakeDestination up = new FakeDestination(null);
      StringTransport accepted = accept(up);
      String log = logged(() -> up.built.get(0).connectionLost(reason));
      assertEquals(log, "", reason.toString());
      assertTrue(accepted.disconnecting());
    }
  }

  @Test
  public void theForwarderIsQuietAndKeepsItsDestination() {
    FakeDestination d = new FakeDestination(null);
    ProxyFactory f = Forwarding.factory(d, TO);
    assertFalse(f.noisy());
    assertNotNull(f.destination());
    assertEquals(((Forwarding.Destination) f.destination()).endpoint(), d);
  }
}
