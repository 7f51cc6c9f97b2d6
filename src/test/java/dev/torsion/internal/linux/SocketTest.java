package dev.torsion.internal.linux;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import com.sun.jna.Memory;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

public class SocketTest {
  /** A connected pair {accepted, client} on {@code where}; waits at most ten seconds. */
  static int[] connectedPair(SocketAddresses a, InetSocketAddress where) throws IOException {
    int l = Socket.open(SocketAddresses.family(where));
    try {
      a.bind(l, where);
      Socket.startListening(l, 1);
      InetSocketAddress bound = a.local(l);
      int c = Socket.open(SocketAddresses.family(where));
      a.connect(c, bound);
      try (Poll.Fds fds = new Poll.Fds(1)) {
        fds.set(0, l, Poll.POLLIN);
        assertEquals(fds.await(1, 10_000), 1, "the connection arrives");
      }
      int s = a.accept(l);
      assertTrue(s >= 0);
      return new int[] {s, c};
    } finally {
      Socket.closeQuietly(l);
    }
  }

  private static int readWithin(int fd, Memory buf) throws IOException {
    try (Poll.Fds fds = new Poll.Fds(1)) {
      fds.set(0, fd, Poll.POLLIN);
      assertEquals(fds.await(1, 10_000), 1);
    }
    return Socket.read(fd, buf, (int) buf.size());
  }

  @Test
  public void bytesGoRoundAndShutdownEndsTheStream() throws IOException {
    try (SocketAddresses a = new SocketAddresses(); Memory buf = new Memory(64)) {
      int[] p = connectedPair(a, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try {
        assertEquals(Socket.read(p[0], buf, 64), -1, "nothing yet: -1, not an error");
        buf.setString(0, "hello", "US-ASCII");
        assertEquals(Socket.write(p[1], buf, 5), 5);
        assertEquals(readWithin(p[0], buf), 5);
        assertEquals(buf.getString(0, "US-ASCII").substring(0, 5), "hello");
        Socket.shutdownOutput(p[1]);
        assertEquals(readWithin(p[0], buf), 0, "end of stream");
        assertEquals(a.remote(p[0]), a.local(p[1]));
        assertEquals(a.accepted(p[0]), a.local(p[1]), "the accept kept the peer's address");
      } finally {
        Socket.closeQuietly(p[0]);
        Socket.closeQuietly(p[1]);
      }
    }
  }

  @Test
  public void ipv6AddressesRoundTrip() throws IOException {
    try (SocketAddresses a = new SocketAddresses()) {
      int[] p = connectedPair(a, new InetSocketAddress("::1", 0));
      try {
        assertEquals(a.local(p[0]).getAddress(), InetAddress.getByName("::1"));
        assertEquals(a.remote(p[1]).getPort(), a.local(p[0]).getPort());
      } finally {
        Socket.closeQuietly(p[0]);
        Socket.closeQuietly(p[1]);
      }
    }
  }

  @Test
  public void optionsAsTheJdkNamesThem() throws IOException {
    try (SocketAddresses a = new SocketAddresses()) {
      int fd = Socket.open(Socket.AF_INET);
      try {
        Socket.setOption(fd, StandardSocketOptions.TCP_NODELAY, true, a.scratch());
        assertTrue(Socket.getOption(fd, StandardSocketOptions.TCP_NODELAY, a.scratch()));
        Socket.setOption(fd, StandardSocketOptions.SO_KEEPALIVE, false, a.scratch());
        assertFalse(Socket.getOption(fd, StandardSocketOptions.SO_KEEPALIVE, a.scratch()));
        assertEquals(Socket.getOption(fd, StandardSocketOptions.SO_LINGER, a.scratch()), -1);
        Socket.setOption(fd, StandardSocketOptions.SO_LINGER, 0, a.scratch());
        assertEquals(Socket.getOption(fd, StandardSocketOptions.SO_LINGER, a.scratch()), 0);
        expectThrows(UnsupportedOperationException.class,
            () -> Socket.getOption(fd, StandardSocketOptions.IP_TOS, a.scratch()));
      } finally {
        Socket.closeQuietly(fd);
      }
    }
  }

  @Test
  public void refusedConnectIsToldBySoError() throws IOException {
    try (SocketAddresses a = new SocketAddresses(); Poll.Fds fds = new Poll.Fds(1)) {
      // A port bound but not listening refuses.
      int closed = Socket.open(Socket.AF_INET);
      int c = Socket.open(Socket.AF_INET);
      try {
        a.bind(closed, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        a.connect(c, a.local(closed));
        fds.set(0, c, Poll.POLLOUT);
        assertEquals(fds.await(1, 10_000), 1);
        int errno = Socket.pendingError(c, a.scratch());
        assertEquals(errno, Errno.ECONNREFUSED);
      } catch (java.net.ConnectException refusedAtOnce) {
        // Loopback may refuse within connect itself: the same outcome, told sooner.
        assertTrue(refusedAtOnce.getMessage().startsWith("Connection refused"));
      } finally {
        Socket.closeQuietly(closed);
        Socket.closeQuietly(c);
      }
    }
  }

  @Test
  public void bindingATakenAddressIsABindException() throws IOException {
    try (SocketAddresses a = new SocketAddresses()) {
      int one = Socket.open(Socket.AF_INET);
      int two = Socket.open(Socket.AF_INET);
      try {
        a.bind(one, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Socket.startListening(one, 1);
        expectThrows(BindException.class, () -> a.bind(two, a.local(one)));
      } finally {
        Socket.closeQuietly(one);
        Socket.closeQuietly(two);
      }
    }
  }

  @Test
  public void unixSocketsConnectByPathAndLongPathsAreRefused() throws IOException {
    Path dir = Files.createTempDirectory("torsion-sock");
    UnixDomainSocketAddress path = UnixDomainSocketAddress.of(dir.resolve("s"));
    try (SocketAddresses a = new SocketAddresses()) {
      int l = Socket.open(Socket.AF_UNIX);
      int c = Socket.open(Socket.AF_UNIX);
      try {
        a.bind(l, path);
        Socket.startListening(l, 1);
        assertTrue(a.connect(c, path), "UNIX connects complete at once");
        assertEquals(a.familyOf(l), Socket.AF_UNIX);
        int s = a.accept(l);
        assertTrue(s >= 0);
        assertEquals(a.accepted(s), null);
        Socket.closeQuietly(s);
      } finally {
        Socket.closeQuietly(l);
        Socket.closeQuietly(c);
        Files.deleteIfExists(dir.resolve("s"));
        Files.delete(dir);
      }
      IOException e = expectThrows(IOException.class, () -> a.bind(0,
          UnixDomainSocketAddress.of("/tmp/" + "x".repeat(120))));
      assertTrue(e.getMessage().contains("too long"), e.getMessage());
    }
  }
}
