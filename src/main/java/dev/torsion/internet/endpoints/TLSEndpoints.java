package dev.torsion.internet.endpoints;

import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * TLS over any client endpoint.
 *
 * <pre>{@code
 * IStreamClientEndpoint e = TLSEndpoints.wrapClientTLS(SSL.optionsForClientTLS("example.com"),
 *     new HostnameEndpoint(reactor, "example.com", 443));
 * }</pre>
 *
 * @twisted twisted.internet.endpoints.wrapClientTLS
 */
public final class TLSEndpoints {
  private TLSEndpoints() {}

  /**
   * An endpoint that connects through {@code wrappedEndpoint} and speaks TLS, as a client
   * configured by {@code connectionCreator}, over the connection. The Deferred of its
   * {@code connect} fires with the application's protocol when the underlying connection is
   * made, before the handshake; an {@code IHandshakeListener} protocol hears when the handshake
   * finishes. Handshake and close timers run on the global reactor.
   *
   * @param connectionCreator configures the client end (verification included)
   * @param wrappedEndpoint makes the underlying connection
   * @return the TLS endpoint
   * @twisted twisted.internet.endpoints.wrapClientTLS
   */
  public static IStreamClientEndpoint wrapClientTLS(ITLSConnectionCreator connectionCreator,
      IStreamClientEndpoint wrappedEndpoint) {
    return wrapClientTLS(connectionCreator, wrappedEndpoint, null);
  }

  /**
   * As {@link #wrapClientTLS(ITLSConnectionCreator, IStreamClientEndpoint)}, with the TLS
   * timers on {@code clock}.
   *
   * @param connectionCreator configures the client end (verification included)
   * @param wrappedEndpoint makes the underlying connection
   * @param clock runs the handshake and close timers; null for the global reactor
   * @return the TLS endpoint
   * @twisted twisted.internet.endpoints.wrapClientTLS
   */
  public static IStreamClientEndpoint wrapClientTLS(ITLSConnectionCreator connectionCreator,
      IStreamClientEndpoint wrappedEndpoint, @Nullable IReactorTime clock) {
    Objects.requireNonNull(connectionCreator, "connectionCreator");
    return new WrapperClientEndpoint(wrappedEndpoint,
        f -> new TLSMemoryBIOFactory(connectionCreator, true, f, clock));
  }
}
