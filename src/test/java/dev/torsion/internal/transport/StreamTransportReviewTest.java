package dev.torsion.internal.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internal.transport.StreamTransportTest.DummyProducer;
import dev.torsion.internal.transport.StreamTransportTest.HalfCloser;
import dev.torsion.internal.transport.StreamTransportTest.Recorder;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.ITCPTransport;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.protocol.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The review of the shared transport: every path to {@code connectionLost} runs it exactly once,
 * user exceptions from flow-control callbacks drop the connection instead of escaping into the
 * backend, and transport calls after the loss are harmless.
 */
public class StreamTransportReviewTest {
  private final FakeBackend backend = new FakeBackend();
  private final LoopCore core = new LoopCore(backend);
  private FakeBackend.FakeStream stream;

  private StreamTransport connected(Protocol p, long highWater) {
    stream = backend.new FakeStream();
    StreamTransport t = new StreamTransport(core, stream, false, highWater);
    t.begin(p);
    return t;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private void turn() {
    core.iterate(0);
  }

  /** A pull producer that writes once per resume and fails on the second resume. */
  private static final class FailingPull implements IPullProducer {
    final List<String> events = new ArrayList<>();
    StreamTransport transport;

    @Override
    public void resumeProducing() {
      events.add("resume");
      if (events.size() > 1) {
        throw new IllegalStateException("producer broke");
      }
      transport.write(bytes("x"));
    }

    @Override
    public void stopProducing() {
      events.add("stop");
    }
  }

  @Test
  public void pullProducerThrowingWhenAskedAgainDropsTheConnectionOnce() {
    Recorder p = new Recorder();
    StreamTransport t = connected(p, 100);
    stream.capacity = 0;
    FailingPull producer = new FailingPull();
    producer.transport = t;
    t.registerProducer(producer, false);
    // The socket drains: the transport asks the producer again, which throws. The error must
    // not escape into the backend's dispatch (NIO would cancel the key and leak the socket).
    stream.doWrite();
    assertEquals(p.events, List.of("made", "lost"));
    // IProtocol: the reason is always a ConnectionClosed, the producer's error its cause.
    assertNotNull(p.lost.get(0).check(ConnectionLost.class));
    assertTrue(p.lost.get(0).value().getCause() instanceof IllegalStateException);
    assertTrue(stream.closed);
    assertEquals(t.state(), "DISCONNECTED");
    assertFalse(core.selectables().contains(t));
  }

  @Test
  public void pausedPushProducerThrowingOnResumeDropsTheConnectionOnce() {
    Recorder p = new Recorder();
    StreamTransport t = connected(p, 3);
    stream.capacity = 0;
    List<String> events = new ArrayList<>();
    t.registerProducer(new IPushProducer() {
      @Override
      public void pauseProducing() {
        events.add("pause");
      }

      @Override
      public void resumeProducing() {
        events.add("resume");
        throw new IllegalStateException("cannot resume");
      }

      @Override
      public void stopProducing() {
        events.add("stop");
      }
    }, true);
    t.write(bytes("more than three"));
    assertEquals(events, List.of("pause"));
    stream.doWrite();
    assertEquals(p.events, List.of("made", "lost"));
    assertTrue(stream.closed);
    turn();
    assertEquals(p.events, List.of("made", "lost"));
  }

  @Test
  public void loseConnectionInsideConnectionMadeLosesOnceAfterATurn() {
    Recorder p = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        transport().write(bytes("bye"));
        transport().loseConnection();
      }
    };
    connected(p, 100);
    assertEquals(p.events, List.of("made"));
    turn();
    turn();
    assertEquals(p.events, List.of("made", "lost"));
    assertNotNull(p.lost.get(0).check(ConnectionDone.class));
    assertEquals(stream.sent.toString(StandardCharsets.US_ASCII), "bye");
    assertFalse(stream.aborted);
  }

  @Test
  public void exceptionInDataReceivedAfterLoseConnectionLosesOnce() {
    Recorder p = new Recorder() {
      @Override
      public void dataReceived(byte[] data) {
        transport().loseConnection();
        throw new IllegalArgumentException("bad input");
      }
    };
    connected(p, 100);
    stream.events.dataReceived(bytes("x"));
    turn();
    turn();
    assertEquals(p.events, List.of("made", "lost"));
    assertNotNull(p.lost.get(0).check(ConnectionLost.class));
  }

  @Test
  public void abortFromDataReceivedDiscardsLaterWritesAndLosesOnceOnTheNextTurn() {
    Recorder p = new Recorder() {
      @Override
      public void dataReceived(byte[] data) {
        ITCPTransport tcp = (ITCPTransport) transport();
        tcp.abortConnection();
        tcp.write(bytes("ignored"));
        tcp.abortConnection();
        transport().loseConnection();
      }
    };
    StreamTransport t = connected(p, 100);
    stream.events.dataReceived(bytes("x"));
    assertEquals(p.events, List.of("made"));
    turn();
    assertEquals(p.events, List.of("made", "lost"));
    assertNotNull(p.lost.get(0).check(ConnectionAborted.class));
    assertEquals(stream.sent.size(), 0);
    assertTrue(stream.aborted);
    assertEquals(t.bufferedBytes(), 0);
  }

  @Test
  public void disconnectAtShutdownWithAPendingAbortLosesOnce() {
    Recorder p = new Recorder();
    StreamTransport t = connected(p, 100);
    t.abortConnection();
    t.disconnectAtShutdown();
    turn();
    assertEquals(p.events, List.of("made", "lost"));
  }

  @Test
  public void peerResetAfterHalfCloseLosesOnce() {
    HalfCloser p = new HalfCloser();
    StreamTransport t = connected(p, 100);
    t.loseWriteConnection();
    turn();
    assertEquals(p.events, List.of("made", "writeLost"));
    stream.events.failed(new IOException("Connection reset by peer"));
    stream.events.readEOF();
    t.loseConnection();
    turn();
    assertEquals(p.events, List.of("made", "writeLost", "lost"));
    assertNotNull(p.lost.get(0).check(ConnectionLost.class));
  }

  @Test
  public void transportCallsAfterConnectionLostAreHarmless() {
    Recorder p = new Recorder();
    StreamTransport t = connected(p, 100);
    t.loseConnection();
    turn();
    assertEquals(p.events, List.of("made", "lost"));
    int drains = backend.drainRequests.size();
    t.write(bytes("late"));
    t.writeSequence(List.of(bytes("late")));
    t.loseConnection();
    t.loseWriteConnection();
    t.abortConnection();
    t.pauseProducing();
    t.resumeProducing();
    t.stopProducing();
    t.unregisterProducer();
    turn();
    assertEquals(p.events, List.of("made", "lost"));
    assertEquals(backend.drainRequests.size(), drains);
    assertFalse(stream.reading);
    assertEquals(stream.sent.size(), 0);
    DummyProducer dp = new DummyProducer();
    t.registerProducer(dp, true);
    assertEquals(dp.events, List.of("stop"));
  }

  @Test
  public void unregisteringAPausedProducerLetsAPendingLoseConnectionFinish() {
    Recorder p = new Recorder();
    StreamTransport t = connected(p, 3);
    stream.capacity = 0;
    DummyProducer dp = new DummyProducer();
    t.registerProducer(dp, true);
    t.write(bytes("12345"));
    assertEquals(dp.events, List.of("pause"));
    t.loseConnection();
    stream.doWrite();
    // The drained buffer resumes the paused producer instead of closing (as Twisted's doWrite).
    assertEquals(dp.events, List.of("pause", "resume"));
    assertEquals(p.events, List.of("made"));
    t.unregisterProducer();
    turn();
    assertEquals(p.events, List.of("made", "lost"));
    assertNotNull(p.lost.get(0).check(ConnectionDone.class));
    assertEquals(dp.events, List.of("pause", "resume"));
  }

  /**
   * As Twisted 22.4, checked with a real reactor: loseConnection waits for a paused push
   * producer or a pull producer to unregister, but not for a push producer that is not paused
   * (its doWrite closes at once and connectionLost stops the producer).
   */
  @Test
  public void loseConnectionDoesNotWaitForAnUnpausedPushProducer() {
    Recorder p = new Recorder();
    StreamTransport t = connected(p, 100);
    DummyProducer dp = new DummyProducer();
    t.registerProducer(dp, true);
    t.loseConnection();
    turn();
    assertEquals(p.events, List.of("made", "lost"));
    assertEquals(dp.events, List.of("stop"));
  }

  @Test
  public void loseConnectionWaitsForAPullProducerToUnregister() {
    Recorder p = new Recorder();
    StreamTransport t = connected(p, 100);
    DummyProducer dp = new DummyProducer();
    t.registerProducer(dp, false);
    t.loseConnection();
    turn();
    turn();
    assertEquals(p.events, List.of("made"));
    assertEquals(dp.events, List.of("resume", "resume"));
    t.unregisterProducer();
    turn();
    assertEquals(p.events, List.of("made", "lost"));
  }

  @Test
  public void connectionMadeThrowingAfterLoseConnectionLosesOnceAndTellsTheConnectorOnce() {
    Recorder p = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        transport().loseConnection();
        throw new IllegalStateException("connectionMade broke");
      }
    };
    stream = backend.new FakeStream();
    StreamTransport t = new StreamTransport(core, stream, false, 100);
    List<String> told = new ArrayList<>();
    t.afterConnectionLost(reason -> told.add("connector"));
    t.begin(p);
    turn();
    turn();
    assertEquals(p.events, List.of("made", "lost"));
    assertNotNull(p.lost.get(0).check(ConnectionLost.class));
    assertEquals(told, List.of("connector"));
    assertTrue(stream.closed);
  }

  @Test
  public void pausingInsideConnectionMadeKeepsReadingOff() {
    Recorder p = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        ((ITCPTransport) transport()).pauseProducing();
      }
    };
    StreamTransport t = connected(p, 100);
    assertFalse(stream.reading);
    assertTrue(t.isReadPaused());
    t.resumeProducing();
    assertTrue(stream.reading);
  }

  /** A sequence with a piece that is not bytes queues nothing and says why. */
  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void writeSequenceIsAllOrNothing() {
    StreamTransport t = connected(new Protocol(), 100);
    stream.capacity = 0;
    java.util.List polluted = new java.util.ArrayList<>();
    polluted.add("ok".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    polluted.add(null);
    IllegalArgumentException e = org.testng.Assert.expectThrows(IllegalArgumentException.class,
        () -> t.writeSequence(polluted));
    assertEquals(e.getMessage(), "Data must be bytes, not null");
    assertEquals(t.bufferedBytes(), 0);
  }

  /** A one-shot Iterable (not a Collection) is read once and written whole. */
  @Test
  public void writeSequenceReadsAOneShotIterableOnce() {
    StreamTransport t = connected(new Protocol(), 100);
    stream.capacity = 0;
    java.util.Iterator<byte[]> it = java.util.List.of(new byte[3], new byte[4]).iterator();
    Iterable<byte[]> once = () -> it;
    t.writeSequence(once);
    assertEquals(t.bufferedBytes(), 7);
  }
}
