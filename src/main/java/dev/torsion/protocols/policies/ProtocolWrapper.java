package dev.torsion.protocols.policies;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.ISSLTransport;
import dev.torsion.internet.interfaces.ITCPTransport;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.interfaces.ITLSTransport;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.FileWrapper;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A protocol that stands between a transport and another protocol, and is that protocol's
 * transport: every event from the real transport goes through it to the wrapped protocol, and
 * every call the wrapped protocol makes on its transport goes through it to the real one. A
 * subclass overrides the methods it wants to watch or change and calls {@code super} to pass the
 * event on; this is how every policy in this package is built.
 *
 * <pre>
 *   real transport  --dataReceived/connectionLost-->  wrapper  -->  wrapped protocol
 *   real transport  &lt;--write/loseConnection/...-----  wrapper  &lt;--  wrapped protocol
 * </pre>
 *
 * <p>The wrapper forwards {@code write}, {@code writeSequence}, {@code loseConnection},
 * {@code getPeer}, {@code getHost}, {@code registerProducer}, {@code unregisterProducer} and the
 * push-producer calls ({@code pauseProducing}, {@code resumeProducing}, {@code stopProducing}) to
 * {@link #transport()}; and {@code makeConnection}, {@code dataReceived}, {@code connectionLost}
 * and the half-close events to {@link #wrappedProtocol()}.
 *
 * <p><b>Lifecycle.</b> {@code makeConnection} registers the wrapper with its factory
 * ({@link WrappingFactory#registerProtocol}) and then connects the wrapped protocol to the
 * wrapper; {@code connectionLost} unregisters it, tells the wrapped protocol, and drops the
 * reference to it ({@link #wrappedProtocol()} is then null). A second {@code connectionLost} is
 * ignored, and data received after it throws {@link IllegalStateException}.
 *
 * <p><b>Threading.</b> Reactor thread only, as the transport it wraps.
 *
 * <p><b>Re-entrancy.</b> Each call is forwarded synchronously; the wrapped protocol may call the
 * wrapper from inside {@code dataReceived}, as it would its transport.
 *
 * <p><b>Differences from Twisted.</b> Twisted copies the real transport's interfaces onto the
 * wrapper at run time and forwards unknown attributes with {@code __getattr__}. Java types are
 * fixed, so the wrapper is always an {@link ITLSTransport}: the TCP-only calls
 * ({@code loseWriteConnection}, {@code abortConnection}, the socket options) are forwarded when
 * the real transport is an {@code ITCPTransport} and throw {@link UnsupportedOperationException}
 * otherwise, and {@code startTLS} is forwarded when it is an {@code ITLSTransport} (so a
 * STARTTLS protocol still works behind a policy such as {@link TimeoutFactory}). Likewise the
 * wrapper is always an {@link IHalfCloseableProtocol}: the half-close events reach the wrapped
 * protocol when it is one; when it is not, the end of input makes the
 * wrapper call {@code loseConnection()}, so the wrapped protocol sees {@code connectionLost}
 * with {@code ConnectionDone} after pending writes are flushed (Twisted's transport would drop
 * them). {@code stopConsuming} is on no transport interface, in Twisted or here: see
 * {@link #stopConsuming()}.
 *
 * @twisted twisted.protocols.policies.ProtocolWrapper
 */
public class ProtocolWrapper extends Protocol implements ITLSTransport, IHalfCloseableProtocol {
  private final WrapperRegistry registry;
  private final String wrappedName;
  private @Nullable IProtocol wrappedProtocol;
  private boolean disconnecting;

  /**
   * A wrapper around {@code wrappedProtocol}, registered with {@code factory} once connected.
   *
   * @param factory the factory that made this wrapper; it becomes {@link #factory()}
   * @param wrappedProtocol the protocol to connect through this wrapper
   * @twisted twisted.protocols.policies.ProtocolWrapper.__init__
   */
  public ProtocolWrapper(WrappingFactory factory, IProtocol wrappedProtocol) {
    this(factory, factory, wrappedProtocol);
  }

  ProtocolWrapper(Factory factory, WrapperRegistry registry, IProtocol wrappedProtocol) {
    this.registry = registry;
    this.wrappedProtocol = Objects.requireNonNull(wrappedProtocol, "wrappedProtocol");
    this.wrappedName = simpleName(wrappedProtocol.getClass());
    setFactory(factory);
  }

  /**
   * The wrapped protocol.
   *
   * @return the protocol this wrapper forwards to, or null once the connection is lost
   * @twisted twisted.protocols.policies.ProtocolWrapper.wrappedProtocol
   */
  public final @Nullable IProtocol wrappedProtocol() {
    return wrappedProtocol;
  }

  /**
   * Whether {@link #loseConnection()} was called on this wrapper.
   *
   * @return true once the wrapped protocol (or anyone) asked to close the connection
   * @twisted twisted.protocols.policies.ProtocolWrapper.disconnecting
   */
  public final boolean disconnecting() {
    return disconnecting;
  }

  /**
   * Marks this wrapper {@link #disconnecting()} without closing the real transport, for a
   * subclass that closes in its own way (the TLS wrapper sends close_notify first).
   */
  protected final void markDisconnecting() {
    disconnecting = true;
  }

  /**
   * The wrapped protocol's log prefix (its class name if it has none) followed by this wrapper's
   * class name in parentheses, as {@code "Echo (ProtocolWrapper)"}.
   *
   * @return the prefix
   * @twisted twisted.protocols.policies.ProtocolWrapper.logPrefix
   */
  @Override
  public String logPrefix() {
    IProtocol p = wrappedProtocol;
    String inner = p == null ? wrappedName : wrappedLogPrefix(p);
    return inner + " (" + simpleName(getClass()) + ")";
  }

  static String wrappedLogPrefix(Object wrapped) {
    return wrapped instanceof ILoggingContext c ? c.logPrefix() : simpleName(wrapped.getClass());
  }

  static String simpleName(Class<?> c) {
    String simple = c.getSimpleName();
    if (!simple.isEmpty()) {
      return simple;
    }
    String name = c.getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /**
   * Connects this wrapper to {@code transport}, registers it with the factory, then connects the
   * wrapped protocol to this wrapper.
   *
   * @param transport the real transport
   * @twisted twisted.protocols.policies.ProtocolWrapper.makeConnection
   */
  @Override
  public void makeConnection(ITransport transport) {
    super.makeConnection(transport);
    registry.registerProtocol(this);
    live().makeConnection(this);
  }

  private IProtocol live() {
    IProtocol p = wrappedProtocol;
    if (p == null) {
      throw new IllegalStateException(logPrefix() + ": the connection was already lost");
    }
    return p;
  }

  private ITCPTransport tcp() {
    ITransport t = transport();
    if (t instanceof ITCPTransport tcp) {
      return tcp;
    }
    throw new UnsupportedOperationException(t + " is not an ITCPTransport");
  }

  private ITLSTransport tls() {
    ITransport t = transport();
    if (t instanceof ITLSTransport tls) {
      return tls;
    }
    throw new UnsupportedOperationException(t + " cannot start TLS: it is not an ITLSTransport");
  }

  /**
   * Passes {@code data} to the wrapped protocol.
   *
   * @param data the bytes received
   * @throws IllegalStateException after {@link #connectionLost}
   * @twisted twisted.protocols.policies.ProtocolWrapper.dataReceived
   */
  @Override
  public void dataReceived(byte[] data) {
    live().dataReceived(data);
  }

  /**
   * Unregisters this wrapper from its factory, tells the wrapped protocol and forgets it.
   *
   * @param reason why the connection was lost
   * @twisted twisted.protocols.policies.ProtocolWrapper.connectionLost
   */
  @Override
  public void connectionLost(Failure reason) {
    IProtocol p = wrappedProtocol;
    if (p == null) {
      return;
    }
    registry.unregisterProtocol(this);
    try {
      p.connectionLost(reason);
    } finally {
      wrappedProtocol = null;
    }
  }

  /**
   * Tells the wrapped protocol its input ended if it is an {@link IHalfCloseableProtocol};
   * otherwise closes the connection.
   */
  @Override
  public void readConnectionLost() {
    if (live() instanceof IHalfCloseableProtocol h) {
      h.readConnectionLost();
    } else {
      loseConnection();
    }
  }

  /** Tells the wrapped protocol its output ended if it is an {@link IHalfCloseableProtocol}. */
  @Override
  public void writeConnectionLost() {
    if (live() instanceof IHalfCloseableProtocol h) {
      h.writeConnectionLost();
    }
  }

  /**
   * Writes {@code data} to the real transport.
   *
   * @param data the bytes to send; owned by the transport from now on
   * @twisted twisted.protocols.policies.ProtocolWrapper.write
   */
  @Override
  public void write(byte[] data) {
    transport().write(data);
  }

  /**
   * Writes each piece of {@code data} to the real transport.
   *
   * @param data the pieces to send
   * @twisted twisted.protocols.policies.ProtocolWrapper.writeSequence
   */
  @Override
  public void writeSequence(Iterable<byte[]> data) {
    transport().writeSequence(data);
  }

  /**
   * Marks this wrapper {@link #disconnecting()} and closes the real transport.
   *
   * @twisted twisted.protocols.policies.ProtocolWrapper.loseConnection
   */
  @Override
  public void loseConnection() {
    disconnecting = true;
    transport().loseConnection();
  }

  /**
   * The real transport's peer.
   *
   * @return its {@code getPeer()}
   * @twisted twisted.protocols.policies.ProtocolWrapper.getPeer
   */
  @Override
  public IAddress getPeer() {
    return transport().getPeer();
  }

  /**
   * The real transport's host.
   *
   * @return its {@code getHost()}
   * @twisted twisted.protocols.policies.ProtocolWrapper.getHost
   */
  @Override
  public IAddress getHost() {
    return transport().getHost();
  }

  /**
   * Registers {@code producer} with the real transport.
   *
   * @param producer the producer
   * @param streaming whether it is a push producer
   * @twisted twisted.protocols.policies.ProtocolWrapper.registerProducer
   */
  @Override
  public void registerProducer(IProducer producer, boolean streaming) {
    transport().registerProducer(producer, streaming);
  }

  /**
   * Unregisters the producer from the real transport.
   *
   * @twisted twisted.protocols.policies.ProtocolWrapper.unregisterProducer
   */
  @Override
  public void unregisterProducer() {
    transport().unregisterProducer();
  }

  /**
   * Stops consuming: calls the real transport's {@code stopConsuming} when it has one (a
   * {@link FileWrapper} or another wrapper), otherwise does what Twisted's transports do there,
   * {@code unregisterProducer()} then {@code loseConnection()} on the real transport.
   *
   * @twisted twisted.protocols.policies.ProtocolWrapper.stopConsuming
   */
  public void stopConsuming() {
    ITransport t = transport();
    if (t instanceof ProtocolWrapper w) {
      w.stopConsuming();
    } else if (t instanceof FileWrapper f) {
      f.stopConsuming();
    } else {
      t.unregisterProducer();
      t.loseConnection();
    }
  }

  /** Pauses reading from the real transport. */
  @Override
  public void pauseProducing() {
    transport().pauseProducing();
  }

  /** Resumes reading from the real transport. */
  @Override
  public void resumeProducing() {
    transport().resumeProducing();
  }

  /** Stops the real transport as a producer. */
  @Override
  public void stopProducing() {
    transport().stopProducing();
  }

  /**
   * Half-closes the real transport.
   *
   * @throws UnsupportedOperationException if it is not an {@link ITCPTransport}
   */
  @Override
  public void loseWriteConnection() {
    tcp().loseWriteConnection();
  }

  /**
   * Aborts the real transport.
   *
   * @throws UnsupportedOperationException if it is not an {@link ITCPTransport}
   */
  @Override
  public void abortConnection() {
    disconnecting = true;
    tcp().abortConnection();
  }

  /**
   * The real transport's {@code TCP_NODELAY}.
   *
   * @return its value
   * @throws UnsupportedOperationException if it is not an {@link ITCPTransport}
   */
  @Override
  public boolean getTcpNoDelay() {
    return tcp().getTcpNoDelay();
  }

  /**
   * Sets the real transport's {@code TCP_NODELAY}.
   *
   * @param enabled the new value
   * @throws UnsupportedOperationException if it is not an {@link ITCPTransport}
   */
  @Override
  public void setTcpNoDelay(boolean enabled) {
    tcp().setTcpNoDelay(enabled);
  }

  /**
   * The real transport's {@code SO_KEEPALIVE}.
   *
   * @return its value
   * @throws UnsupportedOperationException if it is not an {@link ITCPTransport}
   */
  @Override
  public boolean getTcpKeepAlive() {
    return tcp().getTcpKeepAlive();
  }

  /**
   * Sets the real transport's {@code SO_KEEPALIVE}.
   *
   * @param enabled the new value
   * @throws UnsupportedOperationException if it is not an {@link ITCPTransport}
   */
  @Override
  public void setTcpKeepAlive(boolean enabled) {
    tcp().setTcpKeepAlive(enabled);
  }

  /**
   * Starts TLS on the real transport; the wrapper stays between it and the wrapped protocol.
   *
   * @param creator the TLS configuration
   * @throws UnsupportedOperationException if the real transport is not an {@link ITLSTransport}
   * @throws IllegalStateException if TLS was already started, or the connection is closing
   */
  @Override
  public void startTLS(ITLSConnectionCreator creator) {
    startTLS(creator, true);
  }

  /**
   * Starts TLS on the real transport, choosing which end this is.
   *
   * @param creator the TLS configuration
   * @param normal true for the end of the TCP connection, false for the other one
   * @throws UnsupportedOperationException if the real transport is not an {@link ITLSTransport}
   * @throws IllegalStateException if TLS was already started, or the connection is closing
   */
  @Override
  public void startTLS(ITLSConnectionCreator creator, boolean normal) {
    tls().startTLS(creator, normal);
  }

  /**
   * The real transport's TLS layer, once TLS was started on it.
   *
   * @return the layer, or null if TLS was not started or the real transport cannot start it
   */
  @Override
  public @Nullable ISSLTransport sslTransport() {
    return transport() instanceof ITLSTransport t ? t.sslTransport() : null;
  }

  @Override
  public String toString() {
    return "<" + getClass().getName() + " object at 0x"
        + Integer.toHexString(System.identityHashCode(this)) + ">";
  }
}
