package dev.torsion.protocols.basic;

import dev.torsion.internet.protocol.Protocol;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol that sends and receives netstrings (<a
 * href="https://cr.yp.to/proto/netstrings.txt">cr.yp.to/proto/netstrings.txt</a>): the
 * payload's length in decimal ASCII (no leading zeros), a colon, the payload, a comma.
 * Override {@link #stringReceived}.
 *
 * <pre>{@code
 * final class Echo extends NetstringReceiver {
 *   @Override public void stringReceived(byte[] string) { sendString(string); }
 * }
 * }</pre>
 *
 * <p><b>Re-entrancy.</b> {@code sendString} and the transport may be used from
 * {@code stringReceived}.
 *
 * <p><b>Errors.</b> Bytes that are not a netstring — no length, a leading zero, no colon, no
 * trailing comma, or a length over {@link #maxLength()} (99999 by default, refused as soon as
 * its digits show it) — close the connection with {@code transport.loseConnection()} and set
 * {@link #brokenPeer()}; the {@link NetstringParseError} is logged at DEBUG, never thrown. An
 * exception from {@code stringReceived} propagates out of {@code dataReceived}.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> {@code MAX_LENGTH} is an accessor pair and
 * {@code stringReceived} is abstract. After a parse error later bytes are discarded (Twisted
 * keeps appending them to a buffer it never parses again). A length followed by a newline is
 * refused at once (Twisted's pattern lets {@code "12\n"} wait for one more byte).
 *
 * @twisted twisted.protocols.basic.NetstringReceiver
 */
public abstract class NetstringReceiver extends Protocol {
  private static final Logger LOG = LoggerFactory.getLogger(NetstringReceiver.class);
  private static final String MISSING_LENGTH =
      "The received netstring does not start with a length specification.";
  private static final String MISSING_COMMA =
      "The received netstring is not terminated by a comma.";

  /** What the parser expects next. */
  private enum State {
    /** Digits and a colon. */
    PARSING_LENGTH,
    /** {@code expectedPayloadSize} bytes: the payload and its comma. */
    PARSING_PAYLOAD,
    /** A parse error closed the connection; bytes are discarded. */
    BROKEN
  }

  private final ReceiveBuffer buffer = new ReceiveBuffer();
  private int maxLength = 99999;
  private State state = State.PARSING_LENGTH;
  /** The payload size plus one, for the comma. */
  private long expectedPayloadSize;

  /** For subclasses. */
  protected NetstringReceiver() {}

  /**
   * The longest payload accepted.
   *
   * @return the limit in bytes; 99999 unless set
   * @twisted twisted.protocols.basic.NetstringReceiver.MAX_LENGTH
   */
  public final int maxLength() {
    return maxLength;
  }

  /**
   * Sets the longest payload accepted.
   *
   * @param maxLength the limit in bytes
   * @throws IllegalArgumentException if negative
   * @twisted twisted.protocols.basic.NetstringReceiver.MAX_LENGTH
   */
  public final void setMaxLength(int maxLength) {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must be >= 0: " + maxLength);
    }
    this.maxLength = maxLength;
  }

  /**
   * Whether a parse error closed the connection.
   *
   * @return true after bytes that are not a netstring
   * @twisted twisted.protocols.basic.NetstringReceiver.brokenPeer
   */
  public final boolean brokenPeer() {
    return state == State.BROKEN;
  }

  /**
   * Writes {@code string} as a netstring to the transport, as one write.
   *
   * @param string the payload
   * @twisted twisted.protocols.basic.NetstringReceiver.sendString
   */
  public void sendString(byte[] string) {
    byte[] length = Integer.toString(string.length).getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[length.length + string.length + 2];
    System.arraycopy(length, 0, out, 0, length.length);
    out[length.length] = ':';
    System.arraycopy(string, 0, out, length.length + 1, string.length);
    out[out.length - 1] = ',';
    transport().write(out);
  }

  /**
   * Parses netstrings and delivers their payloads.
   *
   * @param data the bytes that arrived
   * @twisted twisted.protocols.basic.NetstringReceiver.dataReceived
   */
  @Override
  public void dataReceived(byte[] data) {
    if (state == State.BROKEN) {
      return;
    }
    buffer.append(data);
    try {
      while (!buffer.isEmpty() && consume()) {
        // consume() delivered one netstring; go on with the rest.
      }
    } catch (NetstringParseError e) {
      LOG.debug("{}: closing the connection: {}", logPrefix(), e.getMessage());
      state = State.BROKEN;
      buffer.clear();
      transport().loseConnection();
    } finally {
      buffer.own();
    }
  }

  /** Parses what it can; false when more bytes are needed. */
  private boolean consume() {
    if (state == State.PARSING_LENGTH && !consumeLength()) {
      return false;
    }
    if (state != State.PARSING_PAYLOAD || buffer.size() < expectedPayloadSize) {
      return false;
    }
    int length = (int) expectedPayloadSize - 1;
    if (buffer.get(length) != ',') {
      throw new NetstringParseError(MISSING_COMMA);
    }
    byte[] payload = buffer.copy(0, length);
    buffer.skip(length + 1);
    state = State.PARSING_LENGTH;
    stringReceived(payload);
    return true;
  }

  /**
   * Parses {@code (0|[1-9][0-9]*):} at the buffer's start; false if it is a valid prefix of
   * one. Refuses a length over the limit as soon as its digits show it.
   */
  private boolean consumeLength() {
    int size = buffer.size();
    int maxDigits = Integer.toString(maxLength).length() + 1;
    long value = 0;
    int i = 0;
    while (i < size) {
      byte b = buffer.get(i);
      if (b == ':' && i > 0) {
        break;
      }
      if (b < '0' || b > '9' || (i == 1 && buffer.get(0) == '0')) {
        throw new NetstringParseError(MISSING_LENGTH);
      }
      if (i + 1 > maxDigits) {
        throw new NetstringParseError(tooLong());
      }
      value = value * 10 + (b - '0');
      i++;
    }
    if (value > maxLength) {
      throw new NetstringParseError(tooLong());
    }
    if (i == size) {
      return false;
    }
    buffer.skip(i + 1);
    expectedPayloadSize = value + 1;
    state = State.PARSING_PAYLOAD;
    return true;
  }

  private String tooLong() {
    return "The received netstring is longer than the maximum " + maxLength
        + " specified by self.MAX_LENGTH";
  }

  /**
   * Called with each payload received.
   *
   * @param string the payload; the receiver keeps no reference to it
   * @twisted twisted.protocols.basic.NetstringReceiver.stringReceived
   */
  public abstract void stringReceived(byte[] string);

  /** The payload size plus one, once a length is parsed; for tests. */
  final long expectedPayloadSize() {
    return expectedPayloadSize;
  }

  /** Whether no netstring is part-received, or the one part-received is all here. */
  final boolean payloadComplete() {
    return state != State.PARSING_PAYLOAD || buffer.size() >= expectedPayloadSize;
  }

  /** The buffered byte count, for tests of the memory bound. */
  final int bufferedSize() {
    return buffer.size();
  }
}
