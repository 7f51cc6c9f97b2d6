package dev.torsion.protocols.basic;


/**
 * The base of the length-prefixed protocols: each string is sent after its length as an
 * unsigned big-endian integer of {@link #prefixLength()} bytes. Extend
 * {@link Int8StringReceiver}, {@link Int16StringReceiver} or {@link Int32StringReceiver} and
 * override {@link #stringReceived}.
 *
 * <pre>{@code
 * final class Echo extends Int32StringReceiver {
 *   @Override public void stringReceived(byte[] string) { sendString(string); }
 * }
 * }</pre>
 *
 * <p>It is also a push producer for the transport's data, as {@link LineReceiver}: pausing
 * from {@code stringReceived} stops delivery until {@link #resumeProducing()}.
 *
 * <p><b>Re-entrancy.</b> {@link #recvd()} and {@link #setRecvd} may be used from
 * {@code stringReceived} and {@code lengthLimitExceeded} to read or replace the bytes not yet
 * parsed; parsing continues from the replacement. Data passed to {@code dataReceived} from a
 * callback is appended and parsed in order.
 *
 * <p><b>Errors.</b> A length prefix over {@link #maxLength()} (99999 by default) goes to
 * {@link #lengthLimitExceeded}, which closes the connection unless overridden; the string is
 * never delivered. {@link #sendString} throws {@link StringTooLongError} for a string too long
 * for the prefix. An exception from {@code stringReceived} propagates out of
 * {@code dataReceived}.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> {@code MAX_LENGTH} is {@link #maxLength()}/
 * {@link #setMaxLength}; {@code structFormat} is fixed by the subclass; the {@code recvd}
 * attribute is {@link #recvd()}/{@link #setRecvd}; {@code stringReceived} is abstract. After
 * {@code lengthLimitExceeded} returns (without replacing {@code recvd}) only the offending
 * prefix stays buffered, so later chunks report the same length again, as in Twisted, but
 * memory stays bounded where Twisted keeps every later byte.
 *
 * @twisted twisted.protocols.basic.IntNStringReceiver
 */
public abstract class IntNStringReceiver extends PauseableProtocol {
  private final ReceiveBuffer buffer = new ReceiveBuffer();
  private final int prefixLength;
  private int maxLength = 99999;
  /** Counts {@link #setRecvd} calls, to tell whether a callback replaced the buffer. */
  private int replacements;

  /**
   * For the subclasses in this package.
   *
   * @param prefixLength 1, 2 or 4
   */
  IntNStringReceiver(int prefixLength) {
    this.prefixLength = prefixLength;
  }

  /**
   * The size of the length prefix.
   *
   * @return 1, 2 or 4 bytes
   * @twisted twisted.protocols.basic.IntNStringReceiver.prefixLength
   */
  public final int prefixLength() {
    return prefixLength;
  }

  /**
   * The longest string accepted.
   *
   * @return the limit in bytes; 99999 unless set
   * @twisted twisted.protocols.basic.IntNStringReceiver.MAX_LENGTH
   */
  public final int maxLength() {
    return maxLength;
  }

  /**
   * Sets the longest string accepted.
   *
   * @param maxLength the limit in bytes
   * @throws IllegalArgumentException if negative
   * @twisted twisted.protocols.basic.IntNStringReceiver.MAX_LENGTH
   */
  public final void setMaxLength(int maxLength) {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must be >= 0: " + maxLength);
    }
    this.maxLength = maxLength;
  }


  /**
   * A copy of the bytes received but not yet parsed: inside {@code stringReceived}, what
   * follows the string being delivered.
   *
   * @return the unparsed bytes
   * @twisted twisted.protocols.basic.IntNStringReceiver.recvd
   */
  public final byte[] recvd() {
    return buffer.copy(0, buffer.size());
  }

  /**
   * Replaces the bytes not yet parsed; parsing goes on from {@code data}.
   *
   * @param data the new unparsed bytes (copied)
   * @twisted twisted.protocols.basic.IntNStringReceiver.recvd
   */
  public final void setRecvd(byte[] data) {
    replacements++;
    buffer.replace(data);
  }

  /**
   * Parses length-prefixed strings and delivers them.
   *
   * @param data the bytes that arrived
   * @twisted twisted.protocols.basic.IntNStringReceiver.dataReceived
   */
  @Override
  public void dataReceived(byte[] data) {
    buffer.append(data);
    try {
      deliver();
    } finally {
      buffer.own();
    }
  }

  private void deliver() {
    while (buffer.size() >= prefixLength && !paused()) {
      long length = 0;
      for (int i = 0; i < prefixLength; i++) {
        length = (length << 8) | (buffer.get(i) & 0xff);
      }
      if (length > maxLength) {
        int before = replacements;
        lengthLimitExceeded(length);
        if (replacements == before && buffer.size() > prefixLength) {
          // Keep just the prefix: enough to report it again, never more than a chunk.
          byte[] prefix = buffer.copy(0, prefixLength);
          buffer.replace(prefix);
        }
        return;
      }
      if (buffer.size() < prefixLength + length) {
        return;
      }
      int end = prefixLength + (int) length;
      byte[] packet = buffer.copy(prefixLength, end);
      buffer.skip(end);
      stringReceived(packet);
    }
  }

  /**
   * Called with each string received, prefix removed.
   *
   * @param string the string; the receiver keeps no reference to it
   * @twisted twisted.protocols.basic.IntNStringReceiver.stringReceived
   */
  public abstract void stringReceived(byte[] string);

  /**
   * Called when a length prefix over {@link #maxLength()} arrives; {@link #recvd()} then
   * starts with that prefix. Closes the connection here.
   *
   * @param length the length received
   * @twisted twisted.protocols.basic.IntNStringReceiver.lengthLimitExceeded
   */
  public void lengthLimitExceeded(long length) {
    transport().loseConnection();
  }

  /**
   * Writes the length prefix and {@code string} to the transport, as one write.
   *
   * @param string the string
   * @throws StringTooLongError if its length does not fit in the prefix
   * @twisted twisted.protocols.basic.IntNStringReceiver.sendString
   */
  public void sendString(byte[] string) {
    long limit = 1L << (8 * prefixLength);
    if (string.length >= limit) {
      throw new StringTooLongError(
          "Try to send " + string.length + " bytes whereas maximum is " + limit);
    }
    byte[] out = new byte[prefixLength + string.length];
    for (int i = 0; i < prefixLength; i++) {
      out[i] = (byte) (string.length >>> (8 * (prefixLength - 1 - i)));
    }
    System.arraycopy(string, 0, out, prefixLength, string.length);
    transport().write(out);
  }




  /** The buffered byte count, for tests of the memory bound. */
  final int bufferedSize() {
    return buffer.size();
  }
}
