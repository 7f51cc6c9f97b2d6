package dev.torsion.protocols.portforward;

import dev.torsion.internet.interfaces.ITransport;

/**
 * The connecting side of a forwarded connection, built by {@link ProxyClientFactory} with its
 * {@link ProxyServer} as peer. On {@code connectionMade} it joins the two: each sets the other
 * as peer, each transport is registered as the other's streaming producer, and the server's
 * transport resumes reading.
 *
 * <p>The producer registration is the flow control: when the destination reads slower than the
 * source writes, this transport's queue fills, it pauses the server's transport (which stops
 * reading from the source) and resumes it once drained; the same holds the other way. Memory
 * per connection stays near two transports' buffer sizes.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Lifecycle.</b> If the server side was lost while this side was connecting, this side
 * closes itself at once instead of joining.
 *
 * <p><b>Differences from Twisted.</b> Twisted joins a client to a server that is already
 * gone, leaving the client open; here the client closes.
 *
 * @twisted twisted.protocols.portforward.ProxyClient
 */
public class ProxyClient extends Proxy {
  /** A client side; {@link ProxyClientFactory#buildProtocol} sets its peer. */
  public ProxyClient() {}

  /**
   * Joins this connection to the server side: peers, producers both ways, then resumes the
   * server's transport.
   *
   * @throws IllegalStateException if no peer was set (the protocol was not built by a
   *     {@link ProxyClientFactory})
   * @twisted twisted.protocols.portforward.ProxyClient.connectionMade
   */
  @Override
  public void connectionMade() {
    Proxy server = peer();
    if (server == null) {
      throw new IllegalStateException(this + " has no server side to join");
    }
    if (server instanceof ProxyServer ps && ps.isClosed()) {
      transport().loseConnection();
      return;
    }
    server.setPeer(this);
    ITransport mine = transport();
    ITransport theirs = server.transport();
    // Flow control: a full queue on either side pauses reading on the other.
    mine.registerProducer(theirs, true);
    server.markProducing();
    theirs.registerProducer(mine, true);
    markProducing();
    theirs.resumeProducing();
  }
}
