package dev.torsion.internet.testing;

import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.python.failure.Failure;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Completes, or fails, the connection attempts a {@link MemoryReactor} recorded: a
 * {@code connectTCP} to a port some {@code listenTCP} asked for is joined to a new server
 * protocol through an {@link IOPump}.
 *
 * <pre>{@code
 * MemoryReactor reactor = new MemoryReactor();
 * reactor.listenTCP(4321, serverFactory);
 * reactor.connectTCP("127.0.0.1", 4321, clientFactory);
 * IOPump pump = new ConnectionCompleter(reactor).succeedOnce();
 * }</pre>
 *
 * <p><b>Differences from Twisted.</b> Factories are asked for protocols with a fresh
 * {@link FakeAddress} where Twisted passes {@code None}.
 *
 * @twisted twisted.test.iosim.ConnectionCompleter
 */
public final class ConnectionCompleter {
  private final MemoryReactor reactor;

  /**
   * A completer for the attempts {@code reactor} records.
   *
   * @param reactor the reactor
   */
  public ConnectionCompleter(MemoryReactor reactor) {
    this.reactor = Objects.requireNonNull(reactor, "reactor");
  }

  /**
   * Completes the oldest attempt whose port some listener asked for: removes it (and its
   * connector) from the records, builds both protocols and connects them, flushing once.
   *
   * @return the pump, or null if no attempt matches a listener
   * @throws IllegalStateException if a factory refuses to build a protocol
   * @twisted twisted.test.iosim.ConnectionCompleter.succeedOnce
   */
  public @Nullable IOPump succeedOnce() {
    for (int i = 0; i < reactor.tcpClients().size(); i++) {
      MemoryReactor.TcpClient client = reactor.tcpClients().get(i);
      for (MemoryReactor.TcpServer server : reactor.tcpServers()) {
        if (server.port() == client.port()) {
          reactor.tcpClients().remove(i);
          reactor.connectors().remove(i);
          IProtocol clientProtocol = build(client.factory().buildProtocol(new FakeAddress()));
          IProtocol serverProtocol = build(server.factory().buildProtocol(new FakeAddress()));
          return IOSim.connect(serverProtocol, IOSim.makeFakeServer(serverProtocol),
              clientProtocol, IOSim.makeFakeClient(clientProtocol));
        }
      }
    }
    return null;
  }

  private static IProtocol build(@Nullable IProtocol protocol) {
    if (protocol == null) {
      throw new IllegalStateException("a factory refused to build a protocol");
    }
    return protocol;
  }

  /**
   * Fails the oldest attempt with {@code ConnectionRefusedError}.
   *
   * @throws IndexOutOfBoundsException if there is no attempt
   * @twisted twisted.test.iosim.ConnectionCompleter.failOnce
   */
  public void failOnce() {
    failOnce(new Failure(new ConnectionRefusedError()));
  }

  /**
   * Fails the oldest attempt: removes it and tells its factory
   * {@code clientConnectionFailed}.
   *
   * @param reason the reason the factory hears
   * @throws IndexOutOfBoundsException if there is no attempt
   * @twisted twisted.test.iosim.ConnectionCompleter.failOnce
   */
  public void failOnce(Failure reason) {
    MemoryReactor.TcpClient client = reactor.tcpClients().remove(0);
    client.factory().clientConnectionFailed(reactor.connectors().remove(0), reason);
  }
}
