package dev.torsion.protocols.loopback;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IReactorUNIX;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** {@link Loopback#loopbackTCP} and {@link Loopback#loopbackUNIX}: one session on real sockets. */
final class SocketLoopback {
  private SocketLoopback() {}

  static Deferred<@Nullable Void> tcp(Protocol server, Protocol client, IReactorTCP reactor,
      int port) {
    FireOnClose wrapper = FireOnClose.wrap(server);
    IListeningPort listening = reactor.listenTCP(port, new OneProtocolFactory(wrapper),
        "127.0.0.1");
    int bound = ((IPv4Address) listening.getHost()).port();
    OneClientFactory clientFactory = new OneClientFactory(client);
    reactor.connectTCP("127.0.0.1", bound, clientFactory);
    return whenDone(clientFactory, wrapper, listening, () -> { });
  }

  static Deferred<@Nullable Void> unix(Protocol server, Protocol client, IReactorUNIX reactor) {
    Path dir;
    try {
      dir = Files.createTempDirectory("torsion-loopback");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path socket = dir.resolve("s");
    Runnable cleanup = () -> {
      try {
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    FireOnClose wrapper = FireOnClose.wrap(server);
    IListeningPort listening;
    try {
      listening = reactor.listenUNIX(socket.toString(), new OneProtocolFactory(wrapper));
    } catch (RuntimeException e) {
      cleanup.run();
      throw e;
    }
    OneClientFactory clientFactory = new OneClientFactory(client);
    reactor.connectUNIX(socket.toString(), clientFactory);
    return whenDone(clientFactory, wrapper, listening, cleanup);
  }

  /** Client closed, then server closed, then the port stopped: then clean up and fire. */
  private static Deferred<@Nullable Void> whenDone(OneClientFactory clientFactory,
      FireOnClose wrapper, IListeningPort listening, Runnable cleanup) {
    Deferred<@Nullable Void> result = new Deferred<>();
    clientFactory.closed
        .addCallbackDeferred(ignored -> wrapper.closed)
        .addBoth(outcome -> {
          listening.stopListening().addBoth(stopped -> {
            Object failure = outcome instanceof Failure ? outcome : stopped;
            try {
              cleanup.run();
            } catch (RuntimeException e) {
              failure = failure instanceof Failure ? failure : new Failure(e);
            }
            if (failure instanceof Failure) {
              result.errback((Failure) failure);
            } else {
              result.callback(null);
            }
            return null;
          });
          return null;
        });
    return result;
  }

  /** Serves one connection with the wrapped server protocol; refuses any other. */
  private static final class OneProtocolFactory extends Factory {
    private @Nullable Protocol protocol;

    OneProtocolFactory(Protocol protocol) {
      this.protocol = protocol;
    }

    @Override
    public @Nullable Protocol buildProtocol(IAddress addr) {
      Protocol p = protocol;
      protocol = null;
      return p;
    }
  }

  /** Connects the client protocol once, and fires when its connection ends or fails. */
  private static final class OneClientFactory extends ClientFactory {
    final Deferred<@Nullable Void> closed = new Deferred<>();
    private final Protocol client;

    OneClientFactory(Protocol client) {
      this.client = client;
    }

    @Override
    public @Nullable Protocol buildProtocol(IAddress addr) {
      return client;
    }

    @Override
    public void clientConnectionLost(IConnector connector, Failure reason) {
      closed.callback(null);
    }

    @Override
    public void clientConnectionFailed(IConnector connector, Failure reason) {
      closed.errback(reason);
    }
  }

  /** Hands the server protocol the real transport and fires after its connectionLost. */
  private static class FireOnClose extends Protocol {
    final Deferred<@Nullable Void> closed = new Deferred<>();
    final Protocol server;

    FireOnClose(Protocol server) {
      this.server = server;
    }

    static FireOnClose wrap(Protocol server) {
      return server instanceof IHalfCloseableProtocol
          ? new HalfCloseable(server) : new FireOnClose(server);
    }

    @Override
    public void makeConnection(ITransport transport) {
      this.connected = true;
      this.transport = transport;
      server.makeConnection(transport);
    }

    @Override
    public void dataReceived(byte[] data) {
      server.dataReceived(data);
    }

    @Override
    public void connectionLost(Failure reason) {
      connected = false;
      try {
        server.connectionLost(reason);
      } finally {
        closed.callback(null);
      }
    }

    @Override
    public String logPrefix() {
      return server.logPrefix();
    }
  }

  /** The wrapper for a server that can live with one direction closed. */
  private static final class HalfCloseable extends FireOnClose implements IHalfCloseableProtocol {
    HalfCloseable(Protocol server) {
      super(server);
    }

    @Override
    public void readConnectionLost() {
      ((IHalfCloseableProtocol) server).readConnectionLost();
    }

    @Override
    public void writeConnectionLost() {
      ((IHalfCloseableProtocol) server).writeConnectionLost();
    }
  }
}
