package dev.torsion.internet.interfaces;

import dev.torsion.internet.protocol.ClientFactory;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * TCP: listening for connections and making them.
 *
 * <p><b>Threading.</b> Reactor thread only (before {@code run()} counts as the reactor thread).
 *
 * <p><b>Lifecycle.</b> A reactor that has stopped refuses both: {@code listenTCP} throws
 * {@code CannotListenError} and {@code connectTCP} throws {@code ConnectError}, each caused by
 * a {@code ReactorNotRunning} ("reactor stopped"), and nothing is opened or started.
 *
 * <p><b>Differences from Twisted.</b> The interface is a literal address, never a name.
 * Literal addresses given to {@code connectTCP} are never passed to the resolver; while the
 * resolver is a stub, {@code "localhost"} is mapped to the loopback address.
 *
 * @twisted twisted.internet.interfaces.IReactorTCP
 */
public interface IReactorTCP {
  /**
   * Listens for TCP connections; each gets a protocol from {@code factory}.
   *
   * @param port the port, or 0 for one the system chooses ({@code getHost()} tells which)
   * @param factory builds a protocol per connection
   * @param backlog the accept queue length
   * @param iface the local address to bind: {@code ""} for every IPv4 address,
   *     {@code "::"} for every IPv6 (and IPv4) address, or a literal address
   * @return the port, already listening
   * @throws dev.torsion.internet.error.CannotListenError if the address cannot be bound (in use,
   *     not local, or {@code iface} not a literal address), or the reactor has stopped
   * @throws IllegalArgumentException if {@code port} is outside 0-65535
   * @twisted twisted.internet.interfaces.IReactorTCP.listenTCP
   */
  IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String iface);

  /**
   * Listens with a backlog of 50 on every IPv4 address.
   *
   * @param port the port, or 0
   * @param factory builds a protocol per connection
   * @return the port, already listening
   * @twisted twisted.internet.interfaces.IReactorTCP.listenTCP
   */
  default IListeningPort listenTCP(int port, IProtocolFactory factory) {
    return listenTCP(port, factory, 50, "");
  }

  /**
   * Listens with a backlog of 50 on one interface.
   *
   * @param port the port, or 0
   * @param factory builds a protocol per connection
   * @param iface the local address to bind
   * @return the port, already listening
   * @twisted twisted.internet.interfaces.IReactorTCP.listenTCP
   */
  default IListeningPort listenTCP(int port, IProtocolFactory factory, String iface) {
    return listenTCP(port, factory, 50, iface);
  }

  /**
   * Connects to a TCP server. The factory hears {@code startedConnecting}, then builds the
   * protocol when the connection is made, or hears {@code clientConnectionFailed}.
   *
   * @param host a host name or literal address; names are resolved off the reactor thread
   * @param port the port
   * @param factory the client factory
   * @param timeout seconds before the attempt fails with {@code TimeoutError}; 0 or less (or
   *     infinite) for no timeout of the reactor's own
   * @param bindAddress the local address to bind, or null for any
   * @return the connector
   * @throws dev.torsion.internet.error.ConnectError if the reactor has stopped (Twisted starts
   *     an attempt that never runs)
   * @twisted twisted.internet.interfaces.IReactorTCP.connectTCP
   */
  IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
      @Nullable InetSocketAddress bindAddress);

  /**
   * Connects with a 30-second timeout.
   *
   * @param host a host name or literal address
   * @param port the port
   * @param factory the client factory
   * @return the connector
   * @twisted twisted.internet.interfaces.IReactorTCP.connectTCP
   */
  default IConnector connectTCP(String host, int port, ClientFactory factory) {
    return connectTCP(host, port, factory, 30, null);
  }
}
