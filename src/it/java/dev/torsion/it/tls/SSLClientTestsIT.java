package dev.torsion.it.tls;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.it.builder.LogCapture;
import dev.torsion.it.support.Addresses;
import dev.torsion.python.failure.Failure;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Twisted's {@code SSLClientTestsMixin} ({@code ConnectionTestsMixin} over
 * {@code SSL4ServerEndpoint}/{@code SSL4ClientEndpoint}): connections made with
 * {@code listenSSL}/{@code connectSSL}. The tests it shares with
 * {@link StartTLSClientTestsIT} are in {@link TlsConnectionTestsBase}.
 */
public class SSLClientTestsIT extends TlsConnectionTestsBase {
  @Override
  protected IListeningPort listen(Reactor reactor, Factory factory, String iface) {
    return reactor.listenSSL(0, factory, TlsBadInputIT.CERT.options(), 50, iface);
  }

  @Override
  protected void connect(Reactor reactor, String iface, int port, ClientFactory factory) {
    reactor.connectSSL(iface, port, factory, clientOptions());
  }

  private static dev.torsion.internet.interfaces.ITLSConnectionCreator clientOptions() {
    return SSL.optionsForClientTLS(V4,
        SSL.trustRootFromCertificates(List.of(TlsBadInputIT.CERT)));
  }

  /**
   * twisted.internet.test.test_tls.SSLClientTestsMixin_EPollReactorTests.test_badContext
   *
   * <p>Twisted's old-style context factory fails inside {@code connectSSL}; a Torsion creator
   * (as Twisted's new-style creators) is asked when the TCP connection is made, so its error
   * surfaces there: logged with its message, the connection dropped, the client factory told
   * with the error as the cause, and the application protocol, never connected, told nothing.
   */
  @Test
  public void badContext() {
    Reactor reactor = buildReactor();
    ServerFactory plain = new ServerFactory();
    plain.setProtocol(Protocol::new);
    IListeningPort port = reactor.listenTCP(0, plain, V4);
    boolean[] appHeard = {false, false};
    Deferred<Failure[]> lost = new Deferred<>();
    ClientFactory clientFactory = new ClientFactory() {
      @Override
      public void clientConnectionLost(IConnector connector, Failure reason) {
        lost.callback(new Failure[] {reason});
      }

      @Override
      public void clientConnectionFailed(IConnector connector, Failure reason) {
        lost.callback(new Failure[] {reason});
      }
    };
    clientFactory.setNoisy(false);
    clientFactory.setProtocol(() -> new Protocol() {
      @Override
      public void connectionMade() {
        appHeard[0] = true;
      }

      @Override
      public void connectionLost(Failure reason) {
        appHeard[1] = true;
      }
    });
    try (LogCapture log = LogCapture.start()) {
      reactor.callWhenRunning(() -> reactor.connectSSL(V4, Addresses.portOf(port.getHost()),
          clientFactory, new TLSPortTestsBuilderIT.BrokenCreator()));
      Failure[] reason = new Failure[1];
      lost.addCallback(f -> {
        reason[0] = f[0];
        return null;
      }).addCallbackDeferred(x -> port.stopListening()).addErrback(err())
          .addBoth(stopping(reactor));
      run(reactor);
      assertNotNull(reason[0]);
      assertTrue(causedByBroken(reason[0].value()), reason[0].getTraceback());
      assertTrue(log.text().contains(TLSPortTestsBuilderIT.BROKEN), log.text());
      assertFalse(appHeard[0], "connectionMade");
      assertFalse(appHeard[1], "connectionLost without connectionMade");
    }
  }

  private static boolean causedByBroken(@Nullable Throwable t) {
    for (; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException
          && TLSPortTestsBuilderIT.BROKEN.equals(t.getMessage())) {
        return true;
      }
    }
    return false;
  }
}
