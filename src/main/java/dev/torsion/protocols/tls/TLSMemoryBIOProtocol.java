package dev.torsion.protocols.tls;

import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.interfaces.INegotiated;
import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.ISSLTransport;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.protocols.policies.ProtocolWrapper;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Objects;
import org.bouncycastle.tls.TlsProtocol;
import org.jspecify.annotations.Nullable;

/**
 * One end of a TLS connection, run as a protocol between a transport and the application
 * protocol: ciphertext from the transport goes into Bouncy Castle's non-blocking engine, and the
 * cleartext it yields goes up to the application; the application's writes go into the engine,
 * and the records it yields go down to the transport. The application sees this object as its
 * transport, an {@link ISSLTransport}. Any transport will do, including another TLS end (TLS
 * over TLS). Build it with {@link TLSMemoryBIOFactory}.
 *
 * <pre>
 *   application protocol          TLSMemoryBIOProtocol                 real transport
 *  +-------------------+   +---------------------------------+   +------------------+
 *  | dataReceived &lt;---+---+ cleartext &lt;- engine &lt;- records &lt;-+---+ dataReceived     |
 *  | transport.write --+---+-&gt; [buffer until handshake]       |   |                  |
 *  |                   |   |   cleartext -&gt; engine -&gt; records-+---+-&gt; write         |
 *  | push producer &lt;---+---+ ProducerMembrane &lt;---------------+---+ pause/resume     |
 *  +-------------------+   +---------------------------------+   +------------------+
 * </pre>
 *
 * <p>The membrane passes pause and resume from both the real transport (its buffer is full)
 * and this wrapper (writes wait for the handshake) to the application's producer, dropping
 * redundant ones; a pull producer is driven as a push producer by a cooperative task.
 *
 * <p><b>Lifecycle and errors</b> are described at {@link TLSMemoryBIOFactory}: the application
 * is connected before the handshake; {@link IHandshakeListener} hears its end; closing sends
 * close_notify; TLS errors, {@code VerificationError}, {@code TimeoutError} and truncation
 * ({@link ConnectionLost}) reach {@code connectionLost}, exactly once.
 *
 * <p><b>Threading.</b> Reactor thread only, handshake included (its cost: {@code docs/tls.md}).
 * <b>Re-entrancy.</b> The application may write, close or abort from inside any callback.
 *
 * <p><b>Differences from Twisted.</b> Bounded close (#7926) and handshake; TLS half-close
 * (#5341); renegotiation refused.
 *
 * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol
 */
public final class TLSMemoryBIOProtocol extends ProtocolWrapper
    implements ISSLTransport, INegotiated {
  private enum State { NEW, HANDSHAKING, OPEN, LOST }

  private final TLSMemoryBIOFactory tlsFactory;
  private final boolean connectWrapped;
  private final ArrayDeque<byte[]> appSendBuffer = new ArrayDeque<>();
  private @Nullable TlsEngine engine;
  private State state = State.NEW;
  private boolean aborted;
  private final TlsProducer producer = new TlsProducer();
  private final TlsTimers timers;
  private final TlsShutdown close;
  private @Nullable Failure reason;

  /**
   * A TLS end around {@code wrappedProtocol}.
   *
   * @param factory the factory with the TLS configuration and timeouts
   * @param wrappedProtocol the application protocol
   * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol.__init__
   */
  public TLSMemoryBIOProtocol(TLSMemoryBIOFactory factory, IProtocol wrappedProtocol) {
    this(factory, wrappedProtocol, true);
  }

  /**
   * A TLS end around {@code wrappedProtocol}, which may already be connected: with
   * {@code connectWrapped} false, {@code makeConnection} leaves it alone, and it keeps its
   * transport ({@code startTLS} on a live connection is built this way; that transport then
   * sends the protocol's calls here).
   *
   * @param factory the factory with the TLS configuration and timeouts
   * @param wrappedProtocol the application protocol
   * @param connectWrapped whether {@code makeConnection} connects {@code wrappedProtocol} to
   *     this end (Twisted's {@code _connectWrapped})
   * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol.__init__
   */
  public TLSMemoryBIOProtocol(TLSMemoryBIOFactory factory, IProtocol wrappedProtocol,
      boolean connectWrapped) {
    super(factory, wrappedProtocol);
    this.tlsFactory = factory;
    this.connectWrapped = connectWrapped;
    this.timers = new TlsTimers(factory);
    this.close = new TlsShutdown(this, timers);
  }

  /**
   * The engine's protocol object, for inspection.
   *
   * @return Bouncy Castle's TLS protocol of this connection
   * @throws IllegalStateException before {@code makeConnection}
   * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol.getHandle
   */
  public TlsProtocol getHandle() {
    return engine().handle();
  }

  TlsEngine engine() {
    TlsEngine e = engine;
    if (e == null) {
      throw new IllegalStateException("not connected yet");
    }
    return e;
  }

  /**
   * Whether the handshake has finished.
   *
   * @return true once it has
   */
  public boolean handshakeDone() {
    return engine != null && engine().handshakeComplete();
  }

  /**
   * The protocol version agreed on.
   *
   * @return such as {@code "TLSv1.3"}, or null before the handshake has finished
   */
  public @Nullable String negotiatedVersion() {
    return engine == null ? null : engine().negotiatedVersion();
  }

  /**
   * On a server end, the host name the client asked for with SNI.
   *
   * @return the name (IDNA-encoded), or null (client end, no SNI, handshake not done)
   * @twisted OpenSSL.SSL.Connection.get_servername
   */
  public @Nullable String requestedServerName() {
    return engine == null ? null : engine().requestedServerName();
  }

  @Override
  public void makeConnection(ITransport transport) {
    engine = tlsFactory.createEngine(this);
    state = State.HANDSHAKING;
    if (connectWrapped) {
      super.makeConnection(transport);
    } else {
      // What Protocol.makeConnection and the wrapper's registration do, minus connecting the
      // application, which already has its transport.
      this.connected = true;
      this.transport = transport;
      tlsFactory.registerProtocol(this);
      connectionMade();
    }
    if (state != State.HANDSHAKING || aborted) {
      return;
    }
    timers.startHandshake(this::handshakeTimedOut);
    try {
      engine().start();
    } catch (IOException | RuntimeException e) {
      tlsFailed(e);
      return;
    }
    afterEngineInput();
  }

  @Override
  public void dataReceived(byte[] data) {
    if (state == State.LOST || close.readClosed()) {
      return;
    }
    try {
      engine().offer(data);
    } catch (IOException | RuntimeException e) {
      tlsFailed(e);
      return;
    }
    afterEngineInput();
  }

  /** After the engine took input: handshake end, cleartext up, close_notify, records down. */
  private void afterEngineInput() {
    flushOutput();
    TlsEngine e = engine();
    if (state == State.HANDSHAKING && e.handshakeComplete()) {
      handshakeFinished();
    }
    while (state != State.LOST) {
      byte[] clear = e.readApplicationData();
      if (clear == null) {
        break;
      }
      if (!aborted) {
        super.dataReceived(clear);
      }
    }
    if (state != State.LOST && e.closeNotifyReceived() && !close.readClosed()) {
      close.peerClosedWriting();
    }
    flushOutput();
  }

  private void handshakeFinished() {
    state = State.OPEN;
    timers.handshakeDone();
    if (wrappedProtocol() instanceof IHandshakeListener l) {
      l.handshakeCompleted();
    }
    if (state == State.OPEN) {
      unbufferPendingWrites();
    }
  }

  private void unbufferPendingWrites() {
    while (!appSendBuffer.isEmpty() && state == State.OPEN) {
      writeToEngine(appSendBuffer.poll());
    }
    if (state != State.OPEN) {
      return;
    }
    if (producer.registered()) {
      producer.resume();
    } else if (disconnecting()) {
      close.shutdown();
    } else if (close.writeClosePending()) {
      close.closeWriting();
    }
  }

  boolean lost() {
    return state == State.LOST;
  }

  void markLost() {
    state = State.LOST;
    timers.cancelAll();
  }

  void flushOutput() {
    TlsEngine e = engine;
    byte[] out = e == null || transport == null ? null : e.takeOutput();
    if (out != null) {
      transport().write(out);
    }
  }

  void tlsFailed(Throwable error) {
    if (state == State.LOST) {
      return;
    }
    if (reason == null) {
      reason = new Failure(TlsEngine.translate(error));
    }
    state = State.LOST;
    timers.cancelAll();
    flushOutput();
    transport().loseConnection();
  }

  private void handshakeTimedOut() {
    if (state == State.HANDSHAKING) {
      failVerification(new Failure(new dev.torsion.internet.error.TimeoutError(
          "TLS handshake did not complete within " + tlsFactory.handshakeTimeout() + " s")));
    }
  }

  @Override
  public void connectionLost(Failure transportReason) {
    if (engine == null) {
      return; // the creator failed in makeConnection: the application was never connected
    }
    if (state != State.LOST && engine != null) {
      state = State.LOST;
      Throwable end = engine().endOfInput();
      if (end != null && reason == null) {
        reason = new Failure(end);
      }
    }
    state = State.LOST;
    timers.cancelAll();
    producer.release();
    appSendBuffer.clear();
    Failure why = reason != null ? reason : transportReason;
    reason = null;
    connected = false;
    super.connectionLost(why);
  }

  @Override
  public void readConnectionLost() {
    // TCP input ended; after the peer's close_notify that is expected, else it is truncation.
    if (state != State.LOST && !close.readClosed()) {
      Throwable end = engine().endOfInput();
      if (end != null) {
        tlsFailed(end);
      } else {
        close.finish();
      }
    }
  }

  @Override
  public void writeConnectionLost() {}

  /**
   * Sends what is buffered, then close_notify; closes TCP when the peer answers or the close
   * timeout passes. Before the handshake, with nothing buffered, aborts instead.
   *
   * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol.loseConnection
   */
  @Override
  public void loseConnection() {
    if (disconnecting() || !connected || state == State.LOST) {
      return;
    }
    if (state != State.OPEN && appSendBuffer.isEmpty()) {
      abortConnection();
      return;
    }
    markDisconnecting();
    if (appSendBuffer.isEmpty() && !producer.registered()) {
      close.shutdown();
    }
  }

  /**
   * Half-closes: sends what is buffered, then close_notify, and keeps reading; later writes are
   * dropped. An {@link IHalfCloseableProtocol} hears {@code writeConnectionLost}.
   *
   * @twisted twisted.internet.interfaces.ITCPTransport.loseWriteConnection
   */
  @Override
  public void loseWriteConnection() {
    if (disconnecting() || !connected || state == State.LOST || close.writeClosed()
        || close.writeClosePending()) {
      return;
    }
    close.requestWriteClose();
    if (state == State.OPEN && appSendBuffer.isEmpty() && !producer.registered()) {
      close.closeWriting();
    }
  }

  /**
   * Drops the connection at once; no more data reaches the application.
   *
   * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol.abortConnection
   */
  @Override
  public void abortConnection() {
    aborted = true;
    markDisconnecting();
    state = State.LOST;
    timers.cancelAll();
    super.abortConnection();
  }

  /**
   * Aborts the connection, giving {@code why} to the application's {@code connectionLost}.
   *
   * @param why the reason verification failed
   * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol.failVerification
   */
  public void failVerification(Failure why) {
    reason = why;
    abortConnection();
  }

  /**
   * Encrypts and sends {@code data}, or buffers it (pausing the producer) until the handshake
   * ends. Dropped after {@code loseConnection()} (unless a producer is registered) or a
   * half-close.
   *
   * @param data the cleartext; owned by this transport from now on
   * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol.write
   */
  @Override
  public void write(byte[] data) {
    Objects.requireNonNull(data, "data");
    if ((disconnecting() && !producer.registered()) || close.writeClosed()
        || close.writeClosePending()
        || state == State.LOST || data.length == 0) {
      return;
    }
    if (state != State.OPEN || !appSendBuffer.isEmpty()) {
      appSendBuffer.add(data);
      producer.pause();
      return;
    }
    writeToEngine(data);
  }

  private void writeToEngine(byte[] data) {
    try {
      engine().write(data);
    } catch (IOException | RuntimeException e) {
      tlsFailed(e);
      return;
    }
    flushOutput();
  }

  /**
   * Writes the pieces joined, so they travel in as few records as possible.
   *
   * @param data the pieces
   * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol.writeSequence
   */
  @Override
  public void writeSequence(Iterable<byte[]> data) {
    write(TlsEngine.join(data));
  }

  @Override
  public @Nullable X509Certificate getPeerCertificate() {
    return engine == null || !connected ? null : engine().peerCertificate();
  }

  @Override
  public @Nullable X509Certificate getHostCertificate() {
    return engine == null || !connected ? null : engine().hostCertificate();
  }

  @Override
  public @Nullable String negotiatedProtocol() {
    return engine == null ? null : engine().negotiatedProtocol();
  }

  /**
   * Registers the producer with the real transport through the membrane (a pull producer as a
   * push one); after the connection is gone, stops it instead.
   *
   * @param p the producer
   * @param streaming whether it is a push producer
   * @throws IllegalStateException if a producer is already registered (from the transport)
   * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol.registerProducer
   */
  @Override
  public void registerProducer(IProducer p, boolean streaming) {
    if (state == State.LOST) {
      p.stopProducing();
      return;
    }
    producer.register(p, streaming, this, transport(), tlsFactory.cooperator());
  }

  /**
   * Unregisters the producer; a pending close then proceeds.
   *
   * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol.unregisterProducer
   */
  @Override
  public void unregisterProducer() {
    if (!producer.unregister(transport())) {
      return;
    }
    if (state == State.OPEN && appSendBuffer.isEmpty()) {
      if (disconnecting()) {
        close.shutdown();
      } else if (close.writeClosePending()) {
        close.closeWriting();
      }
    }
  }

  /**
   * Refuses: TLS already runs on this connection (this is its layer).
   *
   * @param creator unused
   * @param normal unused
   * @throws IllegalStateException always
   */
  @Override
  public void startTLS(ITLSConnectionCreator creator, boolean normal) {
    throw new IllegalStateException(this + ": TLS was already started on this connection");
  }

  /**
   * This layer.
   *
   * @return this
   */
  @Override
  public ISSLTransport sslTransport() {
    return this;
  }
}
