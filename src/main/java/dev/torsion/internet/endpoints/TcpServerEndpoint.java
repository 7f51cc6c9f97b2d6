package dev.torsion.internet.endpoints;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import java.util.Objects;

/** What the TCP4 and TCP6 server endpoints share: they differ only in their default interface. */
abstract class TcpServerEndpoint implements IStreamServerEndpoint {
  private final IReactorTCP reactor;
  private final int port;
  private final int backlog;
  private final String iface;

  TcpServerEndpoint(IReactorTCP reactor, int port, int backlog, String iface) {
    this.reactor = Objects.requireNonNull(reactor, "reactor");
    this.port = port;
    this.backlog = backlog;
    this.iface = Objects.requireNonNull(iface, "iface");
  }

  @Override
  public Deferred<IListeningPort> listen(IProtocolFactory protocolFactory) {
    return Defer.execute(() -> reactor.listenTCP(port, protocolFactory, backlog, iface));
  }

  /**
   * The port number to listen on.
   *
   * @return the port number
   */
  public int port() {
    return port;
  }

  /**
   * The size of the listen queue.
   *
   * @return the backlog
   */
  public int backlog() {
    return backlog;
  }

  /**
   * The address to bind.
   *
   * @return the interface
   */
  public String iface() {
    return iface;
  }

  @Override
  public String toString() {
    return "<" + getClass().getSimpleName() + " port=" + port + " interface=" + iface
        + " backlog=" + backlog + ">";
  }
}
