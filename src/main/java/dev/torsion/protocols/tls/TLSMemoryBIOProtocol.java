package dev.torsion.protocols.tls;

import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.error.TimeoutError;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.interfaces.INegotiated;
import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.interfaces.ISSLTransport;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.ssl.VerificationError;
import dev.torsion.protocols.policies.ProtocolWrapper;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Objects;
import org.bouncycastle.tls.TlsNoCloseNotifyException;
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
 *   application protocol            TLSMemoryBIOProtocol                 real transport
 *  +--------------------+    +--------------------------------+    +-------------------+
 *  | dataReceived  &lt;----+----+ cleartext &lt;-- engine &lt;-- records &lt;+----+ dataReceived      |
 *  | transport.write ---+----+-&gt; [buffer until handshake] --&gt;   |    |                   |
 *  |                    |    |   cleartext --&gt; engine --&gt; records+----+-&gt; write          |
 *  | push producer  &lt;---+----+ ProducerMembrane &lt;----------------+----+ pause/resume      |
 *  +--------------------+    +--------------------------------+    +-------------------+
 * </pre>
 *
 * <p>The membrane passes pause and resume from both the real transport (its buffer is full)
 * and this wrapper (writes wait for the handshake) to the application's producer, dropping
 * redundant ones; a pull producer is driven as a push producer by a cooperative task.
 *
 * <p><b>Lifecycle.</b> {@code makeConnection} connects the application protocol at once, before
 * the handshake, then starts the handshake (a client sends its ClientHello). When it finishes,
 * an {@link IHandshakeListener} hears {@code handshakeCompleted()}, then the writes buffered so
 * far are sent. {@code loseConnection()} sends what is buffered, then close_notify, and closes
 * the TCP connection when the peer's close_notify arrives, or after the factory's close timeout.
 * Before the handshake has finished, with nothing buffered, {@code loseConnection()} aborts.
 * A close_notify from the peer is answered and ends the connection with {@code ConnectionDone};
 * an application that is an {@link IHalfCloseableProtocol} instead hears
 * {@code readConnectionLost()} and may go on writing. {@code connectionLost} reaches the
 * application exactly once.
 *
 * <p><b>Errors.</b> A TLS failure (a bad record, a fatal alert, a handshake failure) is sent to
 * the peer as an alert, the connection is closed, and the application's {@code connectionLost}
 * gets the engine's {@link IOException} ({@code TlsFatalAlert}, {@code TlsFatalAlertReceived}).
 * A certificate that fails verification gives a {@link VerificationError}; a handshake that
 * outlasts the factory's timeout gives a {@link TimeoutError}; input that ends without
 * close_notify (truncation) gives {@link ConnectionLost}, never {@code ConnectionDone}.
 *
 * <p><b>Threading.</b> Reactor thread only; the handshake's public-key work runs there too
 * (see {@code docs/tls.md} for its cost).
 *
 * <p><b>Re-entrancy.</b> The application may write, close or abort from inside
 * {@code dataReceived}, {@code handshakeCompleted} and {@code connectionMade}.
 *
 * <p><b>Differences from Twisted.</b> Twisted waits forever for the peer's close_notify
 * (Twisted #7926), has no handshake timeout, and cannot half-close over TLS (#5341); here
 * {@code loseWriteConnection()} sends close_notify and keeps reading. Received close_notify
 * followed by more records is ignored rather than answered. Renegotiation is refused.
 *
 * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol
 */
public final class TLSMemoryBIOProtocol extends ProtocolWrapper
    implements ISSLTransport, INegotiated {
  private enum State { NEW, HANDSHAKING, OPEN, LOST }

  private final TLSMemoryBIOFactory tlsFactory;
  private final ArrayDeque<byte[]> appSendBuffer = new ArrayDeque<>();
  private @Nullable TlsEngine engine;
  private State state = State.NEW;
  private boolean aborted;
  /** Our close_notify is sent: the write direction is closed. */
  private boolean writeClosed;
  /** loseWriteConnection() was asked while writes were still buffered or a producer ran. */
  private boolean writeClosePending;
  /** The peer's close_notify arrived: the read direction is closed. */
  private boolean readClosed;
  private @Nullable ProducerMembrane producer;
  private @Nullable PullToPush pullToPush;
  private @Nullable Failure reason;
  private @Nullable IDelayedCall handshakeTimer;
  private @Nullable IDelayedCall closeTimer;

  /**
   * A TLS end around {@code wrappedProtocol}.
   *
   * @param factory the factory with the TLS configuration and timeouts
   * @param wrappedProtocol the application protocol
   * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol.__init__
   */
  public TLSMemoryBIOProtocol(TLSMemoryBIOFactory factory, IProtocol wrappedProtocol) {
    super(factory, wrappedProtocol);
    this.tlsFactory = factory;
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

  private TlsEngine engine() {
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
   * On a server end, the host name the client asked for with SNI, for virtual hosting.
   *
   * @return the name (IDNA-encoded), or null on a client end, before the handshake has
   *     finished, or when the client sent none
   * @twisted OpenSSL.SSL.Connection.get_servername
   */
  public @Nullable String requestedServerName() {
    return engine == null ? null : engine().requestedServerName();
  }

  @Override
  public void makeConnection(ITransport transport) {
    engine = tlsFactory.createEngine(this);
    state = State.HANDSHAKING;
    super.makeConnection(transport);
    if (state != State.HANDSHAKING || aborted) {
      return;
    }
    double timeout = tlsFactory.handshakeTimeout();
    if (timeout > 0) {
      handshakeTimer = tlsFactory.clock().callLater(timeout, this::handshakeTimedOut);
    }
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
    if (state == State.LOST || readClosed) {
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
    if (state != State.LOST && e.closeNotifyReceived() && !readClosed) {
      readClosed = true;
      peerClosedWriting();
    }
    flushOutput();
  }

  private void handshakeFinished() {
    state = State.OPEN;
    cancelTimer(handshakeTimer);
    handshakeTimer = null;
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
    ProducerMembrane p = producer;
    if (p != null) {
      p.resumeProducing();
    } else if (disconnecting()) {
      shutdownTLS();
    } else if (writeClosePending) {
      closeWriting();
    }
  }

  private void peerClosedWriting() {
    if (!writeClosed && wrappedProtocol() instanceof IHalfCloseableProtocol h) {
      h.readConnectionLost();
      return;
    }
    shutdownTLS();
  }

  /** Sends close_notify (once), then closes the transport if the peer has closed too. */
  private void shutdownTLS() {
    if (state == State.LOST) {
      return;
    }
    sendCloseNotify();
    if (state == State.LOST) {
      return;
    }
    if (readClosed) {
      finishClose();
    } else if (closeTimer == null && tlsFactory.closeTimeout() > 0) {
      closeTimer = tlsFactory.clock().callLater(tlsFactory.closeTimeout(), () -> {
        closeTimer = null;
        finishClose();
      });
    }
  }

  private void sendCloseNotify() {
    if (writeClosed) {
      return;
    }
    writeClosed = true;
    try {
      engine().sendCloseNotify();
    } catch (IOException | RuntimeException e) {
      tlsFailed(e);
      return;
    }
    flushOutput();
    engine().discardOutput();
  }

  private void finishClose() {
    if (state == State.LOST) {
      return;
    }
    state = State.LOST;
    cancelTimers();
    transport().loseConnection();
  }

  /** Half-closes: close_notify now, reading goes on (Twisted #5341). */
  private void closeWriting() {
    writeClosePending = false;
    sendCloseNotify();
    if (state == State.LOST) {
      return;
    }
    if (readClosed) {
      finishClose();
    } else if (wrappedProtocol() instanceof IHalfCloseableProtocol h) {
      h.writeConnectionLost();
    }
  }

  private void flushOutput() {
    TlsEngine e = engine;
    ITransport t = transport;
    if (e == null || t == null) {
      return;
    }
    byte[] out = e.takeOutput();
    if (out != null) {
      t.write(out);
    }
  }

  private void tlsFailed(Throwable error) {
    if (state == State.LOST) {
      return;
    }
    if (reason == null) {
      reason = new Failure(translate(error));
    }
    state = State.LOST;
    cancelTimers();
    flushOutput();
    transport().loseConnection();
  }

  private static Throwable translate(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof VerificationError) {
        return t;
      }
    }
    if (error instanceof TlsNoCloseNotifyException) {
      return new ConnectionLost("TLS input ended without close_notify (truncation)", error);
    }
    return error;
  }

  private void handshakeTimedOut() {
    handshakeTimer = null;
    if (state != State.HANDSHAKING) {
      return;
    }
    if (reason == null) {
      reason = new Failure(new TimeoutError("TLS handshake did not complete within "
          + tlsFactory.handshakeTimeout() + " seconds"));
    }
    abortConnection();
  }

  @Override
  public void connectionLost(Failure transportReason) {
    if (state != State.LOST && engine != null) {
      state = State.LOST;
      try {
        engine().closeInput();
      } catch (IOException | RuntimeException e) {
        if (reason == null) {
          reason = new Failure(e instanceof TlsNoCloseNotifyException ? translate(e)
              : new ConnectionLost("TLS connection lost: " + e, e));
        }
      }
    }
    state = State.LOST;
    cancelTimers();
    PullToPush pull = pullToPush;
    if (pull != null) {
      pull.stopStreaming();
    }
    producer = null;
    pullToPush = null;
    appSendBuffer.clear();
    Failure why = reason != null ? reason : transportReason;
    reason = null;
    connected = false;
    super.connectionLost(why);
  }

  @Override
  public void readConnectionLost() {
    // The transport's input ended: TLS ends with it (close_notify already arrived, or this is
    // truncation). Closing reports which through connectionLost.
    if (state == State.LOST || readClosed) {
      return;
    }
    try {
      engine().closeInput();
    } catch (IOException | RuntimeException e) {
      tlsFailed(e);
      return;
    }
    finishClose();
  }

  @Override
  public void writeConnectionLost() {
    // The transport's output closed under us; nothing more can be sent.
  }

  /**
   * Sends what is buffered, then close_notify; the TCP connection closes when the peer answers
   * or the factory's close timeout passes. Before the handshake has finished, with nothing
   * buffered, aborts instead. Does nothing if already disconnecting or not connected.
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
    if (appSendBuffer.isEmpty() && producer == null) {
      shutdownTLS();
    }
  }

  /**
   * Closes the write direction: sends what is buffered, then close_notify, and keeps reading
   * until the peer closes. An {@link IHalfCloseableProtocol} hears {@code writeConnectionLost}.
   * Writes after this are dropped.
   *
   * @twisted twisted.internet.interfaces.ITCPTransport.loseWriteConnection
   */
  @Override
  public void loseWriteConnection() {
    if (disconnecting() || !connected || state == State.LOST || writeClosed
        || writeClosePending) {
      return;
    }
    writeClosePending = true;
    if (state == State.OPEN && appSendBuffer.isEmpty() && producer == null) {
      closeWriting();
    }
  }

  /**
   * Drops the connection at once: no more data reaches the application, and the transport is
   * aborted.
   *
   * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol.abortConnection
   */
  @Override
  public void abortConnection() {
    aborted = true;
    markDisconnecting();
    state = State.LOST;
    cancelTimers();
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
   * Encrypts and sends {@code data}, or buffers it until the handshake has finished (pausing a
   * registered producer). Dropped after {@code loseConnection()} unless a producer is still
   * registered, and after {@code loseWriteConnection()}.
   *
   * @param data the cleartext; owned by this transport from now on
   * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol.write
   */
  @Override
  public void write(byte[] data) {
    Objects.requireNonNull(data, "data");
    if ((disconnecting() && producer == null) || writeClosed || writeClosePending
        || state == State.LOST || data.length == 0) {
      return;
    }
    if (state != State.OPEN || !appSendBuffer.isEmpty()) {
      appSendBuffer.add(data);
      ProducerMembrane p = producer;
      if (p != null) {
        p.pauseProducing();
      }
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
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (byte[] piece : data) {
      joined.write(piece, 0, piece.length);
    }
    write(joined.toByteArray());
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
   * Registers the application's producer, through the membrane, with the real transport as a
   * push producer; a pull producer is driven by a cooperative task. After the connection is
   * gone the producer is stopped at once instead.
   *
   * @param producer the producer
   * @param streaming whether it is a push producer
   * @throws IllegalStateException if a producer is already registered (from the transport)
   * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol.registerProducer
   */
  @Override
  public void registerProducer(IProducer producer, boolean streaming) {
    if (state == State.LOST) {
      producer.stopProducing();
      return;
    }
    PullToPush pull = null;
    IPushProducer push;
    if (streaming) {
      push = (IPushProducer) producer;
    } else {
      pull = new PullToPush((IPullProducer) producer, this, tlsFactory.cooperator());
      push = pull;
    }
    ProducerMembrane membrane = new ProducerMembrane(push);
    transport().registerProducer(membrane, true);
    this.producer = membrane;
    this.pullToPush = pull;
    if (pull != null) {
      pull.startStreaming();
    }
  }

  /**
   * Unregisters the producer; if {@code loseConnection()} was called and nothing is buffered,
   * the close proceeds.
   *
   * @twisted twisted.protocols.tls.TLSMemoryBIOProtocol.unregisterProducer
   */
  @Override
  public void unregisterProducer() {
    if (producer == null) {
      return;
    }
    PullToPush pull = pullToPush;
    if (pull != null) {
      pull.stopStreaming();
    }
    producer = null;
    pullToPush = null;
    transport().unregisterProducer();
    if (state == State.OPEN && appSendBuffer.isEmpty()) {
      if (disconnecting()) {
        shutdownTLS();
      } else if (writeClosePending) {
        closeWriting();
      }
    }
  }

  private void cancelTimers() {
    cancelTimer(handshakeTimer);
    handshakeTimer = null;
    cancelTimer(closeTimer);
    closeTimer = null;
  }

  private static void cancelTimer(@Nullable IDelayedCall call) {
    if (call != null && call.active()) {
      call.cancel();
    }
  }
}
