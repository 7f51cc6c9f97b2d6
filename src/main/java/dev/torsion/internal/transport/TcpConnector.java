package dev.torsion.internal.transport;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internal.reactor.Selectable;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.DNSLookupError;
import dev.torsion.internet.error.NotConnectingError;
import dev.torsion.internet.error.TimeoutError;
import dev.torsion.internet.error.UserError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IHostResolution;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IResolutionReceiver;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.IoBackend;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outgoing TCP connection and its attempts, as Twisted's {@code tcp.Connector}: each
 * {@link #connect()} makes one {@link Attempt} (resolve, connect, time out), and the connected
 * socket becomes a {@link StreamTransport} whose loss is reported back here.
 */
public final class TcpConnector implements IConnector {
  private static final Logger LOG = LoggerFactory.getLogger(TcpConnector.class);

  private enum State {
    DISCONNECTED, CONNECTING, CONNECTED;

    String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final LoopCore core;
  private final String host;
  private final int port;
  private final ClientFactory factory;
  private final double timeout;
  private final @Nullable InetSocketAddress bindAddress;
  private State state = State.DISCONNECTED;
  private boolean factoryStarted;
  private @Nullable Attempt attempt;
  private @Nullable StreamTransport transport;

  /**
   * A connector, not yet connecting.
   *
   * @param core the reactor
   * @param host a literal address or a host name
   * @param port the port
   * @param factory the client factory
   * @param timeout seconds before an attempt fails with {@link TimeoutError}; 0 or less for none
   * @param bindAddress the local address to bind, or null
   */
  public TcpConnector(LoopCore core, String host, int port, ClientFactory factory, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    this.core = core;
    this.host = host;
    this.port = port;
    this.factory = factory;
    this.timeout = timeout;
    this.bindAddress = bindAddress;
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
    if (host.indexOf(':') >= 0) {
      return new IPv6Address("TCP", host, port);
    }
    return new IPv4Address("TCP", host, port);
  }

  /**
   * The connected transport, for tests.
   *
   * @return the transport, or null when not connected
   */
  public @Nullable StreamTransport transport() {
    return transport;
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
      try {
        factory.doStop();
      } catch (RuntimeException | Error e) {
        // Called from the backend's dispatch or a timer: logged there, as Twisted's loop does.
        LOG.error("unhandled error in stopFactory", e);
      }
    }
  }

  @Override
  public String toString() {
    return "<" + getClass().getName() + " instance at 0x"
        + Integer.toHexString(System.identityHashCode(this)) + " " + state.text() + " "
        + getDestination() + ">";
  }

  /** One try: resolve, connect, and either hand over to a transport or fail. */
  private final class Attempt implements IoBackend.StreamEvents, Selectable,
      IResolutionReceiver {
    @Nullable IDelayedCall timeoutCall;
    private IoBackend.@Nullable Stream stream;
    private @Nullable IHostResolution resolution;
    private @Nullable InetAddress resolved;
    private boolean done;

    Attempt() {
      core.addSelectable(this);
      // As Twisted, the work starts on the next turn, so errors never reach connect()'s caller.
      core.callLater(0, this::start);
    }

    private void start() {
      if (done) {
        return;
      }
      InetAddress literal = Addresses.literal(host);
      if (literal != null) {
        connectTo(literal);
        return;
      }
      resolution = core.nameResolver().resolveHostName(this, host, port);
    }

    @Override
    public void resolutionBegan(IHostResolution resolutionInProgress) {
      resolution = resolutionInProgress;
    }

    @Override
    public void addressResolved(IAddress address) {
      if (resolved != null) {
        return;
      }
      String h = address instanceof IPv4Address v4 ? v4.host()
          : address instanceof IPv6Address v6 ? v6.host() : null;
      resolved = h == null ? null : Addresses.literal(h);
    }

    @Override
    public void resolutionComplete() {
      InetAddress a = resolved;
      if (done) {
        return;
      }
      if (a == null) {
        fail(new DNSLookupError("address '" + host + "' not found"));
      } else {
        connectTo(a);
      }
    }

    private void connectTo(InetAddress address) {
      try {
        stream = core.backend().connect(new InetSocketAddress(address, port), bindAddress, this);
      } catch (IOException | RuntimeException e) {
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
      StreamTransport t;
      try {
        t = new StreamTransport(core, s, Addresses.isIPv6(s.remoteAddress()),
            StreamTransport.HIGH_WATER);
      } catch (RuntimeException e) {
        s.close(true);
        attempt = null;
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
        LOG.error("unhandled error in buildProtocol", e);
        s.close(true);
        transport = null;
        connectionFailed(new Failure(e));
        return;
      }
      t.describe("<StreamTransport to " + t.getPeer() + " at "
          + Integer.toHexString(System.identityHashCode(t)) + ">", prefix + ",client");
      t.afterConnectionLost(TcpConnector.this::connectionLost);
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
      IHostResolution r = resolution;
      if (r != null) {
        r.cancel();
      }
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
