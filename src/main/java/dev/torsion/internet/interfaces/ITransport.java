package dev.torsion.internet.interfaces;

import java.nio.ByteBuffer;

/**
 * The connection a protocol writes to: bytes out, and the means to close.
 *
 * <p><b>Threading.</b> Reactor thread only. From another thread, hand the call over with
 * {@code reactor.callFromThread(() -> transport.write(data))}.
 *
 * <p><b>Re-entrancy.</b> Every method may be called from inside the protocol's
 * {@code dataReceived} and {@code connectionMade}; {@code connectionLost} is never called from
 * inside a call to a transport method, but later, from the reactor.
 *
 * <p><b>Lifecycle.</b> Writes are buffered and sent in order; nothing is lost by writing faster
 * than the peer reads, but memory grows: register a producer ({@link IConsumer}) to be paused at
 * the high-water mark (64 KiB on the reactors' TCP transports). {@link #loseConnection()} stops
 * reading, sends what is buffered (and what a registered producer still writes, until it
 * unregisters), then closes. Writes after the connection is lost, or after
 * {@code loseWriteConnection} has sent its FIN, are silently ignored. The protocol's
 * {@code connectionLost} is called exactly once: {@code ConnectionDone} after a clean close or
 * the peer's clean end of stream, {@code ConnectionAborted} after
 * {@code ITCPTransport.abortConnection}, {@code ConnectionLost} (with the socket error as its
 * cause) otherwise, including at reactor shutdown.
 *
 * <p><b>Performance.</b> The first write after the buffer empties is tried on the socket at
 * once; while bytes are queued, further writes only append, and the queue goes out in bounded
 * (128 KiB) sends, many writes per system call. Data arrives in {@code dataReceived} as one
 * fresh array per read, at most 64 KiB.
 *
 * <p><b>Errors.</b> Socket errors are never thrown from these methods: they end the connection,
 * and the protocol learns of them in {@code connectionLost}.
 *
 * <p><b>Differences from Twisted.</b> Every transport is also a consumer and a push producer, so
 * ported code calls {@code transport.registerProducer} or {@code transport.pauseProducing}
 * without a cast; Twisted's transports provide those interfaces separately. Bytes are
 * {@code byte[]} (or a {@link ByteBuffer} copied on entry); a {@code String} is not accepted.
 *
 * @twisted twisted.internet.interfaces.ITransport
 */
public interface ITransport extends IConsumer, IPushProducer {
  /**
   * Writes bytes, buffered and sent in order. The transport owns {@code data} from now on.
   * Writing an empty array does nothing.
   *
   * @param data the bytes
   * @twisted twisted.internet.interfaces.ITransport.write
   */
  @Override
  void write(byte[] data);

  /**
   * Writes the remaining bytes of {@code data}, copying them; the buffer's position moves to its
   * limit.
   *
   * @param data the bytes
   * @twisted twisted.internet.interfaces.ITransport.write
   */
  default void write(ByteBuffer data) {
    byte[] copy = new byte[data.remaining()];
    data.get(copy);
    write(copy);
  }

  /**
   * Writes several pieces, in order, as one write where the transport can (a gathering write).
   * All or nothing: if any piece is not a byte array (a String smuggled in through a raw type,
   * or a null), nothing is written.
   *
   * @param data the pieces
   * @throws IllegalArgumentException if a piece is not a byte array (Twisted: {@code TypeError})
   * @twisted twisted.internet.interfaces.ITransport.writeSequence
   */
  void writeSequence(Iterable<byte[]> data);

  /**
   * Closes the connection once the buffered bytes are written. The protocol's
   * {@code connectionLost} follows, with {@code ConnectionDone} if all went well. Calling it
   * again does nothing.
   *
   * @twisted twisted.internet.interfaces.ITransport.loseConnection
   */
  void loseConnection();

  /**
   * Whether the transport is closing or closed: {@code loseConnection} or
   * {@code abortConnection} was called, or the connection was lost. Protocols that deliver many
   * messages from one chunk ({@code LineReceiver}) check it to stop delivering once the
   * connection is going away.
   *
   * @return true once disconnecting; false here, for transports that cannot tell
   * @twisted twisted.internet.abstract.FileDescriptor.disconnecting
   */
  default boolean disconnecting() {
    return false;
  }

  /**
   * The address of the other end.
   *
   * @return the peer's address
   * @twisted twisted.internet.interfaces.ITransport.getPeer
   */
  IAddress getPeer();

  /**
   * The address of this end.
   *
   * @return the local address
   * @twisted twisted.internet.interfaces.ITransport.getHost
   */
  IAddress getHost();
}
