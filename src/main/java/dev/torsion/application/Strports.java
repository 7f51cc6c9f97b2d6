package dev.torsion.application;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorCore;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.python.failure.Failure;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Listening services and ports from endpoint descriptions such as {@code "tcp:8080"}, in
 * {@link Endpoints#serverFromString}'s syntax.
 *
 * <pre>{@code
 * Strports.service("tcp:8000:interface=127.0.0.1", Factory.forProtocol(Echo::new))
 *     .setServiceParent(application.service());
 * }</pre>
 *
 * <p><b>Threading.</b> Reactor thread only (a reactor that does not run yet counts).
 *
 * @twisted twisted.application.strports
 */
public final class Strports {
  private Strports() {}

  /**
   * A service listening with the global reactor ({@link Reactors#current()}) where
   * {@code description} says.
   *
   * @param description the endpoint description
   * @param factory builds a protocol per connection
   * @return a stopped service that throws the listen error from its start when listening fails
   *     at once (see {@link StreamServerEndpointService#setRaiseSynchronously})
   * @throws IllegalArgumentException if the description cannot be parsed
   * @twisted twisted.application.strports.service
   */
  public static StreamServerEndpointService service(String description,
      IProtocolFactory factory) {
    return service(description, factory, null);
  }

  /**
   * A service listening with {@code reactor} where {@code description} says.
   *
   * @param description the endpoint description
   * @param factory builds a protocol per connection
   * @param reactor the reactor to listen with, or null for the global reactor (looked up now)
   * @return a stopped service that throws the listen error from its start when listening fails
   *     at once (see {@link StreamServerEndpointService#setRaiseSynchronously})
   * @throws IllegalArgumentException if the description cannot be parsed
   * @twisted twisted.application.strports.service
   */
  public static StreamServerEndpointService service(String description,
      IProtocolFactory factory, @Nullable IReactorCore reactor) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(factory, "factory");
    IReactorCore r = reactor == null ? Reactors.current() : reactor;
    StreamServerEndpointService svc =
        new StreamServerEndpointService(Endpoints.serverFromString(r, description), factory);
    svc.setRaiseSynchronously(true);
    return svc;
  }

  /**
   * Listens with the global reactor where {@code description} says, at once.
   *
   * @param description the endpoint description
   * @param factory builds a protocol per connection
   * @return the port, listening
   * @throws IllegalArgumentException if the description cannot be parsed, or names an endpoint
   *     that does not listen at once
   * @throws RuntimeException the listen error, such as {@code CannotListenError} (a checked
   *     one wrapped)
   * @twisted twisted.application.strports.listen
   */
  public static IListeningPort listen(String description, IProtocolFactory factory) {
    return listen(description, factory, null);
  }

  /**
   * Listens with {@code reactor} where {@code description} says, at once.
   *
   * <p><b>Differences from Twisted.</b> Twisted parses the description and calls the reactor's
   * {@code listenX} itself; this listens through the endpoint the description names and takes
   * its result at once, so an endpoint type that listens asynchronously (none of the built-in
   * ones) is refused, its attempt cancelled. The reactor parameter is Torsion's.
   *
   * @param description the endpoint description
   * @param factory builds a protocol per connection
   * @param reactor the reactor to listen with, or null for the global reactor
   * @return the port, listening
   * @throws IllegalArgumentException if the description cannot be parsed, or names an endpoint
   *     that does not listen at once
   * @throws RuntimeException the listen error, such as {@code CannotListenError} (a checked
   *     one wrapped)
   * @twisted twisted.application.strports.listen
   */
  public static IListeningPort listen(String description, IProtocolFactory factory,
      @Nullable IReactorCore reactor) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(factory, "factory");
    IReactorCore r = reactor == null ? Reactors.current() : reactor;
    Deferred<IListeningPort> listening =
        Endpoints.serverFromString(r, description).listen(factory);
    Object[] outcome = new Object[1];
    listening.addCallbacks(port -> {
      outcome[0] = port;
      return null;
    }, failure -> {
      outcome[0] = failure;
      return null;
    });
    if (outcome[0] == null) {
      listening.cancel();
      throw new IllegalArgumentException("'" + description + "' does not listen at once");
    }
    if (outcome[0] instanceof Failure f) {
      Throwable error = f.value();
      if (error instanceof RuntimeException e) {
        throw e;
      }
      if (error instanceof Error e) {
        throw e;
      }
      throw new RuntimeException(error);
    }
    return (IListeningPort) outcome[0];
  }
}
