package dev.torsion.internal.linux;

import com.sun.jna.Native;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;

/**
 * The C library's {@code errno} values the backends test for, and their mapping to the JDK's
 * exception types with the system's message text ({@code strerror}), so code that matches
 * "Too many open files" or {@code instanceof BindException} treats native and JDK sockets alike.
 */
public final class Errno {
  private Errno() {}

  static {
    Native.register(Errno.class, "c");
  }

  /** Interrupted system call. */
  public static final int EINTR = 4;
  /** Try again: the non-blocking call would block. */
  public static final int EAGAIN = 11;
  /** The process's descriptor table is full. */
  public static final int EMFILE = 24;
  /** Operation now in progress: a non-blocking connect started. */
  public static final int EINPROGRESS = 115;
  static final int ENETUNREACH = 101;
  static final int ECONNREFUSED = 111;
  static final int EHOSTUNREACH = 113;
  static final int EADDRINUSE = 98;
  static final int EADDRNOTAVAIL = 99;

  static native String strerror(int errnum);

  /**
   * The calling thread's {@code errno} after the last native call.
   *
   * @return the error number
   */
  public static int last() {
    return Native.getLastError();
  }

  /**
   * An exception for {@code errno}, of the JDK's type for it, with the system's text.
   *
   * @param errno the error number
   * @param call what failed, such as {@code "connect"}, appended to the message
   * @return the exception
   */
  public static IOException exception(int errno, String call) {
    String m = strerror(errno) + " (" + call + ")";
    switch (errno) {
      case EADDRINUSE:
      case EADDRNOTAVAIL:
        return new BindException(m);
      case ECONNREFUSED:
        return new ConnectException(m);
      case ENETUNREACH:
      case EHOSTUNREACH:
        return new NoRouteToHostException(m);
      default:
        return new IOException(m);
    }
  }

  /**
   * The exception for the last native call's {@code errno}.
   *
   * @param call what failed
   * @return the exception
   */
  public static IOException last(String call) {
    return exception(last(), call);
  }

  /**
   * Throws the last call's error if {@code result} is negative.
   *
   * @param result a system call's return value
   * @param call what was called
   * @return {@code result}
   * @throws IOException if {@code result} is negative
   */
  public static int check(int result, String call) throws IOException {
    if (result < 0) {
      throw last(call);
    }
    return result;
  }
}
