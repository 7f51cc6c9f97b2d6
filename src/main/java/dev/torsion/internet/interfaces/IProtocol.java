package dev.torsion.internet.interfaces;

import dev.torsion.python.failure.Failure;

/**
 * The application's side of a connection: it receives bytes and lifecycle events, and writes
 * through its {@link ITransport}. Extend {@code dev.torsion.internet.protocol.Protocol} rather
 * than implementing this directly.
 *
 * <p><b>Lifecycle.</b> {@link #makeConnection} (which calls {@link #connectionMade()}) once, then
 * {@link #dataReceived} any number of times, then {@link #connectionLost} exactly once. Nothing
 * after that.
 *
 * <p><b>Threading.</b> Every method is called on the reactor thread.
 *
 * <p><b>Errors.</b> An exception thrown from {@code dataReceived} or {@code connectionMade} is
 * logged and closes the connection at once, unsent bytes discarded (the reason is a
 * {@code ConnectionLost} whose cause is the exception); one thrown from {@code connectionLost}
 * is logged.
 *
 * <p><b>Re-entrancy.</b> {@code connectionLost} is never called from inside a transport method
 * the protocol called; it comes from the reactor, on this or a later turn.
 *
 * <p><b>Differences from Twisted.</b> Twisted hands the raw exception to {@code connectionLost}
 * after a {@code dataReceived} failure; Torsion wraps it in {@code ConnectionLost} so that the
 * reason is always a {@code ConnectionClosed}.
 *
 * <p><b>Testing.</b> Stream transports split and join data as they like: test
 * {@code dataReceived} with the whole input, with one byte at a time and with random chunks.
 *
 * @twisted twisted.internet.interfaces.IProtocol
 */
public interface IProtocol {
  /**
   * Connects the protocol to its transport and calls {@link #connectionMade()}.
   *
   * @param transport the connection
   * @twisted twisted.internet.interfaces.IProtocol.makeConnection
   */
  void makeConnection(ITransport transport);

  /**
   * Called when the connection is established; the transport is ready for writes.
   *
   * @twisted twisted.internet.interfaces.IProtocol.connectionMade
   */
  void connectionMade();

  /**
   * Called with bytes as they arrive, in whatever pieces the network delivered them. The array
   * belongs to the protocol.
   *
   * @param data the bytes, never empty
   * @twisted twisted.internet.interfaces.IProtocol.dataReceived
   */
  void dataReceived(byte[] data);

  /**
   * Called once when the connection is closed: {@code ConnectionDone} for a clean close,
   * {@code ConnectionLost} (or a subclass) otherwise.
   *
   * @param reason why it closed
   * @twisted twisted.internet.interfaces.IProtocol.connectionLost
   */
  void connectionLost(Failure reason);
}
