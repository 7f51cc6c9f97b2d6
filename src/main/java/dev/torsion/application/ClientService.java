package dev.torsion.application;

import dev.torsion.internet.defer.CancelledError;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service that keeps one outgoing connection to a client endpoint: it connects when started,
 * and after a failed attempt or a lost connection waits as its retry policy says and connects
 * again, until it is stopped.
 *
 * <pre>{@code
 * ClientService client = new ClientService(
 *     Endpoints.clientFromString(reactor, "tcp:db.example:5432"), factory);
 * client.setServiceParent(application.service());
 * client.whenConnected(3).addCallback(protocol -> ((MyProtocol) protocol).query("..."));
 * }</pre>
 *
 * <p><b>Lifecycle.</b> One state machine, Twisted's: stopped at first; {@code startService}
 * starts an attempt (connecting); a failed attempt waits for a retry (waiting), a made one is
 * connected; a lost connection waits for a retry. {@code stopService} cancels the attempt in
 * progress or the retry timer, closes the connection, and returns a Deferred that fires once
 * it is gone (disconnecting, then stopped). Started again while disconnecting, the service
 * connects anew as soon as the old connection is gone. The attempt count given to the retry
 * policy starts at 1 after the first failure and goes back to 0 when a connection is made.
 *
 * <p><b>Errors.</b> A failed attempt is never raised: it is handed to the
 * {@link #whenConnected(int)} Deferreds that asked to hear of it, then retried. A
 * {@code prepareConnection} callback that throws or whose Deferred fails rejects the connection:
 * it counts as a failed attempt, and the rejected connection is closed.
 *
 * <p><b>Threading.</b> Reactor thread only; time comes only from the clock given (the reactor's
 * {@link IReactorTime}), so tests drive it with a {@code task.Clock}.
 *
 * <p><b>Differences from Twisted.</b> {@code prepareConnection} and {@link #whenConnected}
 * receive the protocol the user's factory built (Twisted passes {@code prepareConnection} an
 * attribute-forwarding proxy of it). A connection lost before {@code prepareConnection} has
 * finished counts as a failed attempt, a rejected connection is closed, and events from an
 * attempt the service has given up on are ignored (Twisted's state machine raises
 * {@code NoTransition} on some of these races). A null clock means the global reactor, looked
 * up when the first retry is scheduled rather than at construction. The connection the machine
 * reaches the transport through is the wrapper's, so the user's protocol need not expose one.
 *
 * @twisted twisted.application.internet.ClientService
 */
public final class ClientService extends Service {
  private static final Logger LOG = LoggerFactory.getLogger(ClientService.class);

  /**
   * What to do with each new connection before it is handed out: authenticate, check health.
   *
   * @twisted twisted.application.internet.ClientService.__init__
   */
  @FunctionalInterface
  public interface PrepareConnection {
    /**
     * Prepares a new connection.
     *
     * @param protocol the protocol the factory built, already connected
     * @return null when the connection is ready, or a Deferred that fires (with anything: the
     *     value is ignored) when it is, or fails to reject it
     * @throws Throwable to reject the connection
     */
    @Nullable Deferred<?> prepare(IProtocol protocol) throws Throwable;
  }

  /** Twisted's {@code _ClientMachine} states. */
  enum State { INIT, CONNECTING, WAITING, CONNECTED, DISCONNECTING, RESTARTING, STOPPED }

  /** A {@link #whenConnected} caller: its Deferred and the failures it still tolerates. */
  private static final class Waiter {
    final Deferred<IProtocol> deferred;
    /** Failures left before this waiter fails; 0 for never. */
    int remaining;

    Waiter(Deferred<IProtocol> deferred, int remaining) {
      this.deferred = deferred;
      this.remaining = remaining;
    }
  }

  private final IStreamClientEndpoint endpoint;
  private final IProtocolFactory factory;
  private final IntToDoubleFunction retryPolicy;
  private @Nullable IReactorTime clock;
  private final @Nullable PrepareConnection prepareConnection;

  private State state = State.INIT;
  private int failedAttempts;
  /** The factory of the attempt in progress, or of the current connection; events from any
   *  other are stale. */
  private @Nullable DisconnectFactory attempt;
  private Deferred<?> connectionInProgress = Defer.succeed(null);
  private @Nullable IDelayedCall retryCall;
  private @Nullable ReconnectingProtocolProxy connection;
  /** The user's protocol of the current connection, handed to {@link #whenConnected}. */
  private @Nullable IProtocol connectedProtocol;
  private List<Waiter> awaitingConnected = new ArrayList<>();
  private List<Deferred<@Nullable Void>> stopWaiters = new ArrayList<>();

  /**
   * Creates a stopped service with Twisted's default retry policy
   * ({@link Internet#backoffPolicy()}), the global reactor's clock and no preparation.
   *
   * @param endpoint where to connect
   * @param factory builds the protocol of each connection
   * @twisted twisted.application.internet.ClientService.__init__
   */
  public ClientService(IStreamClientEndpoint endpoint, IProtocolFactory factory) {
    this(endpoint, factory, null, null, null);
  }

  /**
   * Creates a stopped service.
   *
   * @param endpoint where to connect
   * @param factory builds the protocol of each connection
   * @param retryPolicy from the number of failed attempts in a row (1 or more) to the seconds
   *     to wait before the next one; null for {@link Internet#backoffPolicy()}
   * @param clock schedules the retries; null for the global reactor
   * @param prepareConnection called with each new connection before it is handed out; null
   *     for none
   * @twisted twisted.application.internet.ClientService.__init__
   */
  public ClientService(IStreamClientEndpoint endpoint, IProtocolFactory factory,
      @Nullable IntToDoubleFunction retryPolicy, @Nullable IReactorTime clock,
      @Nullable PrepareConnection prepareConnection) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.retryPolicy = retryPolicy == null ? Internet.backoffPolicy() : retryPolicy;
    this.clock = clock;
    this.prepareConnection = prepareConnection;
  }

  /**
   * The connected protocol, or the next one to connect.
   *
   * @return fires with the protocol the factory built; fails with {@link CancelledError} when
   *     the service is stopped (at once if it is stopped now)
   * @twisted twisted.application.internet.ClientService.whenConnected
   */
  public Deferred<IProtocol> whenConnected() {
    return awaitConnection(0);
  }

  /**
   * The connected protocol, or the next one to connect, giving up after some failures.
   *
   * @param failAfterFailures how many failed attempts in a row, counted from now, make the
   *     Deferred fail with the last one's error: 1 for the very next failure
   * @return fires with the protocol the factory built; fails with the attempt's error (such as
   *     {@code ConnectionRefusedError}) after {@code failAfterFailures} failures, or with
   *     {@link CancelledError} when the service is stopped
   * @throws IllegalArgumentException if {@code failAfterFailures} is less than 1
   * @twisted twisted.application.internet.ClientService.whenConnected
   */
  public Deferred<IProtocol> whenConnected(int failAfterFailures) {
    if (failAfterFailures < 1) {
      throw new IllegalArgumentException("failAfterFailures must be >= 1: " + failAfterFailures);
    }
    return awaitConnection(failAfterFailures);
  }

  /**
   * Starts connecting. Starting a running service only logs a warning.
   *
   * @twisted twisted.application.internet.ClientService.startService
   */
  @Override
  public void startService() {
    if (running()) {
      LOG.warn("Duplicate ClientService.startService {}", this);
      return;
    }
    super.startService();
    switch (state) {
      case INIT, STOPPED -> {
        state = State.CONNECTING;
        connect();
      }
      case DISCONNECTING -> {
        state = State.RESTARTING;
        failedAttempts = 0;
      }
      default -> { }
    }
  }

  /**
   * Stops connecting: cancels the attempt in progress or the retry timer, closes the connection,
   * and fails the pending {@link #whenConnected} Deferreds with {@link CancelledError}.
   *
   * @return fires with null once the connection is closed and no attempt is in progress
   * @twisted twisted.application.internet.ClientService.stopService
   */
  @Override
  public Deferred<@Nullable Void> stopService() {
    super.stopService();
    // As in Twisted's machine, the state changes before the outputs run: cancelling an attempt
    // fails it at once, and that failure must find the service disconnecting.
    switch (state) {
      case INIT, STOPPED -> {
        state = State.STOPPED;
        return Defer.succeed(null);
      }
      case CONNECTING -> {
        state = State.DISCONNECTING;
        Deferred<@Nullable Void> stopped = waitForStop();
        connectionInProgress.cancel();
        return stopped;
      }
      case WAITING -> {
        state = State.STOPPED;
        Deferred<@Nullable Void> stopped = waitForStop();
        cancelConnectWaiters();
        IDelayedCall retry = Objects.requireNonNull(retryCall);
        retryCall = null;
        retry.cancel();
        finishStopping();
        return stopped;
      }
      case CONNECTED -> {
        state = State.DISCONNECTING;
        Deferred<@Nullable Void> stopped = waitForStop();
        disconnect();
        return stopped;
      }
      default -> {
        state = State.DISCONNECTING;
        return waitForStop();
      }
    }
  }

  private Deferred<IProtocol> awaitConnection(int failAfterFailures) {
    if (state == State.CONNECTED) {
      return Defer.succeed(Objects.requireNonNull(connectedProtocol));
    }
    if (state == State.STOPPED) {
      return Defer.fail(new CancelledError());
    }
    Deferred<IProtocol> d = new Deferred<>(
        cancelled -> awaitingConnected.removeIf(w -> w.deferred == cancelled));
    awaitingConnected.add(new Waiter(d, failAfterFailures));
    return d;
  }

  private void connect() {
    DisconnectFactory thisAttempt = new DisconnectFactory(factory, this::clientDisconnected);
    attempt = thisAttempt;
    Deferred<?> chain = Defer.maybeDeferredAsync(() -> endpoint.connect(thisAttempt))
        .addCallbackDeferred(protocol -> prepare(thisAttempt, protocol))
        .addCallback(protocol -> {
          connectionMade(thisAttempt, protocol);
          return null;
        })
        .addErrback(failure -> {
          connectionFailed(thisAttempt, failure);
          return null;
        });
    // An attempt that ended synchronously may already have started the next one.
    if (attempt == thisAttempt) {
      connectionInProgress = chain;
    }
  }

  /** The user's protocol, not the proxy the endpoint saw. */
  private static IProtocol userProtocol(DisconnectFactory from, IProtocol connected) {
    ReconnectingProtocolProxy proxy = from.built();
    return proxy != null ? proxy.wrapped : connected;
  }

  private Deferred<IProtocol> prepare(DisconnectFactory from, IProtocol connected) {
    PrepareConnection prepare = prepareConnection;
    if (prepare == null) {
      return Defer.succeed(connected);
    }
    IProtocol user = userProtocol(from, connected);
    // Typed as Object: the value is ignored, whatever it is.
    return Defer.<@Nullable Object>maybeDeferred(() -> prepare.prepare(user))
        .addCallback(ignored -> connected);
  }

  private void connectionMade(DisconnectFactory from, IProtocol connected) {
    if (from != attempt) {
      return;
    }
    ReconnectingProtocolProxy proxy = from.built();
    switch (state) {
      case CONNECTING -> {
        state = State.CONNECTED;
        failedAttempts = 0;
        connection = proxy;
        connectedProtocol = userProtocol(from, connected);
        unawaitSuccess(connectedProtocol);
      }
      case DISCONNECTING, RESTARTING -> {
        // The attempt finished although it was cancelled: close what it made; the loss moves
        // the machine on.
        connection = proxy;
        disconnect();
      }
      default -> { }
    }
  }

  private void connectionFailed(DisconnectFactory from, Failure failure) {
    if (from != attempt) {
      return;
    }
    attempt = null;
    // A connection rejected by prepareConnection (or lost while being prepared) is closed
    // rather than left open with no one to use it.
    closeTransport(from.built());
    switch (state) {
      case CONNECTING -> {
        state = State.WAITING;
        scheduleRetry();
        deliverConnectionFailure(failure);
      }
      case DISCONNECTING -> {
        state = State.STOPPED;
        cancelConnectWaiters();
        finishStopping();
      }
      case RESTARTING -> {
        state = State.CONNECTING;
        finishStopping();
        connect();
      }
      default -> { }
    }
  }

  private void clientDisconnected(DisconnectFactory from) {
    if (from != attempt) {
      return;
    }
    switch (state) {
      case CONNECTED -> {
        state = State.WAITING;
        connection = null;
        connectedProtocol = null;
        scheduleRetry();
      }
      case DISCONNECTING -> {
        state = State.STOPPED;
        cancelConnectWaiters();
        finishStopping();
        connection = null;
        connectedProtocol = null;
      }
      case RESTARTING -> {
        state = State.CONNECTING;
        connection = null;
        connectedProtocol = null;
        finishStopping();
        connect();
      }
      // Lost while prepareConnection was still at work: the attempt has failed.
      case CONNECTING -> connectionInProgress.cancel();
      default -> { }
    }
  }

  private void reconnect() {
    retryCall = null;
    if (state == State.WAITING) {
      state = State.CONNECTING;
      connect();
    }
  }

  private void scheduleRetry() {
    failedAttempts++;
    double delay = retryPolicy.applyAsDouble(failedAttempts);
    LOG.info("Scheduling retry {} to connect {} in {} seconds.", failedAttempts, endpoint, delay);
    IReactorTime time = clock;
    if (time == null) {
      time = Reactors.current();
      clock = time;
    }
    retryCall = time.callLater(delay, this::reconnect);
  }

  private void disconnect() {
    closeTransport(connection);
  }

  private static void closeTransport(@Nullable ReconnectingProtocolProxy proxy) {
    ITransport transport = proxy == null ? null : proxy.transport();
    if (transport != null) {
      transport.loseConnection();
    }
  }

  private Deferred<@Nullable Void> waitForStop() {
    Deferred<@Nullable Void> d = new Deferred<>();
    stopWaiters.add(d);
    return d;
  }

  private void finishStopping() {
    List<Deferred<@Nullable Void>> waiting = stopWaiters;
    stopWaiters = new ArrayList<>();
    for (Deferred<@Nullable Void> d : waiting) {
      d.callback(null);
    }
  }

  private void unawaitSuccess(IProtocol protocol) {
    List<Waiter> waiting = awaitingConnected;
    awaitingConnected = new ArrayList<>();
    for (Waiter w : waiting) {
      w.deferred.callback(protocol);
    }
  }

  private void cancelConnectWaiters() {
    List<Waiter> waiting = awaitingConnected;
    awaitingConnected = new ArrayList<>();
    Failure cancelled = new Failure(new CancelledError());
    for (Waiter w : waiting) {
      w.deferred.errback(cancelled);
    }
  }

  private void deliverConnectionFailure(Failure failure) {
    List<Waiter> ready = new ArrayList<>();
    List<Waiter> notReady = new ArrayList<>();
    for (Waiter w : awaitingConnected) {
      if (w.remaining == 0) {
        notReady.add(w);
      } else if (w.remaining == 1) {
        ready.add(w);
      } else {
        w.remaining--;
        notReady.add(w);
      }
    }
    awaitingConnected = notReady;
    for (Waiter w : ready) {
      w.deferred.errback(failure);
    }
  }

  /** The machine's state, for tests. */
  State state() {
    return state;
  }

  @Override
  public String toString() {
    return "<ClientService " + endpoint + " " + state.name().toLowerCase(Locale.ROOT)
        + ">";
  }
}
