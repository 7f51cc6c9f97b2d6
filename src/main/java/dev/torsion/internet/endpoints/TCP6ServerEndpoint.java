package dev.torsion.internet.endpoints;

import dev.torsion.internet.interfaces.IReactorTCP;

/**
 * Listens on a TCP port over IPv6 through {@code listenTCP}.
 *
 * <p><b>Errors.</b> What {@code listenTCP} throws, such as
 * {@link dev.torsion.internet.error.CannotListenError}, fails the Deferred {@link #listen}
 * returns.
 *
 * @twisted twisted.internet.endpoints.TCP6ServerEndpoint
 */
public final class TCP6ServerEndpoint extends TcpServerEndpoint {
  /**
   * An endpoint with backlog 50 on all IPv6 interfaces.
   *
   * @param reactor the reactor to listen with
   * @param port the port number; 0 lets the system choose
   */
  public TCP6ServerEndpoint(IReactorTCP reactor, int port) {
    this(reactor, port, 50, "::");
  }

  /**
   * An endpoint.
   *
   * @param reactor the reactor to listen with
   * @param port the port number; 0 lets the system choose
   * @param backlog the size of the listen queue
   * @param iface the address to bind (all IPv6 interfaces when {@code "::"})
   */
  public TCP6ServerEndpoint(IReactorTCP reactor, int port, int backlog, String iface) {
    super(reactor, port, backlog, iface);
  }
}
