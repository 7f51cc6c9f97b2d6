package dev.torsion.internet.endpoints;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import java.util.Objects;

/**
 * Listens on a TCP port over IPv4 through {@code listenTCP}.
 *
 * <p><b>Errors.</b> What {@code listenTCP} throws, such as
 * {@link dev.torsion.internet.error.CannotListenError}, fails the Deferred {@link #listen}
 * returns.
 *
 * @twisted twisted.internet.endpoints.TCP4ServerEndpoint
 */
public final class TCP4ServerEndpoint implements IStreamServerEndpoint {
  private final IReactorTCP reactor;
  private final int port;
  private final int backlog;
  private final String iface;

  /**
   * An endpoint with backlog 50 on all IPv4 interfaces.
   *
   * @param reactor the reactor to listen with
   * @param port the port number; 0 lets the system choose
   */
  public TCP4ServerEndpoint(IReactorTCP reactor, int port) {
    this(reactor, port, 50, "");
  }

  /**
   * An endpoint.
   *
   * @param reactor the reactor to listen with
   * @param port the port number; 0 lets the system choose
   * @param backlog the size of the listen queue
   * @param iface the address to bind (all IPv4 interfaces when {@code ""})
   */
  public TCP4ServerEndpoint(IReactorTCP reactor, int port, int backlog, String iface) {
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
    return "<TCP4ServerEndpoint port=" + port + " interface=" + iface + " backlog=" + backlog + ">";
  }
}
