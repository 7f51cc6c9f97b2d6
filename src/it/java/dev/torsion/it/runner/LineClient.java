package dev.torsion.it.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A blocking plain-socket chat client for the runner's tests: every read is bounded by the
 * socket timeout, every line is bounded in length, and {@link #close()} always closes.
 */
public final class LineClient implements AutoCloseable {
  private static final int MAX_LINE = 64 * 1024;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private LineClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * Connects to {@code 127.0.0.1:port}; reads time out after {@code timeoutMs}.
   *
   * @param port the port
   * @param timeoutMs the read bound
   * @param receiveBuffer the socket's receive buffer size, or 0 for the default
   * @return the client
   * @throws IOException if connecting fails
   */
  public static LineClient connect(int port, int timeoutMs, int receiveBuffer)
      throws IOException {
    Socket s = new Socket();
    try {
      if (receiveBuffer > 0) {
        s.setReceiveBufferSize(receiveBuffer);
      }
      s.setSoTimeout(timeoutMs);
      s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
      return new LineClient(s);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /**
   * Sends {@code line} and LF.
   *
   * @param line the text
   * @throws IOException if writing fails
   */
  public void send(String line) throws IOException {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * The next line, without CRLF, or null at the end of the stream.
   *
   * @return the line
   * @throws IOException if reading fails or times out
   */
  public String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
      }
      if (b == '\n') {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("line longer than " + MAX_LINE);
      }
      line.write(b);
    }
  }

  /**
   * Reads lines until one equals {@code expected} or starts with it when it ends with
   * {@code "*"}; fails at the end of the stream or on the read timeout.
   *
   * @param expected the line
   * @return the matching line
   * @throws IOException if reading fails, times out, or the stream ends first
   */
  public String await(String expected) throws IOException {
    boolean prefix = expected.endsWith("*");
    String want = prefix ? expected.substring(0, expected.length() - 1) : expected;
    StringBuilder seen = new StringBuilder();
    while (true) {
      String line;
      try {
        line = readLine();
      } catch (SocketTimeoutException e) {
        throw new IOException("timed out waiting for \"" + expected + "\"; saw:\n" + seen, e);
      }
      if (line == null) {
        throw new IOException("stream ended before \"" + expected + "\"; saw:\n" + seen);
      }
      if (prefix ? line.startsWith(want) : line.equals(want)) {
        return line;
      }
      seen.append(line).append('\n');
    }
  }

  /**
   * Reads until the end of the stream, or a reset; counts the bytes.
   *
   * @return the bytes read
   * @throws IOException on a read timeout
   */
  public long drain() throws IOException {
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    try {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        total += n;
      }
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (IOException e) {
      // A reset: the server aborted the connection; what was read is all there is.
    }
    return total;
  }

  /**
   * The raw output stream, for writing without flushing per line.
   *
   * @return the stream
   */
  public OutputStream output() {
    return out;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
