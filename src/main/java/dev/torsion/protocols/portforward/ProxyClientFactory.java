package dev.torsion.protocols.portforward;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import org.jspecify.annotations.Nullable;

/**
 * Connects one {@link ProxyServer} to the destination: builds a {@link ProxyClient} (or what
 * {@link #setProtocol} supplies) with the server as its peer, and closes the server's
 * connection if the destination cannot be reached.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Errors.</b> {@link #buildProtocol} throws {@link IllegalStateException} before
 * {@link #setServer}, or if the supplier builds something other than a {@link Proxy}.
 *
 * @twisted twisted.protocols.portforward.ProxyClientFactory
 */
public class ProxyClientFactory extends ClientFactory {
  private @Nullable ProxyServer server;

  /** A factory of {@link ProxyClient}s; {@link #setServer} must be called before use. */
  public ProxyClientFactory() {
    setProtocol(ProxyClient::new);
  }

  /**
   * Sets the server side the built client joins.
   *
   * @param server the server side
   * @twisted twisted.protocols.portforward.ProxyClientFactory.setServer
   */
  public final void setServer(ProxyServer server) {
    this.server = server;
  }

  /**
   * The server side the built client joins.
   *
   * @return the server, or null before {@link #setServer}
   * @twisted twisted.protocols.portforward.ProxyClientFactory.server
   */
  public final @Nullable ProxyServer server() {
    return server;
  }

  /**
   * Builds the client side with the server as its peer.
   *
   * @param addr the destination's address
   * @return the client side
   * @throws IllegalStateException before {@link #setServer}, or if the built protocol is not a
   *     {@link Proxy}
   * @twisted twisted.protocols.portforward.ProxyClientFactory.buildProtocol
   */
  @Override
  public @Nullable Protocol buildProtocol(IAddress addr) {
    ProxyServer s = server;
    if (s == null) {
      throw new IllegalStateException(this + " has no server; call setServer first");
    }
    Protocol p = super.buildProtocol(addr);
    if (p == null) {
      return null;
    }
    if (!(p instanceof Proxy proxy)) {
      throw new IllegalStateException("built " + p + ", not a Proxy");
    }
    proxy.setPeer(s);
    return proxy;
  }

  /**
   * Closes the server side's connection: there is nowhere to forward to.
   *
   * @param connector the failed connector
   * @param reason why the connection failed
   * @twisted twisted.protocols.portforward.ProxyClientFactory.clientConnectionFailed
   */
  @Override
  public void clientConnectionFailed(IConnector connector, Failure reason) {
    destinationFailed(reason);
  }

  /** The destination cannot be reached: close the server side. */
  final void destinationFailed(Failure reason) {
    ProxyServer s = server;
    if (s != null) {
      s.transport().loseConnection();
    }
  }
}
