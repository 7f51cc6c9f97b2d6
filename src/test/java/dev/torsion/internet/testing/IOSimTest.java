package dev.torsion.internet.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.task.Clock;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class IOSimTest {
  /** Writes back what it receives. */
  static final class Echo extends Protocol {
    @Override
    public void dataReceived(byte[] data) {
      transport().write(data);
    }
  }

  /** Records every event, and counts calls to dataReceived. */
  static class Recorder extends AccumulatingProtocol {
    final List<String> events = new ArrayList<>();
    int receives;
    int losses;

    @Override
    public void dataReceived(byte[] bytes) {
      receives++;
      super.dataReceived(bytes);
    }

    @Override
    public void connectionLost(Failure reason) {
      losses++;
      events.add("lost " + reason.type().getSimpleName());
      super.connectionLost(reason);
    }

    String text() {
      return new String(data(), US_ASCII);
    }
  }

  /** A recorder that can live with one direction closed. */
  static final class HalfCloser extends Recorder implements IHalfCloseableProtocol {
    @Override
    public void readConnectionLost() {
      events.add("readConnectionLost");
    }

    @Override
    public void writeConnectionLost() {
      events.add("writeConnectionLost");
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(US_ASCII);
  }

  @Test
  public void bytesTravelBothWaysAndEchoBack() {
    IOSim.Connected<Recorder, Echo> c = IOSim.connectedServerAndClient(Echo::new, Recorder::new);
    c.client().transport().write(ascii("hello, "));
    c.client().transport().write(ascii("world"));
    assertTrue(c.pump().flush());
    assertEquals(c.client().text(), "hello, world");
    assertFalse(c.pump().flush());
  }

  @Test
  public void oneByteChunksDeliverEveryByteSeparatelyInOrder() {
    IOSim.Connected<Recorder, Echo> c = IOSim.connectedServerAndClient(Echo::new, Recorder::new);
    c.pump().setChunkSize(1);
    c.client().transport().write(ascii("abcdef"));
    c.pump().flush();
    assertEquals(c.client().text(), "abcdef");
    assertEquals(c.client().receives, 6);
  }

  @Test
  public void randomChunksArriveWholeAndInOrder() {
    java.util.Random random = new java.util.Random(20261127L);
    IOSim.Connected<Recorder, Echo> c = IOSim.connectedServerAndClient(Echo::new, Recorder::new);
    StringBuilder sent = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      String piece = Integer.toString(random.nextInt(1_000_000));
      sent.append(piece).append(',');
      c.client().transport().write(ascii(piece + ","));
      c.pump().setChunkSize(1 + random.nextInt(7));
      c.pump().pump();
    }
    c.pump().flush();
    assertEquals(c.client().text(), sent.toString());
    assertTrue(c.client().receives > 200, "chunks: " + c.client().receives);
  }

  @Test
  public void aGreetingFromConnectionMadeArrivesWhenGreeting() {
    class Greeter extends Protocol {
      @Override
      public void connectionMade() {
        transport().write(ascii("220 hi"));
      }
    }
    IOSim.Connected<Recorder, Greeter> greeted =
        IOSim.connectedServerAndClient(Greeter::new, Recorder::new);
    assertEquals(greeted.client().text(), "220 hi");
    IOSim.Connected<Recorder, Greeter> quiet =
        IOSim.connectedServerAndClient(Greeter::new, Recorder::new, false, null);
    assertEquals(quiet.client().text(), "");
    assertTrue(quiet.client().made());
    quiet.pump().pump();
    assertEquals(quiet.client().text(), "220 hi");
  }

  @Test
  public void loseConnectionDeliversWhatIsQueuedThenEachSideHearsConnectionDoneOnce() {
    IOSim.Connected<Recorder, Recorder> c =
        IOSim.connectedServerAndClient(Recorder::new, Recorder::new);
    FakeTransport clientIO = c.pump().clientIO();
    clientIO.write(ascii("last words"));
    clientIO.loseConnection();
    clientIO.write(ascii("dropped"));
    assertTrue(clientIO.disconnecting());
    assertFalse(clientIO.disconnected());
    c.pump().flush();
    assertEquals(c.server().text(), "last words");
    assertEquals(c.server().events, List.of("lost ConnectionDone"));
    assertEquals(c.client().events, List.of("lost ConnectionDone"));
    assertTrue(clientIO.disconnected());
    assertTrue(c.pump().serverIO().disconnected());
    clientIO.loseConnection();
    c.pump().serverIO().loseConnection();
    c.pump().flush();
    assertEquals(c.client().losses + c.server().losses, 2);
  }

  @Test
  public void bothSidesClosingAtOnceStillHearConnectionLostOnceEach() {
    IOSim.Connected<Recorder, Recorder> c =
        IOSim.connectedServerAndClient(Recorder::new, Recorder::new);
    c.pump().clientIO().loseConnection();
    c.pump().serverIO().loseConnection();
    c.pump().flush();
    assertEquals(c.client().losses, 1);
    assertEquals(c.server().losses, 1);
  }

  @Test
  public void abortDiscardsTheQueueAndTellsBothSides() {
    IOSim.Connected<Recorder, Recorder> c =
        IOSim.connectedServerAndClient(Recorder::new, Recorder::new);
    c.pump().clientIO().write(ascii("never sent"));
    c.pump().clientIO().abortConnection();
    assertEquals(c.pump().clientIO().bufferedBytes(), 0);
    c.pump().flush();
    assertEquals(c.server().text(), "");
    assertEquals(c.client().events, List.of("lost ConnectionAborted"));
    assertEquals(c.server().events, List.of("lost ConnectionLost"));
    assertNotNull(c.client().closedReason().check(ConnectionAborted.class));
    assertNotNull(c.server().closedReason().check(ConnectionLost.class));
  }

  @Test
  public void halfCloseLetsThePeerKeepWritingUntilItCloses() {
    IOSim.Connected<HalfCloser, HalfCloser> c =
        IOSim.connectedServerAndClient(HalfCloser::new, HalfCloser::new);
    FakeTransport clientIO = c.pump().clientIO();
    clientIO.write(ascii("request"));
    clientIO.loseWriteConnection();
    clientIO.write(ascii("dropped"));
    c.pump().flush();
    assertEquals(c.server().text(), "request");
    assertEquals(c.client().events, List.of("writeConnectionLost"));
    assertEquals(c.server().events, List.of("readConnectionLost"));
    c.pump().serverIO().write(ascii("response"));
    c.pump().serverIO().loseConnection();
    c.pump().flush();
    assertEquals(c.client().text(), "response");
    assertEquals(c.client().events, List.of("writeConnectionLost", "lost ConnectionDone"));
    assertEquals(c.server().events, List.of("readConnectionLost", "lost ConnectionDone"));
  }

  @Test
  public void bothHalfClosedConnectionStaysOpenUntilOneSideCloses() {
    IOSim.Connected<HalfCloser, HalfCloser> c =
        IOSim.connectedServerAndClient(HalfCloser::new, HalfCloser::new);
    c.pump().clientIO().loseWriteConnection();
    c.pump().serverIO().loseWriteConnection();
    c.pump().flush();
    assertEquals(c.client().losses + c.server().losses, 0);
    c.pump().serverIO().loseConnection();
    c.pump().flush();
    assertEquals(c.client().losses, 1);
    assertEquals(c.server().losses, 1);
  }

  @Test
  public void halfCloseToAProtocolThatCannotHalfCloseEndsTheConnection() {
    IOSim.Connected<HalfCloser, Recorder> c =
        IOSim.connectedServerAndClient(Recorder::new, HalfCloser::new);
    c.pump().clientIO().loseWriteConnection();
    c.pump().flush();
    assertEquals(c.server().events, List.of("lost ConnectionDone"));
    assertEquals(c.client().events, List.of("writeConnectionLost", "lost ConnectionDone"));
  }

  /** A push producer writing {@code size} bytes per resume, until paused. */
  static final class Firehose implements IPushProducer {
    final FakeTransport transport;
    final List<String> events = new ArrayList<>();
    boolean paused;
    int written;

    Firehose(FakeTransport transport) {
      this.transport = transport;
    }

    void produce(int limit) {
      while (!paused && written < limit) {
        written += 1000;
        transport.write(new byte[1000]);
      }
    }

    @Override
    public void pauseProducing() {
      paused = true;
      events.add("pause at " + written);
    }

    @Override
    public void resumeProducing() {
      paused = false;
      events.add("resume");
    }

    @Override
    public void stopProducing() {
      events.add("stop");
    }
  }

  @Test
  public void aPushProducerIsPausedAboveTheBufferSizeAndResumedWhenDrained() {
    IOSim.Connected<Recorder, Recorder> c =
        IOSim.connectedServerAndClient(Recorder::new, Recorder::new);
    FakeTransport clientIO = c.pump().clientIO();
    clientIO.setBufferSize(4000);
    Firehose producer = new Firehose(clientIO);
    clientIO.registerProducer(producer, true);
    assertThrows(IllegalStateException.class, () -> clientIO.registerProducer(producer, true));
    producer.produce(100_000);
    assertEquals(producer.events, List.of("pause at 5000"));
    assertEquals(clientIO.bufferedBytes(), 5000);
    c.pump().pump();
    assertEquals(c.server().data().length, 5000);
    assertEquals(producer.events, List.of("pause at 5000", "resume"));
    clientIO.loseConnection();
    c.pump().flush();
    assertEquals(producer.events, List.of("pause at 5000", "resume", "stop"));
    assertNull(clientIO.producer());
  }

  @Test
  public void aPullProducerIsAskedEachTimeTheQueueEmpties() {
    IOSim.Connected<Recorder, Recorder> c =
        IOSim.connectedServerAndClient(Recorder::new, Recorder::new);
    FakeTransport clientIO = c.pump().clientIO();
    NonStreamingProducer producer = new NonStreamingProducer(clientIO);
    clientIO.registerProducer(producer, false);
    c.pump().flush();
    assertEquals(c.server().text(), "0123456789");
    assertTrue(producer.result().called());
    assertNull(clientIO.producer());
  }

  @Test
  public void aProducerRegisteredAfterTheConnectionIsLostIsStoppedAtOnce() {
    IOSim.Connected<Recorder, Recorder> c =
        IOSim.connectedServerAndClient(Recorder::new, Recorder::new);
    c.pump().clientIO().loseConnection();
    c.pump().flush();
    Firehose producer = new Firehose(c.pump().clientIO());
    c.pump().clientIO().registerProducer(producer, true);
    assertEquals(producer.events, List.of("stop"));
  }

  @Test
  public void aPausedTransportReceivesNothingUntilResumed() {
    IOSim.Connected<Recorder, Recorder> c =
        IOSim.connectedServerAndClient(Recorder::new, Recorder::new);
    FakeTransport serverIO = c.pump().serverIO();
    serverIO.pauseProducing();
    assertTrue(serverIO.readingPaused());
    c.pump().clientIO().write(ascii("held"));
    c.pump().clientIO().loseConnection();
    c.pump().flush();
    assertEquals(c.server().text(), "");
    assertEquals(c.server().losses, 0);
    assertEquals(c.pump().clientIO().bufferedBytes(), 4);
    serverIO.resumeProducing();
    c.pump().flush();
    assertEquals(c.server().text(), "held");
    assertEquals(c.server().losses, 1);
    assertEquals(c.client().losses, 1);
  }

  @Test
  public void pausingFromInsideDataReceivedStopsDeliveryMidQueue() {
    class PauseAfterOne extends Recorder {
      @Override
      public void dataReceived(byte[] bytes) {
        super.dataReceived(bytes);
        transport().pauseProducing();
      }
    }
    IOSim.Connected<Recorder, PauseAfterOne> c =
        IOSim.connectedServerAndClient(PauseAfterOne::new, Recorder::new);
    c.pump().setChunkSize(2);
    c.client().transport().write(ascii("abcdef"));
    c.pump().flush();
    assertEquals(c.server().text(), "ab");
    c.server().transport().resumeProducing();
    c.pump().pump();
    assertEquals(c.server().text(), "abcd");
  }

  @Test
  public void eachRoundAdvancesTheClockByZero() {
    Clock clock = new Clock();
    IOSim.Connected<Recorder, Recorder> c =
        IOSim.connectedServerAndClient(Recorder::new, Recorder::new, true, clock);
    clock.callLater(0, () -> c.server().transport().write(ascii("timed")));
    c.pump().flush();
    assertEquals(c.client().text(), "timed");
  }

  @Test
  public void flushGivesUpOnAConversationThatNeverEnds() {
    IOSim.Connected<Echo, Echo> c = IOSim.connectedServerAndClient(Echo::new, Echo::new);
    c.client().transport().write(ascii("ping"));
    assertThrows(AssertionError.class, () -> c.pump().flush());
  }

  @Test
  public void anExceptionFromAProtocolPropagatesOutOfThePump() {
    class Broken extends Protocol {
      @Override
      public void dataReceived(byte[] data) {
        throw new IllegalStateException("boom");
      }
    }
    IOSim.Connected<Recorder, Broken> c =
        IOSim.connectedServerAndClient(Broken::new, Recorder::new);
    c.client().transport().write(ascii("x"));
    assertThrows(IllegalStateException.class, () -> c.pump().flush());
  }

  @Test
  public void transportsDescribeThemselvesAsTwistedDoes() {
    IOSim.Connected<Recorder, Echo> c = IOSim.connectedServerAndClient(Echo::new, Recorder::new);
    assertTrue(c.pump().serverIO().toString().matches("FakeTransport<S,\\d+,Echo>"),
        c.pump().serverIO().toString());
    assertTrue(c.pump().serverIO().isServer());
    assertFalse(c.pump().clientIO().isServer());
    assertTrue(c.pump().clientIO().getPeer() instanceof FakeAddress);
  }

  @Test
  public void connectionCompleterJoinsAClientToAListenerOnItsPort() {
    MemoryReactor reactor = new MemoryReactor();
    reactor.listenTCP(4321, Factory.forProtocol(Echo::new));
    Recorder[] client = new Recorder[1];
    reactor.connectTCP("127.0.0.1", 9999, ClientFactory.forClientProtocol(Recorder::new));
    reactor.connectTCP("127.0.0.1", 4321, ClientFactory.forClientProtocol(() -> {
      client[0] = new Recorder();
      return client[0];
    }));
    IOPump pump = new ConnectionCompleter(reactor).succeedOnce();
    assertNotNull(pump);
    assertEquals(reactor.tcpClients().size(), 1);
    assertEquals(reactor.connectors().size(), 1);
    client[0].transport().write(ascii("hi"));
    pump.flush();
    assertEquals(client[0].text(), "hi");
    assertNull(new ConnectionCompleter(reactor).succeedOnce());
  }

  @Test
  public void connectionCompleterFailsTheOldestAttempt() {
    MemoryReactor reactor = new MemoryReactor();
    List<Failure> failures = new ArrayList<>();
    reactor.connectTCP("h", 1, new ClientFactory() {
      @Override
      public void clientConnectionFailed(IConnector connector, Failure reason) {
        failures.add(reason);
      }
    });
    new ConnectionCompleter(reactor).failOnce();
    assertEquals(failures.size(), 1);
    assertNotNull(failures.get(0).check(ConnectionRefusedError.class));
    assertTrue(reactor.tcpClients().isEmpty());
  }

  @Test
  public void theCleanCloseReasonIsConnectionDone() {
    IOSim.Connected<Recorder, Recorder> c =
        IOSim.connectedServerAndClient(Recorder::new, Recorder::new);
    c.pump().serverIO().stopProducing();
    c.pump().flush();
    assertNotNull(c.client().closedReason().check(ConnectionDone.class));
    assertNotNull(c.server().closedReason().check(ConnectionDone.class));
  }
}
