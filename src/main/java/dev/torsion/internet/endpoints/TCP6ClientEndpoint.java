package dev.torsion.internet.endpoints;

import com.google.common.net.InetAddresses;
import dev.torsion.internet.address.HostnameAddress;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectingCancelledError;
import dev.torsion.internet.error.DNSLookupError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IHostResolution;
import dev.torsion.internet.interfaces.IHostnameResolver;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IResolutionReceiver;
import java.net.InetSocketAddress;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Connects to a host and port over IPv6 through {@code connectTCP}.
 *
 * <p>The host is an IPv6 address literal, or a name resolved to its first IPv6 address before
 * connecting: by the reactor's resolver ({@code IReactorPluggableNameResolver}), else with
 * {@code InetAddress.getAllByName} on the reactor's thread pool ({@code IReactorThreads}).
 *
 * <p><b>Errors.</b> The Deferred {@link #connect} returns fails with the connection error the
 * reactor reports, with what {@code connectTCP} throws, with what the factory's
 * {@code buildProtocol} throws, or with {@link dev.torsion.internet.error.NoProtocol} when it
 * returns null; with {@link DNSLookupError} when a name has no IPv6 address. Cancelled before
 * connecting, it stops the resolution or the attempt and fails with
 * {@link ConnectingCancelledError} naming the destination.
 *
 * <p><b>Differences from Twisted.</b> Cancelling during the resolution gives
 * {@code ConnectingCancelledError} with a {@code HostnameAddress} (Twisted's lookup in a thread
 * cannot be cancelled and gives {@code CancelledError}); a reactor that can resolve nothing is
 * refused when the endpoint is made, not when it connects.
 *
 * @twisted twisted.internet.endpoints.TCP6ClientEndpoint
 */
public final class TCP6ClientEndpoint extends TcpClientEndpoint {
  private final @Nullable IHostnameResolver resolver;

  /**
   * An endpoint with a 30 second timeout and no local address bound.
   *
   * @param reactor the reactor to connect with
   * @param host an IPv6 address literal or a host name
   * @param port the port to connect to
   * @throws IllegalArgumentException if the host is an IPv4 address, or a name and the reactor
   *     cannot resolve names
   */
  public TCP6ClientEndpoint(IReactorTCP reactor, String host, int port) {
    this(reactor, host, port, 30, null);
  }

  /**
   * An endpoint.
   *
   * @param reactor the reactor to connect with
   * @param host an IPv6 address literal or a host name
   * @param port the port to connect to
   * @param timeout seconds to wait for the connection before failing it
   * @param bindAddress the local address to bind before connecting, or null
   * @throws IllegalArgumentException if the host is an IPv4 address, or a name and the reactor
   *     cannot resolve names
   */
  public TCP6ClientEndpoint(IReactorTCP reactor, String host, int port, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    this(reactor, host, port, timeout, bindAddress,
        HostnameEndpoint.isIPv6Literal(host) ? null : SimpleHostnameResolver.forReactor(reactor));
  }

  TCP6ClientEndpoint(IReactorTCP reactor, String host, int port, double timeout,
      @Nullable InetSocketAddress bindAddress, @Nullable IHostnameResolver resolver) {
    super(reactor, host, port, timeout, bindAddress);
    if (resolver != null && host.indexOf(':') < 0 && InetAddresses.isInetAddress(host)) {
      throw new IllegalArgumentException("TCP6ClientEndpoint: host '" + host
          + "' is an IPv4 address, not IPv6 (use TCP4ClientEndpoint)");
    }
    this.resolver = resolver;
  }

  @Override
  public Deferred<IProtocol> connect(IProtocolFactory protocolFactory) {
    IHostnameResolver r = resolver;
    if (r == null) {
      return super.connect(protocolFactory);
    }
    Resolving resolving = new Resolving(protocolFactory);
    try {
      IHostResolution h = r.resolveHostName(resolving, host(), port(),
          Set.of(IPv6Address.class), "TCP");
      if (!resolving.done) {
        resolving.resolution = h;
      }
    } catch (RuntimeException e) {
      resolving.fail(new DNSLookupError("Couldn't find the hostname '" + host() + "'", e));
    }
    return resolving.result;
  }

  /** One resolution, then the connection to the first IPv6 address found. */
  private final class Resolving implements IResolutionReceiver {
    private final IProtocolFactory factory;
    final Deferred<IProtocol> result = new Deferred<>(d -> cancel());
    @Nullable IHostResolution resolution;
    private @Nullable IPv6Address first;
    private @Nullable Deferred<IProtocol> connecting;
    boolean done;

    Resolving(IProtocolFactory factory) {
      this.factory = factory;
    }

    @Override
    public void resolutionBegan(IHostResolution resolutionInProgress) {
      resolution = resolutionInProgress;
    }

    @Override
    public void addressResolved(IAddress address) {
      if (first == null && address instanceof IPv6Address a) {
        first = a;
      }
    }

    @Override
    public void resolutionComplete() {
      if (done) {
        return;
      }
      done = true;
      resolution = null;
      IPv6Address a = first;
      if (a == null) {
        result.errback(new DNSLookupError("no IPv6 address for hostname: " + host()));
        return;
      }
      Deferred<IProtocol> c = connectTo(a.host(), factory);
      connecting = c;
      c.addCallbacks(p -> {
        result.callback(p);
        return null;
      }, f -> {
        result.errback(f);
        return null;
      });
    }

    void fail(Throwable error) {
      if (!done) {
        done = true;
        result.errback(error);
      }
    }

    private void cancel() {
      Deferred<IProtocol> c = connecting;
      if (c != null) {
        c.cancel(); // The attempt's own ConnectingCancelledError reaches the result.
        return;
      }
      IHostResolution h = resolution;
      fail(new ConnectingCancelledError(new HostnameAddress(host(), port())));
      if (h != null) {
        h.cancel();
      }
    }
  }
}
