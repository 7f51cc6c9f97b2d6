package dev.torsion.internet.testing;

import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.interfaces.ITCPTransport;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One end of an in-memory connection: what a protocol writes waits here until an
 * {@link IOPump} carries it to the other end. Built by {@link IOSim}; see {@link IOPump} for how
 * bytes and closes travel.
 *
 * <p><b>Lifecycle.</b> Writes are queued in order. {@link #loseConnection()} sends what is
 * queued, then closes: the peer's protocol hears {@code connectionLost(ConnectionDone)}, and so
 * does this one. {@link #loseWriteConnection()} sends what is queued, then a FIN: this protocol
 * hears {@code writeConnectionLost} if it is an {@link IHalfCloseableProtocol}; the peer hears
 * {@code readConnectionLost} if it is one, and is otherwise disconnected (as a TCP transport
 * does on end-of-file), which closes the whole connection. {@link #abortConnection()} discards
 * the queue: this protocol hears {@code ConnectionAborted}, the peer {@code ConnectionLost}.
 * Each protocol hears {@code connectionLost} exactly once; writes after a close request are
 * dropped, and a registered producer is stopped when the connection is lost.
 *
 * <p><b>Flow control.</b> A streaming producer is paused when more than {@link #bufferSize()}
 * bytes wait in the queue and resumed when the pump empties it; a non-streaming producer is
 * asked for data when registered and each time the pump empties the queue. As a push producer
 * itself, the transport stops reading while paused: the pump delivers it neither bytes nor the
 * peer's close until it is resumed, and the peer's queue grows (and pauses the peer's producer).
 *
 * <p><b>Threading.</b> Not thread-safe: use it from the test's thread.
 *
 * <p><b>Re-entrancy.</b> Every method may be called from the protocol's callbacks; the protocol
 * is only ever called by the pump, never from inside a transport method.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code FakeTransport} never pauses producers,
 * ignores {@code loseWriteConnection}, treats {@code abortConnection} as
 * {@code loseConnection}, and cannot stop reading; this one models all four, so that flow
 * control and half-close (and a TLS wrapper over them) can be tested without sockets. Twisted's
 * fake TLS negotiation ({@code startTLS}) is not here: Torsion's TLS is a protocol wrapper that
 * runs over this transport unchanged.
 *
 * @twisted twisted.test.iosim.FakeTransport
 */
public final class FakeTransport implements ITCPTransport {
  /** Where the connection is, seen from this end. */
  private enum State { OPEN, HALF_CLOSING, HALF_CLOSED, CLOSING, ABORTING, CLOSED, LOST }

  /** What this end has heard from the peer and not yet acted on (or acted on, for EOF). */
  private enum Inbound { NONE, EOF, EOF_DELIVERED, CLOSED, RESET }

  private static final AtomicInteger SERIAL = new AtomicInteger();

  private final IProtocol protocol;
  private final boolean isServer;
  private final IAddress hostAddress;
  private final IAddress peerAddress;
  private final int serial = SERIAL.incrementAndGet();
  private final ArrayDeque<byte[]> out = new ArrayDeque<>();
  /** How much of {@code out.peekFirst()} was delivered already. */
  private int headOffset;
  private long buffered;
  private int bufferSize = 65536;
  private State state = State.OPEN;
  private Inbound inbound = Inbound.NONE;
  private boolean readPaused;
  private boolean tcpNoDelay;
  private boolean tcpKeepAlive;
  private @Nullable IProducer producer;
  private boolean streamingProducer;
  private boolean producerPaused;
  private @Nullable FakeTransport peer;

  /**
   * A transport for {@code protocol} with fresh {@link FakeAddress}es for both ends.
   *
   * @param protocol the protocol the pump delivers to
   * @param isServer true for the accepting end
   */
  public FakeTransport(IProtocol protocol, boolean isServer) {
    this(protocol, isServer, new FakeAddress(), new FakeAddress());
  }

  /**
   * A transport for {@code protocol} with the given addresses.
   *
   * @param protocol the protocol the pump delivers to
   * @param isServer true for the accepting end
   * @param hostAddress what {@link #getHost()} returns
   * @param peerAddress what {@link #getPeer()} returns
   */
  public FakeTransport(IProtocol protocol, boolean isServer, IAddress hostAddress,
      IAddress peerAddress) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.isServer = isServer;
    this.hostAddress = Objects.requireNonNull(hostAddress, "hostAddress");
    this.peerAddress = Objects.requireNonNull(peerAddress, "peerAddress");
  }

  /**
   * The protocol the pump delivers to.
   *
   * @return the protocol
   * @twisted twisted.test.iosim.FakeTransport.protocol
   */
  public IProtocol protocol() {
    return protocol;
  }

  /**
   * Whether this is the accepting end.
   *
   * @return true for the server's end
   * @twisted twisted.test.iosim.FakeTransport.isServer
   */
  public boolean isServer() {
    return isServer;
  }

  @Override
  public void write(byte[] data) {
    Objects.requireNonNull(data, "data");
    if (state != State.OPEN || data.length == 0) {
      return;
    }
    out.add(data);
    buffered += data.length;
    IProducer p = producer;
    if (p != null && streamingProducer && !producerPaused && buffered > bufferSize) {
      producerPaused = true;
      ((IPushProducer) p).pauseProducing();
    }
  }

  @Override
  public void writeSequence(Iterable<byte[]> data) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (byte[] piece : data) {
      joined.write(piece, 0, piece.length);
    }
    write(joined.toByteArray());
  }

  @Override
  public void loseConnection() {
    if (state == State.OPEN || state == State.HALF_CLOSING || state == State.HALF_CLOSED) {
      state = State.CLOSING;
    }
  }

  @Override
  public void loseWriteConnection() {
    if (state == State.OPEN) {
      state = State.HALF_CLOSING;
    }
  }

  /** Discards the queue; the pump then tells both protocols. */
  @Override
  public void abortConnection() {
    if (state != State.CLOSED && state != State.LOST) {
      state = State.ABORTING;
      discardQueue();
    }
  }

  /**
   * Whether a close was asked for ({@code loseConnection}, {@code abortConnection}) or has
   * happened.
   *
   * @return true once disconnecting
   * @twisted twisted.test.iosim.FakeTransport.disconnecting
   */
  public boolean disconnecting() {
    return state == State.CLOSING || state == State.ABORTING || state == State.CLOSED
        || state == State.LOST;
  }

  /**
   * Whether the protocol has heard {@code connectionLost}.
   *
   * @return true once lost
   * @twisted twisted.test.iosim.FakeTransport.disconnected
   */
  public boolean disconnected() {
    return state == State.LOST;
  }

  /**
   * How many written bytes wait for the pump.
   *
   * @return the count
   */
  public long bufferedBytes() {
    return buffered;
  }

  /**
   * The queue length above which a streaming producer is paused.
   *
   * @return bytes; 65536 unless set
   * @twisted twisted.internet.abstract.FileDescriptor.bufferSize
   */
  public int bufferSize() {
    return bufferSize;
  }

  /**
   * Sets the queue length above which a streaming producer is paused.
   *
   * @param bytes zero or more
   */
  public void setBufferSize(int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bufferSize must be >= 0, not " + bytes);
    }
    bufferSize = bytes;
  }

  @Override
  public IAddress getPeer() {
    return peerAddress;
  }

  @Override
  public IAddress getHost() {
    return hostAddress;
  }

  @Override
  public boolean getTcpNoDelay() {
    return tcpNoDelay;
  }

  @Override
  public void setTcpNoDelay(boolean enabled) {
    tcpNoDelay = enabled;
  }

  @Override
  public boolean getTcpKeepAlive() {
    return tcpKeepAlive;
  }

  @Override
  public void setTcpKeepAlive(boolean enabled) {
    tcpKeepAlive = enabled;
  }

  /**
   * Registers the producer; a non-streaming one is asked for data at once, and one registered
   * after the connection was lost is stopped at once.
   *
   * @throws IllegalStateException if a producer is registered already
   */
  @Override
  public void registerProducer(IProducer producer, boolean streaming) {
    Objects.requireNonNull(producer, "producer");
    if (this.producer != null) {
      throw new IllegalStateException("Cannot register producer " + producer
          + ", because producer " + this.producer + " was never unregistered.");
    }
    if (state == State.LOST) {
      producer.stopProducing();
      return;
    }
    this.producer = producer;
    this.streamingProducer = streaming;
    this.producerPaused = false;
    if (!streaming) {
      ((IPullProducer) producer).resumeProducing();
    }
  }

  @Override
  public void unregisterProducer() {
    producer = null;
    producerPaused = false;
  }

  /**
   * The registered producer.
   *
   * @return the producer, or null
   * @twisted twisted.test.iosim.FakeTransport.producer
   */
  public @Nullable IProducer producer() {
    return producer;
  }

  /**
   * Whether the registered producer is streaming.
   *
   * @return the {@code streaming} argument of {@link #registerProducer}
   * @twisted twisted.test.iosim.FakeTransport.streamingProducer
   */
  public boolean streamingProducer() {
    return streamingProducer;
  }

  /** Stops reading: the pump delivers nothing to this end until {@link #resumeProducing()}. */
  @Override
  public void pauseProducing() {
    readPaused = true;
  }

  /** Reads again. */
  @Override
  public void resumeProducing() {
    readPaused = false;
  }

  /** Closes the connection, as {@link #loseConnection()}. */
  @Override
  public void stopProducing() {
    loseConnection();
  }

  /**
   * Whether reading is paused.
   *
   * @return true between {@link #pauseProducing()} and {@link #resumeProducing()}
   */
  public boolean readingPaused() {
    return readPaused;
  }

  void setPeer(FakeTransport other) {
    peer = other;
  }

  /**
   * Delivers this end's queue to {@code to}'s protocol, in pieces of at most {@code chunkSize}
   * bytes (0: as written), stopping early if {@code to} stops reading. Returns whether any byte
   * moved.
   */
  boolean sendTo(FakeTransport to, int chunkSize) {
    boolean moved = false;
    while (!out.isEmpty() && to.canRead()) {
      byte[] head = out.peekFirst();
      int n = head.length - headOffset;
      if (chunkSize > 0) {
        n = Math.min(n, chunkSize);
      }
      byte[] piece = headOffset == 0 && n == head.length
          ? head : Arrays.copyOfRange(head, headOffset, headOffset + n);
      headOffset += n;
      if (headOffset == head.length) {
        out.pollFirst();
        headOffset = 0;
      }
      buffered -= n;
      moved = true;
      to.protocol.dataReceived(piece);
    }
    if (moved && out.isEmpty()) {
      drained();
    }
    return moved;
  }

  private boolean canRead() {
    return !readPaused && state != State.ABORTING && state != State.CLOSED
        && state != State.LOST && inbound != Inbound.RESET;
  }

  /** The queue is empty: Twisted's transports resume a paused producer, and ask a pull one. */
  private void drained() {
    IProducer p = producer;
    if (p == null || state == State.LOST) {
      return;
    }
    if (!streamingProducer) {
      ((IPullProducer) p).resumeProducing();
    } else if (producerPaused) {
      producerPaused = false;
      ((IPushProducer) p).resumeProducing();
    }
  }

  /** Takes one step of the close sequence, if one is due; returns whether it did. */
  boolean step() {
    FakeTransport other = Objects.requireNonNull(peer, "not connected by an IOPump");
    switch (state) {
      case ABORTING:
        other.hear(Inbound.RESET);
        lose(new ConnectionAborted("Connection was aborted locally."));
        return true;
      case HALF_CLOSING:
        if (out.isEmpty()) {
          state = State.HALF_CLOSED;
          other.hear(Inbound.EOF);
          if (protocol instanceof IHalfCloseableProtocol) {
            ((IHalfCloseableProtocol) protocol).writeConnectionLost();
          }
          return true;
        }
        break;
      case CLOSING:
        if (out.isEmpty()) {
          state = State.CLOSED;
          other.hear(Inbound.CLOSED);
          return true;
        }
        break;
      case CLOSED:
        lose(new ConnectionDone("Connection was closed cleanly."));
        return true;
      default:
        break;
    }
    return stepInbound(other);
  }

  private boolean stepInbound(FakeTransport other) {
    if (state == State.LOST) {
      return false;
    }
    if (inbound == Inbound.RESET) {
      lose(new ConnectionLost("Connection to the other side was lost in a non-clean fashion."));
      return true;
    }
    if (readPaused) {
      return false;
    }
    if (inbound == Inbound.EOF) {
      inbound = Inbound.EOF_DELIVERED;
      if (protocol instanceof IHalfCloseableProtocol) {
        ((IHalfCloseableProtocol) protocol).readConnectionLost();
      } else {
        // As a TCP transport does: end-of-file for a protocol that cannot half-close ends it,
        // and the peer then sees the connection closed.
        other.hear(Inbound.CLOSED);
        lose(new ConnectionDone("Connection was closed cleanly."));
      }
      return true;
    }
    if (inbound == Inbound.CLOSED) {
      lose(new ConnectionDone("Connection was closed cleanly."));
      return true;
    }
    return false;
  }

  private void hear(Inbound event) {
    if (state == State.LOST || inbound == Inbound.RESET) {
      return;
    }
    if (event == Inbound.EOF && inbound != Inbound.NONE) {
      return;
    }
    inbound = event;
  }

  private void lose(Exception reason) {
    state = State.LOST;
    discardQueue();
    IProducer p = producer;
    producer = null;
    if (p != null) {
      p.stopProducing();
    }
    protocol.connectionLost(new Failure(reason));
  }

  private void discardQueue() {
    out.clear();
    headOffset = 0;
    buffered = 0;
  }

  @Override
  public String toString() {
    return "FakeTransport<" + (isServer ? "S" : "C") + "," + serial + ","
        + protocol.getClass().getSimpleName() + ">";
  }
}
