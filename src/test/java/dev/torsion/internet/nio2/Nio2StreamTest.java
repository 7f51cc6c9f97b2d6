package dev.torsion.internet.nio2;

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

/** A completion stream's reads, writes and closes, on loopback, below any transport. */
public class Nio2StreamTest {
  private Nio2Backend backend = new Nio2Backend();

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

    long received() {
      return reads.stream().mapToLong(b -> b.length).sum();
    }
  }

  /** An outbound queue of whole arrays. */
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
    backend = new Nio2Backend();
  }

  @AfterMethod(alwaysRun = true)
  void close() {
    backend.close();
  }

  private void pollUntil(BooleanSupplier done) {
    for (int i = 0; i < 1000 && !done.getAsBoolean(); i++) {
      backend.poll(10_000_000);
    }
    assertTrue(done.getAsBoolean(), "condition not reached within 1000 polls");
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
    assertTrue(client.log.isEmpty(), "the connect is reported from a later dispatch");
    pollUntil(() -> accepted[0] != null && client.log.contains("connected"));
    accepted[0].start(server, sq);
    c.start(client, cq);
    l[0].close(() -> {});
    return new IoBackend.Stream[] {accepted[0], c};
  }

  @Test(timeOut = 20_000)
  public void aReadCompletingWhileReadingIsOffIsHeldUntilReadingIsOnAgain() throws IOException {
    Events server = new Events();
    Events client = new Events();
    Queue cq = new Queue();
    IoBackend.Stream[] pair = connectedPair(server, client, new Queue(), cq);
    pair[0].setReading(true);
    // Reading goes off with the read already in flight: it cannot be withdrawn.
    pair[0].setReading(false);
    cq.add(new byte[] {1, 2, 3});
    pair[1].flush();
    pollUntil(() -> client.log.contains("drained"));
    for (int i = 0; i < 20; i++) {
      backend.poll(1_000_000);
    }
    assertTrue(server.reads.isEmpty(), "nothing is delivered while reading is off");
    pair[0].setReading(true);
    assertTrue(server.reads.isEmpty(), "nor from inside setReading");
    backend.poll(-1);
    assertEquals(server.reads.get(0), new byte[] {1, 2, 3});
    pair[0].close(false);
    pair[1].close(false);
  }

  @Test(timeOut = 20_000)
  public void queuedBytesAreConsumedOnlyAsTheirWritesCompleteThenTheDrainIsReported()
      throws IOException {
    Events server = new Events();
    Events client = new Events();
    Queue cq = new Queue();
    IoBackend.Stream[] pair = connectedPair(server, client, new Queue(), cq);
    pair[0].setReading(true);
    int total = 4 * 1024 * 1024;
    cq.add(new byte[total]);
    assertFalse(pair[1].flush(), "a completion backend is never empty right after a flush");
    assertEquals(cq.size(), total, "the write in flight owns a copy; the queue keeps the bytes");
    assertFalse(pair[1].flush(), "a second flush starts no second write");
    pollUntil(() -> server.received() == total && client.log.contains("drained"));
    assertEquals(cq.size(), 0);
    assertTrue(server.reads.stream().allMatch(b -> b.length <= Nio2Backend.READ_SIZE));
    assertEquals(client.log.stream().filter("drained"::equals).count(), 1);
    pair[1].shutdownOutput();
    pollUntil(() -> server.log.contains("eof"));
    pair[0].close(false);
    pair[1].close(false);
  }

  @Test(timeOut = 20_000)
  public void noEventFollowsAClose() throws IOException {
    Events server = new Events();
    Events client = new Events();
    Queue cq = new Queue();
    IoBackend.Stream[] pair = connectedPair(server, client, new Queue(), cq);
    pair[0].setReading(true);
    cq.add(new byte[1024 * 1024]);
    pair[1].flush();
    pair[1].notifyWhenDrained();
    pair[1].close(false);
    pair[0].close(false);
    List<String> before = new ArrayList<>(client.log);
    for (int i = 0; i < 20; i++) {
      backend.poll(1_000_000);
    }
    assertEquals(client.log, before, "the write and read in flight complete silently");
    assertTrue(server.reads.isEmpty());
  }

  @Test(timeOut = 20_000)
  public void aRefusedConnectIsReportedFromADispatch() throws IOException {
    IoBackend.Listener l = backend.listen(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5, () -> {});
    InetSocketAddress addr = l.localAddress();
    l.close(() -> {});
    backend.poll(-1);
    Events client = new Events();
    backend.connect(addr, null, client);
    assertTrue(client.log.isEmpty());
    pollUntil(() -> !client.log.isEmpty());
    assertEquals(client.log, List.of("connect failed"));
  }

  @Test(timeOut = 20_000)
  public void acceptsCompletedWhileNotAcceptingWaitUntilAcceptingResumes() throws IOException {
    int[] ready = {0};
    IoBackend.Listener l = backend.listen(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5, () -> ready[0]++);
    l.setAccepting(true);
    l.setAccepting(false);
    Events client = new Events();
    IoBackend.Stream c = backend.connect(l.localAddress(), null, client);
    pollUntil(() -> client.log.contains("connected"));
    for (int i = 0; i < 20; i++) {
      backend.poll(1_000_000);
    }
    assertEquals(ready[0], 0, "the port hears nothing while not accepting");
    l.setAccepting(true);
    assertEquals(ready[0], 0, "nor from inside setAccepting");
    backend.poll(-1);
    assertEquals(ready[0], 1);
    IoBackend.Stream s = l.accept();
    assertTrue(s != null, "the held connection is handed out");
    s.close(false);
    c.close(false);
    boolean[] closed = {false};
    l.close(() -> closed[0] = true);
    assertFalse(closed[0]);
    backend.poll(-1);
    assertTrue(closed[0], "the close callback comes from the next dispatch");
  }
}
