package dev.torsion.internet.endpoints;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorSSL;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Connects to a TLS server over IPv4 through {@code connectSSL}. The Deferred {@link #connect}
 * returns fires with the protocol once the TCP connection is made and the protocol connected,
 * before the handshake (as Twisted's); an {@code IHandshakeListener} protocol hears when the
 * handshake finishes. Prefer {@link TLSEndpoints#wrapClientTLS} over a
 * {@link HostnameEndpoint}, which also resolves names.
 *
 * <p><b>Errors.</b> A failed connection attempt fails the Deferred with the reactor's error
 * ({@code ConnectionRefusedError}, {@code TimeoutError}...). Cancelling it stops the attempt
 * with {@code ConnectingCancelledError}.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * @twisted twisted.internet.endpoints.SSL4ClientEndpoint
 */
public final class SSL4ClientEndpoint implements IStreamClientEndpoint {
  private final IReactorSSL reactor;
  private final String host;
  private final int port;
  private final ITLSConnectionCreator sslContextFactory;
  private final double timeout;
  private final @Nullable InetSocketAddress bindAddress;

  /**
   * An endpoint with a 30-second timeout.
   *
   * @param reactor the reactor to connect with
   * @param host the host name or address
   * @param port the port
   * @param sslContextFactory configures the client end, verification included
   * @twisted twisted.internet.endpoints.SSL4ClientEndpoint.__init__
   */
  public SSL4ClientEndpoint(IReactorSSL reactor, String host, int port,
      ITLSConnectionCreator sslContextFactory) {
    this(reactor, host, port, sslContextFactory, 30, null);
  }

  /**
   * An endpoint.
   *
   * @param reactor the reactor to connect with
   * @param host the host name or address
   * @param port the port
   * @param sslContextFactory configures the client end, verification included
   * @param timeout seconds before the TCP attempt fails
   * @param bindAddress the local address, or null for any
   * @twisted twisted.internet.endpoints.SSL4ClientEndpoint.__init__
   */
  public SSL4ClientEndpoint(IReactorSSL reactor, String host, int port,
      ITLSConnectionCreator sslContextFactory, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    this.reactor = Objects.requireNonNull(reactor, "reactor");
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.sslContextFactory = Objects.requireNonNull(sslContextFactory, "sslContextFactory");
    this.timeout = timeout;
    this.bindAddress = bindAddress;
  }

  @Override
  public Deferred<IProtocol> connect(IProtocolFactory protocolFactory) {
    try {
      WrappingFactory wf = new WrappingFactory(protocolFactory);
      reactor.connectSSL(host, port, wf, sslContextFactory, timeout, bindAddress);
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
   * What configures the connection's TLS.
   *
   * @return the connection creator
   */
  public ITLSConnectionCreator sslContextFactory() {
    return sslContextFactory;
  }

  /**
   * The connect timeout.
   *
   * @return seconds
   */
  public double timeout() {
    return timeout;
  }

  /**
   * The local address to bind.
   *
   * @return the address, or null for any
   */
  public @Nullable InetSocketAddress bindAddress() {
    return bindAddress;
  }

  @Override
  public String toString() {
    return "<SSL4ClientEndpoint host=" + host + " port=" + port + ">";
  }
}
