package dev.torsion.internet.endpoints;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorSSL;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import java.util.Objects;

/**
 * Listens for TLS connections over IPv4 through {@code listenSSL}.
 *
 * <pre>{@code
 * new SSL4ServerEndpoint(reactor, 8443, certificate.options()).listen(factory);
 * }</pre>
 *
 * <p><b>Errors.</b> What {@code listenSSL} throws, such as
 * {@link dev.torsion.internet.error.CannotListenError}, fails the Deferred {@link #listen}
 * returns.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * @twisted twisted.internet.endpoints.SSL4ServerEndpoint
 */
public final class SSL4ServerEndpoint implements IStreamServerEndpoint {
  private final IReactorSSL reactor;
  private final int port;
  private final ITLSConnectionCreator sslContextFactory;
  private final int backlog;
  private final String iface;

  /**
   * An endpoint with backlog 50 on all IPv4 interfaces.
   *
   * @param reactor the reactor to listen with
   * @param port the port number; 0 lets the system choose
   * @param sslContextFactory configures the server end of each connection
   * @twisted twisted.internet.endpoints.SSL4ServerEndpoint.__init__
   */
  public SSL4ServerEndpoint(IReactorSSL reactor, int port,
      ITLSConnectionCreator sslContextFactory) {
    this(reactor, port, sslContextFactory, 50, "");
  }

  /**
   * An endpoint.
   *
   * @param reactor the reactor to listen with
   * @param port the port number; 0 lets the system choose
   * @param sslContextFactory configures the server end of each connection
   * @param backlog the size of the listen queue
   * @param iface the address to bind (all IPv4 interfaces when {@code ""})
   * @twisted twisted.internet.endpoints.SSL4ServerEndpoint.__init__
   */
  public SSL4ServerEndpoint(IReactorSSL reactor, int port,
      ITLSConnectionCreator sslContextFactory, int backlog, String iface) {
    this.reactor = Objects.requireNonNull(reactor, "reactor");
    this.port = port;
    this.sslContextFactory = Objects.requireNonNull(sslContextFactory, "sslContextFactory");
    this.backlog = backlog;
    this.iface = Objects.requireNonNull(iface, "iface");
  }

  @Override
  public Deferred<IListeningPort> listen(IProtocolFactory protocolFactory) {
    return Defer.execute(
        () -> reactor.listenSSL(port, protocolFactory, sslContextFactory, backlog, iface));
  }

  /**
   * The port number to listen on.
   *
   * @return the port number
   */
  public int port() {
    return port;
  }

  /**
   * What configures each connection's TLS.
   *
   * @return the connection creator
   */
  public ITLSConnectionCreator sslContextFactory() {
    return sslContextFactory;
  }

  /**
   * The size of the listen queue.
   *
   * @return the backlog
   */
  public int backlog() {
    return backlog;
  }

  /**
   * The address to bind.
   *
   * @return the interface
   */
  public String iface() {
    return iface;
  }

  @Override
  public String toString() {
    return "<SSL4ServerEndpoint port=" + port + " interface=" + iface + " backlog=" + backlog
        + ">";
  }
}
