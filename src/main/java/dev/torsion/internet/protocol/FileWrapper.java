package dev.torsion.internet.protocol;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.ITransport;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transport whose writes go to an {@link OutputStream}: connect a protocol to it to see what
 * the protocol sends, to record a session to a file, or to debug a protocol without a network.
 * Nothing is ever received through it.
 *
 * <p><b>Lifecycle.</b> Open until {@link #loseConnection()}, which closes the stream (once);
 * writes after that are ignored. The connected protocol is not told of the close: call its
 * {@code connectionLost} yourself if it needs to know. A pull producer registered on it is asked
 * for data once, at registration; a push producer is never paused, since a stream write blocks
 * instead.
 *
 * <p><b>Errors.</b> An {@link IOException} from the stream is never thrown to the protocol: it
 * is logged (at WARN, with its stack) and the write is lost.
 *
 * <p><b>Threading.</b> Reactor thread only. The stream's writes block the calling thread:
 * fine for a file or a memory buffer, not for a socket's stream.
 *
 * <p><b>Differences from Twisted.</b> Twisted swallows write errors silently; this logs them.
 * Registering a second producer throws {@link IllegalStateException}, as {@code IConsumer} says.
 * {@code getPeer()} and {@code getHost()} return an address whose {@code toString()} is
 * {@code "file"}, where Twisted returns {@code ("file", "file")} and {@code "file"}.
 *
 * @twisted twisted.internet.protocol.FileWrapper
 */
public final class FileWrapper implements ITransport {
  private static final Logger LOG = LoggerFactory.getLogger(FileWrapper.class);
  private static final IAddress FILE = new IAddress() {
    @Override
    public String toString() {
      return "file";
    }
  };

  /** Whether the stream is still written to. */
  private enum State {
    OPEN, CLOSED
  }

  private final OutputStream file;
  private State state = State.OPEN;
  private @Nullable IProducer producer;
  private boolean streamingProducer;

  /**
   * A transport writing into {@code file}.
   *
   * @param file the stream; closed by {@link #loseConnection()}
   * @twisted twisted.internet.protocol.FileWrapper.__init__
   */
  public FileWrapper(OutputStream file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /**
   * The stream written to.
   *
   * @return the stream
   * @twisted twisted.internet.protocol.FileWrapper.file
   */
  public OutputStream file() {
    return file;
  }

  /**
   * Whether {@link #loseConnection()} has closed the stream.
   *
   * @return true once closed
   * @twisted twisted.internet.protocol.FileWrapper.closed
   */
  public boolean closed() {
    return state == State.CLOSED;
  }

  /**
   * The registered producer.
   *
   * @return the producer, or null
   * @twisted twisted.internet.protocol.FileWrapper.producer
   */
  public @Nullable IProducer producer() {
    return producer;
  }

  /**
   * Whether the registered producer is a push producer.
   *
   * @return true for a push producer
   * @twisted twisted.internet.protocol.FileWrapper.streamingProducer
   */
  public boolean streamingProducer() {
    return streamingProducer;
  }

  @Override
  public void write(byte[] data) {
    if (state != State.OPEN) {
      return;
    }
    try {
      file.write(data);
    } catch (IOException e) {
      handleException(e);
    }
  }

  @Override
  public void writeSequence(Iterable<byte[]> data) {
    if (state != State.OPEN) {
      return;
    }
    try {
      for (byte[] piece : data) {
        file.write(piece);
      }
    } catch (IOException e) {
      handleException(e);
    }
  }

  @Override
  public void loseConnection() {
    if (state != State.OPEN) {
      return;
    }
    state = State.CLOSED;
    try {
      file.close();
    } catch (IOException e) {
      handleException(e);
    }
  }

  /**
   * Unregisters the producer and closes the stream.
   *
   * @twisted twisted.internet.protocol.FileWrapper.stopConsuming
   */
  public void stopConsuming() {
    unregisterProducer();
    loseConnection();
  }

  @Override
  public void registerProducer(IProducer producer, boolean streaming) {
    if (this.producer != null) {
      throw new IllegalStateException(
          "Cannot register producer " + producer + ", because " + this.producer
              + " is already registered.");
    }
    Objects.requireNonNull(producer, "producer");
    if (!streaming && !(producer instanceof IPullProducer)) {
      throw new IllegalArgumentException("a non-streaming producer must be an IPullProducer");
    }
    this.producer = producer;
    this.streamingProducer = streaming;
    if (!streaming) {
      ((IPullProducer) producer).resumeProducing();
    }
  }

  @Override
  public void unregisterProducer() {
    producer = null;
    streamingProducer = false;
  }

  @Override
  public IAddress getPeer() {
    return FILE;
  }

  @Override
  public IAddress getHost() {
    return FILE;
  }

  /** Does nothing: a stream has no reading side to pause. */
  @Override
  public void pauseProducing() {}

  /** Does nothing: a stream has no reading side to resume. */
  @Override
  public void resumeProducing() {}

  /** Closes the stream, as {@link #loseConnection()}. */
  @Override
  public void stopProducing() {
    loseConnection();
  }

  /** Twisted's handleException hook: here, log the error with its stack. */
  private void handleException(IOException e) {
    LOG.warn("error writing to {}", file, e);
  }

  @Override
  public String toString() {
    return "<FileWrapper of " + file + ">";
  }
}
