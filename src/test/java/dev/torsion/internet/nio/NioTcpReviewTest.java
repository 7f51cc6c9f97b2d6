package dev.torsion.internet.nio;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.reactor.IoBackend;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * The review of the TCP layer over real loopback sockets: every error path of adopting a socket
 * closes it, and a producer failing on the reactor's drain notification ends the connection
 * instead of leaving its socket deregistered and open.
 */
public class NioTcpReviewTest {
  private LoopCore core;
  private NioBackend backend;
  /** Polls that dispatched anything: a spinning socket makes every poll count. */
  private int dispatches;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeMethod
  void fresh() {
    backend = new NioBackend();
    core = new LoopCore(backend);
    backend.setDispatchHook(() -> dispatches++);
  }

  @AfterMethod(alwaysRun = true)
  void close() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    core.backend().close();
  }

  /** A connected pair made with blocking sockets, outside the reactor: {server, client}. */
  private SocketChannel[] blockingPair() throws IOException {
    ServerSocketChannel ss = ServerSocketChannel.open();
    toClose.add(ss);
    ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    SocketChannel client = SocketChannel.open(ss.getLocalAddress());
    toClose.add(client);
    SocketChannel server = ss.accept();
    toClose.add(server);
    return new SocketChannel[] {server, client};
  }

  @Test
  public void adoptStreamConnectionClosesTheSocketWhenBuildProtocolThrows() throws IOException {
    SocketChannel[] pair = blockingPair();
    Factory factory = Factory.forProtocol(() -> {
      throw new IllegalStateException("no protocol today");
    });
    assertThrows(IllegalStateException.class, () -> core.adoptStreamConnection(pair[0], factory));
    assertFalse(pair[0].isOpen(), "the adopted socket leaked");
    // The peer hears of it instead of hanging.
    assertEquals(pair[1].read(ByteBuffer.allocate(1)), -1);
  }

  @Test
  public void adoptStreamConnectionOfAnUnconnectedSocketFailsClearlyAndClosesIt()
      throws IOException {
    SocketChannel ch = SocketChannel.open();
    toClose.add(ch);
    Factory factory = Factory.forProtocol(Protocol::new);
    assertThrows(IllegalArgumentException.class, () -> core.adoptStreamConnection(ch, factory));
    assertFalse(ch.isOpen());
    assertTrue(core.selectables().isEmpty());
  }

  @Test
  public void adoptStreamPortOfAnUnboundSocketFailsClearlyAndClosesIt() throws IOException {
    ServerSocketChannel ch = ServerSocketChannel.open();
    toClose.add(ch);
    Factory factory = Factory.forProtocol(Protocol::new);
    assertThrows(CannotListenError.class, () -> core.adoptStreamPort(ch, factory));
    assertFalse(ch.isOpen());
    assertTrue(core.selectables().isEmpty());
  }

  @Test
  public void pullProducerFailingOnDrainEndsTheRealConnection() throws IOException {
    SocketChannel[] pair = blockingPair();
    List<Failure> lost = new ArrayList<>();
    List<String> events = new ArrayList<>();
    Protocol p = new Protocol() {
      @Override
      public void connectionMade() {
        transport().registerProducer(new IPullProducer() {
          @Override
          public void resumeProducing() {
            events.add("resume");
            if (events.size() > 1) {
              throw new IllegalStateException("producer broke");
            }
            transport().write(new byte[] {'x'});
          }

          @Override
          public void stopProducing() {
            events.add("stop");
          }
        }, false);
      }

      @Override
      public void connectionLost(Failure reason) {
        lost.add(reason);
      }
    };
    core.adoptStreamConnection(pair[0], Factory.forProtocol(() -> p));
    for (int i = 0; i < 200 && lost.isEmpty(); i++) {
      core.iterate(0.01);
    }
    assertEquals(lost.size(), 1);
    assertEquals(events, List.of("resume", "resume", "stop"));
    assertFalse(pair[0].isOpen(), "the socket was left open");
    assertTrue(core.selectables().isEmpty());
    ByteBuffer buf = ByteBuffer.allocate(4);
    assertEquals(pair[1].read(buf), 1);
    assertEquals(pair[1].read(buf), -1);
  }

  /** Iterates (bounded) until {@code done}; fails if it never is. */
  private void iterateUntil(java.util.function.BooleanSupplier done) {
    for (int i = 0; i < 300 && !done.getAsBoolean(); i++) {
      core.iterate(0.01);
    }
    assertTrue(done.getAsBoolean(), "condition not reached within 300 iterations");
  }

  /** Five polls that must find nothing to do. */
  private void assertQuiet() {
    int before = dispatches;
    for (int i = 0; i < 5; i++) {
      core.iterate(0);
    }
    assertEquals(dispatches, before, "the selector keeps reporting a ready socket: a spin");
  }

  /** Records the half-close events. */
  private static final class HalfCloser extends Protocol
      implements dev.torsion.internet.interfaces.IHalfCloseableProtocol {
    final List<String> events = new ArrayList<>();

    @Override
    public void dataReceived(byte[] data) {
      events.add("data");
    }

    @Override
    public void readConnectionLost() {
      events.add("readLost");
    }

    @Override
    public void writeConnectionLost() {
      events.add("writeLost");
    }

    @Override
    public void connectionLost(Failure reason) {
      events.add("lost");
    }
  }

  @Test
  public void endOfStreamOnAHalfClosedConnectionIsReportedOnceAndDoesNotSpin()
      throws IOException {
    SocketChannel[] pair = blockingPair();
    HalfCloser p = new HalfCloser();
    core.adoptStreamConnection(pair[0], Factory.forProtocol(() -> p));
    pair[1].shutdownOutput();
    iterateUntil(() -> p.events.contains("readLost"));
    assertQuiet();
    ((dev.torsion.internet.interfaces.ITCPTransport) p.transport()).loseWriteConnection();
    iterateUntil(() -> p.events.contains("writeLost"));
    assertEquals(pair[1].read(ByteBuffer.allocate(1)), -1);
    assertQuiet();
    assertEquals(p.events, List.of("readLost", "writeLost"));
    p.transport().loseConnection();
    iterateUntil(() -> p.events.contains("lost"));
    assertEquals(p.events, List.of("readLost", "writeLost", "lost"));
    assertFalse(pair[0].isOpen());
  }

  @Test
  public void aPausedTransportWithDataWaitingDoesNotSpin() throws IOException {
    SocketChannel[] pair = blockingPair();
    HalfCloser p = new HalfCloser();
    core.adoptStreamConnection(pair[0], Factory.forProtocol(() -> p));
    p.transport().pauseProducing();
    pair[1].write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    pair[1].shutdownOutput();
    assertQuiet();
    assertEquals(p.events, List.of());
    p.transport().resumeProducing();
    iterateUntil(() -> p.events.contains("readLost"));
    assertEquals(p.events, List.of("data", "readLost"));
    assertQuiet();
  }

  /** Stream events that record drains, the first one failing if asked to. */
  private static class DrainEvents implements IoBackend.StreamEvents {
    final List<String> log;
    final boolean fail;

    DrainEvents(List<String> log, boolean fail) {
      this.log = log;
      this.fail = fail;
    }

    @Override
    public void connectCompleted(IOException error) {}

    @Override
    public void dataReceived(byte[] data) {}

    @Override
    public void readEOF() {}

    @Override
    public void writeDrained() {
      log.add(fail ? "drained-fail" : "drained");
      if (fail) {
        throw new IllegalStateException("drain handler broke");
      }
    }

    @Override
    public void failed(IOException error) {}
  }

  /** Nothing queued. */
  private static final IoBackend.Outbound EMPTY = new IoBackend.Outbound() {
    @Override
    public long size() {
      return 0;
    }

    @Override
    public int peek(ByteBuffer dst) {
      return 0;
    }

    @Override
    public void consume(long n) {}
  };

  @Test
  public void aFailingDrainHandlerNeitherEscapesPollNorDelaysTheOthers() throws IOException {
    List<String> log = new ArrayList<>();
    IoBackend.Stream a = backend.adoptStream(blockingPair()[0]);
    IoBackend.Stream b = backend.adoptStream(blockingPair()[0]);
    a.start(new DrainEvents(log, true), EMPTY);
    b.start(new DrainEvents(log, false), EMPTY);
    a.notifyWhenDrained();
    b.notifyWhenDrained();
    backend.poll(0);
    backend.poll(0);
    assertEquals(log, List.of("drained-fail", "drained"));
    a.close(false);
    b.close(false);
  }

  @Test
  public void aHandlerThrowingFromDispatchClosesTheSocketAndReportsTheFailure()
      throws IOException {
    SocketChannel[] pair = blockingPair();
    List<String> log = new ArrayList<>();
    IoBackend.Stream s = backend.adoptStream(pair[0]);
    s.start(new DrainEvents(log, false) {
      @Override
      public void dataReceived(byte[] data) {
        log.add("data");
        throw new IllegalStateException("handler broke");
      }

      @Override
      public void failed(IOException error) {
        log.add("failed");
      }
    }, EMPTY);
    s.setReading(true);
    pair[1].write(ByteBuffer.wrap(new byte[] {1}));
    for (int i = 0; i < 100 && log.size() < 2; i++) {
      backend.poll(10_000_000);
    }
    assertEquals(log, List.of("data", "failed"));
    assertFalse(pair[0].isOpen(), "a cancelled key left the socket open");
    assertEquals(pair[1].read(ByteBuffer.allocate(1)), -1);
  }

  private static long openDescriptors() throws IOException {
    try (java.util.stream.Stream<java.nio.file.Path> fds =
        java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  /** One reactor's life: listen, stop listening, run to the end. */
  private static void listenAndStop() {
    NioBackend b = new NioBackend();
    LoopCore r = new LoopCore(b);
    Factory f = Factory.forProtocol(Protocol::new);
    dev.torsion.internet.interfaces.IListeningPort port = r.listenTCP(0, f, 50, "127.0.0.1");
    r.callWhenRunning(() -> port.stopListening().addBoth(x -> {
      r.stop();
      return null;
    }));
    // A guard: the reactor stops within 5 s whatever happens.
    r.callLater(5, () -> {
      if (r.running()) {
        r.stop();
      }
    });
    r.run();
  }

  @Test
  public void aStoppedReactorLeavesNoDescriptorsBehind() throws IOException {
    listenAndStop();
    long before = openDescriptors();
    for (int i = 0; i < 20; i++) {
      listenAndStop();
    }
    long after = openDescriptors();
    // Each reactor held one reserved descriptor (for EMFILE recovery) that outlived it.
    assertTrue(after - before < 5, "descriptors grew from " + before + " to " + after);
  }

  @Test
  public void stopListeningFromABeforeShutdownTriggerCompletesBeforeTheReactorEnds() {
    Factory f = Factory.forProtocol(Protocol::new);
    dev.torsion.internet.interfaces.IListeningPort port = core.listenTCP(0, f, 50, "127.0.0.1");
    List<String> seen = new ArrayList<>();
    core.addSystemEventTrigger("before", "shutdown", () -> port.stopListening().addCallback(x -> {
      seen.add("stopped listening");
      return null;
    }));
    core.addSystemEventTrigger("during", "shutdown", () -> {
      seen.add("during shutdown");
      return null;
    });
    core.callWhenRunning(core::stop);
    core.callLater(5, () -> {
      if (core.running()) {
        core.crash();
      }
    });
    core.run();
    assertEquals(seen, List.of("stopped listening", "during shutdown"));
  }

  @Test
  public void abortWithALargeWritePendingResetsThePeerLosesOnceAndGoesQuiet()
      throws IOException {
    SocketChannel[] pair = blockingPair();
    List<Failure> lost = new ArrayList<>();
    Protocol p = new Protocol() {
      @Override
      public void connectionLost(Failure reason) {
        lost.add(reason);
      }
    };
    core.adoptStreamConnection(pair[0], Factory.forProtocol(() -> p));
    dev.torsion.internet.interfaces.ITCPTransport t =
        (dev.torsion.internet.interfaces.ITCPTransport) p.transport();
    t.write(new byte[8 * 1024 * 1024]);
    core.iterate(0);
    t.abortConnection();
    t.write(new byte[] {1});
    t.abortConnection();
    assertTrue(lost.isEmpty(), "connectionLost ran inside abortConnection");
    iterateUntil(() -> !lost.isEmpty());
    assertQuiet();
    assertEquals(lost.size(), 1);
    assertTrue(lost.get(0).check(dev.torsion.internet.error.ConnectionAborted.class) != null);
    assertFalse(pair[0].isOpen());
    pair[1].socket().setSoTimeout(5000);
    java.io.InputStream in = pair[1].socket().getInputStream();
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    // The peer sees a reset, not a clean end, at most after what had already reached it.
    IOException reset = null;
    try {
      for (int n; (n = in.read(buf)) >= 0 && total < 16 * 1024 * 1024; ) {
        total += n;
      }
    } catch (IOException e) {
      reset = e;
    }
    assertTrue(reset != null, "the peer read a clean end of stream after " + total + " bytes");
    assertFalse(reset instanceof java.net.SocketTimeoutException, "no reset reached the peer");
    assertTrue(total < 8 * 1024 * 1024);
  }
}
