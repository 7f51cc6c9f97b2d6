package dev.torsion.application;

import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.reactor.Reactors;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A service that connects to a TCP server when it starts: it calls the reactor's
 * {@code connectTCP} with the constructor's arguments, and disconnects when it stops. It
 * connects once per start; for a connection kept up with retries use {@link ClientService}.
 *
 * <p><b>Lifecycle.</b> Each {@code startService} makes a new connection attempt;
 * {@code stopService} disconnects it (or stops the attempt) and returns {@code null} without
 * waiting. The factory hears the outcome, as with {@code connectTCP}. {@link #connection()} is
 * the connector while running.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> The constructors take {@code connectTCP}'s parameters,
 * the reactor first (null for the global reactor, looked up at each start);
 * {@code _connection} is {@link #connection()}.
 *
 * @twisted twisted.application.internet.TCPClient
 */
public final class TCPClient extends ConnectingService {
  private final @Nullable IReactorTCP reactor;
  private final String host;
  private final int port;
  private final ClientFactory factory;
  private final double timeout;
  private final @Nullable InetSocketAddress bindAddress;

  /**
   * A service connecting with the global reactor and a 30-second timeout.
   *
   * @param host a host name or literal address
   * @param port the port
   * @param factory the client factory
   * @twisted twisted.application.internet.TCPClient
   */
  public TCPClient(String host, int port, ClientFactory factory) {
    this(null, host, port, factory, 30, null);
  }

  /**
   * A service connecting with {@code reactor} and a 30-second timeout.
   *
   * @param reactor the reactor to connect with, or null for the global reactor
   * @param host a host name or literal address
   * @param port the port
   * @param factory the client factory
   * @twisted twisted.application.internet.TCPClient
   */
  public TCPClient(@Nullable IReactorTCP reactor, String host, int port, ClientFactory factory) {
    this(reactor, host, port, factory, 30, null);
  }

  /**
   * A service connecting with all of {@code connectTCP}'s arguments.
   *
   * @param reactor the reactor to connect with, or null for the global reactor
   * @param host a host name or literal address
   * @param port the port
   * @param factory the client factory
   * @param timeout seconds before the attempt fails; 0 or less for none
   * @param bindAddress the local address to bind, or null for any
   * @twisted twisted.application.internet.TCPClient
   */
  public TCPClient(@Nullable IReactorTCP reactor, String host, int port, ClientFactory factory,
      double timeout, @Nullable InetSocketAddress bindAddress) {
    this.reactor = reactor;
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.factory = Objects.requireNonNull(factory, "factory");
    this.timeout = timeout;
    this.bindAddress = bindAddress;
  }

  @Override
  IConnector connect() {
    IReactorTCP r = reactor == null ? Reactors.current() : reactor;
    return r.connectTCP(host, port, factory, timeout, bindAddress);
  }

  @Override
  public String toString() {
    return "<TCPClient " + host + ":" + port + (running() ? " running" : "") + ">";
  }
}
