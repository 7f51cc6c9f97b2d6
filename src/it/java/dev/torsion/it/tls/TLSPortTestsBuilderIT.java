package dev.torsion.it.tls;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ISSLTransport;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.Facet;
import dev.torsion.it.Requires;
import dev.torsion.it.builder.ClosePeerOnEmfileMain;
import dev.torsion.it.builder.LogCapture;
import dev.torsion.it.builder.TcpBuilder;
import dev.torsion.it.support.Addresses;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tls.TlsClient;
import org.bouncycastle.tls.TlsServer;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** Twisted's {@code TLSPortTestsBuilder}: the port {@code listenSSL} returns. */
public class TLSPortTestsBuilderIT extends TcpBuilder {
  /** Twisted's {@code BrokenContextFactory}'s message. */
  static final String BROKEN = "Some path was wrong maybe";

  /** Twisted's {@code BrokenContextFactory}: fails to make any connection. */
  static final class BrokenCreator implements ITLSConnectionCreator {
    @Override
    public TlsClient clientConnectionForTLS(ISSLTransport tlsProtocol,
        @Nullable List<String> acceptableProtocols) {
      throw new IllegalArgumentException(BROKEN);
    }

    @Override
    public TlsServer serverConnectionForTLS(ISSLTransport tlsProtocol,
        @Nullable List<String> acceptableProtocols) {
      throw new IllegalArgumentException(BROKEN);
    }
  }

  /** twisted.internet.test.test_tls.TLSPortTestsBuilder_EPollReactorTests.test_startedListeningLogMessage */
  @Test
  public void startedListeningLogMessage() {
    checkStartedListeningLogMessage(
        (reactor, f) -> reactor.listenSSL(0, f, TlsBadInputIT.CERT.options(), 50, V4), " (TLS)");
  }

  /** twisted.internet.test.test_tls.TLSPortTestsBuilder_EPollReactorTests.test_connectionLostLogMsg */
  @Test
  public void connectionLostLogMsg() {
    checkConnectionLostLogMsg(
        reactor -> reactor.listenSSL(0, new ServerFactory(), TlsBadInputIT.CERT.options(), 50, V4),
        "TLS");
  }

  /** twisted.internet.test.test_tls.TLSPortTestsBuilder_EPollReactorTests.test_closePeerOnEMFILE */
  @Test
  // The child's peer is an adopted channel, connected before the descriptors run out.
  @Requires({Facet.ACCEPT_ON_LOOP_TURN, Facet.ADOPTION})
  public void closePeerOnEMFILE() {
    ClosePeerOnEmfileMain.assertPeerClosedOnEMFILE(TlsClosePeerOnEmfileMain.class);
  }

  /** A plain TCP client that records how its connection ended. */
  private static final class Prober extends Protocol {
    final Deferred<Failure[]> lost = new Deferred<>();

    @Override
    public void connectionLost(Failure reason) {
      lost.callback(new Failure[] {reason});
    }
  }

  /**
   * twisted.internet.test.test_tls.TLSPortTestsBuilder_EPollReactorTests.test_badContext
   *
   * <p>Twisted's old-style context factory fails inside {@code listenSSL}; a Torsion creator
   * (as Twisted's new-style creators) is asked once per connection, so its error surfaces
   * there: logged with its message, that connection closed, the port still serving.
   */
  @Test
  public void badContext() {
    Reactor reactor = buildReactor();
    List<Failure> ends = new ArrayList<>();
    ServerFactory app = new ServerFactory();
    app.setProtocol(Protocol::new);
    try (LogCapture log = LogCapture.start()) {
      IListeningPort port = reactor.listenSSL(0, app, new BrokenCreator(), 50, V4);
      int portNumber = Addresses.portOf(port.getHost());
      reactor.callWhenRunning(() -> {
        Deferred<Failure[]> both = connectProber(reactor, portNumber).addCallbackDeferred(f -> {
          ends.add(f[0]);
          return connectProber(reactor, portNumber);
        });
        both.addCallback(f -> {
          ends.add(f[0]);
          return null;
        }).addCallbackDeferred(x -> port.stopListening())
            .addErrback(err()).addBoth(stopping(reactor));
      });
      run(reactor);
      assertEquals(ends.size(), 2, "both connections were closed by the server");
      String text = log.text();
      int at = text.indexOf("IllegalArgumentException: " + BROKEN);
      assertTrue(at >= 0, text);
      assertTrue(text.indexOf("IllegalArgumentException: " + BROKEN, at + 1) >= 0,
          "logged for each connection:\n" + text);
    }
  }

  private static Deferred<Failure[]> connectProber(Reactor reactor, int port) {
    Prober p = new Prober();
    ClientFactory f = new ClientFactory();
    f.setNoisy(false);
    f.setProtocol(() -> p);
    reactor.connectTCP(V4, port, f);
    return Defer.succeed((Void) null).addCallbackDeferred(x -> p.lost);
  }
}
