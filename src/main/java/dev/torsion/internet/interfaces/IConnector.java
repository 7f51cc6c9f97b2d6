package dev.torsion.internet.interfaces;

/**
 * One outgoing connection attempt and the connection it makes, as {@code connectTCP} returns it.
 * A {@code ClientFactory} is told of each stage with this connector, and may {@link #connect()}
 * it again after a failure or a loss (that is how reconnecting works).
 *
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Lifecycle.</b> {@code connectTCP} starts connecting at once: the factory's
 * {@code doStart} and {@code startedConnecting} are called before it returns, the socket work
 * starts on the next turn, so every failure reaches {@code clientConnectionFailed} later, never
 * as an exception from {@code connectTCP}. On success the factory builds the protocol with the
 * peer's address; when the connection ends the protocol's {@code connectionLost} comes first,
 * then {@code clientConnectionLost}. The factory's {@code doStop} follows a failure or a loss
 * unless the callback called {@link #connect()} again.
 *
 * <p><b>Errors.</b> {@code ConnectionRefusedError}, {@code TimeoutError} (the timeout given to
 * {@code connectTCP}), {@code TCPTimedOutError} (the system's), {@code ConnectBindError} (the
 * bind address is in use), {@code NoRouteError}, {@code DNSLookupError} (the resolver found
 * nothing), {@code UserError} ({@link #stopConnecting()}), else {@code ConnectError}; each
 * carries the JDK's exception as its cause.
 *
 * <p><b>Differences from Twisted.</b> {@code toString()} reads like Twisted's repr with the
 * Java class name: {@code <dev.torsion.internal.transport.TcpConnector instance at 0x1b6d3586
 * disconnected IPv4Address(type='TCP', host='localhost', port=666)>}.
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
