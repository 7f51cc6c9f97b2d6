package dev.torsion.protocols.portforward;

import dev.torsion.internet.protocol.Factory;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepted side of a forwarded connection, built by {@link ProxyFactory}: on
 * {@code connectionMade} it pauses reading from its transport and connects to the factory's
 * destination with a {@link ProxyClientFactory}; the {@link ProxyClient} resumes it once
 * connected.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Errors.</b> If the destination cannot be reached, the client factory closes this
 * connection. A {@link #connectionMade()} on a protocol built without a {@link ProxyFactory}
 * throws {@link IllegalStateException}.
 *
 * <p><b>Lifecycle.</b> Connecting (reading paused; data already read is kept, at most
 * {@link #MAX_PENDING} bytes, beyond which the connection is closed), then forwarding, then
 * closed. A client that connects after this side was lost closes itself at once.
 *
 * <p><b>Differences from Twisted.</b> Twisted keeps the reactor on the protocol
 * ({@code ProxyServer.reactor}); here it comes from the {@link ProxyFactory}. Twisted's
 * {@code clientProtocolFactory} class attribute is the overridable
 * {@link #newClientFactory()}.
 *
 * @twisted twisted.protocols.portforward.ProxyServer
 */
public class ProxyServer extends Proxy {
  /** The most bytes kept from before the destination connects. */
  public static final int MAX_PENDING = 1 << 20;

  private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

  private enum State { UNCONNECTED, CONNECTING, FORWARDING, CLOSED }

  private State state = State.UNCONNECTED;
  private @Nullable ByteArrayOutputStream pending;

  /** A server side, not yet connected; {@link ProxyFactory} builds these. */
  public ProxyServer() {}

  /**
   * Makes the client factory that connects to the destination; override to use another
   * {@link ProxyClientFactory} subclass.
   *
   * @return a new client factory
   * @twisted twisted.protocols.portforward.ProxyServer.clientProtocolFactory
   */
  protected ProxyClientFactory newClientFactory() {
    return new ProxyClientFactory();
  }

  /**
   * Pauses reading and connects to the destination through the factory's reactor.
   *
   * @throws IllegalStateException if this protocol's factory is not a {@link ProxyFactory}
   * @twisted twisted.protocols.portforward.ProxyServer.connectionMade
   */
  @Override
  public void connectionMade() {
    Factory f = factory();
    if (!(f instanceof ProxyFactory pf)) {
      throw new IllegalStateException(this + " needs a ProxyFactory, has " + f);
    }
    // Read nothing from the connecting client until there is somewhere to send it.
    transport().pauseProducing();
    state = State.CONNECTING;
    ProxyClientFactory client = newClientFactory();
    client.setServer(this);
    pf.connectDestination(client);
  }

  /**
   * Forwards the data to the peer; before the peer connects, keeps it to send on connect.
   *
   * @param data the bytes received
   * @twisted twisted.protocols.portforward.Proxy.dataReceived
   */
  @Override
  public void dataReceived(byte[] data) {
    if (state != State.CONNECTING) {
      super.dataReceived(data);
      return;
    }
    ByteArrayOutputStream p = pending;
    if (p == null) {
      p = new ByteArrayOutputStream();
      pending = p;
    }
    if (p.size() + (long) data.length > MAX_PENDING) {
      LOG.warn("{}: more than {} bytes before the destination connected; closing", this,
          MAX_PENDING);
      pending = null;
      transport().loseConnection();
      return;
    }
    p.write(data, 0, data.length);
  }

  /**
   * Sets the peer and sends it any data kept from before it connected.
   *
   * @param peer the connected client side
   * @twisted twisted.protocols.portforward.Proxy.setPeer
   */
  @Override
  public void setPeer(Proxy peer) {
    super.setPeer(peer);
    if (state != State.CONNECTING) {
      return;
    }
    state = State.FORWARDING;
    ByteArrayOutputStream p = pending;
    pending = null;
    if (p != null && p.size() > 0) {
      peer.transport().write(p.toByteArray());
    }
  }

  /**
   * Closes the peer, as {@link Proxy#connectionLost}, and drops any kept data.
   *
   * @param reason why the connection was lost
   * @twisted twisted.protocols.portforward.Proxy.connectionLost
   */
  @Override
  public void connectionLost(Failure reason) {
    state = State.CLOSED;
    pending = null;
    super.connectionLost(reason);
  }

  /** Whether this side's connection was lost, so a late client should close itself. */
  final boolean isClosed() {
    return state == State.CLOSED;
  }
}
