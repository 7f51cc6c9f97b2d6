package dev.torsion.internet.interfaces;

/**
 * A protocol that can live with one direction of its connection closed. Implement it alongside
 * {@link IProtocol}; transports check for it with {@code instanceof}.
 *
 *
 * <p><b>Lifecycle.</b> Each method is called at most once. After both, the connection stays
 * open until the protocol calls {@code loseConnection}; {@code connectionLost} still follows
 * exactly once.
 *
 * <p><b>Errors.</b> An exception from either method is logged and drops the connection, with
 * that exception as the reason given to {@code connectionLost}.
 *
 * @twisted twisted.internet.interfaces.IHalfCloseableProtocol
 */
public interface IHalfCloseableProtocol {
  /**
   * The peer sent its FIN: no more data will arrive, but the protocol may still write. The
   * connection stays open until the protocol closes it.
   *
   * @twisted twisted.internet.interfaces.IHalfCloseableProtocol.readConnectionLost
   */
  void readConnectionLost();

  /**
   * The write direction was closed after {@link ITCPTransport#loseWriteConnection()} and every
   * buffered byte was sent.
   *
   * @twisted twisted.internet.interfaces.IHalfCloseableProtocol.writeConnectionLost
   */
  void writeConnectionLost();
}
