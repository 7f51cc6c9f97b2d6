package dev.torsion.internal.linux;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream sockets as plain descriptors: socket(2), bind, listen, accept4, connect, recv, send,
 * shutdown, close, the name calls and socket options. Every call takes native memory its caller
 * owns ({@link SocketAddresses}' scratch block, a backend's buffers); none allocates.
 *
 * <p>The calls of the data path (accept4, recv, send, writev) take addresses as {@code long}:
 * a direct-mapped native with primitive arguments only is JNA's cheapest call, with no
 * conversion of a {@code Pointer} argument. {@code errno} is read only after a failure.
 */
public final class Socket {
  private static final Logger LOG = LoggerFactory.getLogger(Socket.class);
  private Socket() {}

  static {
    Native.register(Socket.class, "c");
  }

  /** The address families. */
  public static final int AF_UNIX = 1;
  /** IPv4. */
  public static final int AF_INET = 2;
  /** IPv6. */
  public static final int AF_INET6 = 10;
  private static final int SOCK_STREAM = 1;
  private static final int SOCK_NONBLOCK = 0x800;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int MSG_NOSIGNAL = 0x4000;
  private static final int SHUT_WR = 1;
  private static final int SOL_SOCKET = 1;
  private static final int IPPROTO_TCP = 6;
  private static final int SO_ERROR = 4;

  static native int socket(int domain, int type, int protocol);

  static native int bind(int fd, Pointer addr, int len);

  static native int listen(int fd, int backlog);

  static native int accept4(int fd, long addr, long len, int flags);

  static native int connect(int fd, Pointer addr, int len);

  static native long recv(int fd, long buf, long len, int flags);

  static native long send(int fd, long buf, long len, int flags);

  static native int shutdown(int fd, int how);

  static native int close(int fd);

  static native int getsockname(int fd, long addr, long len);

  static native int getpeername(int fd, long addr, long len);

  static native int setsockopt(int fd, int level, int name, Pointer val, int len);

  static native int getsockopt(int fd, int level, int name, Pointer val, Pointer len);

  /**
   * A new non-blocking, close-on-exec stream socket.
   *
   * @param family {@link #AF_INET}, {@link #AF_INET6} or {@link #AF_UNIX}
   * @return the descriptor
   * @throws IOException if none can be made ("Too many open files")
   */
  public static int open(int family) throws IOException {
    return Errno.check(socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), "socket");
  }

  /**
   * Takes one waiting connection, non-blocking and close-on-exec.
   *
   * @param fd the listening socket
   * @param addr the address where the peer's address goes, or 0
   * @param len the address of its size in, the address's length out, or 0
   * @return the new descriptor, or -1 when none is waiting
   * @throws IOException on any other error, with the system's message
   */
  public static int accept(int fd, long addr, long len) throws IOException {
    int c = accept4(fd, addr, len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (c < 0) {
      int errno = Errno.last();
      if (errno == Errno.EAGAIN) {
        return -1;
      }
      throw Errno.exception(errno, "accept");
    }
    return c;
  }

  /**
   * Receives into {@code buf}.
   *
   * @param fd the socket
   * @param buf where to put the bytes, {@code len} long
   * @param len the most to read
   * @return the count, 0 at end of stream, -1 if nothing is there yet
   * @throws IOException on a socket error
   */
  public static int read(int fd, Pointer buf, int len) throws IOException {
    return read(fd, Pointer.nativeValue(buf), len);
  }

  /**
   * Receives into the native memory at {@code address}.
   *
   * @param fd the socket
   * @param address where to put the bytes, {@code len} long, owned by the caller
   * @param len the most to read
   * @return the count, 0 at end of stream, -1 if nothing is there yet
   * @throws IOException on a socket error
   */
  public static int read(int fd, long address, int len) throws IOException {
    long n = recv(fd, address, len, 0);
    if (n < 0) {
      int errno = Errno.last();
      if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
        return -1;
      }
      throw Errno.exception(errno, "recv");
    }
    return (int) n;
  }

  /**
   * Sends from {@code buf} without raising SIGPIPE.
   *
   * @param fd the socket
   * @param buf the bytes
   * @param len how many
   * @return how many the socket took, 0 if it is full
   * @throws IOException on a socket error (a reset peer: "Broken pipe")
   */
  public static int write(int fd, Pointer buf, int len) throws IOException {
    return write(fd, Pointer.nativeValue(buf), len);
  }

  /**
   * Sends from the native memory at {@code address} without raising SIGPIPE.
   *
   * @param fd the socket
   * @param address the bytes, owned by the caller
   * @param len how many
   * @return how many the socket took, 0 if it is full
   * @throws IOException on a socket error (a reset peer: "Broken pipe")
   */
  public static int write(int fd, long address, int len) throws IOException {
    long n = send(fd, address, len, MSG_NOSIGNAL);
    if (n < 0) {
      int errno = Errno.last();
      if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
        return 0;
      }
      throw Errno.exception(errno, "send");
    }
    return (int) n;
  }

  /**
   * Ends the write direction.
   *
   * @param fd the socket
   * @throws IOException if the socket refuses
   */
  public static void shutdownOutput(int fd) throws IOException {
    Errno.check(shutdown(fd, SHUT_WR), "shutdown");
  }

  /**
   * Closes a descriptor; errors are ignored, as the descriptor is gone either way on Linux.
   *
   * @param fd the descriptor
   */
  public static void closeQuietly(int fd) {
    close(fd);
  }

  /**
   * Closes a socket's descriptor through its owner: an adopted JDK channel closes itself (and
   * its descriptor), a socket of ours is closed directly. Errors are logged at debug level.
   *
   * @param fd the descriptor
   * @param owner the adopted channel that owns {@code fd}, or null when the socket is ours
   */
  public static void closeOwned(int fd, @Nullable Closeable owner) {
    if (owner == null) {
      closeQuietly(fd);
      return;
    }
    try {
      owner.close();
    } catch (IOException e) {
      LOG.debug("closing adopted channel of descriptor {} failed", fd, e);
    }
  }

  /**
   * Refuses the TCP-only options on a UNIX socket, as the JDK's channels do.
   *
   * @param option the option asked for
   * @param unix whether the socket is AF_UNIX
   * @throws UnsupportedOperationException for TCP_NODELAY or SO_KEEPALIVE on a UNIX socket
   */
  public static void checkStreamOption(SocketOption<?> option, boolean unix) {
    if (unix && (option == StandardSocketOptions.TCP_NODELAY
        || option == StandardSocketOptions.SO_KEEPALIVE)) {
      throw new UnsupportedOperationException("'" + option + "' not supported");
    }
  }

  /**
   * Listens with {@code backlog}.
   *
   * @param fd a bound socket
   * @param backlog the accept queue length
   * @throws IOException if the kernel refuses
   */
  public static void startListening(int fd, int backlog) throws IOException {
    Errno.check(listen(fd, backlog), "listen");
  }

  /**
   * The pending error of a socket ({@code SO_ERROR}), which also clears it: how a non-blocking
   * connect's outcome is read.
   *
   * @param fd the socket
   * @param scratch at least 8 bytes the caller owns
   * @return 0 or the errno
   * @throws IOException if the option cannot be read
   */
  public static int pendingError(int fd, Pointer scratch) throws IOException {
    scratch.setInt(4, 4);
    Errno.check(getsockopt(fd, SOL_SOCKET, SO_ERROR, scratch, scratch.share(4)), "getsockopt");
    return scratch.getInt(0);
  }

  /** The level and name of a JDK socket option. */
  private static int[] optionId(SocketOption<?> option) {
    if (option == StandardSocketOptions.TCP_NODELAY) {
      return new int[] {IPPROTO_TCP, 1};
    } else if (option == StandardSocketOptions.SO_KEEPALIVE) {
      return new int[] {SOL_SOCKET, 9};
    } else if (option == StandardSocketOptions.SO_REUSEADDR) {
      return new int[] {SOL_SOCKET, 2};
    } else if (option == StandardSocketOptions.SO_SNDBUF) {
      return new int[] {SOL_SOCKET, 7};
    } else if (option == StandardSocketOptions.SO_RCVBUF) {
      return new int[] {SOL_SOCKET, 8};
    } else if (option == StandardSocketOptions.SO_LINGER) {
      return new int[] {SOL_SOCKET, 13};
    }
    throw new UnsupportedOperationException("'" + option + "' not supported");
  }

  /**
   * Reads a JDK socket option: booleans, buffer sizes, and {@code SO_LINGER} (-1 when off).
   *
   * @param <T> the option's type
   * @param fd the socket
   * @param option the option
   * @param scratch at least 16 bytes the caller owns
   * @return the value
   * @throws IOException if the socket refuses
   * @throws UnsupportedOperationException for an option not listed above
   */
  public static <T> T getOption(int fd, SocketOption<T> option, Pointer scratch)
      throws IOException {
    int[] id = optionId(option);
    scratch.setInt(12, 8);
    Errno.check(getsockopt(fd, id[0], id[1], scratch, scratch.share(12)), "getsockopt");
    Object value;
    if (option == StandardSocketOptions.SO_LINGER) {
      value = scratch.getInt(0) == 0 ? -1 : scratch.getInt(4);
    } else if (option.type() == Boolean.class) {
      value = scratch.getInt(0) != 0;
    } else {
      value = scratch.getInt(0);
    }
    return option.type().cast(value);
  }

  /**
   * Sets a JDK socket option, as {@link #getOption}.
   *
   * @param <T> the option's type
   * @param fd the socket
   * @param option the option
   * @param value the value
   * @param scratch at least 8 bytes the caller owns
   * @throws IOException if the socket refuses
   * @throws UnsupportedOperationException for an option not listed above
   */
  public static <T> void setOption(int fd, SocketOption<T> option, T value, Pointer scratch)
      throws IOException {
    int[] id = optionId(option);
    int len = 4;
    if (option == StandardSocketOptions.SO_LINGER) {
      int secs = (Integer) value;
      scratch.setInt(0, secs < 0 ? 0 : 1);
      scratch.setInt(4, Math.max(0, secs));
      len = 8;
    } else if (value instanceof Boolean b) {
      scratch.setInt(0, b ? 1 : 0);
    } else {
      scratch.setInt(0, (Integer) value);
    }
    Errno.check(setsockopt(fd, id[0], id[1], scratch, len), "setsockopt");
  }
}
