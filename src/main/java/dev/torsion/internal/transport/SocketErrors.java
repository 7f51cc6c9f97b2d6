package dev.torsion.internal.transport;

import dev.torsion.internet.error.ConnectBindError;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.DNSLookupError;
import dev.torsion.internet.error.NoRouteError;
import dev.torsion.internet.error.TCPTimedOutError;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Maps the JDK's socket exceptions to Twisted's error types. The JDK gives the errno only in the
 * message (the C library's {@code strerror} text), so the message is what is matched.
 */
public final class SocketErrors {
  private SocketErrors() {}

  /**
   * The Twisted error for a failed connection attempt ({@code error.getConnectError}).
   *
   * @param e the JDK's exception
   * @return a {@link ConnectError} subclass, carrying {@code e} as its cause
   */
  public static RuntimeException connectError(Throwable e) {
    String m = String.valueOf(e.getMessage());
    if (e instanceof BindException) {
      return new ConnectBindError(m, e);
    }
    if (e instanceof NoRouteToHostException || m.contains("No route to host")
        || m.contains("Network is unreachable")) {
      return new NoRouteError(m, e);
    }
    if (e instanceof UnresolvedAddressException || e instanceof UnknownHostException) {
      return new DNSLookupError(m, e);
    }
    if (m.contains("timed out")) {
      return new TCPTimedOutError(m, e);
    }
    if (e instanceof ConnectException || m.contains("Connection refused")) {
      return new ConnectionRefusedError(m, e);
    }
    return new ConnectError(m, e);
  }

  /**
   * Whether an accept failed because the process or the system ran out of file descriptors
   * (EMFILE, ENFILE), or of buffers (ENOBUFS, ENOMEM), which Twisted's accept loop survives.
   *
   * @param e the accept's exception
   * @return true for descriptor or memory exhaustion
   */
  public static boolean isResourceExhaustion(IOException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("Too many open files") || m.contains("No buffer space")
        || m.contains("Cannot allocate memory");
  }

  /**
   * Whether an accept failed because of the process's own descriptor limit (EMFILE), which
   * the reserved descriptor can relieve.
   *
   * @param e the accept's exception
   * @return true for EMFILE
   */
  public static boolean isEMFILE(IOException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("Too many open files") && !m.contains("in system");
  }

  /**
   * The reason for a connection broken by a socket error.
   *
   * @param e the read or write exception
   * @return a {@link ConnectionLost} carrying {@code e}
   */
  public static ConnectionLost connectionLost(IOException e) {
    return new ConnectionLost(String.valueOf(e.getMessage()), e);
  }
}
