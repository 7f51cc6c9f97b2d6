package dev.torsion.protocols.policies;

import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.python.failure.Failure;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * The wrapper a {@link TrafficLoggingFactory} puts around each protocol: it writes one line to
 * its log for each event, in Twisted's format ({@code N} is the connection's number):
 *
 * <pre>
 * *                      the connection was made
 * C N: b'bytes'          bytes received from the client
 * S N: b'bytes'          bytes written to the client
 * SV N: [b'a', b'b']     bytes written with writeSequence
 * S N: *                 the server closed the connection
 * C N: &lt;...Failure...&gt;   the connection was lost, and why
 * </pre>
 *
 * <p>Bytes are shown as Python's {@code repr} shows them. With a length limit, longer data is
 * cut to {@code limit - 12} bytes and marked {@code <... elided>} inside the quotes.
 *
 * <p><b>Errors.</b> A failure to write the log is thrown as {@link UncheckedIOException}; from
 * {@code dataReceived} that closes the connection, as any exception there does.
 *
 * <p><b>Lifecycle.</b> The log is flushed after each line. A log file the factory opened itself
 * is closed after the {@code connectionLost} line; a log supplied by the caller's opener is not.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> Twisted never closes the log file. Its length limit adds
 * a {@code str} to {@code bytes} and fails on Python 3; here it works as intended.
 *
 * @twisted twisted.protocols.policies.TrafficLoggingProtocol
 */
public final class TrafficLoggingProtocol extends ProtocolWrapper {
  private final Appendable logfile;
  private final @Nullable Integer lengthLimit;
  private final int number;
  private final boolean closeLog;

  TrafficLoggingProtocol(TrafficLoggingFactory factory, IProtocol wrappedProtocol,
      Appendable logfile, @Nullable Integer lengthLimit, int number, boolean closeLog) {
    super(factory, wrappedProtocol);
    this.logfile = logfile;
    this.lengthLimit = lengthLimit;
    this.number = number;
    this.closeLog = closeLog;
  }

  /**
   * Where this connection's traffic is logged.
   *
   * @return the log
   * @twisted twisted.protocols.policies.TrafficLoggingProtocol.logfile
   */
  public Appendable logfile() {
    return logfile;
  }

  /**
   * This connection's number in the log lines.
   *
   * @return the factory's counter when this wrapper was built
   */
  public int number() {
    return number;
  }

  private void log(CharSequence line) {
    try {
      logfile.append(line).append('\n');
      if (logfile instanceof Flushable f) {
        f.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the traffic log", e);
    }
  }

  private void munge(StringBuilder out, byte[] data) {
    Integer limit = lengthLimit;
    if (limit != null && limit > 0 && data.length > limit) {
      PyRepr.bytes(out, data, Math.max(0, limit - 12), "<... elided>");
    } else {
      PyRepr.bytes(out, data, data.length, "");
    }
  }

  private StringBuilder line(String prefix) {
    return new StringBuilder(prefix).append(' ').append(number).append(": ");
  }

  @Override
  public void connectionMade() {
    log("*");
    super.connectionMade();
  }

  @Override
  public void dataReceived(byte[] data) {
    StringBuilder line = line("C");
    munge(line, data);
    log(line);
    super.dataReceived(data);
  }

  @Override
  public void connectionLost(Failure reason) {
    try {
      log(line("C").append(reason));
    } finally {
      try {
        super.connectionLost(reason);
      } finally {
        if (closeLog && logfile instanceof Closeable c) {
          try {
            c.close();
          } catch (IOException e) {
            throw new UncheckedIOException("cannot close the traffic log", e);
          }
        }
      }
    }
  }

  @Override
  public void write(byte[] data) {
    StringBuilder line = line("S");
    munge(line, data);
    log(line);
    super.write(data);
  }

  @Override
  public void writeSequence(Iterable<byte[]> data) {
    StringBuilder line = line("SV").append('[');
    String sep = "";
    for (byte[] piece : data) {
      line.append(sep);
      munge(line, piece);
      sep = ", ";
    }
    log(line.append(']'));
    super.writeSequence(data);
  }

  @Override
  public void loseConnection() {
    log(line("S").append('*'));
    super.loseConnection();
  }
}
