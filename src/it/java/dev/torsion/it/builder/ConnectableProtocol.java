package dev.torsion.it.builder;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.ITCPTransport;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.python.failure.Failure;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Twisted's {@code connectionmixins.ConnectableProtocol}: a protocol for
 * {@link TcpBuilder#runProtocols}, which learns its reactor and fires {@link #done()} when its
 * connection is lost.
 */
public class ConnectableProtocol extends Protocol {
  private @Nullable Reactor reactor;
  private @Nullable Deferred<@Nullable Void> done;
  /** The reason given to {@code connectionLost}, once it is called. */
  public @Nullable Failure disconnectReason;
  /** The protocol at the other end, where a test links the two. */
  public @Nullable ConnectableProtocol otherProtocol;

  /** A protocol not yet attached to a reactor. */
  public ConnectableProtocol() {}

  final void setAttributes(Reactor r) {
    this.reactor = r;
    this.done = new Deferred<>();
  }

  /**
   * The reactor running this test.
   *
   * @return the reactor
   */
  public final Reactor reactor() {
    return Objects.requireNonNull(reactor, "not attached to a reactor");
  }

  /**
   * Fires when the connection is lost.
   *
   * @return the Deferred
   */
  public final Deferred<@Nullable Void> done() {
    return Objects.requireNonNull(done, "not attached to a reactor");
  }

  /**
   * Whether the protocol has been given a transport.
   *
   * @return true once connected
   */
  public final boolean hasTransport() {
    return transport != null;
  }

  /**
   * The transport as a TCP transport.
   *
   * @return the transport
   */
  public final ITCPTransport tcp() {
    return (ITCPTransport) transport();
  }

  @Override
  public void connectionLost(Failure reason) {
    disconnectReason = reason;
    done().callback(null);
  }
}
