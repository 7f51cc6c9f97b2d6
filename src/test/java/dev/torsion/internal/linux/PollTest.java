package dev.torsion.internal.linux;

import static org.testng.Assert.assertEquals;

import com.sun.jna.Memory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.testng.annotations.Test;

public class PollTest {
  @Test
  public void readableOnlyOnceBytesArriveWritableAtOnce() throws IOException {
    try (SocketAddresses a = new SocketAddresses(); Poll.Fds fds = new Poll.Fds(2);
        Memory buf = new Memory(16)) {
      int[] pair = SocketTest.connectedPair(a, new InetSocketAddress(
          InetAddress.getLoopbackAddress(), 0));
      try {
        fds.set(0, pair[0], Poll.POLLIN);
        fds.set(1, pair[1], Poll.POLLOUT);
        assertEquals(fds.await(2, 0), 1);
        assertEquals(fds.revents(0), 0);
        assertEquals(fds.revents(1), Poll.POLLOUT);
        buf.setByte(0, (byte) 42);
        assertEquals(Socket.write(pair[1], buf, 1), 1);
        fds.set(1, pair[1], 0);
        assertEquals(fds.await(2, 1000), 1);
        assertEquals(fds.revents(0), Poll.POLLIN);
        assertEquals(fds.fd(0), pair[0]);
      } finally {
        Socket.closeQuietly(pair[0]);
        Socket.closeQuietly(pair[1]);
      }
    }
  }

  @Test
  public void arrayGrowsKeepingItsEntries() throws IOException {
    try (EventFd w = new EventFd(); Poll.Fds fds = new Poll.Fds(1)) {
      for (int i = 0; i < 40; i++) {
        fds.set(i, w.fd(), Poll.POLLOUT);
      }
      assertEquals(fds.await(40, 0), 40);
      assertEquals(fds.fd(39), w.fd());
      assertEquals(fds.revents(0), Poll.POLLOUT);
    }
  }

  @Test
  public void aClosedDescriptorIsReportedInvalid() throws IOException {
    try (Poll.Fds fds = new Poll.Fds(1)) {
      // Far above any open descriptor, so never one another thread just opened.
      fds.set(0, 1_000_000, Poll.POLLIN);
      assertEquals(fds.await(1, 0), 1);
      assertEquals(fds.revents(0), Poll.POLLNVAL);
    }
  }
}
