package dev.torsion.application;

import dev.torsion.internet.defer.CancelledError;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.UnhandledErrors;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import dev.torsion.python.failure.Failure;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A service that listens on a server endpoint while it runs: starting it calls the endpoint's
 * {@code listen} with the factory, stopping it stops listening (or cancels a listen still in
 * progress).
 *
 * <pre>{@code
 * new StreamServerEndpointService(Endpoints.serverFromString(reactor, "tcp:8000"), factory)
 *     .setServiceParent(application.service());
 * }</pre>
 *
 * <p><b>Errors.</b> By default a failure to listen is logged (through
 * {@link UnhandledErrors#logError(Failure, String)}, Twisted's {@code log.err}), as is a failure
 * of a listen cancelled by {@link #stopService()} other than {@link CancelledError}, and the
 * service stays "running" without a port. A program that would rather fail at startup (a
 * runner, say) calls {@link #setRaiseSynchronously(boolean) setRaiseSynchronously(true)} first:
 * then a listen that fails at once makes {@link #privilegedStartService()} throw the error.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Lifecycle.</b> {@link #privilegedStartService()} listens; {@link #startService()}
 * listens only if that did not happen yet. {@link #stopService()} returns a Deferred that fires
 * once the port has stopped listening, and the service counts as running until then.
 *
 * <p><b>Differences from Twisted.</b> Twisted's private {@code _raiseSynchronously} flag is the
 * public {@link #setRaiseSynchronously}; it stays set after a start (Twisted clears it). Stopping
 * a service that never started returns {@code null} where Twisted fails, and a service started
 * again after a stop listens again (Twisted's does not).
 *
 * @twisted twisted.application.internet.StreamServerEndpointService
 */
public class StreamServerEndpointService extends Service {
  private final IStreamServerEndpoint endpoint;
  private final IProtocolFactory factory;
  private boolean raiseSynchronously;
  /** The listen in progress or done: fires with the port, or with null once its error is seen. */
  private @Nullable Deferred<@Nullable IListeningPort> waitingForPort;

  /**
   * Creates a stopped service.
   *
   * @param endpoint where to listen
   * @param factory builds the protocols of accepted connections
   */
  public StreamServerEndpointService(IStreamServerEndpoint endpoint, IProtocolFactory factory) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * The endpoint this service listens on.
   *
   * @return the endpoint given at construction
   * @twisted twisted.application.internet.StreamServerEndpointService.endpoint
   */
  public final IStreamServerEndpoint endpoint() {
    return endpoint;
  }

  /**
   * The factory this service listens with.
   *
   * @return the factory given at construction
   * @twisted twisted.application.internet.StreamServerEndpointService.factory
   */
  public final IProtocolFactory factory() {
    return factory;
  }

  /**
   * Chooses whether a listen that fails at once is thrown from {@link #privilegedStartService()}
   * (true) or only logged (false, the default).
   *
   * @param raise true to throw
   * @twisted twisted.application.internet.StreamServerEndpointService._raiseSynchronously
   */
  public final void setRaiseSynchronously(boolean raise) {
    raiseSynchronously = raise;
  }

  /**
   * Whether a listen that fails at once is thrown from {@link #privilegedStartService()}.
   *
   * @return true if it is thrown, false (the default) if it is only logged
   * @twisted twisted.application.internet.StreamServerEndpointService._raiseSynchronously
   */
  public final boolean raiseSynchronously() {
    return raiseSynchronously;
  }

  /** The listen in progress or done, for tests: its result is the port, or null. */
  @Nullable Deferred<@Nullable IListeningPort> waitingForPort() {
    return waitingForPort;
  }

  /**
   * Starts listening on the endpoint.
   *
   * @throws RuntimeException the listen error, when {@link #setRaiseSynchronously} asked for it
   *     and listening failed at once (an {@code Error} is rethrown as is; a checked exception
   *     wrapped in a {@link RuntimeException})
   */
  @Override
  public void privilegedStartService() {
    super.privilegedStartService();
    Deferred<@Nullable IListeningPort> listening = endpoint.listen(factory)
        .addCallback(port -> port);
    Throwable[] raisedNow = new Throwable[1];
    boolean[] started = {true};
    listening.addErrback(failure -> {
      if (raiseSynchronously && started[0]) {
        raisedNow[0] = failure.value();
      } else if (failure.check(CancelledError.class) == null) {
        UnhandledErrors.logError(failure,
            "cannot listen on " + endpoint + "\n" + failure.getTraceback());
      }
      return null;
    });
    started[0] = false;
    waitingForPort = listening;
    Throwable error = raisedNow[0];
    if (error instanceof RuntimeException e) {
      throw e;
    } else if (error instanceof Error e) {
      throw e;
    } else if (error != null) {
      throw new RuntimeException(error);
    }
  }

  /** Marks the service running and listens, unless {@link #privilegedStartService()} did. */
  @Override
  public void startService() {
    super.startService();
    if (waitingForPort == null) {
      privilegedStartService();
    }
  }

  /**
   * Stops listening, or cancels a listen still in progress.
   *
   * @return fires once the port has stopped listening; the service counts as running until then
   */
  @Override
  public @Nullable Deferred<?> stopService() {
    Deferred<@Nullable IListeningPort> waiting = waitingForPort;
    if (waiting == null) {
      return super.stopService();
    }
    waitingForPort = null;
    waiting.cancel();
    return waiting
        .addCallbackDeferred(port -> port == null ? Defer.<Void>succeed(null)
            : port.stopListening())
        .addBoth(result -> {
          super.stopService();
          if (result instanceof Failure f) {
            return f.raiseException();
          }
          return result;
        });
  }
}
