package dev.torsion.protocols.loopback;

import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.task.Clock;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Twisted's test_loopback LoopbackAsyncTests, driven by a {@link Clock}. Where Twisted's tests
 * frame lines with {@code LineReceiver}, {@link SimpleProtocol} splits them instead: the tests
 * check how loopback carries bytes and closes, which the framing does not change.
 */
public class LoopbackTest {
  /** Advances the clock (by zero) until {@code d} fires, at most 1000 times. */
  static <T> T drain(Clock clock, Deferred<T> d) {
    for (int i = 0; i < 1000 && !d.called(); i++) {
      clock.advance(0);
    }
    return successResultOf(d);
  }

  static Deferred<@Nullable Void> loop(IProtocol server, IProtocol client, Clock clock) {
    return Loopback.loopbackAsync(server, client, Loopback::identityPumpPolicy, clock);
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.testRegularFunction */
  @Test
  public void aLineThenACloseReachTheClientAndBothSidesHearTheLossOnce() {
    Clock clock = new Clock();
    SimpleProtocol s = new SimpleProtocol();
    SimpleProtocol c = new SimpleProtocol();
    s.conn.addCallback(r -> {
      s.sendLine("THIS IS LINE ONE!");
      s.transport().loseConnection();
      return null;
    });
    drain(clock, loop(s, c, clock));
    assertEquals(c.lines, List.of("THIS IS LINE ONE!"));
    assertEquals(s.connLost.size(), 1);
    assertEquals(c.connLost.size(), 1);
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.testSneakyHiddenDoom */
  @Test
  public void repliesFlowUntilOneSideClosesFromDataReceived() {
    Clock clock = new Clock();
    DoomProtocol s = new DoomProtocol();
    DoomProtocol c = new DoomProtocol();
    s.conn.addCallback(r -> {
      s.sendLine("DOOM LINE");
      return null;
    });
    drain(clock, loop(s, c, clock));
    assertEquals(s.lines, List.of("Hello 1", "Hello 2", "Hello 3"));
    assertEquals(c.lines, List.of("DOOM LINE", "Hello 1", "Hello 2", "Hello 3"));
    assertEquals(s.connLost.size(), 1);
    assertEquals(c.connLost.size(), 1);
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.test_makeConnection */
  @Test
  public void bothProtocolsAreGivenATransport() {
    final class TestProtocol extends Protocol {
      @Nullable ITransport given;

      @Override
      public void makeConnection(ITransport transport) {
        given = transport;
      }
    }
    TestProtocol server = new TestProtocol();
    TestProtocol client = new TestProtocol();
    loop(server, client, new Clock());
    assertNotNull(server.given);
    assertNotNull(client.given);
  }

  /** The transport handed to the tested side's makeConnection, as Twisted's _hostpeertest. */
  private static ITransport connectedTransport(boolean testServer) {
    List<ITransport> seen = new ArrayList<>();
    Protocol tested = new Protocol() {
      @Override
      public void makeConnection(ITransport transport) {
        super.makeConnection(transport);
        seen.add(transport);
      }
    };
    Protocol other = new Protocol();
    if (testServer) {
      loop(tested, other, new Clock());
    } else {
      loop(other, tested, new Clock());
    }
    assertEquals(seen.size(), 1);
    return seen.get(0);
  }

  private static void assertIsAddress(@Nullable Object address) {
    assertNotNull(address);
    assertTrue(address instanceof IAddress, String.valueOf(address));
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.test_serverHost */
  @Test
  public void serverTransportHasAHost() {
    assertIsAddress(connectedTransport(true).getHost());
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.test_serverPeer */
  @Test
  public void serverTransportHasAPeer() {
    assertIsAddress(connectedTransport(true).getPeer());
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.test_clientHost */
  @Test
  public void clientTransportHasAHost() {
    assertIsAddress(connectedTransport(false).getHost());
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.test_clientPeer */
  @Test
  public void clientTransportHasAPeer() {
    assertIsAddress(connectedTransport(false).getPeer());
  }

  /** Receives until it has the bytes "bytes", then fires {@code received}. */
  static final class Greetee extends Protocol {
    final Deferred<@Nullable Void> received = new Deferred<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void dataReceived(byte[] data) {
      bytes.writeBytes(data);
      if (bytes.toString(US_ASCII).equals("bytes")) {
        received.callback(null);
      }
    }
  }

  /** Twisted's _greetingtest: the greeter speaks first, by write or writeSequence. */
  private static void greeting(boolean sequence, boolean testServer) {
    Protocol greeter = new Protocol() {
      @Override
      public void connectionMade() {
        if (sequence) {
          transport().writeSequence(List.of("byt".getBytes(US_ASCII), "es".getBytes(US_ASCII)));
        } else {
          transport().write("bytes".getBytes(US_ASCII));
        }
      }
    };
    Greetee greetee = new Greetee();
    Clock clock = new Clock();
    if (testServer) {
      loop(greeter, greetee, clock);
    } else {
      loop(greetee, greeter, clock);
    }
    drain(clock, greetee.received);
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.test_clientGreeting */
  @Test
  public void clientWriteReachesTheServer() {
    greeting(false, false);
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.test_clientGreetingSequence */
  @Test
  public void clientWriteSequenceReachesTheServer() {
    greeting(true, false);
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.test_serverGreeting */
  @Test
  public void serverWriteReachesTheClient() {
    greeting(false, true);
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.test_serverGreetingSequence */
  @Test
  public void serverWriteSequenceReachesTheClient() {
    greeting(true, true);
  }

  private static final List<String> TO_PRODUCE =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  /** Receives until it has all of TO_PRODUCE, then fires {@code received}. */
  static final class Receiving extends Protocol {
    final Deferred<@Nullable Void> received = new Deferred<>();
    final ByteArrayOutputStream got = new ByteArrayOutputStream();

    @Override
    public void dataReceived(byte[] data) {
      got.writeBytes(data);
      if (got.toString(US_ASCII).equals(String.join("", TO_PRODUCE))) {
        received.callback(null);
      }
    }
  }

  /** Twisted's test PushProducer: writes one item per clock turn, never expects resuming. */
  static final class PushProducer implements IPushProducer {
    final List<String> toProduce = new ArrayList<>(TO_PRODUCE);
    final Clock clock;
    boolean resumed;
    ITransport consumer;

    PushProducer(Clock clock) {
      this.clock = clock;
    }

    void start(ITransport consumer) {
      this.consumer = consumer;
      consumer.registerProducer(this, true);
      produceAndSchedule();
    }

    private void produceAndSchedule() {
      if (!toProduce.isEmpty()) {
        consumer.write(toProduce.remove(0).getBytes(US_ASCII));
        clock.callLater(0, this::produceAndSchedule);
      } else {
        consumer.unregisterProducer();
      }
    }

    @Override
    public void resumeProducing() {
      resumed = true;
    }

    @Override
    public void pauseProducing() {}

    @Override
    public void stopProducing() {}
  }

  /** Twisted's test PullProducer: writes one item each time it is asked. */
  static final class PullProducer implements IPullProducer {
    final List<String> toProduce = new ArrayList<>(TO_PRODUCE);
    ITransport consumer;

    void start(ITransport consumer) {
      this.consumer = consumer;
      consumer.registerProducer(this, false);
    }

    @Override
    public void resumeProducing() {
      consumer.write(toProduce.remove(0).getBytes(US_ASCII));
      if (toProduce.isEmpty()) {
        consumer.unregisterProducer();
      }
    }

    @Override
    public void stopProducing() {}
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.test_pushProducer */
  @Test
  public void aPushProducerOnTheServerStreamsToTheClientWithoutBeingResumed() {
    Clock clock = new Clock();
    PushProducer producer = new PushProducer(clock);
    Protocol server = new Protocol() {
      @Override
      public void connectionMade() {
        producer.start(transport());
      }
    };
    Receiving client = new Receiving();
    loop(server, client, clock);
    drain(clock, client.received);
    assertFalse(producer.resumed, "Streaming producer should not have been resumed.");
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.test_pullProducer */
  @Test
  public void aPullProducerOnTheServerIsAskedUntilItIsDone() {
    Clock clock = new Clock();
    PullProducer producer = new PullProducer();
    Protocol server = new Protocol() {
      @Override
      public void connectionMade() {
        producer.start(transport());
      }
    };
    Receiving client = new Receiving();
    loop(server, client, clock);
    drain(clock, client.received);
    assertTrue(producer.toProduce.isEmpty());
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.test_writeNotReentrant */
  @Test
  public void dataReceivedIsNeverCalledFromInsideWrite() {
    Clock clock = new Clock();
    Protocol server = new Protocol() {
      @Override
      public void dataReceived(byte[] data) {
        transport().write("bytes".getBytes(US_ASCII));
      }
    };
    boolean[] ready = {false};
    boolean[] wasReady = {false};
    Protocol client = new Protocol() {
      @Override
      public void connectionMade() {
        clock.callLater(0, () -> {
          transport().write("foo".getBytes(US_ASCII));
          ready[0] = true;
        });
      }

      @Override
      public void dataReceived(byte[] data) {
        wasReady[0] = ready[0];
        transport().loseConnection();
      }
    };
    // As in Twisted, the client is passed as the server.
    drain(clock, loop(client, server, clock));
    assertTrue(wasReady[0]);
  }

  /** One call of a recording pump policy: the target and the chunks (null for a close). */
  record PumpCall(IProtocol target, List<@Nullable String> chunks) {}

  /** twisted.test.test_loopback.LoopbackAsyncTests.test_pumpPolicy */
  @Test
  public void thePolicyIsCalledWithEachQueueAndItsTarget() {
    Clock clock = new Clock();
    List<PumpCall> pumpCalls = new ArrayList<>();
    PumpPolicy dummy = (queue, target) -> {
      List<@Nullable String> chunks = new ArrayList<>();
      while (!queue.isEmpty()) {
        byte[] chunk = queue.get();
        chunks.add(chunk == null ? null : new String(chunk, US_ASCII));
      }
      pumpCalls.add(new PumpCall(target, chunks));
    };
    Protocol client = new Protocol();
    Protocol server = new Protocol();
    Deferred<@Nullable Void> finished = Loopback.loopbackAsync(server, client, dummy, clock);
    assertEquals(pumpCalls, List.of());
    client.transport().write("foo".getBytes(US_ASCII));
    client.transport().write("bar".getBytes(US_ASCII));
    server.transport().write("baz".getBytes(US_ASCII));
    server.transport().write("quux".getBytes(US_ASCII));
    server.transport().loseConnection();
    drain(clock, finished);
    // Data goes to the client first, as in Twisted.
    assertEquals(pumpCalls, List.of(
        new PumpCall(client, Arrays.asList("baz", "quux", null)),
        new PumpCall(server, List.of("foo", "bar"))));
  }

  /** Records each dataReceived as a string. */
  static final class Recording extends Protocol {
    final List<String> received = new ArrayList<>();
    final List<String> lost = new ArrayList<>();

    @Override
    public void dataReceived(byte[] data) {
      received.add(new String(data, US_ASCII));
    }

    @Override
    public void connectionLost(dev.torsion.python.failure.Failure reason) {
      lost.add(reason.type().getSimpleName());
    }
  }

  private static LoopbackQueue fooBarClose() {
    LoopbackQueue queue = new LoopbackQueue();
    queue.put("foo".getBytes(US_ASCII));
    queue.put("bar".getBytes(US_ASCII));
    queue.put(null);
    return queue;
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.test_identityPumpPolicy */
  @Test
  public void identityPolicyDeliversEachChunkAsWritten() {
    Recording client = new Recording();
    LoopbackQueue queue = fooBarClose();
    Loopback.identityPumpPolicy(queue, client);
    assertEquals(client.received, List.of("foo", "bar"));
    assertTrue(queue.isEmpty());
  }

  /** twisted.test.test_loopback.LoopbackAsyncTests.test_collapsingPumpPolicy */
  @Test
  public void collapsingPolicyDeliversAllChunksJoined() {
    Recording client = new Recording();
    LoopbackQueue queue = fooBarClose();
    Loopback.collapsingPumpPolicy(queue, client);
    assertEquals(client.received, List.of("foobar"));
    assertTrue(queue.isEmpty());
  }

  @Test
  public void collapsingPolicyThroughLoopbackJoinsWhatWasWrittenBetweenPumps() {
    Clock clock = new Clock();
    Protocol server = new Protocol() {
      @Override
      public void connectionMade() {
        transport().write("a".getBytes(US_ASCII));
        transport().write("b".getBytes(US_ASCII));
        transport().write("c".getBytes(US_ASCII));
        transport().loseConnection();
      }
    };
    Recording client = new Recording();
    drain(clock, Loopback.loopbackAsync(server, client, Loopback::collapsingPumpPolicy, clock));
    assertEquals(client.received, List.of("abc"));
    assertEquals(client.lost, List.of("ConnectionDone"));
  }

  @Test
  public void theSameTransportIsGivenToMakeConnectionAndKept() {
    Protocol server = new Protocol();
    Protocol client = new Protocol();
    loop(server, client, new Clock());
    assertSame(server.transport().getHost(), client.transport().getPeer());
    assertEquals(server.transport().toString(), "_LoopbackTransport(" + server.getClass().getName()
        + ")");
  }
}
