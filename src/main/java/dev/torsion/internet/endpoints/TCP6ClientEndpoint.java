package dev.torsion.internet.endpoints;

import dev.torsion.internet.interfaces.IReactorTCP;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * Connects to a host and port over IPv6 through {@code connectTCP}.
 *
 * <p><b>Errors.</b> The Deferred {@link #connect} returns fails with the connection error the
 * reactor reports, with what {@code connectTCP} throws, with what the factory's
 * {@code buildProtocol} throws, or with {@link dev.torsion.internet.error.NoProtocol} when it
 * returns null. Cancelled before connecting, it stops the attempt and fails with
 * {@link dev.torsion.internet.error.ConnectingCancelledError} naming the destination.
 *
 * <p><b>Differences from Twisted.</b> The host must be an IPv6 address literal: Twisted also
 * resolves a host name (to its first IPv6 address, in a thread), which is left for the
 * hostname endpoint.
 * @twisted twisted.internet.endpoints.TCP6ClientEndpoint
 */
public final class TCP6ClientEndpoint extends TcpClientEndpoint {
  /**
   * An endpoint with a 30 second timeout and no local address bound.
   *
   * @param reactor the reactor to connect with
   * @param host the host to connect to
   * @param port the port to connect to
   * @throws IllegalArgumentException if the host is not acceptable
   */
  public TCP6ClientEndpoint(IReactorTCP reactor, String host, int port) {
    this(reactor, host, port, 30, null);
  }

  /**
   * An endpoint.
   *
   * @param reactor the reactor to connect with
   * @param host the host to connect to
   * @param port the port to connect to
   * @param timeout seconds to wait for the connection before failing it
   * @param bindAddress the local address to bind before connecting, or null
   * @throws IllegalArgumentException if the host is not acceptable
   */
  public TCP6ClientEndpoint(IReactorTCP reactor, String host, int port, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    super(reactor, host, port, timeout, bindAddress);
    if (host.indexOf(':') < 0) {
      throw new IllegalArgumentException("TCP6ClientEndpoint: host must be an IPv6 address "
          + "literal, got '" + host + "'");
    }
  }
}
