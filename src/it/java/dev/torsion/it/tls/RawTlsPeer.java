package dev.torsion.it.tls;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.reactor.Reactor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A misbehaving TLS peer on a plain blocking socket of its own thread, independent of the
 * reactor under test: it connects, writes its first bytes, then repeats a unit until it has
 * written {@code floodBytes} or the other side closes, optionally half-closes, and reads until
 * the server closes the connection. {@link #done()} fires on the reactor thread when it ends.
 * {@link #close()} ends it from any thread (a blocked write or read fails at once).
 */
final class RawTlsPeer implements Runnable {
  /** How the server ended the connection, as the peer saw it. */
  enum Ending { EOF, RESET, READ_TIMEOUT, CONNECT_FAILED }

  private final Reactor reactor;
  private final int port;
  private final byte[] first;
  private final byte[] unit;
  private final long floodBytes;
  private final boolean halfClose;
  private final Deferred<Void> done = new Deferred<>();
  private final Thread thread;
  private volatile @Nullable Socket socket;
  volatile long written;
  volatile long received;
  volatile @Nullable Ending ending;

  RawTlsPeer(Reactor reactor, int port, byte[] first, byte[] unit, long floodBytes,
      boolean halfClose) {
    this.reactor = reactor;
    this.port = port;
    this.first = first;
    this.unit = unit;
    this.floodBytes = floodBytes;
    this.halfClose = halfClose;
    this.thread = new Thread(this, "raw-tls-peer-" + port);
    thread.setDaemon(true);
  }

  /** Starts the peer's thread. */
  Deferred<Void> start() {
    thread.start();
    return done;
  }

  Deferred<Void> done() {
    return done;
  }

  @Override
  public void run() {
    try (Socket s = new Socket()) {
      socket = s;
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      // The bound on the whole exchange: the server must close long before.
      s.setSoTimeout(15_000);
      if (!write(s.getOutputStream()) || halfClose) {
        shutdownOutput(s);
      }
      ending = readToEnd(s.getInputStream());
    } catch (IOException e) {
      if (ending == null) {
        ending = Ending.CONNECT_FAILED;
      }
    } finally {
      reactor.callFromThread(() -> done.callback(null));
    }
  }

  /** Writes the script; false if the server closed first. */
  private boolean write(OutputStream out) {
    try {
      out.write(first);
      written += first.length;
      while (unit.length > 0 && written < floodBytes) {
        out.write(unit);
        written += unit.length;
      }
      out.flush();
      return true;
    } catch (IOException closedByServer) {
      return false;
    }
  }

  private static void shutdownOutput(Socket s) {
    try {
      s.shutdownOutput();
    } catch (IOException alreadyClosed) {
      // the server reset the connection: reading tells how it ended
    }
  }

  private Ending readToEnd(InputStream in) {
    byte[] buf = new byte[8192];
    try {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        received += n;
      }
      return Ending.EOF;
    } catch (SocketTimeoutException e) {
      return Ending.READ_TIMEOUT;
    } catch (IOException e) {
      return Ending.RESET;
    }
  }

  /** Closes the socket and waits (bounded) for the thread to end. */
  void close() throws InterruptedException {
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing is all that matters
      }
    }
    thread.join(10_000);
  }

  boolean alive() {
    return thread.isAlive();
  }
}
