package dev.torsion.internal.transport;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internal.reactor.Selectable;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.error.AlreadyListened;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.reactor.IoBackend;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening TCP port over any backend's {@link IoBackend.Listener}: accepts in bounded,
 * self-scaling batches, builds a protocol and a {@link StreamTransport} per connection, and
 * survives descriptor exhaustion by backing off on a timer.
 */
public final class StreamPort implements IListeningPort, IoBackend.ListenerEvents, Selectable,
    ILoggingContext {
  private static final Logger LOG = LoggerFactory.getLogger(StreamPort.class);
  /** The first backoff after an accept failed for lack of resources, in seconds. */
  static final double FIRST_BACKOFF = 0.01;
  /** The longest backoff, in seconds. */
  static final double MAX_BACKOFF = 1.0;

  private enum State { NOT_LISTENING, LISTENING, STOPPING }

  private final LoopCore core;
  private final IoBackend backend;
  private final IProtocolFactory factory;
  private final int requestedPort;
  private final int backlog;
  private final String iface;
  private final DescriptorReservation reservation;
  private @Nullable ServerSocketChannel adopted;
  private State state = State.NOT_LISTENING;
  private IoBackend.@Nullable Listener listener;
  private @Nullable IAddress host;
  private int realPortNumber;
  private boolean ipv6;
  private int sessionno;
  private int numberAccepts = 100;
  private double backoff;
  private @Nullable IDelayedCall backoffCall;

  /**
   * A port, not yet listening.
   *
   * @param core the reactor
   * @param factory builds a protocol per connection
   * @param port the port number, 0 for any
   * @param backlog the accept queue length
   * @param iface {@code ""} or a literal address
   * @param reservation the descriptor held for EMFILE recovery
   */
  public StreamPort(LoopCore core, IProtocolFactory factory, int port, int backlog,
      String iface, DescriptorReservation reservation) {
    this.core = core;
    this.backend = core.backend();
    this.factory = factory;
    this.requestedPort = port;
    this.backlog = backlog;
    this.iface = iface;
    this.reservation = reservation;
  }

  /**
   * A port over an adopted listening socket, not yet listening.
   *
   * @param core the reactor
   * @param factory builds a protocol per connection
   * @param channel the bound, listening socket
   * @param reservation the descriptor held for EMFILE recovery
   * @return the port
   */
  public static StreamPort adopting(LoopCore core, IProtocolFactory factory,
      ServerSocketChannel channel, DescriptorReservation reservation) {
    StreamPort p = new StreamPort(core, factory, 0, 0, "", reservation);
    p.adopted = channel;
    return p;
  }

  @Override
  public void startListening() {
    if (state != State.NOT_LISTENING) {
      throw new AlreadyListened(this + " is listening already");
    }
    IoBackend.Listener l;
    try {
      ServerSocketChannel ch = adopted;
      if (ch != null) {
        adopted = null;
        l = backend.adoptListener(ch, this);
      } else {
        l = backend.listen(Addresses.bindAddress(iface, requestedPort), backlog, this);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new CannotListenError(iface + ":" + requestedPort + ": " + e.getMessage(), e);
    }
    InetSocketAddress local = l.localAddress();
    ipv6 = Addresses.isIPv6(local);
    host = Addresses.of(local, ipv6);
    realPortNumber = local.getPort();
    listener = l;
    LOG.info("{} starting on {}", logPrefix(), realPortNumber);
    factory.doStart();
    state = State.LISTENING;
    numberAccepts = 100;
    core.addSelectable(this);
    l.setAccepting(true);
  }

  @Override
  public void acceptReady() {
    IoBackend.Listener l = listener;
    if (state != State.LISTENING || l == null) {
      return;
    }
    int accepted = 0;
    while (accepted < numberAccepts && state == State.LISTENING) {
      IoBackend.Stream s;
      try {
        s = l.accept();
      } catch (IOException e) {
        acceptFailed(l, e);
        return;
      }
      if (s == null) {
        break;
      }
      accepted++;
      backoff = 0;
      serve(s);
    }
    if (accepted > 0 && !reservation.available()) {
      // Descriptors are back (a connection got one): take the EMFILE reserve again.
      reservation.reserve();
    }
    // Twisted's scaling: a full batch grows the next one, a short one shrinks it.
    numberAccepts = accepted == numberAccepts ? numberAccepts + 20 : Math.max(1, accepted);
  }

  private void serve(IoBackend.Stream s) {
    StreamTransport t;
    try {
      t = new StreamTransport(core, s, ipv6, StreamTransport.HIGH_WATER);
    } catch (RuntimeException e) {
      LOG.warn("{}: connection closed before it could be served", logPrefix(), e);
      s.close(true);
      return;
    }
    IProtocol p;
    String prefix;
    // Everything up to begin() runs user code (buildProtocol, logPrefix): as Twisted's doRead,
    // an error there is logged and costs this connection only. Escaping, it would reach the
    // backend's dispatch, which cancels the port's key: a deaf port and a leaked socket.
    try {
      p = factory.buildProtocol(t.getPeer());
      if (p == null) {
        s.close(false);
        return;
      }
      prefix = p instanceof ILoggingContext c ? c.logPrefix() : p.getClass().getSimpleName();
    } catch (RuntimeException | Error e) {
      LOG.error("{}: cannot serve a new connection", logPrefix(), e);
      s.close(true);
      return;
    }
    int session = sessionno++;
    String name = p.getClass().getSimpleName();
    String peerHost = t.getPeer() instanceof IPv4Address v4 ? v4.host()
        : ((IPv6Address) t.getPeer()).host();
    t.describe("<" + name + " #" + session + " on " + realPortNumber + ">",
        prefix + "," + session + "," + peerHost);
    t.begin(p);
  }

  private void acceptFailed(IoBackend.Listener l, IOException e) {
    if (!SocketErrors.isResourceExhaustion(e)) {
      // ECONNABORTED and friends: one client's problem, not the port's.
      LOG.warn("{}: could not accept new connection ({})", logPrefix(), e.getMessage());
      return;
    }
    LOG.error("{}: could not accept new connection ({})", logPrefix(), e.getMessage());
    if (SocketErrors.isEMFILE(e) && reservation.available()) {
      // Close the oldest waiting connection so its peer hears of it instead of hanging.
      try (DescriptorReservation.Released r = reservation.release()) {
        IoBackend.Stream s = l.accept();
        if (s != null) {
          s.close(false);
        }
      } catch (IOException again) {
        LOG.debug("{}: accept with the reserved descriptor failed", logPrefix(), again);
      }
    }
    // Back off instead of spinning on a socket that stays readable.
    backoff = backoff == 0 ? FIRST_BACKOFF : Math.min(MAX_BACKOFF, backoff * 2);
    l.setAccepting(false);
    backoffCall = core.callLater(backoff, () -> {
      backoffCall = null;
      if (state == State.LISTENING && listener == l) {
        l.setAccepting(true);
      }
    });
  }

  @Override
  public Deferred<Void> stopListening() {
    if (state != State.LISTENING) {
      return Defer.succeed(null);
    }
    state = State.STOPPING;
    Deferred<Void> d = new Deferred<>();
    close(() -> {
      try {
        factory.doStop();
      } catch (RuntimeException | Error e) {
        d.errback(new Failure(e));
        return;
      }
      d.callback(null);
    });
    return d;
  }

  /**
   * Closes the socket; {@code then} runs once the descriptor is released.
   *
   * @param then the continuation
   */
  private void close(Runnable then) {
    IoBackend.Listener l = listener;
    listener = null;
    IDelayedCall b = backoffCall;
    if (b != null && b.active()) {
      b.cancel();
    }
    backoffCall = null;
    core.removeSelectable(this);
    LOG.info("(TCP Port {} Closed)", realPortNumber);
    realPortNumber = 0;
    l.setAccepting(false);
    l.close(() -> {
      state = State.NOT_LISTENING;
      then.run();
    });
  }

  /**
   * Stops listening at once, as Twisted's {@code Port.connectionLost}: the factory is stopped
   * now and an exception from its {@code stopFactory} is thrown to the caller.
   */
  public void connectionLost() {
    if (state != State.LISTENING) {
      return;
    }
    state = State.STOPPING;
    close(() -> {});
    factory.doStop();
  }

  @Override
  public void disconnectAtShutdown() {
    // As Twisted's disconnectAll: at once, since no later turn may come to finish a close.
    try {
      connectionLost();
    } catch (RuntimeException | Error e) {
      LOG.error("{}: unhandled error in stopFactory at shutdown", logPrefix(), e);
    }
  }

  @Override
  public IAddress getHost() {
    IAddress h = host;
    if (h == null) {
      throw new IllegalStateException(this + " has never listened");
    }
    return h;
  }

  @Override
  public String logPrefix() {
    return factory instanceof ILoggingContext c ? c.logPrefix() : factory.getClass().getName();
  }

  @Override
  public String toString() {
    String f = factory.getClass().getSimpleName();
    return state == State.LISTENING ? "<" + f + " on " + realPortNumber + ">"
        : "<" + f + " (not listening)>";
  }
}
