package dev.torsion.internal.transport;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internal.reactor.Selectable;
import dev.torsion.internet.address.UNIXAddress;
import dev.torsion.internet.error.BadFileError;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.NotConnectingError;
import dev.torsion.internet.error.TimeoutError;
import dev.torsion.internet.error.UserError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.IoBackend;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outgoing UNIX domain stream connection, as Twisted's {@code unix.Connector}: the lifecycle
 * of {@link TcpConnector} (one attempt per {@link #connect()}, a timeout, the factory's
 * notifications, started and stopped once) without name resolution, and with Twisted's
 * optional check that a live server holds the socket's PID lock file.
 */
public final class UnixConnector implements IConnector {
  private static final Logger LOG = LoggerFactory.getLogger(UnixConnector.class);
  /** The first wait before connecting again to a server whose accept queue is full. */
  private static final double FIRST_RETRY = 0.005;
  /** The longest such wait, in seconds. */
  private static final double MAX_RETRY = 0.5;

  private enum State {
    DISCONNECTED, CONNECTING, CONNECTED;

    String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final LoopCore core;
  private final Path path;
  private final ClientFactory factory;
  private final double timeout;
  private final boolean checkPID;
  private State state = State.DISCONNECTED;
  private boolean factoryStarted;
  private @Nullable Attempt attempt;
  private @Nullable StreamTransport transport;

  /**
   * A connector, not yet connecting.
   *
   * @param core the reactor
   * @param path the server's socket file
   * @param factory the client factory
   * @param timeout seconds before an attempt fails with {@link TimeoutError}; 0 or less for none
   * @param checkPID whether to fail with {@link BadFileError} unless a live process holds
   *     {@code path + ".lock"}
   */
  public UnixConnector(LoopCore core, Path path, ClientFactory factory, double timeout,
      boolean checkPID) {
    this.core = core;
    this.path = path;
    this.factory = factory;
    this.timeout = timeout;
    this.checkPID = checkPID;
  }

  @Override
  public void connect() {
    if (state != State.DISCONNECTED) {
      throw new IllegalStateException("can't connect in this state: " + state.text());
    }
    state = State.CONNECTING;
    if (!factoryStarted) {
      factory.doStart();
      factoryStarted = true;
    }
    Attempt a = new Attempt();
    attempt = a;
    if (timeout > 0 && Double.isFinite(timeout)) {
      a.timeoutCall = core.callLater(timeout,
          () -> a.fail(new TimeoutError("Connection was aborted: timed out after " + timeout
              + " seconds")));
    }
    factory.startedConnecting(this);
  }

  @Override
  public void stopConnecting() {
    Attempt a = attempt;
    if (state != State.CONNECTING || a == null) {
      throw new NotConnectingError("we're not trying to connect");
    }
    state = State.DISCONNECTED;
    a.fail(new UserError("User aborted connection."));
  }

  @Override
  public void disconnect() {
    if (state == State.CONNECTING) {
      stopConnecting();
    } else if (state == State.CONNECTED) {
      StreamTransport t = transport;
      if (t != null) {
        t.loseConnection();
      }
    }
  }

  @Override
  public IAddress getDestination() {
    return new UNIXAddress(path.toString());
  }

  private void connectionFailed(Failure reason) {
    attempt = null;
    state = State.DISCONNECTED;
    try {
      factory.clientConnectionFailed(this, reason);
    } catch (RuntimeException | Error e) {
      LOG.error("unhandled error in clientConnectionFailed", e);
    }
    stopFactoryIfIdle();
  }

  private void connectionLost(Failure reason) {
    state = State.DISCONNECTED;
    transport = null;
    try {
      factory.clientConnectionLost(this, reason);
    } catch (RuntimeException | Error e) {
      LOG.error("unhandled error in clientConnectionLost", e);
    }
    stopFactoryIfIdle();
  }

  private void stopFactoryIfIdle() {
    // The factory may have called connect() again from its callback.
    if (state == State.DISCONNECTED && factoryStarted) {
      factoryStarted = false;
      factory.doStop();
    }
  }

  @Override
  public String toString() {
    return "<" + getClass().getName() + " instance at 0x"
        + Integer.toHexString(System.identityHashCode(this)) + " " + state.text() + " "
        + getDestination() + ">";
  }

  /** One try: connect, and either hand over to a transport or fail. */
  private final class Attempt implements IoBackend.StreamEvents, Selectable {
    @Nullable IDelayedCall timeoutCall;
    private IoBackend.@Nullable Stream stream;
    private boolean done;
    private double retryDelay;
    private @Nullable IDelayedCall retryCall;

    Attempt() {
      core.addSelectable(this);
      // As Twisted, the work starts on the next turn, so errors never reach connect()'s caller.
      core.callLater(0, this::start);
    }

    private void start() {
      if (done) {
        return;
      }
      try {
        if (checkPID && !PidLock.isLocked(Path.of(path + ".lock"))) {
          fail(new BadFileError("'" + path + "': no live server holds " + path + ".lock"));
          return;
        }
        stream = core.backend().connectUNIX(UnixDomainSocketAddress.of(path), this);
      } catch (IOException e) {
        if (String.valueOf(e.getMessage()).contains("Resource temporarily unavailable")) {
          // EAGAIN: the server's accept queue is full. Twisted waits and tries again until its
          // timeout; an AF_UNIX connect is never left pending, so retry on a doubling timer.
          retryDelay = retryDelay == 0 ? FIRST_RETRY : Math.min(MAX_RETRY, retryDelay * 2);
          retryCall = core.callLater(retryDelay, this::start);
          return;
        }
        fail(SocketErrors.connectError(e));
      } catch (RuntimeException e) {
        fail(SocketErrors.connectError(e));
      }
    }

    @Override
    public void connectCompleted(@Nullable IOException error) {
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
      // A client socket is unbound: it has no name of its own, as Twisted's getHost says.
      StreamTransport t = new StreamTransport(core, s, new UNIXAddress(null), getDestination(),
          StreamTransport.HIGH_WATER);
      attempt = null;
      state = State.CONNECTED;
      transport = t;
      IProtocol p;
      try {
        p = factory.buildProtocol(t.getPeer());
      } catch (RuntimeException | Error e) {
        LOG.error("unhandled error in buildProtocol", e);
        s.close(true);
        transport = null;
        connectionFailed(new Failure(e));
        return;
      }
      boolean refused = p == null;
      if (p == null) {
        p = new Protocol();
      }
      String prefix = p instanceof ILoggingContext c ? c.logPrefix() : p.getClass().getName();
      t.describe("<StreamTransport to " + t.getPeer() + " at "
          + Integer.toHexString(System.identityHashCode(t)) + ">", prefix + ",client");
      t.afterConnectionLost(UnixConnector.this::connectionLost);
      t.begin(p);
      if (refused) {
        t.loseConnection();
      }
    }

    /** Ends the attempt with {@code err}, once, telling the connector. */
    void fail(RuntimeException err) {
      if (done) {
        return;
      }
      done = true;
      cancelTimeout();
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
      IDelayedCall r = retryCall;
      retryCall = null;
      if (r != null && r.active()) {
        r.cancel();
      }
    }

    @Override
    public void disconnectAtShutdown() {
      fail(new ConnectError("the reactor shut down while connecting"));
    }

    @Override
    public void dataReceived(byte[] data) {}

    @Override
    public void readEOF() {}

    @Override
    public void writeDrained() {}

    @Override
    public void failed(IOException error) {
      fail(SocketErrors.connectError(error));
    }
  }
}
