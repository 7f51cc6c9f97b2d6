package dev.torsion.internet.testing;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.ITCPTransport;
import java.io.ByteArrayOutputStream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A transport that keeps what is written to it in memory and does nothing else: hand it to a
 * protocol's {@code makeConnection}, feed the protocol bytes with {@code dataReceived}, and read
 * what it wrote with {@link #value()}.
 *
 * <pre>{@code
 * StringTransport transport = new StringTransport();
 * Echo echo = new Echo();
 * echo.makeConnection(transport);
 * echo.dataReceived("hi".getBytes(US_ASCII));
 * assertEquals(transport.value(), "hi".getBytes(US_ASCII));
 * }</pre>
 *
 * <p>It records, rather than acts: {@link #loseConnection()} only sets {@link #disconnecting()}
 * (the protocol's {@code connectionLost} is never called; see
 * {@link StringTransportWithDisconnection} for that), a registered producer is only remembered,
 * and the transport's own producer side only moves {@link #producerState()}.
 *
 * <p><b>Threading.</b> Not thread-safe: use it from the test's thread.
 *
 * <p><b>Errors.</b> Registering a second producer, unregistering when none is registered, and
 * pausing or resuming the transport after {@link #stopProducing()} or (unless lenient) after
 * {@link #loseConnection()} throw {@link IllegalStateException} (Twisted's
 * {@code RuntimeError}), so a test sees the misuse at once.
 *
 * <p><b>Differences from Twisted.</b> The attributes are methods ({@code disconnecting()},
 * {@code producer()}, {@code producerState()}); the producer state is an enum whose
 * {@code toString()} is Twisted's string ({@code "producing"}, {@code "paused"},
 * {@code "stopped"}). Writing a {@code String} cannot compile, where Twisted raises
 * {@code TypeError}. It also implements {@link ITCPTransport}: {@link #loseWriteConnection()}
 * and the socket options are recorded too.
 *
 * @twisted twisted.internet.testing.StringTransport
 */
public class StringTransport implements ITCPTransport {
  /**
   * The transport's state in its role as a push producer.
   *
   * @twisted twisted.internet.testing.StringTransport.producerState
   */
  public enum ProducerState {
    /** Reading; the initial state. */
    PRODUCING("producing"),
    /** Paused by {@code pauseProducing}. */
    PAUSED("paused"),
    /** Stopped for good by {@code stopProducing}. */
    STOPPED("stopped");

    private final String twistedName;

    ProducerState(String twistedName) {
      this.twistedName = twistedName;
    }

    /**
     * Twisted's name for the state.
     *
     * @return {@code "producing"}, {@code "paused"} or {@code "stopped"}
     */
    @Override
    public String toString() {
      return twistedName;
    }
  }

  private final @Nullable IAddress hostAddress;
  private final @Nullable IAddress peerAddress;
  private final boolean lenient;
  private ByteArrayOutputStream io = new ByteArrayOutputStream();
  private boolean disconnecting;
  private boolean disconnected;
  private boolean writeConnectionLost;
  private boolean tcpNoDelay;
  private boolean tcpKeepAlive;
  private @Nullable IProducer producer;
  private boolean streaming;
  private ProducerState producerState = ProducerState.PRODUCING;
  /** Connected until {@link StringTransportWithDisconnection} clears it. */
  protected boolean connected = true;

  /** A transport with the default addresses, strict about resuming after disconnection. */
  public StringTransport() {
    this(null, null, false);
  }

  /**
   * A transport with the given addresses, strict about resuming after disconnection.
   *
   * @param hostAddress what {@link #getHost()} returns, or null for the default
   * @param peerAddress what {@link #getPeer()} returns, or null for the default
   */
  public StringTransport(@Nullable IAddress hostAddress, @Nullable IAddress peerAddress) {
    this(hostAddress, peerAddress, false);
  }

  /**
   * A transport with the given addresses.
   *
   * @param hostAddress what {@link #getHost()} returns, or null for
   *     {@code IPv4Address("TCP", "10.0.0.1", 12345)}
   * @param peerAddress what {@link #getPeer()} returns, or null for
   *     {@code IPv4Address("TCP", "192.168.1.1", 54321)}
   * @param lenient true to allow {@link #resumeProducing()} and {@link #pauseProducing()} after
   *     {@link #loseConnection()}, for a test that does so on purpose
   */
  public StringTransport(@Nullable IAddress hostAddress, @Nullable IAddress peerAddress,
      boolean lenient) {
    this.hostAddress = hostAddress;
    this.peerAddress = peerAddress;
    this.lenient = lenient;
  }

  /**
   * Every byte written since the transport was made or last {@link #clear() cleared}. For
   * tests; not a transport method.
   *
   * @return a copy of the bytes
   * @twisted twisted.internet.testing.StringTransport.value
   */
  public final byte[] value() {
    return io.toByteArray();
  }

  /**
   * Forgets the bytes written so far. For tests; not a transport method.
   *
   * @twisted twisted.internet.testing.StringTransport.clear
   */
  public final void clear() {
    io = new ByteArrayOutputStream();
  }

  @Override
  public void write(byte[] data) {
    io.write(Objects.requireNonNull(data, "data"), 0, data.length);
  }

  @Override
  public void writeSequence(Iterable<byte[]> data) {
    for (byte[] piece : data) {
      write(piece);
    }
  }

  /** Only sets {@link #disconnecting()}; the protocol is not told. */
  @Override
  public void loseConnection() {
    disconnecting = true;
  }

  /** Sets {@link #disconnected()}, then does what {@link #loseConnection()} does. */
  @Override
  public void abortConnection() {
    disconnected = true;
    loseConnection();
  }

  /** Only sets {@link #writeConnectionLost()}. */
  @Override
  public void loseWriteConnection() {
    writeConnectionLost = true;
  }

  /**
   * Whether {@link #loseConnection()} (or {@link #abortConnection()}) was called.
   *
   * @return true once disconnecting
   * @twisted twisted.internet.testing.StringTransport.disconnecting
   */
  public final boolean disconnecting() {
    return disconnecting;
  }

  /**
   * Whether {@link #abortConnection()} was called.
   *
   * @return true once aborted
   * @twisted twisted.internet.testing.StringTransport.disconnected
   */
  public final boolean disconnected() {
    return disconnected;
  }

  /**
   * Whether {@link #loseWriteConnection()} was called.
   *
   * @return true once the write side was closed
   */
  public final boolean writeConnectionLost() {
    return writeConnectionLost;
  }

  /**
   * Whether the transport counts as connected: true until a subclass says otherwise.
   *
   * @return true while connected
   * @twisted twisted.internet.testing.StringTransport.connected
   */
  public final boolean connected() {
    return connected;
  }

  @Override
  public IAddress getPeer() {
    IAddress a = peerAddress;
    return a == null ? new IPv4Address("TCP", "192.168.1.1", 54321) : a;
  }

  @Override
  public IAddress getHost() {
    IAddress a = hostAddress;
    return a == null ? new IPv4Address("TCP", "10.0.0.1", 12345) : a;
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
   * Remembers {@code producer}; nothing pauses or resumes it.
   *
   * @throws IllegalStateException if a producer is registered already
   */
  @Override
  public void registerProducer(IProducer producer, boolean streaming) {
    if (this.producer != null) {
      throw new IllegalStateException("Cannot register two producers");
    }
    this.producer = Objects.requireNonNull(producer, "producer");
    this.streaming = streaming;
  }

  /**
   * Forgets the producer.
   *
   * @throws IllegalStateException if none is registered (stricter than {@code IConsumer} asks,
   *     as Twisted's, to catch unbalanced calls)
   */
  @Override
  public void unregisterProducer() {
    if (producer == null) {
      throw new IllegalStateException("Cannot unregister a producer unless one is registered");
    }
    producer = null;
    streaming = false;
  }

  /**
   * The registered producer.
   *
   * @return the producer, or null if none is registered
   * @twisted twisted.internet.testing.StringTransport.producer
   */
  public final @Nullable IProducer producer() {
    return producer;
  }

  /**
   * Whether the registered producer was registered as streaming; false when none is.
   *
   * @return the {@code streaming} argument of {@link #registerProducer}
   * @twisted twisted.internet.testing.StringTransport.streaming
   */
  public final boolean streaming() {
    return streaming;
  }

  /**
   * The transport's state as a push producer.
   *
   * @return {@code PRODUCING} at first
   * @twisted twisted.internet.testing.StringTransport.producerState
   */
  public final ProducerState producerState() {
    return producerState;
  }

  private void checkState() {
    if (disconnecting && !lenient) {
      throw new IllegalStateException("Cannot resume producing after loseConnection");
    }
    if (producerState == ProducerState.STOPPED) {
      throw new IllegalStateException("Cannot resume a stopped producer");
    }
  }

  /**
   * Moves to {@code PAUSED}.
   *
   * @throws IllegalStateException after {@link #stopProducing()}, or after
   *     {@link #loseConnection()} unless lenient
   */
  @Override
  public void pauseProducing() {
    checkState();
    producerState = ProducerState.PAUSED;
  }

  /**
   * Moves to {@code PRODUCING}.
   *
   * @throws IllegalStateException after {@link #stopProducing()}, or after
   *     {@link #loseConnection()} unless lenient
   */
  @Override
  public void resumeProducing() {
    checkState();
    producerState = ProducerState.PRODUCING;
  }

  /** Moves to {@code STOPPED}. */
  @Override
  public void stopProducing() {
    producerState = ProducerState.STOPPED;
  }

  @Override
  public String toString() {
    return "<" + getClass().getSimpleName() + " object at 0x"
        + Integer.toHexString(System.identityHashCode(this)) + ">";
  }
}
