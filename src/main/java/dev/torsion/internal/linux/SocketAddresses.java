package dev.torsion.internal.linux;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Converts between the JDK's socket addresses and {@code struct sockaddr_in}, {@code _in6} and
 * {@code _un} in one block of native memory owned by this object, reused for every call and
 * freed by {@link #close()}. One thread only (the reactor's).
 */
public final class SocketAddresses implements AutoCloseable {
  /** sockaddr_un is the largest: 2 + 108 bytes; then 16 bytes of scratch and a length. */
  private static final int SIZE = 112;
  private static final int SCRATCH = 112;
  private static final int LEN = 128;
  private final Memory block = new Memory(136);
  /** Views into {@link #block}, made once: each {@code share} call allocates. */
  private final Pointer scratch = block.share(SCRATCH, 16);
  /**
   * {@link #block}'s address, and a view of it in the CPU's byte order: the name calls take the
   * address, and the view reads and writes fields with no JNI call.
   */
  private final long address = Pointer.nativeValue(block);
  private final ByteBuffer view = block.getByteBuffer(0, block.size())
      .order(ByteOrder.nativeOrder());

  /**
   * A 16-byte scratch block for socket options, inside this object's memory.
   *
   * @return the block, valid until {@link #close()}
   */
  public Pointer scratch() {
    return scratch;
  }

  /**
   * The address family for {@code address}.
   *
   * @param address an {@link InetSocketAddress} or {@link UnixDomainSocketAddress}
   * @return {@link Socket#AF_INET}, {@link Socket#AF_INET6} or {@link Socket#AF_UNIX}
   */
  public static int family(SocketAddress address) {
    if (address instanceof UnixDomainSocketAddress) {
      return Socket.AF_UNIX;
    }
    return ((InetSocketAddress) address).getAddress() instanceof Inet6Address
        ? Socket.AF_INET6 : Socket.AF_INET;
  }

  private int encode(SocketAddress address) throws IOException {
    return encode(block, address);
  }

  /** Writes {@code address} into {@code block} (at least 112 bytes); returns its length. */
  static int encode(com.sun.jna.Pointer block, SocketAddress address) throws IOException {
    block.clear(SIZE);
    if (address instanceof UnixDomainSocketAddress u) {
      byte[] path = u.getPath().toString().getBytes(StandardCharsets.UTF_8);
      if (path.length > 107) {
        throw new IOException("UNIX socket path too long (" + path.length + " bytes, 107 at most)");
      }
      block.setShort(0, (short) Socket.AF_UNIX);
      block.write(2, path, 0, path.length);
      return 2 + path.length + 1;
    }
    InetSocketAddress a = (InetSocketAddress) address;
    if (a.isUnresolved()) {
      throw new IOException("unresolved address " + a);
    }
    int port = a.getPort();
    block.setByte(2, (byte) (port >> 8));
    block.setByte(3, (byte) port);
    byte[] ip = a.getAddress().getAddress();
    if (a.getAddress() instanceof Inet6Address v6) {
      block.setShort(0, (short) Socket.AF_INET6);
      block.write(8, ip, 0, 16);
      block.setInt(24, v6.getScopeId());
      return 28;
    }
    block.setShort(0, (short) Socket.AF_INET);
    block.write(4, ip, 0, 4);
    return 16;
  }

  /** Reads the address the block holds. */
  private InetSocketAddress decode(int fd, String call) throws IOException {
    // Read through the view: a field read is a memory load there, a JNI call on the Memory.
    int family = view.getShort(0);
    int port = ((view.get(2) & 0xff) << 8) | (view.get(3) & 0xff);
    if (family == Socket.AF_INET) {
      byte[] ip = new byte[4];
      view.get(4, ip);
      return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    }
    if (family == Socket.AF_INET6) {
      byte[] ip = new byte[16];
      view.get(8, ip);
      int scope = view.getInt(24);
      // A v4-mapped address comes back as an Inet4Address, as the JDK's channels report it.
      InetAddress addr = scope == 0 ? InetAddress.getByAddress(ip)
          : Inet6Address.getByAddress(null, ip, scope);
      return new InetSocketAddress(addr, port);
    }
    throw new IOException(call + " of descriptor " + fd + ": not an IP socket (family "
        + family + ")");
  }

  /**
   * Binds {@code fd} to {@code address}.
   *
   * @param fd the socket
   * @param address where
   * @throws IOException a {@link BindException} if the address is taken or foreign
   */
  public void bind(int fd, SocketAddress address) throws IOException {
    int len = encode(address);
    Errno.check(Socket.bind(fd, block, len), "bind");
  }

  /**
   * Opens a socket for reaching {@code remote}, bound to {@code local} when one is given: the
   * first step of every native connect.
   *
   * @param remote the peer, whose family the socket takes
   * @param local the address to bind, or null to let the kernel choose
   * @return the new socket, owned by the caller
   * @throws IOException if the socket cannot be opened, or a {@link BindException}
   *     (whatever the kernel's reason) if it cannot be bound; the socket is closed then
   */
  public int openBound(SocketAddress remote, @Nullable InetSocketAddress local)
      throws IOException {
    int fd = Socket.open(family(remote));
    try {
      if (local != null) {
        try {
          bind(fd, local);
        } catch (BindException e) {
          throw e;
        } catch (IOException e) {
          throw (BindException) new BindException(e.getMessage()).initCause(e);
        }
      }
      return fd;
    } catch (IOException | RuntimeException e) {
      Socket.closeQuietly(fd);
      throw e;
    }
  }

  /**
   * Starts a non-blocking connect.
   *
   * @param fd the socket
   * @param address the peer
   * @return true if connected at once, false if in progress
   * @throws IOException if it failed at once
   */
  public boolean connect(int fd, SocketAddress address) throws IOException {
    int len = encode(address);
    if (Socket.connect(fd, block, len) == 0) {
      return true;
    }
    int errno = Errno.last();
    if (errno == Errno.EINPROGRESS) {
      return false;
    }
    throw Errno.exception(errno, "connect");
  }

  /**
   * The address {@code fd} is bound to.
   *
   * @param fd an IP socket
   * @return the address
   * @throws IOException if the call fails or the socket is not IP
   */
  public InetSocketAddress local(int fd) throws IOException {
    view.putInt(LEN, SIZE);
    Errno.check(Socket.getsockname(fd, address, address + LEN), "getsockname");
    return decode(fd, "getsockname");
  }

  /**
   * The peer's address.
   *
   * @param fd a connected IP socket
   * @return the address
   * @throws IOException if the call fails or the socket is not IP
   */
  public InetSocketAddress remote(int fd) throws IOException {
    view.putInt(LEN, SIZE);
    Errno.check(Socket.getpeername(fd, address, address + LEN), "getpeername");
    return decode(fd, "getpeername");
  }

  /**
   * Takes one waiting connection, non-blocking and close-on-exec, keeping its peer's address
   * for {@link #accepted}: a peer that already reset the connection has no name any more.
   *
   * @param fd the listening socket
   * @return the new descriptor, or -1 when none is waiting
   * @throws IOException on any other error, with the system's message
   */
  public int accept(int fd) throws IOException {
    view.putInt(LEN, SIZE);
    // SAFETY: the block is ours until close(); the kernel writes the name and its length.
    return Socket.accept(fd, address, address + LEN);
  }

  /**
   * The peer of the connection the last {@link #accept} returned.
   *
   * @param fd the accepted descriptor, for messages
   * @return the address, or null for a UNIX socket
   * @throws IOException if the address is of no known family
   */
  public @Nullable InetSocketAddress accepted(int fd) throws IOException {
    return view.getShort(0) == Socket.AF_UNIX ? null : decode(fd, "accept");
  }

  /**
   * The family of the socket {@code fd}.
   *
   * @param fd a socket
   * @return its address family
   * @throws IOException if the call fails
   */
  public int familyOf(int fd) throws IOException {
    view.putInt(LEN, SIZE);
    Errno.check(Socket.getsockname(fd, address, address + LEN), "getsockname");
    return view.getShort(0);
  }

  /** Frees the native memory. Idempotent. */
  @Override
  public void close() {
    block.close();
  }
}
