package dev.torsion.protocols.basic;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IConsumer;
import dev.torsion.internet.interfaces.IPullProducer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A pull producer that sends a stream's bytes to a consumer, a chunk each time the consumer
 * asks, optionally transforming each chunk on the way.
 *
 * <pre>{@code
 * new FileSender().beginFileTransfer(in, transport(), null)
 *     .addCallback(lastByte -> { transport().loseConnection(); return null; });
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link #beginFileTransfer} registers the sender with the consumer as a
 * non-streaming producer; each {@link #resumeProducing()} reads up to {@link #chunkSize()}
 * bytes and writes them. The read that finds the end of the stream unregisters the sender and
 * fires the Deferred with the last byte sent. {@link #stopProducing()} before that fails the
 * Deferred. The stream is not closed: it belongs to the caller.
 *
 * <p><b>Threading.</b> Reactor thread only; reads are blocking, so give it streams that answer
 * quickly (files, memory).
 *
 * <p><b>Errors.</b> An {@link IOException} from the stream unregisters the sender and fails the
 * Deferred with it (Twisted lets the read's exception escape {@code resumeProducing}). An
 * exception from the transform propagates out of {@code resumeProducing}.
 *
 * <p><b>Differences from Twisted.</b> {@code CHUNK_SIZE} is {@link #chunkSize()}/
 * {@link #setChunkSize}; the file is an {@link InputStream}; there is no
 * {@code pauseProducing} (a pull producer is never paused). The Deferred's value is a one-byte
 * array, or an empty one for an empty stream.
 *
 * @twisted twisted.protocols.basic.FileSender
 */
public final class FileSender implements IPullProducer {
  private static final byte[] NOTHING = new byte[0];
  private int chunkSize = 1 << 14;
  private @Nullable InputStream file;
  private @Nullable IConsumer consumer;
  private @Nullable UnaryOperator<byte[]> transform;
  private @Nullable Deferred<byte[]> deferred;
  private byte[] lastSent = NOTHING;

  /** A sender; call {@link #beginFileTransfer}. */
  public FileSender() {}

  /**
   * The most bytes read per {@link #resumeProducing()}.
   *
   * @return the chunk size; 16384 unless set
   * @twisted twisted.protocols.basic.FileSender.CHUNK_SIZE
   */
  public int chunkSize() {
    return chunkSize;
  }

  /**
   * Sets the most bytes read per {@link #resumeProducing()}.
   *
   * @param chunkSize a positive byte count
   * @throws IllegalArgumentException if not positive
   * @twisted twisted.protocols.basic.FileSender.CHUNK_SIZE
   */
  public void setChunkSize(int chunkSize) {
    if (chunkSize <= 0) {
      throw new IllegalArgumentException("chunkSize must be > 0: " + chunkSize);
    }
    this.chunkSize = chunkSize;
  }

  /**
   * Starts sending {@code file} to {@code consumer}.
   *
   * @param file the bytes to send; read, never closed
   * @param consumer where to write them; the sender registers with it as a pull producer
   * @param transform applied to each chunk before it is written, or null
   * @return fires with the last byte written (one-byte array; empty if none) once the stream
   *     is sent; fails if the transfer is stopped or the stream fails
   * @twisted twisted.protocols.basic.FileSender.beginFileTransfer
   */
  public Deferred<byte[]> beginFileTransfer(InputStream file, IConsumer consumer,
      @Nullable UnaryOperator<byte[]> transform) {
    this.file = Objects.requireNonNull(file, "file");
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.transform = transform;
    Deferred<byte[]> d = new Deferred<>();
    this.deferred = d;
    consumer.registerProducer(this, false);
    return d;
  }

  /**
   * Starts sending {@code file} to {@code consumer} unchanged.
   *
   * @param file the bytes to send; read, never closed
   * @param consumer where to write them
   * @return as {@link #beginFileTransfer(InputStream, IConsumer, UnaryOperator)}
   * @twisted twisted.protocols.basic.FileSender.beginFileTransfer
   */
  public Deferred<byte[]> beginFileTransfer(InputStream file, IConsumer consumer) {
    return beginFileTransfer(file, consumer, null);
  }

  /**
   * Writes the next chunk; at the end of the stream, unregisters and fires the Deferred.
   *
   * @twisted twisted.protocols.basic.FileSender.resumeProducing
   */
  @Override
  public void resumeProducing() {
    byte[] chunk = NOTHING;
    InputStream in = file;
    if (in != null) {
      try {
        chunk = in.readNBytes(chunkSize);
      } catch (IOException e) {
        finish(e);
        return;
      }
    }
    if (chunk.length == 0) {
      finish(null);
      return;
    }
    UnaryOperator<byte[]> t = transform;
    if (t != null) {
      chunk = t.apply(chunk);
    }
    Objects.requireNonNull(consumer).write(chunk);
    lastSent = chunk.length == 0 ? NOTHING : new byte[] {chunk[chunk.length - 1]};
  }

  private void finish(@Nullable IOException error) {
    file = null;
    IConsumer c = consumer;
    if (c != null) {
      c.unregisterProducer();
    }
    Deferred<byte[]> d = deferred;
    deferred = null;
    if (d != null) {
      if (error == null) {
        d.callback(lastSent);
      } else {
        d.errback(error);
      }
    }
  }

  /**
   * Fails the Deferred with "Consumer asked us to stop producing" if the transfer is not done.
   *
   * @twisted twisted.protocols.basic.FileSender.stopProducing
   */
  @Override
  public void stopProducing() {
    Deferred<byte[]> d = deferred;
    deferred = null;
    if (d != null) {
      d.errback(new IllegalStateException("Consumer asked us to stop producing"));
    }
  }
}
