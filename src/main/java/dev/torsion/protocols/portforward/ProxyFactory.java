package dev.torsion.protocols.portforward;

import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.reactor.Reactors;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A port forwarder: listen with it ({@code reactor.listenTCP(8080, new ProxyFactory(
 * "127.0.0.1", 80))}) and each accepted connection is relayed, both ways and with flow control,
 * to {@code host:port}. It builds {@link ProxyServer}s (or what {@link #setProtocol} supplies).
 *
 * <p><b>Threading.</b> Reactor thread only, as every factory.
 *
 * <p><b>Errors.</b> An unreachable destination closes the accepted connection; nothing is
 * thrown.
 *
 * <p>The destination may also be any client endpoint ({@code new ProxyFactory(
 * Endpoints.clientFromString(reactor, "unix:/run/app.sock"))}): each accepted connection then
 * calls the endpoint's {@code connect}.
 *
 * <p><b>Differences from Twisted.</b> The reactor that makes the outgoing connections is given
 * here, not set on each {@code ProxyServer}; the two-argument constructor takes
 * {@link Reactors#current()} when the first connection is made, as Twisted imports its global
 * reactor then. Twisted forwards only to a TCP host and port; the endpoint constructor is
 * Torsion's.
 *
 * @twisted twisted.protocols.portforward.ProxyFactory
 */
public class ProxyFactory extends Factory {
  private final @Nullable String host;
  private final int port;
  private final @Nullable IStreamClientEndpoint destination;
  private @Nullable IReactorTCP reactor;

  /**
   * A forwarder to {@code host:port} through the current reactor.
   *
   * @param host the destination host name or literal address
   * @param port the destination port
   * @throws IllegalArgumentException if the port is outside 0–65535
   * @twisted twisted.protocols.portforward.ProxyFactory.__init__
   */
  public ProxyFactory(String host, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.destination = null;
    setProtocol(ProxyServer::new);
  }

  /**
   * A forwarder to whatever {@code destination} connects to.
   *
   * @param destination connected once per accepted connection
   */
  public ProxyFactory(IStreamClientEndpoint destination) {
    this.host = null;
    this.port = -1;
    this.destination = Objects.requireNonNull(destination, "destination");
    setProtocol(ProxyServer::new);
  }

  /**
   * A forwarder to {@code host:port} through {@code reactor}.
   *
   * @param host the destination host name or literal address
   * @param port the destination port
   * @param reactor makes the outgoing connections
   * @throws IllegalArgumentException if the port is outside 0–65535
   * @twisted twisted.protocols.portforward.ProxyFactory.__init__
   */
  public ProxyFactory(String host, int port, IReactorTCP reactor) {
    this(host, port);
    this.reactor = Objects.requireNonNull(reactor, "reactor");
  }

  /**
   * The destination host.
   *
   * @return the host, or null when forwarding to an {@linkplain #destination() endpoint}
   * @twisted twisted.protocols.portforward.ProxyFactory.host
   */
  public final @Nullable String host() {
    return host;
  }

  /**
   * The destination port.
   *
   * @return the port, or -1 when forwarding to an {@linkplain #destination() endpoint}
   * @twisted twisted.protocols.portforward.ProxyFactory.port
   */
  public final int port() {
    return port;
  }

  /**
   * The client endpoint forwarded to.
   *
   * @return the endpoint, or null when forwarding to a {@linkplain #host() host} and port
   */
  public final @Nullable IStreamClientEndpoint destination() {
    return destination;
  }

  /** Starts connecting {@code client} to the destination; failures close the server side. */
  final void connectDestination(ProxyClientFactory client) {
    IStreamClientEndpoint to = destination;
    if (to == null) {
      reactor().connectTCP(Objects.requireNonNull(host), port, client);
      return;
    }
    to.connect(client).addErrback(failure -> {
      client.destinationFailed(failure);
      return null;
    });
  }

  /**
   * The reactor that makes the outgoing connections.
   *
   * @return the reactor given, else {@link Reactors#current()} (installing one if none is)
   * @throws UnsupportedOperationException if none was given and none can run here
   * @twisted twisted.protocols.portforward.ProxyServer.reactor
   */
  public final IReactorTCP reactor() {
    IReactorTCP r = reactor;
    if (r == null) {
      r = Reactors.current();
      reactor = r;
    }
    return r;
  }
}
