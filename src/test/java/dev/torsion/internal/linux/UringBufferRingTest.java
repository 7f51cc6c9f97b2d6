package dev.torsion.internal.linux;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Multishot receives over a provided-buffer ring, against the kernel, on a loopback TCP
 * connection. Where the kernel refuses io_uring, or is older than the ring (5.19) or multishot
 * receives (6.0), each test checks instead that the kernel version explains it.
 */
public class UringBufferRingTest {
  private static final int ENOBUFS = 105;
  private static final int ECANCELED = 125;
  private static final long RECV = 7;

  /** One completion as read from the ring. */
  private record Cqe(long userData, int res, int flags) {}

  private static boolean kernelAtLeast(int major, int minor) {
    String[] v = System.getProperty("os.version").split("[.-]");
    int ma = Integer.parseInt(v[0]);
    int mi = Integer.parseInt(v[1]);
    return ma > major || (ma == major && mi >= minor);
  }

  /** A connected pair: [0] the writing client, [1] the accepted, non-blocking peer. */
  private static SocketChannel[] connect(ServerSocketChannel server) throws IOException {
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    SocketChannel client = SocketChannel.open(server.getLocalAddress());
    SocketChannel accepted = server.accept();
    accepted.configureBlocking(false);
    return new SocketChannel[] {client, accepted};
  }

  /** Waits (each wait bounded, 100 in all) for one completion. */
  private static Cqe next(IoUring ring) throws IOException {
    for (int turns = 0; turns < 100 && ring.ready() == 0; turns++) {
      ring.enter(100_000_000L);
    }
    assertTrue(ring.ready() > 0, "a completion within 10 s");
    Cqe c = new Cqe(ring.userData(), ring.result(), ring.flags());
    ring.advance();
    ring.release();
    return c;
  }

  private static void send(SocketChannel c, String s) throws IOException {
    c.write(ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String text(UringBufferRing b, Cqe c) {
    assertTrue((c.flags() & IoUring.CQE_F_BUFFER) != 0, "a buffer is named: " + c);
    return new String(b.copyOut(IoUring.bufferId(c.flags()), c.res()),
        StandardCharsets.US_ASCII);
  }

  /** The ring and buffer ring, or null when the kernel refuses one (checked against it). */
  private static @Nullable UringBufferRing buffers(@Nullable IoUring ring, int count)
      throws IOException {
    if (ring == null) {
      return null;
    }
    try {
      return new UringBufferRing(ring, count, 4096, 3);
    } catch (IOException e) {
      assertTrue(!kernelAtLeast(5, 19), "refused on " + System.getProperty("os.version") + e);
      return null;
    }
  }

  private static @Nullable IoUring ring() {
    try {
      return IoUring.open(8);
    } catch (IOException e) {
      return null; // IoUringTest checks the provider reports it
    }
  }

  @Test
  public void aMultishotReceivePostsOneCompletionPerArrivalEachWithItsBuffer()
      throws IOException {
    List<Integer> bids = new ArrayList<>();
    try (IoUring ring = ring(); ServerSocketChannel server = ServerSocketChannel.open()) {
      UringBufferRing b = buffers(ring, 4);
      if (ring == null || b == null || !kernelAtLeast(6, 0)) {
        return;
      }
      SocketChannel[] pair = connect(server);
      try {
        int fd = ChannelDescriptors.of(pair[1]);
        ring.submitSelect(IoUring.OP_RECV, IoUring.SQE_BUFFER_SELECT, IoUring.RECV_MULTISHOT,
            fd, 0, b.group(), RECV);
        for (int i = 0; i < 10; i++) {
          send(pair[0], "message " + i);
          Cqe c = next(ring);
          assertEquals(c.userData(), RECV);
          assertTrue((c.flags() & IoUring.CQE_F_MORE) != 0, "still armed: " + c);
          assertEquals(text(b, c), "message " + i);
          bids.add(IoUring.bufferId(c.flags()));
          b.recycle(IoUring.bufferId(c.flags()));
        }
        // Ten arrivals through four buffers: each came back and was picked again.
        assertEquals(bids.subList(0, 5), List.of(0, 1, 2, 3, 0));
        pair[0].close();
        Cqe end = next(ring);
        assertEquals(end.res(), 0, "the end of the stream ends the multishot");
        assertEquals(end.flags() & IoUring.CQE_F_MORE, 0);
      } finally {
        pair[0].close();
        pair[1].close();
        ring.close();
        b.close();
      }
    }
  }

  @Test
  public void aDryRingEndsTheMultishotWithEnobufsAndNoByteIsLost() throws IOException {
    try (IoUring ring = ring(); ServerSocketChannel server = ServerSocketChannel.open()) {
      UringBufferRing b = buffers(ring, 1);
      if (ring == null || b == null || !kernelAtLeast(6, 0)) {
        return;
      }
      SocketChannel[] pair = connect(server);
      try {
        int fd = ChannelDescriptors.of(pair[1]);
        ring.submitSelect(IoUring.OP_RECV, IoUring.SQE_BUFFER_SELECT, IoUring.RECV_MULTISHOT,
            fd, 0, b.group(), RECV);
        send(pair[0], "first");
        Cqe first = next(ring);
        assertEquals(text(b, first), "first");
        // The only buffer is still ours: the next arrival finds the ring dry.
        send(pair[0], "second");
        Cqe dry = next(ring);
        assertEquals(dry.res(), -ENOBUFS);
        assertEquals(dry.flags() & IoUring.CQE_F_MORE, 0, "ENOBUFS ends the multishot");
        b.recycle(IoUring.bufferId(first.flags()));
        ring.submitSelect(IoUring.OP_RECV, IoUring.SQE_BUFFER_SELECT, IoUring.RECV_MULTISHOT,
            fd, 0, b.group(), RECV);
        assertEquals(text(b, next(ring)), "second", "the bytes waited in the socket");
      } finally {
        pair[0].close();
        pair[1].close();
        ring.close();
        b.close();
      }
    }
  }

  @Test
  public void aCancelEndsTheMultishotWithEcanceled() throws IOException {
    try (IoUring ring = ring(); ServerSocketChannel server = ServerSocketChannel.open()) {
      UringBufferRing b = buffers(ring, 2);
      if (ring == null || b == null || !kernelAtLeast(6, 0)) {
        return;
      }
      SocketChannel[] pair = connect(server);
      try {
        int fd = ChannelDescriptors.of(pair[1]);
        ring.submitSelect(IoUring.OP_RECV, IoUring.SQE_BUFFER_SELECT, IoUring.RECV_MULTISHOT,
            fd, 0, b.group(), RECV);
        ring.enter(0);
        ring.submit(IoUring.OP_ASYNC_CANCEL, -1, RECV, 0, 0, 0, 99);
        Cqe a = next(ring);
        Cqe c = next(ring);
        Cqe recv = a.userData() == RECV ? a : c;
        Cqe cancel = a.userData() == RECV ? c : a;
        assertEquals(recv.res(), -ECANCELED);
        assertEquals(recv.flags() & IoUring.CQE_F_MORE, 0);
        assertEquals(cancel.userData(), 99);
        assertEquals(cancel.res(), 0);
      } finally {
        pair[0].close();
        pair[1].close();
        ring.close();
        b.close();
      }
    }
  }

  @Test
  public void copyOutRefusesABufferOrLengthOutOfRange() throws IOException {
    try (IoUring ring = ring()) {
      UringBufferRing b = buffers(ring, 2);
      if (b == null) {
        return;
      }
      try {
        expectThrows(IllegalArgumentException.class, () -> b.copyOut(2, 1));
        expectThrows(IllegalArgumentException.class, () -> b.copyOut(0, 4097));
        assertEquals(b.copyOut(1, 3).length, 3);
      } finally {
        ring.close();
        b.close();
      }
    }
  }
}
