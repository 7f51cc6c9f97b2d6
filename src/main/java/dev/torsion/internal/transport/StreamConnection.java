package dev.torsion.internal.transport;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internal.reactor.Selectable;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.ITCPTransport;
import dev.torsion.internet.reactor.IoBackend;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection under a {@link StreamTransport}, as it is before any TLS: the write queue,
 * producers, half-close and the one-time {@code connectionLost}. Its {@code raw*} methods are
 * the transport's operations on the socket itself; {@link StreamTransport} routes the public
 * ones to them, or to its TLS layer once TLS has started.
 *
 * <p>Every transition of {@link State} happens in this class; {@link #finish} is the only way
 * into {@code DISCONNECTED}, and it returns at once if already there, so the protocol's
 * {@code connectionLost} runs exactly once.
 */
abstract class StreamConnection implements ITCPTransport, IoBackend.StreamEvents, Selectable,
    ILoggingContext {
  private static final Logger LOG = LoggerFactory.getLogger(StreamTransport.class);

  /** The connection's lifecycle. Reading is on only in the first three states. */
  enum State {
    /** Open both ways. */
    CONNECTED,
    /** {@code loseWriteConnection}: the queue drains, then a FIN goes out. */
    WRITE_CLOSING,
    /** The FIN went out; still reading. */
    WRITE_CLOSED,
    /** {@code loseConnection}: the queue drains, then the socket closes. */
    DISCONNECTING,
    /** {@code abortConnection}: the socket closes on the next turn, the queue discarded. */
    ABORTING,
    /** Closed, and the protocol told. */
    DISCONNECTED
  }

  private final LoopCore core;
  private final IoBackend.Stream stream;
  private final WriteQueue queue = new WriteQueue();
  private final ProducerSlot producer = new ProducerSlot();
  private final StreamWrites writes;
  private final IAddress host;
  private final IAddress peer;
  private State state = State.CONNECTED;
  private boolean readPaused;
  private boolean readEOF;
  private @Nullable IProtocol protocol;
  private String repr = "<StreamTransport>";
  private String logstr = "Uninitialized";
  private @Nullable Consumer<Failure> afterLost;

  StreamConnection(LoopCore core, IoBackend.Stream stream, IAddress host, IAddress peer,
      long highWater) {
    this.core = core;
    this.stream = stream;
    this.writes = new StreamWrites(stream, queue, producer, highWater);
    this.host = host;
    this.peer = peer;
  }

  /** The lifecycle state. */
  final State lifecycle() {
    return state;
  }

  /** The producer slot of the socket itself, for moving its producer to a TLS layer. */
  final ProducerSlot producerSlot() {
    return producer;
  }

  /** Delivers the stream's events to {@code p} from now on (the TLS layer, after startTLS). */
  final void deliverTo(IProtocol p) {
    protocol = p;
  }

  /** The repr, for error messages. */
  final String repr() {
    return repr;
  }

  /**
   * Sets the texts of {@link #toString()} and {@link #logPrefix()}.
   *
   * @param repr as Twisted's repr, such as {@code <Echo #3 on 8000>}
   * @param logstr as Twisted's logstr
   */
  public void describe(String repr, String logstr) {
    this.repr = repr;
    this.logstr = logstr;
  }

  /**
   * Sets what runs after the protocol's {@code connectionLost}: a connector's notification.
   *
   * @param hook given the reason
   */
  public void afterConnectionLost(Consumer<Failure> hook) {
    this.afterLost = hook;
  }

  /**
   * Starts reading, registers with the reactor and connects the protocol. An exception from
   * {@code connectionMade} is logged and drops the connection.
   *
   * @param p the protocol
   */
  public void begin(IProtocol p) {
    protocol = p;
    try {
      stream.start(this, queue);
    } catch (IOException e) {
      LOG.error("{}: cannot start the connection", logstr, e);
      stream.close(true);
      state = State.DISCONNECTED;
      // The protocol never saw connectionMade, so it hears nothing; a connector must still
      // learn the connection is gone, or it stays "connected" to nothing.
      tellConnector(new Failure(SocketErrors.connectionLost(e)));
      return;
    }
    core.addSelectable(this);
    stream.setReading(true);
    try {
      p.makeConnection(this);
    } catch (RuntimeException | Error e) {
      LOG.error("{}: unhandled error in connectionMade", logstr, e);
      finish(new Failure(new ConnectionLost("connectionMade raised " + e, e)));
    }
  }

  /**
   * The protocol.
   *
   * @return the protocol given to {@link #begin}, or null before
   */
  public @Nullable IProtocol protocol() {
    return protocol;
  }

  /**
   * The bytes written and not yet taken by the socket, for tests and monitoring.
   *
   * @return the count
   */
  public long bufferedBytes() {
    return queue.size();
  }

  /**
   * The lifecycle state, for tests.
   *
   * @return the state's name
   */
  public String state() {
    return state.name();
  }

  boolean rawDisconnecting() {
    return state == State.DISCONNECTING || state == State.ABORTING
        || state == State.DISCONNECTED;
  }

  final boolean writable() {
    return state == State.CONNECTED || state == State.WRITE_CLOSING
        || state == State.DISCONNECTING;
  }

  void rawWrite(byte[] data) {
    if (writable()) {
      writes.write(data);
    }
  }

  void rawWriteSequence(Iterable<byte[]> data) {
    if (writable()) {
      writes.writeSequence(data);
    }
  }

  @Override
  public void writeDrained() {
    if (!queue.isEmpty() || state == State.ABORTING || state == State.DISCONNECTED) {
      return;
    }
    if (producer.isRegistered() && (producer.isPull() || producer.isPaused())) {
      try {
        producer.bufferDrained();
      } catch (RuntimeException | Error e) {
        // As Twisted's doWrite raising: the connection is lost with that error. Letting it
        // escape would reach the backend's dispatch, which cancels the key and leaks the socket.
        LOG.error("{}: unhandled error in resumeProducing", logstr, e);
        finish(new Failure(new ConnectionLost("resumeProducing raised " + e, e)));
      }
      return;
    }
    if (state == State.DISCONNECTING) {
      finish(new Failure(new ConnectionDone("Connection was closed cleanly.")));
    } else if (state == State.WRITE_CLOSING) {
      closeWriteNow();
    }
  }

  private void closeWriteNow() {
    state = State.WRITE_CLOSED;
    try {
      stream.shutdownOutput();
    } catch (IOException e) {
      LOG.debug("{}: shutdownOutput failed", logstr, e);
    }
    if (protocol instanceof IHalfCloseableProtocol h) {
      try {
        h.writeConnectionLost();
      } catch (RuntimeException | Error e) {
        LOG.error("{}: unhandled error in writeConnectionLost", logstr, e);
        finish(new Failure(e));
      }
    }
  }

  @Override
  public void dataReceived(byte[] data) {
    IProtocol p = protocol;
    if (p == null || !readingAllowed()) {
      return;
    }
    try {
      p.dataReceived(data);
    } catch (RuntimeException | Error e) {
      LOG.error("{}: unhandled error in dataReceived", logstr, e);
      finish(new Failure(new ConnectionLost("dataReceived raised " + e, e)));
    }
  }

  @Override
  public void readEOF() {
    if (!readingAllowed()) {
      return;
    }
    if (protocol instanceof IHalfCloseableProtocol h) {
      readEOF = true;
      stream.setReading(false);
      try {
        h.readConnectionLost();
      } catch (RuntimeException | Error e) {
        LOG.error("{}: unhandled error in readConnectionLost", logstr, e);
        finish(new Failure(e));
      }
    } else {
      finish(new Failure(new ConnectionDone("Connection was closed cleanly.")));
    }
  }

  @Override
  public void failed(IOException error) {
    finish(new Failure(SocketErrors.connectionLost(error)));
  }

  @Override
  public void connectCompleted(@Nullable IOException error) {
    // A transport is built on a connected stream; the connector handles connecting.
  }

  private boolean readingAllowed() {
    return (state == State.CONNECTED || state == State.WRITE_CLOSING
        || state == State.WRITE_CLOSED) && !readEOF;
  }

  void rawLoseConnection() {
    if (state != State.CONNECTED && state != State.WRITE_CLOSING
        && state != State.WRITE_CLOSED) {
      return;
    }
    state = State.DISCONNECTING;
    stream.setReading(false);
    if (queue.isEmpty()) {
      stream.notifyWhenDrained();
    }
  }

  void rawLoseWriteConnection() {
    if (state != State.CONNECTED) {
      return;
    }
    state = State.WRITE_CLOSING;
    if (queue.isEmpty()) {
      stream.notifyWhenDrained();
    }
  }

  void rawAbortConnection() {
    if (state == State.ABORTING || state == State.DISCONNECTED) {
      return;
    }
    state = State.ABORTING;
    stream.setReading(false);
    queue.clear();
    // As Twisted: connectionLost comes on the next turn, never from inside this call.
    core.callLater(0, () -> finish(new Failure(new ConnectionAborted("Connection was aborted"))));
  }

  /**
   * Closes the socket and tells the producer, the protocol and the connector, once.
   *
   * @param reason why the connection ended
   */
  void finish(Failure reason) {
    if (state == State.DISCONNECTED) {
      return;
    }
    state = State.DISCONNECTED;
    queue.clear();
    try {
      producer.stop();
    } catch (RuntimeException | Error e) {
      LOG.error("{}: unhandled error in stopProducing", logstr, e);
    }
    stream.close(reason.check(ConnectionAborted.class) != null);
    core.removeSelectable(this);
    IProtocol p = protocol;
    if (p != null) {
      try {
        p.connectionLost(reason);
      } catch (RuntimeException | Error e) {
        LOG.error("{}: unhandled error in connectionLost", logstr, e);
      }
    }
    tellConnector(reason);
  }

  private void tellConnector(Failure reason) {
    Consumer<Failure> hook = afterLost;
    if (hook != null) {
      try {
        hook.accept(reason);
      } catch (RuntimeException | Error e) {
        // Called inside the backend's dispatch: nothing may escape into it.
        LOG.error("{}: unhandled error after connectionLost", logstr, e);
      }
    }
  }

  @Override
  public void disconnectAtShutdown() {
    finish(new Failure(new ConnectionLost("Connection to the other side was lost in a non-clean"
        + " fashion: the reactor shut down.")));
  }

  void rawRegisterProducer(IProducer p, boolean streaming) {
    producer.register(p, streaming, state == State.DISCONNECTED);
  }

  void rawUnregisterProducer() {
    producer.unregister();
    // A close waiting for the producer proceeds now (Twisted's startWriting here).
    if ((state == State.DISCONNECTING || state == State.WRITE_CLOSING) && queue.isEmpty()) {
      stream.notifyWhenDrained();
    }
  }

  @Override
  public void pauseProducing() {
    readPaused = true;
    if (readingAllowed()) {
      stream.setReading(false);
    }
  }

  @Override
  public void resumeProducing() {
    readPaused = false;
    if (readingAllowed()) {
      stream.setReading(true);
    }
  }

  /**
   * Whether reading is paused by {@link #pauseProducing()}, for tests.
   *
   * @return true when paused
   */
  public boolean isReadPaused() {
    return readPaused;
  }

  @Override
  public IAddress getPeer() {
    return peer;
  }

  @Override
  public IAddress getHost() {
    return host;
  }

  @Override
  public boolean getTcpNoDelay() {
    return option(StandardSocketOptions.TCP_NODELAY);
  }

  @Override
  public void setTcpNoDelay(boolean enabled) {
    setOption(StandardSocketOptions.TCP_NODELAY, enabled);
  }

  @Override
  public boolean getTcpKeepAlive() {
    return option(StandardSocketOptions.SO_KEEPALIVE);
  }

  @Override
  public void setTcpKeepAlive(boolean enabled) {
    setOption(StandardSocketOptions.SO_KEEPALIVE, enabled);
  }

  private <T> T option(SocketOption<T> o) {
    try {
      return stream.getOption(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> void setOption(SocketOption<T> o, T value) {
    try {
      stream.setOption(o, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String logPrefix() {
    return logstr;
  }

  @Override
  public String toString() {
    return repr;
  }
}
