package dev.torsion.internal.transport;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internal.reactor.Selectable;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.reactor.IoBackend;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accept side shared by {@link StreamPort} (TCP) and {@link UnixPort}, as Twisted's
 * {@code tcp.Port.doRead}: accepts in bounded, self-scaling batches, builds a protocol and a
 * {@link StreamTransport} per connection, survives descriptor exhaustion (the EMFILE reserve,
 * then a backoff timer), and stops listening through one path. A subclass binds the socket
 * ({@link #startListening()} ending in {@link #listening}), makes the transports and names them.
 */
public abstract class BasePort implements IListeningPort, IoBackend.ListenerEvents, Selectable,
    ILoggingContext {
  /** Named after the concrete class, as the loggers were before the two were merged. */
  private final Logger log = LoggerFactory.getLogger(getClass());
  /** The first backoff after an accept failed for lack of resources, in seconds. */
  static final double FIRST_BACKOFF = 0.01;
  /** The longest backoff, in seconds. */
  static final double MAX_BACKOFF = 1.0;

  private enum State { NOT_LISTENING, LISTENING, STOPPING }

  /** The reactor. */
  final LoopCore core;
  /** Builds a protocol per connection. */
  final IProtocolFactory factory;
  private final DescriptorReservation reservation;
  private State state = State.NOT_LISTENING;
  private IoBackend.@Nullable Listener listener;
  private int sessionno;
  private int numberAccepts = 100;
  private double backoff;
  private @Nullable IDelayedCall backoffCall;

  BasePort(LoopCore core, IProtocolFactory factory, DescriptorReservation reservation) {
    this.core = core;
    this.factory = factory;
    this.reservation = reservation;
  }

  /** The transport for an accepted stream; it may throw if the socket already died. */
  abstract StreamTransport newTransport(IoBackend.Stream s);

  /** The address {@code buildProtocol} is given for a connection on {@code t}. */
  abstract IAddress factoryAddress(StreamTransport t);

  /** The transport's {@code toString} and log prefix, for connection number {@code session}. */
  abstract void describe(StreamTransport t, IProtocol p, String prefix, int session);

  /** Releases what the subclass holds besides the listener (a socket file, a lock). */
  abstract void closing();

  /** Whether the port is listening now. */
  final boolean isListening() {
    return state == State.LISTENING;
  }

  /** Whether the port is not listening and not on its way out, so it may start. */
  final boolean mayStart() {
    return state == State.NOT_LISTENING;
  }

  /** The socket is bound: starts the factory and accepting. */
  final void listening(IoBackend.Listener l) {
    factory.doStart();
    listener = l;
    state = State.LISTENING;
    numberAccepts = 100;
    core.addSelectable(this);
    l.setAccepting(true);
  }

  @Override
  public final void acceptReady() {
    IoBackend.Listener l = listener;
    if (state != State.LISTENING || l == null) {
      return;
    }
    try {
      acceptBatch(l);
    } catch (RuntimeException | Error e) {
      // The accept loop must never die, nor spin on a socket that stays readable: log, back
      // off, listen on.
      log.error("{}: unhandled error accepting connections", logPrefix(), e);
      if (state == State.LISTENING && listener == l) {
        backOff(l);
      }
    }
  }

  private void acceptBatch(IoBackend.Listener l) {
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
      t = newTransport(s);
    } catch (RuntimeException e) {
      log.warn("{}: connection closed before it could be served", logPrefix(), e);
      s.close(true);
      return;
    }
    IProtocol p;
    String prefix;
    // Everything up to begin() runs user code (buildProtocol, logPrefix): as Twisted's doRead,
    // an error there is logged and costs this connection only. Escaping, it would reach the
    // backend's dispatch: a leaked socket, at best.
    try {
      p = factory.buildProtocol(factoryAddress(t));
      if (p == null) {
        s.close(false);
        return;
      }
      prefix = p instanceof ILoggingContext c ? c.logPrefix() : p.getClass().getSimpleName();
    } catch (RuntimeException | Error e) {
      log.error("{}: cannot serve a new connection", logPrefix(), e);
      s.close(true);
      return;
    }
    describe(t, p, prefix, sessionno++);
    t.begin(p);
  }

  private void acceptFailed(IoBackend.Listener l, IOException e) {
    if (e instanceof ClosedChannelException) {
      // The socket itself is gone: no accept will ever succeed. Stop the port the normal way,
      // so the factory is stopped and a later stopListening() still answers.
      log.error("{}: the listening socket was closed under the port", logPrefix(), e);
      disconnectAtShutdown();
      return;
    }
    if (!SocketErrors.isResourceExhaustion(e)) {
      // ECONNABORTED and friends: one client's problem, not the port's.
      log.warn("{}: could not accept new connection ({})", logPrefix(), e.getMessage());
      return;
    }
    log.error("{}: could not accept new connection ({})", logPrefix(), e.getMessage());
    if (SocketErrors.isEMFILE(e) && reservation.available()) {
      // Close the oldest waiting connection so its peer hears of it instead of hanging.
      try (DescriptorReservation.Released r = reservation.release()) {
        IoBackend.Stream s = l.accept();
        if (s != null) {
          s.close(false);
        }
      } catch (IOException again) {
        log.debug("{}: accept with the reserved descriptor failed", logPrefix(), again);
      }
    }
    backOff(l);
  }

  /** Stops accepting for a while, instead of spinning on a socket that stays readable. */
  private void backOff(IoBackend.Listener l) {
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
  public final Deferred<Void> stopListening() {
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

  /** Closes the socket; {@code then} runs once the descriptor is released. */
  private void close(Runnable then) {
    IoBackend.Listener l = listener;
    listener = null;
    IDelayedCall b = backoffCall;
    if (b != null && b.active()) {
      b.cancel();
    }
    backoffCall = null;
    core.removeSelectable(this);
    closing();
    if (l == null) {
      state = State.NOT_LISTENING;
      then.run();
      return;
    }
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
  public final void connectionLost() {
    if (state != State.LISTENING) {
      return;
    }
    state = State.STOPPING;
    close(() -> {});
    factory.doStop();
  }

  @Override
  public final void disconnectAtShutdown() {
    // As Twisted's disconnectAll: at once, since no later turn may come to finish a close.
    try {
      connectionLost();
    } catch (RuntimeException | Error e) {
      log.error("{}: unhandled error in stopFactory at shutdown", logPrefix(), e);
    }
  }

  @Override
  public final String logPrefix() {
    return factory instanceof ILoggingContext c ? c.logPrefix() : factory.getClass().getName();
  }
}
