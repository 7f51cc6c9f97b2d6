package dev.torsion.protocols.basic;

import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.protocol.Protocol;
import java.util.List;

/**
 * A protocol that receives only lines: {@link LineReceiver} without raw mode or pausing, and
 * so a little faster. Override {@link #lineReceived}.
 *
 * <p><b>Re-entrancy.</b> {@code sendLine} and the transport may be used from
 * {@code lineReceived}. Once the transport is {@link ITransport#disconnecting() disconnecting},
 * no more lines are delivered.
 *
 * <p><b>Errors.</b> A line longer than {@link #maxLength()} (16384 by default), or a partial
 * line that already is, goes to {@link #lineLengthExceeded}, which closes the connection unless
 * overridden; the lines after it in the same chunk are dropped, as in Twisted. An exception from
 * {@code lineReceived} propagates out of {@code dataReceived}.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> {@code delimiter} and {@code MAX_LENGTH} are accessor
 * pairs; {@code lineReceived} is abstract instead of raising {@code NotImplementedError}. A
 * partial line handed to {@code lineLengthExceeded} leaves the buffer (Twisted keeps it and
 * hands it over again, longer, with every later chunk), so memory stays bounded even when the
 * override keeps the connection open.
 *
 * @twisted twisted.protocols.basic.LineOnlyReceiver
 */
public abstract class LineOnlyReceiver extends Protocol {
  private final ReceiveBuffer buffer = new ReceiveBuffer();
  private byte[] delimiter = {'\r', '\n'};
  private int maxLength = 16384;
  /** Bytes at the start of the buffer known to hold no delimiter. */
  private int scanned;

  /** For subclasses. */
  protected LineOnlyReceiver() {}

  /**
   * The line delimiter.
   *
   * @return the delimiter; {@code "\r\n"} unless set
   * @twisted twisted.protocols.basic.LineOnlyReceiver.delimiter
   */
  public final byte[] delimiter() {
    return delimiter.clone();
  }

  /**
   * Sets the line delimiter.
   *
   * @param delimiter one or more bytes
   * @throws IllegalArgumentException if empty
   * @twisted twisted.protocols.basic.LineOnlyReceiver.delimiter
   */
  public final void setDelimiter(byte[] delimiter) {
    if (delimiter.length == 0) {
      throw new IllegalArgumentException("delimiter must not be empty");
    }
    this.delimiter = delimiter.clone();
    scanned = 0;
  }

  /**
   * The longest line accepted.
   *
   * @return the limit in bytes, delimiter excluded; 16384 unless set
   * @twisted twisted.protocols.basic.LineOnlyReceiver.MAX_LENGTH
   */
  public final int maxLength() {
    return maxLength;
  }

  /**
   * Sets the longest line accepted.
   *
   * @param maxLength the limit in bytes, delimiter excluded
   * @throws IllegalArgumentException if negative
   * @twisted twisted.protocols.basic.LineOnlyReceiver.MAX_LENGTH
   */
  public final void setMaxLength(int maxLength) {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must be >= 0: " + maxLength);
    }
    this.maxLength = maxLength;
  }

  /**
   * Splits the bytes into lines and delivers them.
   *
   * @param data the bytes that arrived
   * @twisted twisted.protocols.basic.LineOnlyReceiver.dataReceived
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
    int dlen = delimiter.length;
    while (true) {
      int at = buffer.indexOf(delimiter, scanned);
      if (at < 0) {
        int size = buffer.size();
        scanned = Math.max(0, size - dlen + 1);
        if (size > maxLength) {
          scanned = 0;
          lineLengthExceeded(buffer.takeAll());
        }
        return;
      }
      scanned = 0;
      ITransport t = transport;
      if (t != null && t.disconnecting()) {
        dropCompleteLines();
        return;
      }
      if (at > maxLength) {
        byte[] line = buffer.copy(0, at);
        buffer.skip(at + dlen);
        dropCompleteLines();
        lineLengthExceeded(line);
        return;
      }
      byte[] line = buffer.copy(0, at);
      buffer.skip(at + dlen);
      lineReceived(line);
    }
  }

  /** Drops every complete line, as Twisted's split-then-return does on its early exits. */
  private void dropCompleteLines() {
    int at;
    while ((at = buffer.indexOf(delimiter, 0)) >= 0) {
      buffer.skip(at + delimiter.length);
    }
  }

  /**
   * Called with each line, delimiter removed.
   *
   * @param line the line; the receiver keeps no reference to it
   * @twisted twisted.protocols.basic.LineOnlyReceiver.lineReceived
   */
  public abstract void lineReceived(byte[] line);

  /**
   * Writes {@code line} and the delimiter to the transport with one {@code writeSequence}.
   *
   * @param line the line, without delimiter
   * @twisted twisted.protocols.basic.LineOnlyReceiver.sendLine
   */
  public void sendLine(byte[] line) {
    transport().writeSequence(List.of(line, delimiter));
  }

  /**
   * Called with a line longer than {@link #maxLength()}, or with the buffered partial line once
   * it is longer. Closes the connection here.
   *
   * @param line the long line (or partial line)
   * @twisted twisted.protocols.basic.LineOnlyReceiver.lineLengthExceeded
   */
  public void lineLengthExceeded(byte[] line) {
    transport().loseConnection();
  }

  /** The buffered byte count, for tests of the memory bound. */
  final int bufferedSize() {
    return buffer.size();
  }
}
