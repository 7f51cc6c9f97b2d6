package dev.torsion.internal.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class StreamTransportTest {
  private final FakeBackend backend = new FakeBackend();
  private final LoopCore core = new LoopCore(backend);

  /** A protocol recording what happens to it. */
  static class Recorder extends Protocol {
    final List<String> events = new ArrayList<>();
    final StringBuilder data = new StringBuilder();
    final List<Failure> lost = new ArrayList<>();

    @Override
    public void connectionMade() {
      events.add("made");
    }

    @Override
    public void dataReceived(byte[] bytes) {
      data.append(new String(bytes, StandardCharsets.US_ASCII));
    }

    @Override
    public void connectionLost(Failure reason) {
      events.add("lost");
      lost.add(reason);
    }
  }

  static class HalfCloser extends Recorder implements IHalfCloseableProtocol {
    @Override
    public void readConnectionLost() {
      events.add("readLost");
    }

    @Override
    public void writeConnectionLost() {
      events.add("writeLost");
    }
  }

  /** Twisted's DummyProducer: records its events; push and pull at once. */
  static final class DummyProducer implements IPushProducer, IPullProducer {
    final List<String> events = new ArrayList<>();

    @Override
    public void resumeProducing() {
      events.add("resume");
    }

    @Override
    public void pauseProducing() {
      events.add("pause");
    }

    @Override
    public void stopProducing() {
      events.add("stop");
    }
  }

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

  @Test
  public void beginStartsReadingAndCallsConnectionMade() {
    Recorder p = new Recorder();
    StreamTransport t = connected(p, 100);
    assertEquals(p.events, List.of("made"));
    assertTrue(stream.reading);
    assertTrue(core.selectables().contains(t));
    stream.events.dataReceived(bytes("abc"));
    assertEquals(p.data.toString(), "abc");
  }

  /** twisted.test.test_internet.ProducerTests.test_doubleProducer */
  @Test
  public void pullProducerIsResumedAtOnceAndOnlyOneMayRegister() {
    StreamTransport t = connected(new Recorder(), 3);
    DummyProducer dp = new DummyProducer();
    t.registerProducer(dp, false);
    assertEquals(dp.events, List.of("resume"));
    assertThrows(IllegalStateException.class, () -> t.registerProducer(new DummyProducer(), false));
  }

  /** twisted.test.test_internet.ProducerTests.test_unconnectedFileDescriptor */
  @Test
  public void producerRegisteredAfterDisconnectIsStopped() {
    StreamTransport t = connected(new Recorder(), 3);
    t.abortConnection();
    turn();
    DummyProducer dp = new DummyProducer();
    t.registerProducer(dp, false);
    assertEquals(dp.events, List.of("stop"));
  }

  private void dontPausePull(boolean sequence) {
    StreamTransport t = connected(new Recorder(), 3);
    stream.capacity = 0;
    DummyProducer dp = new DummyProducer();
    t.registerProducer(dp, false);
    assertEquals(dp.events, List.of("resume"));
    dp.events.clear();
    if (sequence) {
      t.writeSequence(List.of(bytes("1"), bytes("2"), bytes("3"), bytes("4")));
    } else {
      t.write(bytes("1234"));
    }
    assertEquals(t.bufferedBytes(), 4);
    assertEquals(dp.events, List.of());
  }

  /** twisted.test.test_internet.ProducerTests.test_dontPausePullConsumerOnWrite */
  @Test
  public void pullProducerIsNotPausedByAFullBufferOnWrite() {
    dontPausePull(false);
  }

  /** twisted.test.test_internet.ProducerTests.test_dontPausePullConsumerOnWriteSequence */
  @Test
  public void pullProducerIsNotPausedByAFullBufferOnWriteSequence() {
    dontPausePull(true);
  }

  private void reentrantStreaming(boolean sequence) {
    StreamTransport t = connected(new Recorder(), 3);
    stream.capacity = 0;
    List<String> events = new ArrayList<>();
    Runnable writeSpam = () -> {
      if (sequence) {
        t.writeSequence(List.of(bytes("s"), bytes("p"), bytes("am")));
      } else {
        t.write(bytes("spam"));
      }
    };
    IPushProducer reentrant = new IPushProducer() {
      @Override
      public void pauseProducing() {
        events.add("pause");
      }

      @Override
      public void resumeProducing() {
        events.add("resume");
        writeSpam.run();
      }

      @Override
      public void stopProducing() {
        events.add("stop");
      }
    };
    t.registerProducer(reentrant, true);
    writeSpam.run();
    assertEquals(events, List.of("pause"));
    events.clear();
    stream.doWrite();
    assertEquals(events, List.of("resume", "pause"));
    events.clear();
    stream.doWrite();
    assertEquals(events, List.of("resume", "pause"));
  }

  /** twisted.test.test_internet.ProducerTests.test_reentrantStreamingProducerUsingWrite */
  @Test
  public void reentrantPushProducerIsPausedAgainAfterEachResumeUsingWrite() {
    reentrantStreaming(false);
  }

  /**
   * twisted.test.test_internet.ProducerTests.test_reentrantStreamingProducerUsingWriteSequence
   */
  @Test
  public void reentrantPushProducerIsPausedAgainAfterEachResumeUsingWriteSequence() {
    reentrantStreaming(true);
  }

  @Test
  public void writeWithNothingQueuedTriesTheSocketAtOnce() {
    StreamTransport t = connected(new Recorder(), 100);
    t.write(bytes("hello"));
    assertEquals(stream.flushes, 1);
    assertEquals(stream.sent.text(), "hello");
    assertEquals(t.bufferedBytes(), 0);
  }

  @Test
  public void writesWhileQueuedMakeNoSocketCallAndGoOutTogether() {
    StreamTransport t = connected(new Recorder(), 100);
    stream.capacity = 2;
    t.write(bytes("abcd"));
    t.write(bytes("ef"));
    t.writeSequence(List.of(bytes("g"), new byte[0], bytes("h")));
    assertEquals(stream.flushes, 1);
    assertEquals(t.bufferedBytes(), 6);
    stream.doWrite();
    assertEquals(stream.sent.text(), "abcdefgh");
    assertEquals(t.bufferedBytes(), 0);
  }

  @Test
  public void pushProducerIsPausedAboveHighWaterAndResumedWhenDrained() {
    StreamTransport t = connected(new Recorder(), 10);
    stream.capacity = 0;
    DummyProducer dp = new DummyProducer();
    t.registerProducer(dp, true);
    t.write(new byte[10]);
    assertEquals(dp.events, List.of());
    t.write(new byte[1]);
    assertEquals(dp.events, List.of("pause"));
    t.write(new byte[1]);
    assertEquals(dp.events, List.of("pause"));
    stream.doWrite();
    assertEquals(dp.events, List.of("pause", "resume"));
  }

  @Test
  public void pullProducerIsAskedAgainOnALaterTurnWhenTheBufferEmpties() {
    StreamTransport t = connected(new Recorder(), 10);
    int[] calls = {0};
    IPullProducer pull = new IPullProducer() {
      @Override
      public void resumeProducing() {
        calls[0]++;
        if (calls[0] < 3) {
          t.write(bytes("x"));
        } else {
          t.unregisterProducer();
        }
      }

      @Override
      public void stopProducing() {}
    };
    t.registerProducer(pull, false);
    assertEquals(calls[0], 1);
    turn();
    assertEquals(calls[0], 2);
    turn();
    assertEquals(calls[0], 3);
    turn();
    assertEquals(calls[0], 3);
    assertEquals(stream.sent.text(), "xx");
  }

  @Test
  public void loseConnectionFlushesThenClosesWithConnectionDoneOnALaterTurn() {
    Recorder p = new Recorder();
    StreamTransport t = connected(p, 100);
    stream.capacity = 0;
    t.write(bytes("bye"));
    t.loseConnection();
    assertFalse(stream.reading);
    assertEquals(p.events, List.of("made"));
    stream.doWrite();
    assertEquals(stream.sent.text(), "bye");
    assertEquals(p.events, List.of("made", "lost"));
    assertNotNull(p.lost.get(0).check(ConnectionDone.class));
    assertTrue(stream.closed);
    assertFalse(stream.aborted);
    assertFalse(core.selectables().contains(t));
  }

  @Test
  public void loseConnectionWithEmptyBufferClosesOnTheNextTurn() {
    Recorder p = new Recorder();
    StreamTransport t = connected(p, 100);
    t.loseConnection();
    assertEquals(p.events, List.of("made"));
    turn();
    assertEquals(p.events, List.of("made", "lost"));
  }

  @Test
  public void abortDiscardsTheBufferAndReportsConnectionAbortedOnce() {
    Recorder p = new Recorder();
    StreamTransport t = connected(p, 100);
    stream.capacity = 0;
    t.write(bytes("never sent"));
    t.abortConnection();
    t.abortConnection();
    t.loseConnection();
    assertEquals(t.bufferedBytes(), 0);
    assertEquals(p.events, List.of("made"));
    turn();
    assertEquals(p.events, List.of("made", "lost"));
    assertNotNull(p.lost.get(0).check(ConnectionAborted.class));
    assertTrue(stream.aborted);
    stream.events.readEOF();
    stream.events.failed(new java.io.IOException("late"));
    assertEquals(p.lost.size(), 1);
  }

  @Test
  public void peerFinDisconnectsAProtocolThatIsNotHalfCloseable() {
    Recorder p = new Recorder();
    connected(p, 100);
    stream.events.readEOF();
    assertNotNull(p.lost.get(0).check(ConnectionDone.class));
    assertTrue(stream.closed);
  }

  @Test
  public void peerFinTellsAHalfCloseableProtocolAndStopsReading() {
    HalfCloser p = new HalfCloser();
    StreamTransport t = connected(p, 100);
    stream.events.readEOF();
    assertEquals(p.events, List.of("made", "readLost"));
    assertFalse(stream.reading);
    t.write(bytes("still writing"));
    assertEquals(stream.sent.text(), "still writing");
  }

  @Test
  public void loseWriteConnectionSendsTheBufferThenAFin() {
    HalfCloser p = new HalfCloser();
    StreamTransport t = connected(p, 100);
    stream.capacity = 0;
    t.write(bytes("last"));
    t.loseWriteConnection();
    assertFalse(stream.outputShut);
    stream.doWrite();
    assertTrue(stream.outputShut);
    assertEquals(p.events, List.of("made", "writeLost"));
    t.write(bytes("ignored"));
    assertEquals(stream.sent.text(), "last");
    assertTrue(stream.reading);
  }

  /** twisted.test.test_tcp.HalfCloseBuggyApplicationTests.test_writeNotificationRaises */
  @Test
  public void writeConnectionLostRaisingIsLoggedAndDisconnects() {
    HalfCloser p = new HalfCloser() {
      @Override
      public void writeConnectionLost() {
        throw new IllegalStateException("ONO I AM BUGGY CODE");
      }
    };
    StreamTransport t = connected(p, 100);
    t.loseWriteConnection();
    turn();
    assertEquals(p.lost.size(), 1);
    assertEquals(p.lost.get(0).type(), IllegalStateException.class);
  }

  /** twisted.test.test_tcp.HalfCloseBuggyApplicationTests.test_readNotificationRaises */
  @Test
  public void readConnectionLostRaisingIsLoggedAndDisconnects() {
    HalfCloser p = new HalfCloser() {
      @Override
      public void readConnectionLost() {
        throw new IllegalStateException("ONO I AM BUGGY CODE");
      }
    };
    connected(p, 100);
    stream.events.readEOF();
    assertEquals(p.lost.size(), 1);
    assertEquals(p.lost.get(0).type(), IllegalStateException.class);
    assertTrue(stream.closed);
  }

  @Test
  public void exceptionInDataReceivedDropsTheConnectionWithConnectionLost() {
    Recorder p = new Recorder() {
      @Override
      public void dataReceived(byte[] bytes) {
        throw new IllegalArgumentException("bad input");
      }
    };
    connected(p, 100);
    stream.events.dataReceived(bytes("x"));
    assertNotNull(p.lost.get(0).check(ConnectionLost.class));
    assertEquals(p.lost.get(0).value().getCause().getClass(), IllegalArgumentException.class);
    assertTrue(stream.closed);
  }

  @Test
  public void exceptionInConnectionMadeDropsTheConnection() {
    Recorder p = new Recorder() {
      @Override
      public void connectionMade() {
        throw new IllegalArgumentException("no");
      }
    };
    connected(p, 100);
    assertEquals(p.lost.size(), 1);
    assertTrue(stream.closed);
  }

  @Test
  public void socketErrorIsConnectionLostAndStopsTheProducer() {
    Recorder p = new Recorder();
    StreamTransport t = connected(p, 100);
    DummyProducer dp = new DummyProducer();
    t.registerProducer(dp, true);
    stream.events.failed(new java.io.IOException("Connection reset by peer"));
    assertNotNull(p.lost.get(0).check(ConnectionLost.class));
    assertEquals(dp.events, List.of("stop"));
  }

  /** twisted.internet.test.test_tcp.TCPServerTests.test_writeAfterDisconnect */
  @Test
  public void writeAfterDisconnectIsIgnored() {
    Recorder p = new Recorder();
    StreamTransport t = connected(p, 100);
    stream.events.readEOF();
    t.write(bytes("after"));
    assertEquals(t.bufferedBytes(), 0);
    assertEquals(stream.sent.size(), 0);
  }

  /** twisted.internet.test.test_tcp.TCPServerTests.test_writeSequenceAfterDisconnect */
  @Test
  public void writeSequenceAfterDisconnectIsIgnored() {
    Recorder p = new Recorder();
    StreamTransport t = connected(p, 100);
    stream.events.readEOF();
    t.writeSequence(List.of(bytes("after")));
    assertEquals(t.bufferedBytes(), 0);
    assertEquals(stream.sent.size(), 0);
  }

  @Test
  public void pauseAndResumeProducingTurnReadingOffAndOn() {
    StreamTransport t = connected(new Recorder(), 100);
    t.pauseProducing();
    assertFalse(stream.reading);
    assertTrue(t.isReadPaused());
    t.resumeProducing();
    assertTrue(stream.reading);
    t.stopProducing();
    assertFalse(stream.reading);
    assertEquals(t.state(), "DISCONNECTING");
  }

  @Test
  public void disconnectAtShutdownIsConnectionLost() {
    Recorder p = new Recorder();
    StreamTransport t = connected(p, 100);
    t.disconnectAtShutdown();
    assertNotNull(p.lost.get(0).check(ConnectionLost.class));
    assertNull(p.lost.get(0).check(ConnectionDone.class));
  }

  @Test
  public void socketOptionsGoToTheStream() {
    StreamTransport t = connected(new Recorder(), 100);
    t.setTcpNoDelay(true);
    t.setTcpKeepAlive(true);
    assertTrue(t.getTcpNoDelay());
    assertTrue(t.getTcpKeepAlive());
    assertEquals(t.getPeer(),
        new dev.torsion.internet.address.IPv4Address("TCP", "127.0.0.1", 5555));
  }
}
