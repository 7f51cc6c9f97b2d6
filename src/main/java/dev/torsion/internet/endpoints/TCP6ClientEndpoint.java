package dev.torsion.internet.endpoints;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import java.net.InetSocketAddress;
import java.util.Objects;
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
public final class TCP6ClientEndpoint implements IStreamClientEndpoint {
  private final IReactorTCP reactor;
  private final String host;
  private final int port;
  private final double timeout;
  private final @Nullable InetSocketAddress bindAddress;

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
    this.reactor = Objects.requireNonNull(reactor, "reactor");
    this.host = Objects.requireNonNull(host, "host");
    if (host.indexOf(':') < 0) {
      throw new IllegalArgumentException("TCP6ClientEndpoint: host must be an IPv6 address "
          + "literal, got '" + host + "'");
    }
    this.port = port;
    this.timeout = timeout;
    this.bindAddress = bindAddress;
  }

  @Override
  public Deferred<IProtocol> connect(IProtocolFactory protocolFactory) {
    try {
      WrappingFactory wf = new WrappingFactory(protocolFactory);
      reactor.connectTCP(host, port, wf, timeout, bindAddress);
      return wf.onConnection;
    } catch (RuntimeException | Error e) {
      return Defer.fail(e);
    }
  }

  /**
   * The host to connect to.
   *
   * @return the host
   */
  public String host() {
    return host;
  }

  /**
   * The port to connect to.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * The connection timeout.
   *
   * @return seconds
   */
  public double timeout() {
    return timeout;
  }

  /**
   * The local address bound before connecting.
   *
   * @return the address, or null for none
   */
  public @Nullable InetSocketAddress bindAddress() {
    return bindAddress;
  }

  @Override
  public String toString() {
    return "<TCP6ClientEndpoint host=" + host + " port=" + port + ">";
  }
}
