package dev.torsion.protocols.loopback;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A transport that holds what is written to it until {@link #clearBuffer()} hands it, in one
 * {@code dataReceived}, to a target protocol: the manual, synchronous building block of old
 * loopback tests. Pair two relays (each one's target is the other's protocol) and call
 * {@code clearBuffer} on both until neither has anything left.
 *
 * <p><b>Lifecycle.</b> {@link #loseConnection()} takes effect at the next {@code clearBuffer}:
 * the target receives what was buffered, then {@code connectionLost(ConnectionDone)} once; after
 * that {@code clearBuffer} does nothing.
 *
 * <p><b>Threading.</b> Not thread-safe: one thread (the test's) uses it.
 *
 * <p><b>Re-entrancy.</b> The target is called only from {@code clearBuffer}; it may write to
 * this relay from {@code dataReceived}: those bytes wait for the next {@code clearBuffer}.
 *
 * <p><b>Differences from Twisted.</b> {@code getHost}/{@code getPeer} return an address object
 * rather than the string {@code "loopback"}. As a push producer, the relay holds its buffer while
 * paused; {@code stopProducing} is {@code loseConnection}. The log gets Python-style bytes
 * literals, so logs of the two read alike.
 *
 * @twisted twisted.protocols.loopback.LoopbackRelay
 */
public final class LoopbackRelay implements ITransport, ILoggingContext {
  private enum State { OPEN, LOSING, LOST }

  private final IProtocol target;
  private final @Nullable Appendable logFile;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private State state = State.OPEN;
  private boolean paused;
  private @Nullable IProducer producer;

  /**
   * A relay to {@code target} that logs nothing.
   *
   * @param target the protocol that receives what is written
   * @twisted twisted.protocols.loopback.LoopbackRelay.__init__
   */
  public LoopbackRelay(IProtocol target) {
    this(target, null);
  }

  /**
   * A relay to {@code target} that logs each write and delivery to {@code logFile}.
   *
   * @param target the protocol that receives what is written
   * @param logFile where to write one line per write and per delivery, or null
   * @twisted twisted.protocols.loopback.LoopbackRelay.__init__
   */
  public LoopbackRelay(IProtocol target, @Nullable Appendable logFile) {
    this.target = Objects.requireNonNull(target, "target");
    this.logFile = logFile;
  }

  /**
   * Buffers {@code data} until the next {@link #clearBuffer()}.
   *
   * @param data the bytes
   * @throws UncheckedIOException if the log cannot be written
   * @twisted twisted.protocols.loopback.LoopbackRelay.write
   */
  @Override
  public void write(byte[] data) {
    buffer.writeBytes(Objects.requireNonNull(data, "data"));
    log("loopback writing ", data);
  }

  /**
   * Buffers the pieces, joined, as one write.
   *
   * @param data the pieces
   * @throws IllegalArgumentException if a piece is null
   * @twisted twisted.protocols.loopback.LoopbackRelay.writeSequence
   */
  @Override
  public void writeSequence(Iterable<byte[]> data) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (byte[] piece : data) {
      if (piece == null) {
        throw new IllegalArgumentException("Data must be bytes");
      }
      joined.writeBytes(piece);
    }
    write(joined.toByteArray());
  }

  /**
   * Asks the registered producer for more, delivers what is buffered to the target, and, if
   * {@link #loseConnection()} was called, tells the target the connection is lost. Does nothing
   * once the connection is lost, and nothing but poll the producer while paused.
   *
   * @twisted twisted.protocols.loopback.LoopbackRelay.clearBuffer
   */
  public void clearBuffer() {
    if (state == State.LOST) {
      return;
    }
    IProducer p = producer;
    if (p instanceof IPullProducer) {
      ((IPullProducer) p).resumeProducing();
    } else if (p instanceof IPushProducer) {
      ((IPushProducer) p).resumeProducing();
    }
    if (paused) {
      return;
    }
    if (buffer.size() > 0) {
      byte[] data = buffer.toByteArray();
      buffer.reset();
      log("loopback receiving ", data);
      target.dataReceived(data);
    }
    if (state == State.LOSING) {
      state = State.LOST;
      target.connectionLost(Protocol.connectionDone());
    }
  }

  /**
   * Closes the connection at the next {@link #clearBuffer()}.
   *
   * @twisted twisted.protocols.loopback.LoopbackRelay.loseConnection
   */
  @Override
  public void loseConnection() {
    if (state == State.OPEN) {
      state = State.LOSING;
    }
  }

  /**
   * The address of this end: carries nothing.
   *
   * @return the loopback address
   * @twisted twisted.protocols.loopback.LoopbackRelay.getHost
   */
  @Override
  public IAddress getHost() {
    return LoopbackAddress.INSTANCE;
  }

  /**
   * The address of the other end: carries nothing.
   *
   * @return the loopback address
   * @twisted twisted.protocols.loopback.LoopbackRelay.getPeer
   */
  @Override
  public IAddress getPeer() {
    return LoopbackAddress.INSTANCE;
  }

  /**
   * Registers a producer, replacing any other; {@link #clearBuffer()} calls its
   * {@code resumeProducing} each time, streaming or not, as Twisted's does.
   *
   * @param producer the producer
   * @param streaming whether it is a push producer (not otherwise used)
   * @twisted twisted.protocols.loopback.LoopbackRelay.registerProducer
   */
  @Override
  public void registerProducer(IProducer producer, boolean streaming) {
    this.producer = Objects.requireNonNull(producer, "producer");
  }

  /**
   * Forgets the producer.
   *
   * @twisted twisted.protocols.loopback.LoopbackRelay.unregisterProducer
   */
  @Override
  public void unregisterProducer() {
    producer = null;
  }

  /**
   * Holds the buffer in later {@link #clearBuffer()} calls.
   *
   * @twisted twisted.internet.interfaces.IPushProducer.pauseProducing
   */
  @Override
  public void pauseProducing() {
    paused = true;
  }

  /**
   * Lets later {@link #clearBuffer()} calls deliver again.
   *
   * @twisted twisted.internet.interfaces.IPushProducer.resumeProducing
   */
  @Override
  public void resumeProducing() {
    paused = false;
  }

  /**
   * The same as {@link #loseConnection()}.
   *
   * @twisted twisted.internet.interfaces.IProducer.stopProducing
   */
  @Override
  public void stopProducing() {
    loseConnection();
  }

  /**
   * Names the target's class, as Twisted's does.
   *
   * @return {@code Loopback('ClassName')}
   * @twisted twisted.protocols.loopback.LoopbackRelay.logPrefix
   */
  @Override
  public String logPrefix() {
    return "Loopback('" + target.getClass().getSimpleName() + "')";
  }

  @Override
  public String toString() {
    return logPrefix();
  }

  private void log(String what, byte[] data) {
    Appendable out = logFile;
    if (out == null) {
      return;
    }
    try {
      out.append(what).append(bytesRepr(data)).append('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Python's repr of a bytes object: double quotes when it holds ' and no ". */
  static String bytesRepr(byte[] data) {
    boolean single = false;
    boolean dbl = false;
    for (byte b : data) {
      single |= b == '\'';
      dbl |= b == '"';
    }
    char quote = single && !dbl ? '"' : '\'';
    StringBuilder s = new StringBuilder(data.length + 3).append('b').append(quote);
    for (byte b : data) {
      int c = b & 0xff;
      if (c == '\\' || c == quote) {
        s.append('\\').append((char) c);
      } else if (c == '\n') {
        s.append("\\n");
      } else if (c == '\r') {
        s.append("\\r");
      } else if (c == '\t') {
        s.append("\\t");
      } else if (c < 0x20 || c >= 0x7f) {
        s.append(String.format("\\x%02x", c));
      } else {
        s.append((char) c);
      }
    }
    return s.append(quote).toString();
  }
}
