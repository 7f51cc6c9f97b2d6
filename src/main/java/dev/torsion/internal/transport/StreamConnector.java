package dev.torsion.internal.transport;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internal.reactor.Selectable;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.NotConnectingError;
import dev.torsion.internet.error.TimeoutError;
import dev.torsion.internet.error.UserError;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.IoBackend;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector state machine shared by {@link TcpConnector} and {@link UnixConnector}, as
 * Twisted's {@code base.BaseConnector}: each {@link #connect()} makes one {@link Attempt} (a
 * timeout, the work on the next turn, the hand-over to a {@link StreamTransport}); the factory
 * is started once, told {@code startedConnecting}, {@code clientConnectionFailed} or
 * {@code clientConnectionLost}, and stopped when nothing is left to do. A subclass supplies
 * how an attempt reaches a backend stream ({@link Attempt#start()}) and the transport it
 * becomes ({@link #newTransport}).
 */
public abstract class StreamConnector implements IConnector {
  /** Named after the concrete class, as the loggers were before the two were merged. */
  private final Logger log = LoggerFactory.getLogger(getClass());

  private enum State {
    DISCONNECTED, CONNECTING, CONNECTED;

    String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The reactor. */
  final LoopCore core;
  private final ClientFactory factory;
  private final double timeout;
  private State state = State.DISCONNECTED;
  private boolean factoryStarted;
  private @Nullable Attempt attempt;
  private @Nullable StreamTransport transport;

  StreamConnector(LoopCore core, ClientFactory factory, double timeout) {
    this.core = core;
    this.factory = factory;
    this.timeout = timeout;
  }

  /** A new attempt; it starts on the next turn. */
  abstract Attempt newAttempt();

  /**
   * The transport over a stream that just connected; it may throw if the socket already died.
   */
  abstract StreamTransport newTransport(IoBackend.Stream s);

  @Override
  public final void connect() {
    if (state != State.DISCONNECTED) {
      throw new IllegalStateException("can't connect in this state: " + state.text());
    }
    state = State.CONNECTING;
    if (!factoryStarted) {
      factory.doStart();
      factoryStarted = true;
    }
    Attempt a = newAttempt();
    attempt = a;
    if (timeout > 0 && Double.isFinite(timeout)) {
      a.timeoutCall = core.callLater(timeout,
          () -> a.fail(new TimeoutError("Connection was aborted: timed out after " + timeout
              + " seconds")));
    }
    factory.startedConnecting(this);
  }

  @Override
  public final void stopConnecting() {
    Attempt a = attempt;
    if (state != State.CONNECTING || a == null) {
      throw new NotConnectingError("we're not trying to connect");
    }
    state = State.DISCONNECTED;
    a.fail(new UserError("User aborted connection."));
  }

  @Override
  public final void disconnect() {
    if (state == State.CONNECTING) {
      stopConnecting();
    } else if (state == State.CONNECTED) {
      StreamTransport t = transport;
      if (t != null) {
        t.loseConnection();
      }
    }
  }

  /**
   * The connected transport, for tests.
   *
   * @return the transport, or null when not connected
   */
  public final @Nullable StreamTransport transport() {
    return transport;
  }

  private void connectionFailed(Failure reason) {
    attempt = null;
    state = State.DISCONNECTED;
    try {
      factory.clientConnectionFailed(this, reason);
    } catch (RuntimeException | Error e) {
      log.error("unhandled error in clientConnectionFailed", e);
    }
    stopFactoryIfIdle();
  }

  private void connectionLost(Failure reason) {
    state = State.DISCONNECTED;
    transport = null;
    try {
      factory.clientConnectionLost(this, reason);
    } catch (RuntimeException | Error e) {
      log.error("unhandled error in clientConnectionLost", e);
    }
    stopFactoryIfIdle();
  }

  private void stopFactoryIfIdle() {
    // The factory may have called connect() again from its callback.
    if (state == State.DISCONNECTED && factoryStarted) {
      factoryStarted = false;
      try {
        factory.doStop();
      } catch (RuntimeException | Error e) {
        // Called from the backend's dispatch or a timer: logged there, as Twisted's loop does.
        log.error("unhandled error in stopFactory", e);
      }
    }
  }

  /** Hands a connected stream to a new transport and the factory's protocol. */
  private void connected(IoBackend.Stream s) {
    StreamTransport t;
    try {
      t = newTransport(s);
    } catch (RuntimeException e) {
      s.close(true);
      connectionFailed(new Failure(new ConnectError("connection lost at once", e)));
      return;
    }
    attempt = null;
    state = State.CONNECTED;
    transport = t;
    IProtocol p;
    boolean refused;
    String prefix;
    // buildProtocol and logPrefix are user code: an error from either fails the attempt.
    // Escaping, it would reach the backend's dispatch and strand the connector CONNECTED.
    try {
      p = factory.buildProtocol(t.getPeer());
      refused = p == null;
      if (p == null) {
        p = new Protocol();
      }
      prefix = p instanceof ILoggingContext c ? c.logPrefix() : p.getClass().getName();
    } catch (RuntimeException | Error e) {
      log.error("unhandled error in buildProtocol", e);
      s.close(true);
      transport = null;
      connectionFailed(new Failure(e));
      return;
    }
    t.describe("<StreamTransport to " + t.getPeer() + " at "
        + Integer.toHexString(System.identityHashCode(t)) + ">", prefix + ",client");
    t.afterConnectionLost(this::connectionLost);
    t.markClient();
    t.begin(p);
    if (refused) {
      t.loseConnection();
    }
  }

  @Override
  public String toString() {
    return "<" + getClass().getName() + " instance at 0x"
        + Integer.toHexString(System.identityHashCode(this)) + " " + state.text() + " "
        + getDestination() + ">";
  }

  /**
   * One try: {@link #start()} reaches a backend stream (or fails), the backend reports the
   * connect, and the stream is handed over or the attempt fails, once.
   */
  abstract class Attempt implements IoBackend.StreamEvents, Selectable {
    @Nullable IDelayedCall timeoutCall;
    private IoBackend.@Nullable Stream stream;
    private boolean done;

    Attempt() {
      core.addSelectable(this);
      // As Twisted, the work starts on the next turn, so errors never reach connect()'s caller.
      core.callLater(0, this::startIfLive);
    }

    /** Starts (or starts again) unless the attempt is over. */
    final void startIfLive() {
      if (!done) {
        start();
      }
    }

    /** Resolves, connects: ends in {@link #connecting} or {@link #fail}. */
    abstract void start();

    /** Cancels work in flight before the connect (a name lookup, a retry timer). */
    void cancelPending() {}

    /** The backend accepted the connect; {@link #connectCompleted} reports how it ended. */
    final void connecting(IoBackend.Stream s) {
      stream = s;
    }

    final boolean done() {
      return done;
    }

    @Override
    public final void connectCompleted(@Nullable IOException error) {
      IoBackend.Stream s = stream;
      if (done || s == null) {
        return;
      }
      if (error != null) {
        fail(SocketErrors.connectError(error));
        return;
      }
      done = true;
      cancelTimeout();
      core.removeSelectable(this);
      attempt = null;
      connected(s);
    }

    /** Ends the attempt with {@code err}, once, telling the connector. */
    final void fail(RuntimeException err) {
      if (done) {
        return;
      }
      done = true;
      cancelTimeout();
      cancelPending();
      IoBackend.Stream s = stream;
      if (s != null) {
        s.close(false);
      }
      core.removeSelectable(this);
      connectionFailed(new Failure(err));
    }

    private void cancelTimeout() {
      IDelayedCall t = timeoutCall;
      timeoutCall = null;
      if (t != null && t.active()) {
        t.cancel();
      }
    }

    @Override
    public final void disconnectAtShutdown() {
      fail(new ConnectError("the reactor shut down while connecting"));
    }

    @Override
    public final void dataReceived(byte[] data) {}

    @Override
    public final void readEOF() {}

    @Override
    public final void writeDrained() {}

    @Override
    public final void failed(IOException error) {
      fail(SocketErrors.connectError(error));
    }
  }
}
