package dev.torsion.it.builder;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.support.Addresses;
import dev.torsion.python.failure.Failure;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The scenarios of Twisted's {@code ConnectionTestsMixin} that every stream flavour runs: TCP
 * ({@link TcpClientTestsBase}), {@code listenSSL}/{@code connectSSL} and a client that starts
 * TLS on connecting (both in {@code it.tls}). Each flavour chooses how it listens and connects
 * by overriding {@link #listen} and {@link #connect}, as Twisted's mixin asks its
 * {@code endpoints}; each keeps its own {@code @Test} methods, whose Javadoc names its Twisted
 * ids, and calls the scenario here.
 */
public abstract class ConnectionTestsBase extends TcpBuilder {
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
      // Twisted reads the log context's "system", which is the transport's logstr.
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

  /**
   * Twisted's {@code test_logPrefix}: each end's transport logs with its protocol's prefix.
   *
   * @param iface the loopback address
   */
  protected final void checkLogPrefix(String iface) {
    CustomLogPrefixProtocol client = new CustomLogPrefixProtocol("Custom Client");
    CustomLogPrefixProtocol server = new CustomLogPrefixProtocol("Custom Server");
    runProtocols(server, client, iface);
    assertTrue(String.valueOf(client.system).contains("Custom Client"), client.system);
    assertTrue(String.valueOf(server.system).contains("Custom Server"), server.system);
  }

  /** Twisted's {@code ClosingLaterProtocol}: closes on the first bytes received. */
  private static class ClosingLaterProtocol extends Protocol {
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

  /**
   * Twisted's {@code test_writeAfterDisconnect}: writes after the connection is lost are
   * dropped, on both ends, neither raised nor sent.
   *
   * @param iface the loopback address
   */
  protected final void checkWriteAfterDisconnect(String iface) {
    Reactor reactor = buildReactor();
    List<Boolean> finished = new ArrayList<>();
    Deferred<Protocol> serverLost = new Deferred<>();
    Factory serverFactory = ServerFactory.forProtocol(() -> new ClosingLaterProtocol(serverLost));
    serverFactory.setNoisy(false);
    IListeningPort port = listen(reactor, serverFactory, iface);
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
        proto.transport().write("some bytes to get lost".getBytes());
        proto.transport().writeSequence(List.of("some".getBytes(), "more".getBytes()));
        finished.add(true);
        return proto;
      });
    }
    Defer.gatherResults(List.of(clientLost, serverLost)).addErrback(err())
        .addBoth(stopping(reactor));
    reactor.callWhenRunning(() -> connect(reactor, iface, Addresses.portOf(port.getHost()),
        clientFactory));
    run(reactor);
    assertEquals(finished, List.of(true, true));
  }

  /**
   * Twisted's {@code test_protocolGarbageAfterLostConnection}: once its connection is lost,
   * the reactor no longer refers to the client protocol.
   *
   * @param iface the loopback address
   */
  protected final void checkProtocolGarbageAfterLostConnection(String iface) {
    Reactor reactor = buildReactor();
    Factory serverFactory = ServerFactory.forProtocol(Protocol::new);
    serverFactory.setNoisy(false);
    IListeningPort port = listen(reactor, serverFactory, iface);
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
    reactor.callWhenRunning(() -> connect(reactor, iface, Addresses.portOf(port.getHost()),
        clientFactory));
    run(reactor);
    // The Deferred's result is the protocol itself: drop it along with the holder.
    lost.addCallback(ignored -> null);
    holder.set(null);
    for (int i = 0; i < 20 && clientRef.get() != null; i++) {
      System.gc();
    }
    assertNull(clientRef.get(), "the reactor still refers to the protocol");
  }
}
