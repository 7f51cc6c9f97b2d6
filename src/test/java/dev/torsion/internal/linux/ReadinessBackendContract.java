package dev.torsion.internal.linux;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.reactor.IoBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * The backend contract, checked on one {@link ReadinessBackend}; the epoll and poll backends'
 * tests extend it with their factory.
 */
public abstract class ReadinessBackendContract {
  private static final InetSocketAddress ANY =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  /**
   * A new backend.
   *
   * @return it
   * @throws IOException if it cannot be opened
   */
  protected abstract ReadinessBackend open() throws IOException;

  /** Polls until {@code done}, at most 2,000 rounds of at most 10 ms. */
  private static void pollUntil(ReadinessBackend b, BooleanSupplier done) {
    for (int i = 0; i < 2000 && !done.getAsBoolean(); i++) {
      b.poll(10_000_000L);
    }
    assertTrue(done.getAsBoolean(), "condition reached within the bound");
  }

  /** Records what a stream tells. */
  static final class Recorder implements IoBackend.StreamEvents {
    boolean connected;
    @Nullable IOException connectError;
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    boolean eof;
    int drained;

    @Override
    public void connectCompleted(@Nullable IOException error) {
      connected = error == null;
      connectError = error;
    }

    @Override
    public void dataReceived(byte[] bytes) {
      data.writeBytes(bytes);
    }

    @Override
    public void readEOF() {
      eof = true;
    }

    @Override
    public void writeDrained() {
      drained++;
    }

    @Override
    public void failed(IOException error) {
      throw new AssertionError("unexpected failure", error);
    }
  }

  /** A queue of one array. */
  static final class Bytes implements IoBackend.Outbound {
    private final byte[] all;
    private int head;

    Bytes(byte[] all) {
      this.all = all;
    }

    @Override
    public long size() {
      return all.length - head;
    }

    @Override
    public int peek(ByteBuffer dst) {
      int n = Math.min(dst.remaining(), all.length - head);
      dst.put(all, head, n);
      return n;
    }

    @Override
    public void consume(long n) {
      head += (int) n;
    }
  }

  @Test
  public void bytesCrossAndEndOfStreamIsTold() throws IOException {
    try (ReadinessBackend b = open()) {
      IoBackend.Stream[] accepted = {null};
      IoBackend.Listener[] l = {null};
      l[0] = b.listen(ANY, 5, () -> {
        try {
          accepted[0] = l[0].accept();
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      });
      l[0].setAccepting(true);
      Recorder client = new Recorder();
      IoBackend.Stream c = b.connect(l[0].localAddress(), null, client);
      pollUntil(b, () -> client.connected && accepted[0] != null);
      Recorder server = new Recorder();
      accepted[0].start(server, new Bytes(new byte[0]));
      accepted[0].setReading(true);
      byte[] big = new byte[300_000];
      for (int i = 0; i < big.length; i++) {
        big[i] = (byte) (i * 7);
      }
      c.start(client, new Bytes(big));
      if (!c.flush()) {
        pollUntil(b, () -> client.drained == 1);
      }
      c.shutdownOutput();
      pollUntil(b, () -> server.eof);
      assertEquals(server.data.toByteArray(), big);
      assertEquals(accepted[0].remoteAddress(), c.localAddress());
      c.close(false);
      accepted[0].close(true);
      l[0].close(() -> { });
    }
  }

  /** Listens on {@code bind}, accepts one connection, stops listening: {accepted, client}. */
  private static IoBackend.Stream[] acceptOne(ReadinessBackend b, InetSocketAddress bind)
      throws IOException {
    IoBackend.Stream[] accepted = {null};
    IoBackend.Listener[] l = {null};
    l[0] = b.listen(bind, 5, () -> {
      try {
        accepted[0] = l[0].accept();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    l[0].setAccepting(true);
    Recorder client = new Recorder();
    IoBackend.Stream c = b.connect(l[0].localAddress(), null, client);
    pollUntil(b, () -> client.connected && accepted[0] != null);
    l[0].close(() -> { });
    return new IoBackend.Stream[] {accepted[0], c};
  }

  @Test
  public void anAcceptedSocketIsNamedByTheAddressItWasReachedAt() throws IOException {
    try (ReadinessBackend b = open()) {
      IoBackend.Stream[] one = acceptOne(b, ANY);
      assertEquals(one[0].localAddress(), one[1].remoteAddress());
      assertEquals(one[0].remoteAddress(), one[1].localAddress());
      IoBackend.Stream[] v6 = acceptOne(b, new InetSocketAddress("::1", 0));
      assertEquals(v6[0].localAddress(), v6[1].remoteAddress());
      assertEquals(v6[0].remoteAddress(), v6[1].localAddress());
      for (IoBackend.Stream s : new IoBackend.Stream[] {one[0], one[1], v6[0], v6[1]}) {
        s.close(false);
      }
    }
  }

  @Test
  public void aSocketClosedWithBytesPendingIsNeverReportedAgain() throws IOException {
    try (ReadinessBackend b = open()) {
      int[] dispatches = {0};
      b.setDispatchHook(() -> dispatches[0]++);
      IoBackend.Stream[] pair = acceptOne(b, ANY);
      Recorder server = new Recorder();
      pair[0].start(server, new Bytes(new byte[0]));
      pair[0].setReading(true);
      pair[1].start(new Recorder(), new Bytes(new byte[] {1, 2, 3}));
      assertTrue(pair[1].flush());
      // Readable now (level-triggered it would be reported on every wait), and closed unread.
      pair[0].close(false);
      b.poll(0);
      dispatches[0] = 0;
      for (int i = 0; i < 5; i++) {
        b.poll(0);
      }
      assertEquals(dispatches[0], 0, "the closed socket is not reported");
      pair[1].close(false);
      // The number is free for a newcomer, whose events are its own.
      IoBackend.Stream[] next = acceptOne(b, ANY);
      Recorder fresh = new Recorder();
      next[0].start(fresh, new Bytes(new byte[0]));
      next[0].setReading(true);
      next[1].start(new Recorder(), new Bytes(new byte[] {9}));
      assertTrue(next[1].flush());
      pollUntil(b, () -> fresh.data.size() == 1);
      assertEquals(server.data.size(), 0, "nothing for the closed socket");
      next[0].close(false);
      next[1].close(false);
    }
  }

  @Test
  public void refusedConnectIsToldByConnectCompleted() throws IOException {
    try (ReadinessBackend b = open()) {
      boolean[] closed = {false};
      IoBackend.Listener l = b.listen(ANY, 1, () -> { });
      InetSocketAddress where = l.localAddress();
      l.close(() -> closed[0] = true);
      assertTrue(!closed[0], "onClosed waits for a later dispatch");
      pollUntil(b, () -> closed[0]);
      // The port is free at once, and nobody listens on it any more.
      b.listen(where, 1, () -> { }).close(() -> { });
      Recorder r = new Recorder();
      IoBackend.Stream s;
      try {
        s = b.connect(where, null, r);
      } catch (ConnectException refusedAtOnce) {
        return;
      }
      pollUntil(b, () -> r.connectError != null);
      assertTrue(r.connectError instanceof ConnectException, String.valueOf(r.connectError));
      s.close(false);
    }
  }

  @Test
  public void aHungUpSocketWithNoInterestDoesNotSpin() throws IOException {
    try (ReadinessBackend b = open()) {
      int[] dispatches = {0};
      b.setDispatchHook(() -> dispatches[0]++);
      IoBackend.Stream[] accepted = {null};
      IoBackend.Listener[] l = {null};
      l[0] = b.listen(ANY, 5, () -> {
        try {
          accepted[0] = l[0].accept();
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      });
      l[0].setAccepting(true);
      Recorder client = new Recorder();
      IoBackend.Stream c = b.connect(l[0].localAddress(), null, client);
      pollUntil(b, () -> client.connected && accepted[0] != null);
      l[0].setAccepting(false);
      accepted[0].start(new Recorder(), new Bytes(new byte[0]));
      c.close(true);
      b.poll(0);
      dispatches[0] = 0;
      for (int i = 0; i < 5; i++) {
        b.poll(0);
      }
      assertEquals(dispatches[0], 0, "nothing registered, nothing reported");
      accepted[0].close(false);
      l[0].close(() -> { });
    }
  }

  @Test
  public void wakeUpFromAnotherThreadEndsAWaitWithoutLimit() throws Exception {
    try (ReadinessBackend b = open()) {
      Thread t = new Thread(b::wakeUp);
      t.start();
      b.poll(-1);
      t.join(10_000);
    }
  }

  @Test
  public void aClosedBackendRefusesWork() throws IOException {
    ReadinessBackend b = open();
    b.close();
    b.close();
    IOException e = expectThrows(IOException.class, () -> b.listen(ANY, 1, () -> { }));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    b.wakeUp();
  }

  @Test
  public void anEmptyAcceptIsNull() throws IOException {
    try (ReadinessBackend b = open()) {
      IoBackend.Listener l = b.listen(ANY, 1, () -> { });
      assertNull(l.accept());
      assertNotNull(l.toString());
      l.close(() -> { });
      expectThrows(java.nio.channels.ClosedChannelException.class, l::accept);
    }
  }
}
