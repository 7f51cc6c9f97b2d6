package dev.torsion.internet.nio;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** The selector backend's primitives, on loopback, below any transport. */
public class NioBackendTest {
  private NioBackend backend = new NioBackend();

  /** Records every event. */
  static final class Events implements IoBackend.StreamEvents {
    final List<String> log = new ArrayList<>();
    final List<byte[]> reads = new ArrayList<>();

    @Override
    public void connectCompleted(@Nullable IOException error) {
      log.add(error == null ? "connected" : "connect failed");
    }

    @Override
    public void dataReceived(byte[] data) {
      reads.add(data);
      log.add("data");
    }

    @Override
    public void readEOF() {
      log.add("eof");
    }

    @Override
    public void writeDrained() {
      log.add("drained");
    }

    @Override
    public void failed(IOException error) {
      log.add("failed");
    }
  }

  /** An outbound queue of whole arrays, as simple as can be. */
  static final class Queue implements IoBackend.Outbound {
    final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    long size;

    void add(byte[] b) {
      chunks.add(ByteBuffer.wrap(b));
      size += b.length;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public int peek(ByteBuffer dst) {
      int n = 0;
      for (ByteBuffer c : chunks) {
        ByteBuffer d = c.duplicate();
        d.limit(d.position() + Math.min(d.remaining(), dst.remaining()));
        n += d.remaining();
        dst.put(d);
      }
      return n;
    }

    @Override
    public void consume(long n) {
      size -= n;
      while (n > 0) {
        ByteBuffer c = chunks.peek();
        int k = (int) Math.min(n, c.remaining());
        c.position(c.position() + k);
        n -= k;
        if (!c.hasRemaining()) {
          chunks.poll();
        }
      }
    }
  }

  @BeforeMethod
  void fresh() {
    backend = new NioBackend();
  }

  @AfterMethod(alwaysRun = true)
  void close() {
    backend.close();
  }

  private void pollUntil(BooleanSupplier done) {
    for (int i = 0; i < 500 && !done.getAsBoolean(); i++) {
      backend.poll(10_000_000);
    }
    assertTrue(done.getAsBoolean(), "condition not reached within 500 polls");
  }

  private IoBackend.Stream[] connectedPair(Events server, Events client, Queue sq, Queue cq)
      throws IOException {
    IoBackend.Stream[] accepted = new IoBackend.Stream[1];
    IoBackend.Listener[] l = new IoBackend.Listener[1];
    l[0] = backend.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5, () -> {
      try {
        accepted[0] = l[0].accept();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    l[0].setAccepting(true);
    IoBackend.Stream c = backend.connect(l[0].localAddress(), null, client);
    pollUntil(() -> accepted[0] != null && client.log.contains("connected"));
    accepted[0].start(server, sq);
    c.start(client, cq);
    l[0].close(() -> {});
    return new IoBackend.Stream[] {accepted[0], c};
  }

  @Test
  public void listenerCloseCallbackRunsOnALaterPollAndThePortIsFreeThen() throws IOException {
    IoBackend.Listener l = backend.listen(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5, () -> {});
    InetSocketAddress addr = l.localAddress();
    boolean[] closed = {false};
    l.close(() -> closed[0] = true);
    assertFalse(closed[0]);
    backend.poll(-1);
    assertTrue(closed[0], "a pending close keeps poll from blocking and then runs");
    IoBackend.Listener again = backend.listen(addr, 5, () -> {});
    assertEquals(again.localAddress(), addr);
    again.close(() -> {});
    backend.poll(0);
  }

  @Test
  public void readsArriveAsExactArraysAndEndOfStreamIsReported() throws IOException {
    Events server = new Events();
    Events client = new Events();
    Queue cq = new Queue();
    IoBackend.Stream[] pair = connectedPair(server, client, new Queue(), cq);
    pair[0].setReading(true);
    cq.add(new byte[] {1, 2, 3});
    assertTrue(pair[1].flush(), "three bytes go out at once");
    assertEquals(client.log, List.of("connected"), "flush calls no event");
    pair[1].shutdownOutput();
    pollUntil(() -> server.log.contains("eof"));
    assertEquals(server.reads.get(0), new byte[] {1, 2, 3});
    pair[0].close(false);
    pair[1].close(false);
  }

  @Test
  public void notifyWhenDrainedIsDeliveredOnTheNextPollOnly() throws IOException {
    Events server = new Events();
    Events client = new Events();
    IoBackend.Stream[] pair = connectedPair(server, client, new Queue(), new Queue());
    pair[1].notifyWhenDrained();
    pair[1].notifyWhenDrained();
    assertFalse(client.log.contains("drained"));
    backend.poll(-1);
    assertEquals(client.log, List.of("connected", "drained"), "once, and poll did not block");
    pair[0].close(true);
    pair[1].close(false);
  }

  @Test
  public void aQueueLargerThanTheSocketTakesIsDrainedByTheBackendThenReported()
      throws IOException {
    Events server = new Events();
    Events client = new Events();
    Queue cq = new Queue();
    IoBackend.Stream[] pair = connectedPair(server, client, new Queue(), cq);
    pair[0].setReading(true);
    int total = 16 * 1024 * 1024;
    cq.add(new byte[total]);
    assertFalse(pair[1].flush(), "one flush sends at most 128 KiB");
    assertTrue(cq.size() >= total - NioBackend.SEND_LIMIT, "the first send took one limit");
    long[] got = {0};
    pollUntil(() -> {
      got[0] = server.reads.stream().mapToLong(b -> b.length).sum();
      return got[0] == total && client.log.contains("drained");
    });
    assertTrue(server.reads.stream().allMatch(b -> b.length <= NioBackend.READ_SIZE));
    pair[0].close(false);
    pair[1].close(false);
  }

  @Test
  public void anIdleConnectionAfterAWriteLeavesPollWaiting() throws IOException {
    Events server = new Events();
    Events client = new Events();
    Queue cq = new Queue();
    IoBackend.Stream[] pair = connectedPair(server, client, new Queue(), cq);
    pair[0].setReading(true);
    pair[1].setReading(true);
    cq.add(new byte[] {9});
    assertTrue(pair[1].flush());
    pollUntil(() -> server.reads.size() == 1);
    // Nothing queued, nothing to read: no interest is ready, so poll waits its full timeout
    // (a held write interest would make it return at once, every time: a spin).
    int events = client.log.size() + server.log.size();
    long start = System.nanoTime();
    backend.poll(50_000_000);
    backend.poll(50_000_000);
    long waited = System.nanoTime() - start;
    assertTrue(waited >= 80_000_000, "poll returned after " + waited / 1_000_000 + " ms");
    assertEquals(client.log.size() + server.log.size(), events);
    pair[0].close(false);
    pair[1].close(false);
  }

  @Test
  public void aListenerWhoseHandlerThrowsKeepsItsKeyAndIsDispatchedAgain() throws IOException {
    int[] calls = {0};
    IoBackend.Stream[] accepted = new IoBackend.Stream[1];
    IoBackend.Listener[] l = new IoBackend.Listener[1];
    l[0] = backend.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5, () -> {
      if (calls[0]++ == 0) {
        throw new IllegalStateException("a bug in the accept path");
      }
      try {
        accepted[0] = l[0].accept();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    l[0].setAccepting(true);
    Events client = new Events();
    IoBackend.Stream c = backend.connect(l[0].localAddress(), null, client);
    // Before the fix the key was cancelled on the throw: deaf for ever, and open.
    pollUntil(() -> accepted[0] != null);
    assertTrue(calls[0] >= 2);
    accepted[0].close(false);
    c.close(false);
    l[0].close(() -> {});
    backend.poll(0);
  }
}
