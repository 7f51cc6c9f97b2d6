package dev.torsion.protocols.portforward;

import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of a forwarded connection: what it receives it writes to its peer's transport, and
 * when its connection is lost it closes the peer's.
 *
 * <p><b>Threading.</b> Reactor thread only, as every protocol.
 *
 * <p><b>Lifecycle.</b> The peer is set by {@link ProxyClient#connectionMade()} for both sides;
 * a side whose connection is lost forgets its peer after asking it to close, so the close runs
 * once whichever side goes first.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code dataReceived} fails with
 * {@code AttributeError} on data that arrives before the peer exists; here
 * {@link ProxyServer} keeps such data and sends it once the peer connects.
 *
 * @twisted twisted.protocols.portforward.Proxy
 */
public abstract class Proxy extends Protocol {
  private static final Logger LOG = LoggerFactory.getLogger(Proxy.class);

  private @Nullable Proxy peer;
  private boolean noisy = true;
  // Whether this side's transport is registered as the producer of the peer's transport.
  private boolean producing;

  /** For subclasses: a proxy with no peer yet. */
  protected Proxy() {}

  /**
   * The other side of this forwarded connection.
   *
   * @return the peer, or null before it is set or after this side's connection was lost
   * @twisted twisted.protocols.portforward.Proxy.peer
   */
  public final @Nullable Proxy peer() {
    return peer;
  }

  /**
   * Sets the other side of this forwarded connection.
   *
   * @param peer the peer
   * @twisted twisted.protocols.portforward.Proxy.setPeer
   */
  public void setPeer(Proxy peer) {
    this.peer = peer;
  }

  /** Records that this side's transport now produces for the peer's transport. */
  final void markProducing() {
    producing = true;
  }

  /**
   * Whether a lost connection that never had a peer is logged (default true).
   *
   * @return true when noisy
   * @twisted twisted.protocols.portforward.Proxy.noisy
   */
  public final boolean noisy() {
    return noisy;
  }

  /**
   * Sets whether a lost connection that never had a peer is logged.
   *
   * @param noisy true to log
   * @twisted twisted.protocols.portforward.Proxy.noisy
   */
  public final void setNoisy(boolean noisy) {
    this.noisy = noisy;
  }

  /**
   * Writes the data to the peer's transport.
   *
   * @param data the bytes received
   * @throws IllegalStateException if there is no peer (a subclass overrides to handle that)
   * @twisted twisted.protocols.portforward.Proxy.dataReceived
   */
  @Override
  public void dataReceived(byte[] data) {
    Proxy p = peer;
    if (p == null) {
      throw new IllegalStateException(this + " received data with no peer");
    }
    p.transport().write(data);
  }

  /**
   * Closes the peer's connection (it sends what it has queued first) and forgets the peer; with
   * no peer, logs that the peer was never reached when {@link #noisy()}.
   *
   * @param reason why the connection was lost
   * @twisted twisted.protocols.portforward.Proxy.connectionLost
   */
  @Override
  public void connectionLost(Failure reason) {
    Proxy p = peer;
    if (p != null) {
      peer = null;
      if (producing) {
        // This dead transport can produce nothing more; a close of the peer must not wait for
        // it to resume (a consumer with a paused streaming producer defers its close).
        producing = false;
        p.transport().unregisterProducer();
      }
      p.transport().loseConnection();
    } else if (noisy) {
      LOG.info("Unable to connect to peer: {}", reason);
    }
  }
}
