package dev.torsion.it.tls;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionClosed;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.ITLSTransport;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.python.failure.Failure;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Twisted's {@code StartTLSClientTestsMixin} (the connection tests with a client that calls
 * {@code startTLS} as soon as it connects, against a {@code listenSSL} server) and
 * {@code SSLClientTestsMixin.test_disconnectAfterWriteAfterStartTLS}, on every reactor.
 */
public class StartTLSClientTestsIT extends StartTlsCase {
  /** Twisted's {@code StartTLSClientEndpoint}: the protocol starts TLS before its own start. */
  private ClientFactory startTlsClient(Supplier<Protocol> protocols) {
    ClientFactory f = new ClientFactory() {
      @Override
      public Protocol buildProtocol(IAddress addr) {
        Protocol inner = protocols.get();
        inner.setFactory(this);
        return new Protocol() {
          @Override
          public void makeConnection(ITransport transport) {
            ((ITLSTransport) transport).startTLS(clientOptions());
            inner.makeConnection(transport);
          }

          @Override
          public void dataReceived(byte[] data) {
            inner.dataReceived(data);
          }

          @Override
          public void connectionLost(Failure reason) {
            inner.connectionLost(reason);
          }

          @Override
          public String logPrefix() {
            return inner.logPrefix();
          }
        };
      }
    };
    f.setNoisy(false);
    return f;
  }

  private IListeningPort listenSSL(Factory f) {
    f.setNoisy(false);
    return reactor.listenSSL(0, f, CERT.options(), 50, "127.0.0.1");
  }

  /** Twisted's {@code CustomLogPrefixProtocol}. */
  static final class CustomLogPrefixProtocol extends Protocol {
    private final String prefix;
    final Deferred<Void> lost = new Deferred<>();
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
      // Twisted reads the log context's "system", which is the transport's logstr.
      ITransport t = transport();
      system = t instanceof ILoggingContext c ? c.logPrefix() : "not an ILoggingContext: " + t;
      t.write(new byte[] {'b'});
      if (new String(bytes, StandardCharsets.US_ASCII).contains("b")) {
        t.loseConnection();
      }
    }

    @Override
    public void connectionLost(Failure reason) {
      lost.callback(null);
    }
  }

  /** twisted.internet.test.test_tls.StartTLSClientTestsMixin_EPollReactorTests.test_logPrefix */
  @Test
  public void logPrefix() {
    CustomLogPrefixProtocol client = new CustomLogPrefixProtocol("Custom Client");
    CustomLogPrefixProtocol server = new CustomLogPrefixProtocol("Custom Server");
    await(() -> {
      IListeningPort port = listenSSL(Factory.forProtocol(() -> server));
      reactor.connectTCP("127.0.0.1", port(port), startTlsClient(() -> client));
      return Defer.gatherResults(List.of(client.lost, server.lost))
          .addCallbackDeferred(x -> port.stopListening());
    });
    assertTrue(String.valueOf(client.system).contains("Custom Client"), client.system);
    assertTrue(String.valueOf(server.system).contains("Custom Server"), server.system);
  }

  /** Twisted's {@code ClosingLaterProtocol}: closes on the first bytes received. */
  static class ClosingLaterProtocol extends Protocol {
    final Deferred<Protocol> onConnectionLost;

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

  /**
   * twisted.internet.test.test_tls.StartTLSClientTestsMixin_EPollReactorTests.test_writeAfterDisconnect
   */
  @Test
  public void writeAfterDisconnect() {
    List<Boolean> finished = new ArrayList<>();
    Deferred<Protocol> serverLost = new Deferred<>();
    Deferred<Protocol> clientLost = new Deferred<>();
    for (Deferred<Protocol> lost : List.of(clientLost, serverLost)) {
      lost.addCallback(proto -> {
        proto.transport().write("some bytes to get lost".getBytes(StandardCharsets.US_ASCII));
        proto.transport().writeSequence(List.of("some".getBytes(StandardCharsets.US_ASCII),
            "more".getBytes(StandardCharsets.US_ASCII)));
        finished.add(true);
        return proto;
      });
    }
    await(() -> {
      IListeningPort port = listenSSL(
          ServerFactory.forProtocol(() -> new ClosingLaterProtocol(serverLost)));
      reactor.connectTCP("127.0.0.1", port(port), startTlsClient(
          () -> new ClosingLaterProtocol(clientLost) {
            @Override
            public void connectionMade() {
              transport().write(new byte[] {'x'});
            }
          }));
      return Defer.gatherResults(List.of(clientLost, serverLost))
          .addCallbackDeferred(x -> port.stopListening());
    });
    assertEquals(finished, List.of(true, true));
  }

  /**
   * twisted.internet.test.test_tls.StartTLSClientTestsMixin_EPollReactorTests.test_protocolGarbageAfterLostConnection
   */
  @Test
  public void protocolGarbageAfterLostConnection() {
    Deferred<Protocol> lost = new Deferred<>();
    // Only this holder refers to the protocol; the test drops it after the run.
    AtomicReference<@Nullable ClosingLaterProtocol> holder = new AtomicReference<>(
        new ClosingLaterProtocol(lost) {
          @Override
          public void connectionMade() {
            transport().loseConnection();
          }
        });
    WeakReference<ClosingLaterProtocol> clientRef = new WeakReference<>(holder.get());
    await(() -> {
      IListeningPort port = listenSSL(ServerFactory.forProtocol(Protocol::new));
      reactor.connectTCP("127.0.0.1", port(port), startTlsClient(
          () -> Objects.requireNonNull(holder.get())));
      return lost.addCallbackDeferred(x -> port.stopListening());
    });
    // The Deferred's result is the protocol itself: drop it along with the holder.
    lost.addCallback(ignored -> null);
    holder.set(null);
    for (int i = 0; i < 20 && clientRef.get() != null; i++) {
      System.gc();
    }
    assertNull(clientRef.get(), "the reactor still refers to the protocol");
  }

  /** Twisted's {@code ShortProtocol}: starts TLS, writes, and closes on the first data. */
  static final class ShortProtocol extends Protocol {
    final boolean client;
    final Deferred<Void> finished = new Deferred<>();
    @Nullable Failure reason;

    ShortProtocol(boolean client) {
      this.client = client;
    }

    @Override
    public void connectionMade() {
      ((ITLSTransport) transport()).startTLS(client ? clientOptions() : CERT.options());
      // Force TLS to really get negotiated: if nobody talks, nothing happens.
      transport().write(new byte[] {'x'});
    }

    @Override
    public void dataReceived(byte[] data) {
      transport().write(new byte[] {'y'});
      transport().loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
      if (!finished.called()) {
        // A Failure given to callback() would errback: keep it aside, as consumeErrors does.
        this.reason = reason;
        finished.callback(null);
      }
    }
  }

  /**
   * twisted.internet.test.test_tls.SSLClientTestsMixin_EPollReactorTests.test_disconnectAfterWriteAfterStartTLS
   */
  @Test
  public void disconnectAfterWriteAfterStartTLS() {
    ShortProtocol server = new ShortProtocol(false);
    ShortProtocol client = new ShortProtocol(true);
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, Factory.forProtocol(() -> server),
          "127.0.0.1");
      reactor.connectTCP("127.0.0.1", port(port),
          Factory.forProtocol(() -> client, ClientFactory::new));
      return Defer.gatherResults(List.of(server.finished, client.finished))
          .addCallbackDeferred(r -> port.stopListening());
    });
    for (ShortProtocol p : List.of(server, client)) {
      Failure f = Objects.requireNonNull(p.reason);
      assertNotNull(f.check(ConnectionClosed.class), f.toString());
    }
  }
}
