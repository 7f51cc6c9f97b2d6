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

/** What the TCP4 and TCP6 client endpoints share: they differ only in the hosts they accept. */
abstract class TcpClientEndpoint implements IStreamClientEndpoint {
  private final IReactorTCP reactor;
  private final String host;
  private final int port;
  private final double timeout;
  private final @Nullable InetSocketAddress bindAddress;

  TcpClientEndpoint(IReactorTCP reactor, String host, int port, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    this.reactor = Objects.requireNonNull(reactor, "reactor");
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.timeout = timeout;
    this.bindAddress = bindAddress;
  }

  @Override
  public Deferred<IProtocol> connect(IProtocolFactory protocolFactory) {
    return connectTo(host, protocolFactory);
  }

  /** Connects to {@code address} (the host, or what it resolved to) and this port. */
  final Deferred<IProtocol> connectTo(String address, IProtocolFactory protocolFactory) {
    try {
      WrappingFactory wf = new WrappingFactory(protocolFactory);
      reactor.connectTCP(address, port, wf, timeout, bindAddress);
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
    return "<" + getClass().getSimpleName() + " host=" + host + " port=" + port + ">";
  }
}
