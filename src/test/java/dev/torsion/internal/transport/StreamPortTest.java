package dev.torsion.internal.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class StreamPortTest {
  private FakeBackend backend = new FakeBackend();
  private LoopCore core = new LoopCore(backend);
  private final List<Protocol> built = new ArrayList<>();
  private Factory factory = new Factory();

  @BeforeMethod
  void fresh() {
    backend = new FakeBackend();
    core = new LoopCore(backend);
    built.clear();
    factory = Factory.forProtocol(() -> {
      Protocol p = new Protocol();
      built.add(p);
      return p;
    });
  }

  private StreamPort listening(Factory f, DescriptorReservation reservation) {
    StreamPort p = new StreamPort(core, f, 0, 50, "127.0.0.1", reservation);
    p.startListening();
    return p;
  }

  private void queueConnections(int n) {
    for (int i = 0; i < n; i++) {
      backend.acceptQueue.add(backend.new FakeStream());
    }
  }

  @Test
  public void acceptsInBatchesThatGrowWhenFullAndShrinkWhenNot() {
    listening(factory, DescriptorReservation.none());
    queueConnections(250);
    backend.listener.events.acceptReady();
    assertEquals(built.size(), 100);
    backend.listener.events.acceptReady();
    assertEquals(built.size(), 220);
    backend.listener.events.acceptReady();
    assertEquals(built.size(), 250);
    queueConnections(5);
    backend.listener.events.acceptReady();
    // The batch shrank to the 30 accepted last time, so all 5 fit.
    assertEquals(built.size(), 255);
  }

  @Test
  public void connectionsAreNamedByProtocolSessionAndPort() {
    listening(factory, DescriptorReservation.none());
    queueConnections(2);
    backend.listener.events.acceptReady();
    assertEquals(built.get(0).transport().toString(), "<Protocol #0 on 4321>");
    assertEquals(built.get(1).transport().toString(), "<Protocol #1 on 4321>");
    assertEquals(((StreamTransport) built.get(1).transport()).logPrefix(), "Protocol,1,127.0.0.1");
  }

  @Test
  public void buildProtocolReturningNullClosesTheConnection() {
    ServerFactory refusing = new ServerFactory() {
      @Override
      public @Nullable Protocol buildProtocol(IAddress addr) {
        return null;
      }
    };
    listening(refusing, DescriptorReservation.none());
    FakeBackend.FakeStream s = backend.new FakeStream();
    backend.acceptQueue.add(s);
    backend.listener.events.acceptReady();
    assertTrue(s.closed);
    assertFalse(s.aborted);
  }

  @Test
  public void emfileClosesOneConnectionWithTheReserveAndBacksOffOnATimer() {
    int[] opens = {0};
    DescriptorReservation reservation = DescriptorReservation.ofFile(() -> {
      opens[0]++;
      return () -> {};
    });
    reservation.reserve();
    listening(factory, reservation);
    FakeBackend.FakeStream waiting = backend.new FakeStream();
    backend.acceptQueue.add(new IOException("Too many open files"));
    backend.acceptQueue.add(waiting);
    double before = core.seconds();
    backend.listener.events.acceptReady();
    double after = core.seconds();
    assertTrue(waiting.closed, "the waiting peer is closed, not left hanging");
    assertEquals(opens[0], 2, "the reserve was released and taken again");
    assertEquals(backend.listener.accepting, List.of(true, false));
    assertEquals(core.getDelayedCalls().size(), 1);
    // The back-off was scheduled FIRST_BACKOFF after a time between the two readings (bounds
    // measured around the call, so a slow machine cannot make this fail).
    double due = core.getDelayedCalls().get(0).getTime();
    assertTrue(due >= before + StreamPort.FIRST_BACKOFF && due <= after + StreamPort.FIRST_BACKOFF,
        due + " not in [" + before + ", " + after + "] + " + StreamPort.FIRST_BACKOFF);
    assertTrue(built.isEmpty());
  }

  @Test
  public void enfileBacksOffLongerEachTime() {
    StreamPort p = listening(factory, DescriptorReservation.none());
    backend.acceptQueue.add(new IOException("Too many open files in system"));
    backend.listener.events.acceptReady();
    double first = core.getDelayedCalls().get(0).getTime();
    core.getDelayedCalls().get(0).cancel();
    backend.acceptQueue.add(new IOException("Too many open files in system"));
    backend.listener.events.acceptReady();
    double second = core.getDelayedCalls().get(0).getTime();
    assertTrue(second - core.seconds() > first - core.seconds());
    p.stopListening();
    assertTrue(core.getDelayedCalls().isEmpty(), "stopping cancels the backoff");
  }

  @Test
  public void stopListeningFiresAfterTheSocketIsReleasedAndStopsTheFactory() {
    StreamPort p = listening(factory, DescriptorReservation.none());
    assertEquals(factory.numPorts(), 1);
    assertEquals(p.toString(), "<Factory on 4321>");
    boolean[] fired = {false};
    p.stopListening().addCallback(ignored -> {
      fired[0] = true;
      return null;
    });
    assertFalse(fired[0]);
    assertTrue(backend.listener.closed);
    core.iterate(0);
    assertTrue(fired[0]);
    assertEquals(factory.numPorts(), 0);
    assertEquals(p.toString(), "<Factory (not listening)>");
  }

  /** twisted.test.test_internet.ProtocolTests.testFactory */
  @Test
  public void factoryBuildsProtocolsThatKnowTheirFactory() {
    listening(factory, DescriptorReservation.none());
    queueConnections(1);
    backend.listener.events.acceptReady();
    assertEquals(built.get(0).factory(), factory);
    assertEquals(built.get(0).getClass(), Protocol.class);
  }

  @Test
  public void theReserveIsTakenAgainOnceAnAcceptSucceeds() {
    int[] opens = {0};
    boolean[] exhausted = {true};
    DescriptorReservation reservation = DescriptorReservation.ofFile(() -> {
      opens[0]++;
      if (exhausted[0]) {
        throw new IOException("Too many open files");
      }
      return () -> {};
    });
    reservation.reserve();
    listening(factory, reservation);
    assertFalse(reservation.available());
    exhausted[0] = false;
    queueConnections(1);
    backend.listener.events.acceptReady();
    assertTrue(reservation.available());
    assertEquals(built.size(), 1);
  }

  @Test
  public void shutdownStopsTheFactoryAtOnceAndLogsItsErrors() {
    int[] stops = {0};
    ServerFactory raising = new ServerFactory() {
      @Override
      protected void stopFactory() {
        stops[0]++;
        throw new IllegalStateException("An error");
      }
    };
    StreamPort p = listening(raising, DescriptorReservation.none());
    assertTrue(core.selectables().contains(p));
    p.disconnectAtShutdown();
    assertEquals(stops[0], 1);
    assertTrue(backend.listener.closed);
    assertFalse(core.selectables().contains(p));
  }
}
