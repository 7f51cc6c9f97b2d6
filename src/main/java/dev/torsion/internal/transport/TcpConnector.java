package dev.torsion.internal.transport;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.error.DNSLookupError;
import dev.torsion.internet.error.TimeoutError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IHostResolution;
import dev.torsion.internet.interfaces.IResolutionReceiver;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * An outgoing TCP connection and its attempts, as Twisted's {@code tcp.Connector}: the
 * {@link StreamConnector} lifecycle, where each attempt first resolves the host (unless it is a
 * literal address) through the reactor's name resolver.
 */
public final class TcpConnector extends StreamConnector {
  private final String host;
  private final int port;
  private final @Nullable InetSocketAddress bindAddress;

  /**
   * A connector, not yet connecting.
   *
   * @param core the reactor
   * @param host a literal address or a host name
   * @param port the port
   * @param factory the client factory
   * @param timeout seconds before an attempt fails with {@link TimeoutError}; 0 or less for none
   * @param bindAddress the local address to bind, or null
   */
  public TcpConnector(LoopCore core, String host, int port, ClientFactory factory, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    super(core, factory, timeout);
    this.host = host;
    this.port = port;
    this.bindAddress = bindAddress;
  }

  @Override
  public IAddress getDestination() {
    if (host.indexOf(':') >= 0) {
      return new IPv6Address("TCP", host, port);
    }
    return new IPv4Address("TCP", host, port);
  }

  @Override
  Attempt newAttempt() {
    return new TcpAttempt();
  }

  @Override
  StreamTransport newTransport(IoBackend.Stream s) {
    return new StreamTransport(core, s, Addresses.isIPv6(s.remoteAddress()),
        StreamTransport.HIGH_WATER);
  }

  /** Resolves the host, then connects to its first address. */
  private final class TcpAttempt extends Attempt implements IResolutionReceiver {
    private @Nullable IHostResolution resolution;
    private @Nullable InetAddress resolved;

    @Override
    void start() {
      InetAddress literal = Addresses.literal(host);
      if (literal != null) {
        connectTo(literal);
        return;
      }
      resolution = core.nameResolver().resolveHostName(this, host, port);
    }

    @Override
    void cancelPending() {
      IHostResolution r = resolution;
      if (r != null) {
        r.cancel();
      }
    }

    @Override
    public void resolutionBegan(IHostResolution resolutionInProgress) {
      resolution = resolutionInProgress;
    }

    @Override
    public void addressResolved(IAddress address) {
      if (resolved != null) {
        return;
      }
      String h = Addresses.host(address);
      resolved = h == null ? null : Addresses.literal(h);
    }

    @Override
    public void resolutionComplete() {
      InetAddress a = resolved;
      if (done()) {
        return;
      }
      if (a == null) {
        fail(new DNSLookupError("address '" + host + "' not found"));
      } else {
        connectTo(a);
      }
    }

    private void connectTo(InetAddress address) {
      try {
        connecting(core.backend().connect(new InetSocketAddress(address, port), bindAddress,
            this));
      } catch (IOException | RuntimeException e) {
        fail(SocketErrors.connectError(e));
      }
    }
  }
}
