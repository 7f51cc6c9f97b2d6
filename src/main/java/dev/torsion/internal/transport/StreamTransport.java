package dev.torsion.internal.transport;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.ISSLTransport;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.interfaces.ITLSTransport;
import dev.torsion.internet.reactor.IoBackend;
import dev.torsion.protocols.tls.TLSMemoryBIOProtocol;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A TCP connection over any backend's {@link IoBackend.Stream}, for every reactor: the
 * connection itself ({@link StreamConnection}: queue, producers, half-close, one
 * {@code connectionLost}) and {@code startTLS} on it.
 *
 * <p>Before {@link #startTLS}, each operation is the connection's {@code raw*} one. After it,
 * the stream delivers to the TLS layer (which delivers to the application protocol), and the
 * operations TLS changes go to that layer: writes, closes, aborts and producers. The layer
 * itself writes through a {@link TlsBypass} to the {@code raw*} operations, into the same
 * queue, so clear bytes queued before {@code startTLS} leave before the first record.
 */
public final class StreamTransport extends StreamConnection implements ITLSTransport {
  /** Twisted's {@code bufferSize}: a push producer is paused above this many queued bytes. */
  public static final int HIGH_WATER = 64 * 1024;

  private final LoopCore core;
  private boolean tlsClientDefault;
  private @Nullable TLSMemoryBIOProtocol tls;

  /**
   * A transport over a connected stream; {@link #begin} starts it.
   *
   * @param core the reactor
   * @param stream the connected socket
   * @param ipv6 whether the socket is IPv6 (for the address values)
   * @param highWater the queued bytes above which a push producer is paused
   */
  public StreamTransport(LoopCore core, IoBackend.Stream stream, boolean ipv6, long highWater) {
    this(core, stream, Addresses.of(stream.localAddress(), ipv6),
        Addresses.of(stream.remoteAddress(), ipv6), highWater);
  }

  /**
   * A transport whose addresses the caller knows (a UNIX socket's, which the stream does not
   * report); {@link #begin} starts it.
   *
   * @param core the reactor
   * @param stream the connected socket
   * @param host what {@link #getHost()} answers
   * @param peer what {@link #getPeer()} answers
   * @param highWater the queued bytes above which a push producer is paused
   */
  public StreamTransport(LoopCore core, IoBackend.Stream stream, IAddress host, IAddress peer,
      long highWater) {
    super(core, stream, host, peer, highWater);
    this.core = core;
  }

  /**
   * Marks this end as the one that connected: {@link #startTLS(ITLSConnectionCreator)} then
   * makes it the TLS client (Twisted's {@code _tlsClientDefault}). Accepted and adopted
   * connections are servers.
   */
  public void markClient() {
    tlsClientDefault = true;
  }

  @Override
  public boolean disconnecting() {
    TLSMemoryBIOProtocol t = tls;
    return rawDisconnecting() || (t != null && t.disconnecting());
  }

  @Override
  public void write(byte[] data) {
    TLSMemoryBIOProtocol t = tls;
    if (t == null) {
      rawWrite(data);
    } else if (lifecycle() != State.DISCONNECTED) {
      t.write(data);
    }
  }

  @Override
  public void writeSequence(Iterable<byte[]> data) {
    TLSMemoryBIOProtocol t = tls;
    if (t == null) {
      rawWriteSequence(data);
    } else if (lifecycle() != State.DISCONNECTED) {
      @SuppressWarnings("unchecked") // every piece was checked to be a byte[]
      Iterable<byte[]> pieces = (Iterable<byte[]>) StreamWrites.checkedPieces(data);
      t.writeSequence(pieces);
    }
  }

  @Override
  public void loseConnection() {
    TLSMemoryBIOProtocol t = tls;
    if (t == null) {
      rawLoseConnection();
    } else if (!rawDisconnecting()) {
      // close_notify first; the layer closes the socket when the peer answers.
      t.loseConnection();
    }
  }

  @Override
  public void loseWriteConnection() {
    TLSMemoryBIOProtocol t = tls;
    if (t == null) {
      rawLoseWriteConnection();
    } else if (lifecycle() == State.CONNECTED) {
      // close_notify, not a FIN: a FIN alone would read as truncation to the peer.
      t.loseWriteConnection();
    }
  }

  @Override
  public void abortConnection() {
    TLSMemoryBIOProtocol t = tls;
    if (t == null) {
      rawAbortConnection();
    } else if (lifecycle() != State.ABORTING && lifecycle() != State.DISCONNECTED) {
      // Through the layer, so the application sees ConnectionAborted, not a TLS truncation.
      t.abortConnection();
    }
  }

  @Override
  public void stopProducing() {
    loseConnection();
  }

  @Override
  public void registerProducer(IProducer p, boolean streaming) {
    TLSMemoryBIOProtocol t = tls;
    if (t == null) {
      rawRegisterProducer(p, streaming);
    } else {
      t.registerProducer(p, streaming);
    }
  }

  @Override
  public void unregisterProducer() {
    TLSMemoryBIOProtocol t = tls;
    if (t == null) {
      rawUnregisterProducer();
    } else {
      t.unregisterProducer();
    }
  }

  @Override
  public void startTLS(ITLSConnectionCreator creator) {
    startTLS(creator, true);
  }

  @Override
  public void startTLS(ITLSConnectionCreator creator, boolean normal) {
    Objects.requireNonNull(creator, "creator");
    if (tls != null) {
      throw new IllegalStateException(repr() + ": startTLS was already called");
    }
    IProtocol app = protocol();
    if (lifecycle() != State.CONNECTED || app == null) {
      throw new IllegalStateException(repr() + ": cannot start TLS, the connection is "
          + lifecycle().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    TLSMemoryBIOProtocol layer = TlsBypass.layer(creator, normal == tlsClientDefault, app, core);
    // As Twisted: the producer moves to the TLS layer, which registers its membrane here.
    ProducerSlot.Registration moved = producerSlot().take();
    tls = layer;
    deliverTo(layer);
    try {
      TlsBypass.connect(layer, this);
    } catch (RuntimeException | Error e) {
      // The creator refused (it makes no ends of this kind): nothing was sent, stay in clear.
      tls = null;
      deliverTo(app);
      producerSlot().restore(moved);
      throw e;
    }
    if (moved != null) {
      layer.registerProducer(moved.producer(), moved.streaming());
      if (moved.paused()) {
        // The full queue had paused it: the membrane now waits for the queue to drain instead.
        producerSlot().bufferFull();
      }
    }
  }

  @Override
  public @Nullable ISSLTransport sslTransport() {
    return tls;
  }
}
