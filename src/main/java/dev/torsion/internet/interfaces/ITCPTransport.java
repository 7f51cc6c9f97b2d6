package dev.torsion.internet.interfaces;

/**
 * A TCP connection: a transport that can also half-close, abort, and tune its socket.
 *
 * <p><b>Lifecycle.</b> {@link #loseWriteConnection()} sends the buffered bytes, then a FIN, and
 * keeps reading; a protocol that implements {@link IHalfCloseableProtocol} hears
 * {@code writeConnectionLost} when the FIN is sent, and {@code readConnectionLost} when the
 * peer's FIN arrives (a protocol that does not is disconnected on the peer's FIN instead).
 * {@link #abortConnection()} closes at once, discarding buffered bytes and sending a reset;
 * {@code connectionLost} then gets {@code ConnectionAborted}, on the next reactor turn (never
 * from inside the call).
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Re-entrancy.</b> Every method may be called from inside the protocol's callbacks,
 * including {@code readConnectionLost} and {@code writeConnectionLost}.
 *
 * <p><b>Errors.</b> An exception from {@code readConnectionLost} or {@code writeConnectionLost}
 * is logged and drops the connection, with that exception as the reason. The socket-option
 * methods throw {@link java.io.UncheckedIOException} if the socket refuses (for instance after
 * it closed).
 *
 * @twisted twisted.internet.interfaces.ITCPTransport
 */
public interface ITCPTransport extends ITransport {
  /**
   * Half-closes: sends what is buffered, then ends the write direction, and keeps reading.
   *
   * @twisted twisted.internet.interfaces.ITCPTransport.loseWriteConnection
   */
  void loseWriteConnection();

  /**
   * Closes the connection now, discarding buffered bytes.
   *
   * @twisted twisted.internet.interfaces.ITCPTransport.abortConnection
   */
  void abortConnection();

  /**
   * Whether Nagle's algorithm is off (TCP_NODELAY).
   *
   * @return true if small writes go out at once
   * @twisted twisted.internet.interfaces.ITCPTransport.getTcpNoDelay
   */
  boolean getTcpNoDelay();

  /**
   * Turns Nagle's algorithm off (true) or on.
   *
   * @param enabled the TCP_NODELAY value
   * @twisted twisted.internet.interfaces.ITCPTransport.setTcpNoDelay
   */
  void setTcpNoDelay(boolean enabled);

  /**
   * Whether TCP keep-alive probes are on (SO_KEEPALIVE).
   *
   * @return the SO_KEEPALIVE value
   * @twisted twisted.internet.interfaces.ITCPTransport.getTcpKeepAlive
   */
  boolean getTcpKeepAlive();

  /**
   * Turns TCP keep-alive probes on or off.
   *
   * @param enabled the SO_KEEPALIVE value
   * @twisted twisted.internet.interfaces.ITCPTransport.setTcpKeepAlive
   */
  void setTcpKeepAlive(boolean enabled);
}
