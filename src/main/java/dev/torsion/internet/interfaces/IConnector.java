package dev.torsion.internet.interfaces;

/**
 * One outgoing connection attempt and the connection it makes, as {@code connectTCP} returns it.
 * A {@code ClientFactory} is told of each stage with this connector, and may {@link #connect()}
 * it again after a failure or a loss (that is how reconnecting works).
 *
 * @twisted twisted.internet.interfaces.IConnector
 */
public interface IConnector {
  /**
   * Stops the attempt under way; the factory's {@code clientConnectionFailed} follows with
   * {@code UserError}.
   *
   * @throws dev.torsion.internet.error.NotConnectingError if it is not connecting
   * @twisted twisted.internet.interfaces.IConnector.stopConnecting
   */
  void stopConnecting();

  /**
   * Stops connecting if it is, or closes the connection if it is connected.
   *
   * @twisted twisted.internet.interfaces.IConnector.disconnect
   */
  void disconnect();

  /**
   * Tries to connect again, after a failure or a lost connection.
   *
   * @throws IllegalStateException if it is connecting or connected
   * @twisted twisted.internet.interfaces.IConnector.connect
   */
  void connect();

  /**
   * Where it connects to.
   *
   * @return the destination address
   * @twisted twisted.internet.interfaces.IConnector.getDestination
   */
  IAddress getDestination();
}
