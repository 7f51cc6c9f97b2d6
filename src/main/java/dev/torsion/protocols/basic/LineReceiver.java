package dev.torsion.protocols.basic;

import dev.torsion.internet.interfaces.ITransport;

/**
 * A protocol that receives lines and, when switched to raw mode, raw data: HTTP, IRC, POP and
 * SMTP are built on it. Override {@link #lineReceived}, and {@link #rawDataReceived} if the
 * protocol uses {@link #setRawMode()}.
 *
 * <pre>{@code
 * final class Echo extends LineReceiver {
 *   @Override public void lineReceived(byte[] line) { sendLine(line); }
 * }
 * }</pre>
 *
 * <p>In line mode each complete line (without its {@link #delimiter()}, {@code "\r\n"} by
 * default) goes to {@code lineReceived}; in raw mode whatever bytes are buffered go to
 * {@code rawDataReceived}. Bytes already received but not yet delivered when the mode changes
 * are delivered in the new mode, so switching inside {@code lineReceived} is the way to read a
 * body after a header. The protocol is also a push producer for the transport's data:
 * {@link #pauseProducing()} (from {@code lineReceived}, say) stops delivery at once — the rest
 * stays buffered — and {@link #resumeProducing()} delivers it.
 *
 * <p><b>Re-entrancy.</b> Every method may be called from inside {@code lineReceived} or
 * {@code rawDataReceived}. Data passed to {@code dataReceived} (or {@code setLineMode(extra)})
 * from inside a callback is buffered and delivered, in order, after the callback returns.
 *
 * <p><b>Errors.</b> A line longer than {@link #maxLength()} (16384 by default) goes to
 * {@link #lineLengthExceeded}, which closes the connection unless overridden. An exception
 * from {@code lineReceived} or {@code rawDataReceived} propagates out of {@code dataReceived}
 * (the transport logs it and closes the connection); the bytes after that line stay buffered.
 *
 * <p><b>Threading.</b> Reactor thread only, as every protocol.
 *
 * <p><b>Differences from Twisted.</b> Class attributes {@code delimiter} and {@code MAX_LENGTH}
 * are {@link #delimiter()}/{@link #setDelimiter} and {@link #maxLength()}/{@link #setMaxLength}
 * (set them in the subclass's constructor). Twisted lets {@code lineReceived} return an error
 * value that stops delivery and is returned by {@code dataReceived}; here callbacks return
 * nothing and errors are exceptions. {@code lineReceived} is abstract instead of raising
 * {@code NotImplementedError}; {@code rawDataReceived} throws
 * {@link UnsupportedOperationException} unless overridden. A partial line is searched for the
 * delimiter only once, so a long line arriving a byte at a time costs linear time.
 *
 * @twisted twisted.protocols.basic.LineReceiver
 */
public abstract class LineReceiver extends PauseableProtocol {
  private final ReceiveBuffer buffer = new ReceiveBuffer();
  private byte[] delimiter = {'\r', '\n'};
  private int maxLength = 16384;
  private boolean lineMode = true;
  private boolean busyReceiving;
  /** Bytes at the start of the buffer known to hold no delimiter. */
  private int scanned;

  /** For subclasses. */
  protected LineReceiver() {}

  /**
   * The line delimiter.
   *
   * @return the delimiter; {@code "\r\n"} unless set
   * @twisted twisted.protocols.basic.LineReceiver.delimiter
   */
  public final byte[] delimiter() {
    return delimiter.clone();
  }

  /**
   * Sets the line delimiter.
   *
   * @param delimiter one or more bytes
   * @throws IllegalArgumentException if empty
   * @twisted twisted.protocols.basic.LineReceiver.delimiter
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
   * @twisted twisted.protocols.basic.LineReceiver.MAX_LENGTH
   */
  public final int maxLength() {
    return maxLength;
  }

  /**
   * Sets the longest line accepted.
   *
   * @param maxLength the limit in bytes, delimiter excluded
   * @throws IllegalArgumentException if negative
   * @twisted twisted.protocols.basic.LineReceiver.MAX_LENGTH
   */
  public final void setMaxLength(int maxLength) {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must be >= 0: " + maxLength);
    }
    this.maxLength = maxLength;
  }


  /**
   * Whether the receiver is in line mode.
   *
   * @return true in line mode, false in raw mode
   * @twisted twisted.protocols.basic.LineReceiver.line_mode
   */
  public final boolean lineMode() {
    return lineMode;
  }

  /**
   * Removes and returns the buffered bytes not yet delivered. May be called from
   * {@code lineReceived}: nothing more from the current chunk is then delivered.
   *
   * @return the bytes that were buffered
   * @twisted twisted.protocols.basic.LineReceiver.clearLineBuffer
   */
  public final byte[] clearLineBuffer() {
    scanned = 0;
    return buffer.takeAll();
  }

  /**
   * Splits the bytes into lines (or raw data, in raw mode) and delivers them.
   *
   * @param data the bytes that arrived
   * @twisted twisted.protocols.basic.LineReceiver.dataReceived
   */
  @Override
  public void dataReceived(byte[] data) {
    buffer.append(data);
    if (busyReceiving) {
      // A callback below us fed data: the loop below picks it up after the callback returns.
      return;
    }
    busyReceiving = true;
    try {
      deliver();
    } finally {
      busyReceiving = false;
      buffer.own();
    }
  }

  private void deliver() {
    while (!buffer.isEmpty() && !paused()) {
      if (!lineMode) {
        scanned = 0;
        rawDataReceived(buffer.takeAll());
        continue;
      }
      int dlen = delimiter.length;
      int at = buffer.indexOf(delimiter, scanned);
      if (at < 0) {
        int size = buffer.size();
        if ((long) size >= (long) maxLength + dlen) {
          lineLengthExceeded(clearLineBuffer());
          return;
        }
        scanned = Math.max(0, size - dlen + 1);
        return;
      }
      scanned = 0;
      if (at > maxLength) {
        lineLengthExceeded(clearLineBuffer());
        return;
      }
      byte[] line = buffer.copy(0, at);
      buffer.skip(at + dlen);
      lineReceived(line);
      ITransport t = transport;
      if (t != null && t.disconnecting()) {
        return;
      }
    }
  }

  /**
   * Switches to line mode; {@code extra} (bytes a {@code rawDataReceived} consumer did not
   * use) is parsed for lines before anything received later.
   *
   * @param extra bytes to parse for lines; may be empty
   * @twisted twisted.protocols.basic.LineReceiver.setLineMode
   */
  public final void setLineMode(byte[] extra) {
    lineMode = true;
    if (extra.length > 0) {
      dataReceived(extra);
    }
  }

  /**
   * Switches to line mode.
   *
   * @twisted twisted.protocols.basic.LineReceiver.setLineMode
   */
  public final void setLineMode() {
    lineMode = true;
  }

  /**
   * Switches to raw mode: buffered and later bytes go to {@link #rawDataReceived}.
   *
   * @twisted twisted.protocols.basic.LineReceiver.setRawMode
   */
  public final void setRawMode() {
    lineMode = false;
  }

  /**
   * Called with each line, delimiter removed.
   *
   * @param line the line; the receiver keeps no reference to it
   * @twisted twisted.protocols.basic.LineReceiver.lineReceived
   */
  public abstract void lineReceived(byte[] line);

  /**
   * Called in raw mode with the bytes received.
   *
   * @param data the bytes; the receiver keeps no reference to them
   * @throws UnsupportedOperationException unless overridden
   * @twisted twisted.protocols.basic.LineReceiver.rawDataReceived
   */
  public void rawDataReceived(byte[] data) {
    throw new UnsupportedOperationException(getClass().getName() + ".rawDataReceived");
  }

  /**
   * Writes {@code line} and the delimiter to the transport, as one write.
   *
   * @param line the line, without delimiter
   * @twisted twisted.protocols.basic.LineReceiver.sendLine
   */
  public void sendLine(byte[] line) {
    byte[] out = new byte[line.length + delimiter.length];
    System.arraycopy(line, 0, out, 0, line.length);
    System.arraycopy(delimiter, 0, out, line.length, delimiter.length);
    transport().write(out);
  }

  /**
   * Called when a line is longer than {@link #maxLength()}, with every byte buffered at that
   * moment (the long line, and possibly more lines after it, or only the start of the long
   * line); the buffer is then empty. Closes the connection here.
   *
   * @param line the buffered bytes, starting with the long line
   * @twisted twisted.protocols.basic.LineReceiver.lineLengthExceeded
   */
  public void lineLengthExceeded(byte[] line) {
    transport().loseConnection();
  }




  /** The buffered byte count, for tests of the memory bound. */
  final int bufferedSize() {
    return buffer.size();
  }

  /** The buffer's owned capacity, for tests of the memory bound. */
  final int bufferCapacity() {
    return buffer.capacity();
  }
}
