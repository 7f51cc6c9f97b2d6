package dev.torsion.protocols.loopback;

import static dev.torsion.protocols.loopback.LoopbackTest.drain;
import static dev.torsion.protocols.loopback.LoopbackTest.loop;
import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.task.Clock;
import dev.torsion.protocols.loopback.LoopbackTest.Recording;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** What Torsion's loopback transport adds to Twisted's: flow control, closing, errors. */
public class LoopbackTransportTest {
  /** Counts its pause, resume and stop calls. */
  static final class CountingProducer implements IPushProducer {
    final List<String> calls = new ArrayList<>();

    @Override
    public void pauseProducing() {
      calls.add("pause");
    }

    @Override
    public void resumeProducing() {
      calls.add("resume");
    }

    @Override
    public void stopProducing() {
      calls.add("stop");
    }
  }

  /** A protocol that runs {@code onMade} from connectionMade. */
  static Protocol onConnect(java.util.function.Consumer<Protocol> onMade) {
    return new Protocol() {
      @Override
      public void connectionMade() {
        onMade.accept(this);
      }
    };
  }

  @Test
  public void bothSidesClosingStillGivesEachOneConnectionLost() {
    Clock clock = new Clock();
    Recording server = new Recording();
    Recording client = new Recording();
    Deferred<@Nullable Void> d = loop(server, client, clock);
    org.testng.Assert.assertFalse(server.transport().disconnecting());
    server.transport().loseConnection();
    org.testng.Assert.assertTrue(server.transport().disconnecting());
    client.transport().loseConnection();
    server.transport().loseConnection();
    drain(clock, d);
    assertEquals(server.lost, List.of("ConnectionDone"));
    assertEquals(client.lost, List.of("ConnectionDone"));
  }

  @Test
  public void abortAndStopProducingCloseLikeLoseConnection() {
    Clock clock = new Clock();
    Recording server = new Recording();
    Recording client = new Recording();
    Deferred<@Nullable Void> d = loop(server, client, clock);
    ((LoopbackTransport) client.transport()).abortConnection();
    drain(clock, d);
    assertEquals(server.lost, List.of("ConnectionDone"));

    Recording server2 = new Recording();
    Recording client2 = new Recording();
    Deferred<@Nullable Void> d2 = loop(server2, client2, clock);
    server2.transport().stopProducing();
    drain(clock, d2);
    assertEquals(client2.lost, List.of("ConnectionDone"));
  }

  @Test
  public void writesAfterTheSessionEndedAreDropped() {
    Clock clock = new Clock();
    Recording server = new Recording();
    Recording client = new Recording();
    Deferred<@Nullable Void> d = loop(server, client, clock);
    server.transport().loseConnection();
    drain(clock, d);
    server.transport().write("late".getBytes(US_ASCII));
    clock.advance(0);
    assertEquals(client.received, List.of());
    assertTrue(clock.getDelayedCalls().isEmpty());
  }

  @Test
  public void aStreamingProducerIsPausedAboveTheBufferAndResumedWhenDelivered() {
    Clock clock = new Clock();
    CountingProducer producer = new CountingProducer();
    int size = (int) LoopbackTransport.BUFFER_SIZE + 1;
    Protocol server = onConnect(p -> {
      p.transport().registerProducer(producer, true);
      p.transport().write(new byte[size]);
      assertEquals(producer.calls, List.of("pause"));
    });
    int[] got = {0};
    Protocol client = new Protocol() {
      @Override
      public void dataReceived(byte[] data) {
        got[0] += data.length;
      }
    };
    loop(server, client, clock);
    assertEquals(got[0], size);
    assertEquals(producer.calls, List.of("pause", "resume"));
  }

  @Test
  public void aProducerStillRegisteredIsStoppedWhenTheSessionEnds() {
    Clock clock = new Clock();
    CountingProducer producer = new CountingProducer();
    Recording client = new Recording();
    Protocol server = onConnect(p -> p.transport().registerProducer(producer, true));
    Deferred<@Nullable Void> d = loop(server, client, clock);
    client.transport().loseConnection();
    drain(clock, d);
    assertEquals(producer.calls, List.of("stop"));
    CountingProducer late = new CountingProducer();
    server.transport().registerProducer(late, true);
    assertEquals(late.calls, List.of("stop"));
  }

  @Test
  public void registeringASecondProducerIsAnError() {
    Protocol server = new Protocol();
    loop(server, new Protocol(), new Clock());
    server.transport().registerProducer(new CountingProducer(), true);
    assertThrows(IllegalStateException.class,
        () -> server.transport().registerProducer(new CountingProducer(), true));
    server.transport().unregisterProducer();
    server.transport().unregisterProducer();
    server.transport().registerProducer(new CountingProducer(), true);
  }

  @Test
  public void aPausedReaderGetsNothingAndHoldsTheCloseUntilResumed() {
    Clock clock = new Clock();
    Recording server = new Recording();
    Recording client = new Recording();
    Deferred<@Nullable Void> d = loop(server, client, clock);
    client.transport().pauseProducing();
    server.transport().write("hi".getBytes(US_ASCII));
    server.transport().loseConnection();
    client.transport().write("up".getBytes(US_ASCII));
    for (int i = 0; i < 10; i++) {
      clock.advance(0);
    }
    assertFalse(d.called());
    assertEquals(client.received, List.of());
    assertEquals(server.received, List.of("up"));
    client.transport().resumeProducing();
    drain(clock, d);
    assertEquals(client.received, List.of("hi"));
    assertEquals(client.lost, List.of("ConnectionDone"));
    assertEquals(server.lost, List.of("ConnectionDone"));
  }

  @Test
  public void anExceptionFromDataReceivedFailsTheDeferredWithoutConnectionLost() {
    Clock clock = new Clock();
    List<String> lost = new ArrayList<>();
    Protocol client = new Protocol() {
      @Override
      public void dataReceived(byte[] data) {
        throw new IllegalStateException("boom");
      }

      @Override
      public void connectionLost(dev.torsion.python.failure.Failure reason) {
        lost.add("lost");
      }
    };
    Recording server = new Recording();
    Deferred<@Nullable Void> d = loop(server, client, clock);
    server.transport().write("x".getBytes(US_ASCII));
    for (int i = 0; i < 10 && !d.called(); i++) {
      clock.advance(0);
    }
    assertEquals(failureResultOf(d, IllegalStateException.class).getErrorMessage(), "boom");
    assertEquals(lost, List.of());
    assertEquals(server.lost, List.of());
  }

  @Test
  public void writeSequenceWithANullPieceWritesNothing() {
    Clock clock = new Clock();
    Recording server = new Recording();
    Recording client = new Recording();
    loop(server, client, clock);
    assertThrows(IllegalArgumentException.class, () -> server.transport().writeSequence(
        Arrays.asList("a".getBytes(US_ASCII), null)));
    server.transport().write("b".getBytes(US_ASCII));
    clock.advance(0);
    assertEquals(client.received, List.of("b"));
  }

  @Test
  public void queueTracksBytesAndCloseMarkers() {
    LoopbackQueue queue = new LoopbackQueue();
    assertTrue(queue.isEmpty());
    queue.put(new byte[3]);
    queue.put(null);
    assertEquals(queue.bytes(), 3);
    assertEquals(queue.toString(), "_LoopbackQueue(2 chunks, 3 bytes)");
    assertEquals(queue.get().length, 3);
    assertEquals(queue.get(), null);
    assertThrows(java.util.NoSuchElementException.class, queue::get);
  }
}
