package dev.torsion.application;

import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IReactorSSL;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.reactor.Reactors;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A service that connects to a TLS server when it starts: it calls the reactor's
 * {@code connectSSL} with the constructor's arguments, and disconnects when it stops.
 *
 * <p><b>Lifecycle.</b> As {@link TCPClient}: each {@code startService} makes a new attempt,
 * {@code stopService} disconnects it; {@link #connection()} is the connector while running.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> The constructor takes {@code connectSSL}'s parameters,
 * the reactor first (null for the global reactor, looked up at each start).
 *
 * @twisted twisted.application.internet.SSLClient
 */
public final class SSLClient extends ConnectingService {
  private final @Nullable IReactorSSL reactor;
  private final String host;
  private final int port;
  private final ClientFactory factory;
  private final ITLSConnectionCreator contextFactory;
  private final double timeout;
  private final @Nullable InetSocketAddress bindAddress;

  /**
   * A service connecting with all of {@code connectSSL}'s arguments.
   *
   * @param reactor the reactor to connect with, or null for the global reactor
   * @param host a host name or literal address
   * @param port the port
   * @param factory the client factory
   * @param contextFactory configures the client end of the connection
   * @param timeout seconds before the attempt fails; 0 or less for none
   * @param bindAddress the local address to bind, or null for any
   * @twisted twisted.application.internet.SSLClient
   */
  public SSLClient(@Nullable IReactorSSL reactor, String host, int port, ClientFactory factory,
      ITLSConnectionCreator contextFactory, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    this.reactor = reactor;
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.factory = Objects.requireNonNull(factory, "factory");
    this.contextFactory = Objects.requireNonNull(contextFactory, "contextFactory");
    this.timeout = timeout;
    this.bindAddress = bindAddress;
  }

  @Override
  IConnector connect() {
    IReactorSSL r = reactor == null ? Reactors.current() : reactor;
    return r.connectSSL(host, port, factory, contextFactory, timeout, bindAddress);
  }

  @Override
  public String toString() {
    return "<SSLClient " + host + ":" + port + (running() ? " running" : "") + ">";
  }
}
