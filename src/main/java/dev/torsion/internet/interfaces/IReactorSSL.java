package dev.torsion.internet.interfaces;

import dev.torsion.internet.protocol.ClientFactory;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * TLS over TCP: listening for TLS connections and making them. Each connection's application
 * protocol is wrapped in a {@code TLSMemoryBIOProtocol} configured by the connection creator
 * (a {@code CertificateOptions} for servers, {@code SSL.optionsForClientTLS(...)} for clients).
 *
 * <p><b>Threading.</b> Reactor thread only, as {@link IReactorTCP}.
 *
 * <p><b>Lifecycle.</b> As {@link IReactorTCP}: a stopped reactor refuses both. The factory's
 * protocol is connected at once (before the handshake); an {@link IHandshakeListener} hears
 * when the handshake finishes. The handshake and close timers run on this reactor.
 *
 * <p><b>Errors.</b> As {@link IReactorTCP}; TLS failures end the connection and reach the
 * protocol's {@code connectionLost} (see {@code TLSMemoryBIOFactory}).
 *
 * <p><b>Differences from Twisted.</b> Twisted takes an old-style {@code contextFactory}; here it
 * is an {@link ITLSConnectionCreator}, which serves both ends. {@code getHost()} and
 * {@code getPeer()} report {@code TCP} addresses (Twisted's SSL ports say the same).
 *
 * @twisted twisted.internet.interfaces.IReactorSSL
 */
public interface IReactorSSL {
  /**
   * Listens for TLS connections; each gets a protocol from {@code factory}, wrapped in TLS.
   *
   * @param port the port, or 0 for one the system chooses
   * @param factory builds a protocol per connection
   * @param contextFactory configures the server end of each connection
   * @param backlog the accept queue length
   * @param iface the local address to bind, as for {@code listenTCP}
   * @return the port, already listening
   * @throws dev.torsion.internet.error.CannotListenError if the address cannot be bound, or the
   *     reactor has stopped
   * @throws IllegalArgumentException if {@code port} is outside 0-65535
   * @twisted twisted.internet.interfaces.IReactorSSL.listenSSL
   */
  IListeningPort listenSSL(int port, IProtocolFactory factory,
      ITLSConnectionCreator contextFactory, int backlog, String iface);

  /**
   * Listens with a backlog of 50 on every IPv4 address.
   *
   * @param port the port, or 0
   * @param factory builds a protocol per connection
   * @param contextFactory configures the server end of each connection
   * @return the port, already listening
   * @twisted twisted.internet.interfaces.IReactorSSL.listenSSL
   */
  default IListeningPort listenSSL(int port, IProtocolFactory factory,
      ITLSConnectionCreator contextFactory) {
    return listenSSL(port, factory, contextFactory, 50, "");
  }

  /**
   * Connects to a TLS server. The factory hears {@code startedConnecting}, builds the protocol
   * when the TCP connection is made, or hears {@code clientConnectionFailed}.
   *
   * @param host a host name or literal address
   * @param port the port
   * @param factory the client factory
   * @param contextFactory configures the client end (it verifies the server as it says)
   * @param timeout seconds before the TCP attempt fails; 0 or less for none
   * @param bindAddress the local address to bind, or null for any
   * @return the connector
   * @throws dev.torsion.internet.error.ConnectError if the reactor has stopped
   * @twisted twisted.internet.interfaces.IReactorSSL.connectSSL
   */
  IConnector connectSSL(String host, int port, ClientFactory factory,
      ITLSConnectionCreator contextFactory, double timeout, @Nullable InetSocketAddress bindAddress);

  /**
   * Connects with a 30-second timeout.
   *
   * @param host a host name or literal address
   * @param port the port
   * @param factory the client factory
   * @param contextFactory configures the client end
   * @return the connector
   * @twisted twisted.internet.interfaces.IReactorSSL.connectSSL
   */
  default IConnector connectSSL(String host, int port, ClientFactory factory,
      ITLSConnectionCreator contextFactory) {
    return connectSSL(host, port, factory, contextFactory, 30, null);
  }
}
