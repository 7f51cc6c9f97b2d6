package dev.torsion.it.tls;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.it.builder.ConnectableProtocol;
import dev.torsion.it.builder.LogCapture;
import dev.torsion.it.builder.TcpBuilder;
import dev.torsion.it.support.Addresses;
import dev.torsion.python.failure.Failure;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Twisted's {@code SSLClientTestsMixin} ({@code ConnectionTestsMixin} over
 * {@code SSL4ServerEndpoint}/{@code SSL4ClientEndpoint}): connections made with
 * {@code listenSSL}/{@code connectSSL}.
 */
public class SSLClientTestsIT extends TcpBuilder {
  @Override
  protected IListeningPort listen(Reactor reactor, ClientFactory factory, String iface) {
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

  private IListeningPort listenSSL(Reactor reactor, Factory factory) {
    return reactor.listenSSL(0, factory, TlsBadInputIT.CERT.options(), 50, V4);
  }

  /** Twisted's {@code CustomLogPrefixProtocol}. */
  private static final class CustomLogPrefixProtocol extends ConnectableProtocol {
    private final String prefix;
    @Nullable String system;

    CustomLogPrefixProtocol(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public void connectionMade() {
      transport().write(new byte[] {'a'});
    }

    @Override
    public String logPrefix() {
      return prefix;
    }

    @Override
    public void dataReceived(byte[] bytes) {
      ITransport t = transport();
      system = t instanceof ILoggingContext c ? c.logPrefix() : "not an ILoggingContext: " + t;
      t.write(new byte[] {'b'});
      for (byte b : bytes) {
        if (b == 'b') {
          t.loseConnection();
          return;
        }
      }
    }
  }

  /** twisted.internet.test.test_tls.SSLClientTestsMixin_EPollReactorTests.test_logPrefix */
  @Test
  public void logPrefix() {
    CustomLogPrefixProtocol client = new CustomLogPrefixProtocol("Custom Client");
    CustomLogPrefixProtocol server = new CustomLogPrefixProtocol("Custom Server");
    runProtocols(server, client, V4);
    assertTrue(String.valueOf(client.system).contains("Custom Client"), client.system);
    assertTrue(String.valueOf(server.system).contains("Custom Server"), server.system);
  }

  /** Twisted's {@code ClosingLaterProtocol}: closes on the first bytes received. */
  static class ClosingLaterProtocol extends Protocol {
    private final Deferred<Protocol> onConnectionLost;

    ClosingLaterProtocol(Deferred<Protocol> onConnectionLost) {
      this.onConnectionLost = onConnectionLost;
    }

    @Override
    public void dataReceived(byte[] bytes) {
      transport().loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
      onConnectionLost.callback(this);
    }
  }

  /** twisted.internet.test.test_tls.SSLClientTestsMixin_EPollReactorTests.test_writeAfterDisconnect */
  @Test
  public void writeAfterDisconnect() {
    Reactor reactor = buildReactor();
    List<Boolean> finished = new ArrayList<>();
    Deferred<Protocol> serverLost = new Deferred<>();
    Factory serverFactory = ServerFactory.forProtocol(() -> new ClosingLaterProtocol(serverLost));
    serverFactory.setNoisy(false);
    IListeningPort port = listenSSL(reactor, serverFactory);
    Deferred<Protocol> clientLost = new Deferred<>();
    ClientFactory clientFactory = ClientFactory.forClientProtocol(
        () -> new ClosingLaterProtocol(clientLost) {
          @Override
          public void connectionMade() {
            transport().write(new byte[] {'x'});
          }
        });
    clientFactory.setNoisy(false);
    for (Deferred<Protocol> lost : List.of(clientLost, serverLost)) {
      lost.addCallback(proto -> {
        // Writes after the connection is gone are dropped, never raised nor sent.
        proto.transport().write("some bytes to get lost".getBytes());
        proto.transport().writeSequence(List.of("some".getBytes(), "more".getBytes()));
        finished.add(true);
        return proto;
      });
    }
    Defer.gatherResults(List.of(clientLost, serverLost)).addErrback(err())
        .addBoth(stopping(reactor));
    reactor.callWhenRunning(() -> connect(reactor, V4, Addresses.portOf(port.getHost()),
        clientFactory));
    run(reactor);
    assertEquals(finished, List.of(true, true));
  }

  /** twisted.internet.test.test_tls.SSLClientTestsMixin_EPollReactorTests.test_protocolGarbageAfterLostConnection */
  @Test
  public void protocolGarbageAfterLostConnection() {
    Reactor reactor = buildReactor();
    Factory serverFactory = ServerFactory.forProtocol(Protocol::new);
    serverFactory.setNoisy(false);
    IListeningPort port = listenSSL(reactor, serverFactory);
    Deferred<Protocol> lost = new Deferred<>();
    lost.addCallback(stopping(reactor));
    // Only this holder refers to the protocol; the test drops it after the run.
    AtomicReference<@Nullable ClosingLaterProtocol> holder = new AtomicReference<>(
        new ClosingLaterProtocol(lost) {
          @Override
          public void connectionMade() {
            transport().loseConnection();
          }
        });
    WeakReference<ClosingLaterProtocol> clientRef = new WeakReference<>(holder.get());
    ClientFactory clientFactory = new ClientFactory() {
      @Override
      public Protocol buildProtocol(IAddress addr) {
        ClosingLaterProtocol p = Objects.requireNonNull(holder.get());
        p.setFactory(this);
        return p;
      }
    };
    clientFactory.setNoisy(false);
    reactor.callWhenRunning(() -> connect(reactor, V4, Addresses.portOf(port.getHost()),
        clientFactory));
    run(reactor);
    lost.addCallback(ignored -> null);
    holder.set(null);
    for (int i = 0; i < 20 && clientRef.get() != null; i++) {
      System.gc();
    }
    assertNull(clientRef.get(), "the reactor still refers to the protocol");
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
