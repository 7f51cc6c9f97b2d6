package dev.torsion.protocols.loopback;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.interfaces.ITransport;
import java.io.ByteArrayOutputStream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side's transport in {@link Loopback#loopbackAsync}: writes go to a {@link LoopbackQueue}
 * that the pump empties into the other side's protocol. See {@link Loopback} for the contract.
 */
final class LoopbackTransport implements ITransport {
  private static final Logger LOG = LoggerFactory.getLogger(LoopbackTransport.class);
  /** Queued bytes above which a streaming producer is paused. */
  static final long BUFFER_SIZE = 65536;

  private enum State { OPEN, DISCONNECTING, LOST }

  private final LoopbackQueue out;
  private final Object protocol;
  private final Runnable onResume;
  private State state = State.OPEN;
  private boolean readPaused;
  private @Nullable IProducer producer;
  private boolean streaming;
  private boolean producerPaused;

  /**
   * @param out where this side's writes go
   * @param protocol the protocol this transport belongs to, for toString
   * @param onResume tells the pump this side reads again
   */
  LoopbackTransport(LoopbackQueue out, Object protocol, Runnable onResume) {
    this.out = out;
    this.protocol = protocol;
    this.onResume = onResume;
  }

  @Override
  public void write(byte[] data) {
    Objects.requireNonNull(data, "data");
    if (state == State.LOST) {
      return;
    }
    out.put(data);
    IProducer p = producer;
    if (streaming && !producerPaused && out.bytes() > BUFFER_SIZE && p != null) {
      producerPaused = true;
      ((IPushProducer) p).pauseProducing();
    }
  }

  @Override
  public void writeSequence(Iterable<byte[]> data) {
    Objects.requireNonNull(data, "data");
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (byte[] piece : data) {
      if (piece == null) {
        throw new IllegalArgumentException("Data must be bytes");
      }
      joined.writeBytes(piece);
    }
    write(joined.toByteArray());
  }

  @Override
  public void loseConnection() {
    if (state == State.OPEN) {
      state = State.DISCONNECTING;
      out.setDisconnect();
      out.put(null);
    }
  }

  @Override
  public boolean disconnecting() {
    return state != State.OPEN;
  }

  /** Closes the connection: the same as {@link #loseConnection()}, as in Twisted. */
  void abortConnection() {
    loseConnection();
  }

  @Override
  public IAddress getPeer() {
    return LoopbackAddress.INSTANCE;
  }

  @Override
  public IAddress getHost() {
    return LoopbackAddress.INSTANCE;
  }

  @Override
  public void registerProducer(IProducer producer, boolean streaming) {
    Objects.requireNonNull(producer, "producer");
    if (this.producer != null) {
      throw new IllegalStateException("Cannot register producer " + producer
          + ", because producer " + this.producer + " was never unregistered.");
    }
    if (streaming && !(producer instanceof IPushProducer)) {
      throw new IllegalArgumentException("a streaming producer must be an IPushProducer");
    }
    if (!streaming && !(producer instanceof IPullProducer || producer instanceof IPushProducer)) {
      throw new IllegalArgumentException("a non-streaming producer must have resumeProducing");
    }
    if (state == State.LOST) {
      producer.stopProducing();
      return;
    }
    this.producer = producer;
    this.streaming = streaming;
    this.producerPaused = false;
    pollProducer();
  }

  @Override
  public void unregisterProducer() {
    producer = null;
    producerPaused = false;
  }

  /** This side's writes were all delivered: let its producer produce more. */
  void pollProducer() {
    IProducer p = producer;
    if (p == null) {
      return;
    }
    if (!streaming) {
      resume(p);
    } else if (producerPaused) {
      producerPaused = false;
      resume(p);
    }
  }

  private static void resume(IProducer p) {
    if (p instanceof IPullProducer) {
      ((IPullProducer) p).resumeProducing();
    } else {
      ((IPushProducer) p).resumeProducing();
    }
  }

  @Override
  public void pauseProducing() {
    readPaused = true;
  }

  @Override
  public void resumeProducing() {
    if (readPaused) {
      readPaused = false;
      onResume.run();
    }
  }

  @Override
  public void stopProducing() {
    loseConnection();
  }

  /** Whether the pump must hold this side's incoming bytes. */
  boolean readPaused() {
    return readPaused;
  }

  /** The connection is gone: later writes are dropped and the producer is stopped. */
  void lost() {
    state = State.LOST;
    IProducer p = producer;
    producer = null;
    if (p != null) {
      // Logged, not thrown: a producer failing to stop must not cost either protocol its
      // connectionLost (the pump calls this just before delivering them).
      try {
        p.stopProducing();
      } catch (RuntimeException e) {
        LOG.error("{}: stopProducing failed on {}", this, p, e);
      }
    }
  }

  @Override
  public String toString() {
    return "_LoopbackTransport(" + protocol.getClass().getName() + ")";
  }
}
