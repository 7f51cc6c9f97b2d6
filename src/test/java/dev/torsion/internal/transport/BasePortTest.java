package dev.torsion.internal.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** {@link BasePort}'s accept loop when the listener itself misbehaves: it never dies silently. */
public class BasePortTest {
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

  private StreamPort listening() {
    StreamPort p = new StreamPort(core, factory, 0, 50, "127.0.0.1", DescriptorReservation.none());
    p.startListening();
    return p;
  }

  @Test
  public void anUnexpectedErrorWhileAcceptingIsContainedAndTheLoopBacksOffThenAcceptsAgain() {
    StreamPort p = listening();
    backend.acceptQueue.add(new IllegalStateException("the backend broke"));
    double before = core.seconds();
    backend.listener.events.acceptReady();
    double after = core.seconds();
    // Not thrown to the backend's dispatch (which would cancel the key); accepting paused.
    assertEquals(backend.listener.accepting, List.of(true, false));
    assertEquals(core.getDelayedCalls().size(), 1);
    // The loop's clock is real: bound the retry time by readings taken around the error.
    double retry = core.getDelayedCalls().get(0).getTime();
    assertTrue(retry >= before + BasePort.FIRST_BACKOFF && retry <= after + BasePort.FIRST_BACKOFF,
        before + " <= " + retry + " - " + BasePort.FIRST_BACKOFF + " <= " + after);
    core.getDelayedCalls().get(0).reset(0);
    core.iterate(0);
    assertEquals(backend.listener.accepting, List.of(true, false, true));
    backend.acceptQueue.add(backend.new FakeStream());
    backend.listener.events.acceptReady();
    assertEquals(built.size(), 1, "the port still accepts");
    assertEquals(factory.numPorts(), 1);
    assertEquals(p.toString(), "<Factory on 4321>");
  }

  @Test
  public void anErrorFromTheBackendIsContainedToo() {
    listening();
    backend.acceptQueue.add(new Object()); // not a stream: the fake's cast throws
    backend.listener.events.acceptReady();
    assertEquals(backend.listener.accepting, List.of(true, false));
  }

  @Test
  public void aListeningSocketClosedUnderThePortStopsThePortAndItsFactory() {
    StreamPort p = listening();
    backend.acceptQueue.add(new ClosedChannelException());
    backend.listener.events.acceptReady();
    assertTrue(backend.listener.closed);
    assertEquals(factory.numPorts(), 0, "the factory was stopped");
    assertTrue(core.selectables().isEmpty());
    core.iterate(0);
    boolean[] fired = {false};
    p.stopListening().addCallback(ignored -> {
      fired[0] = true;
      return null;
    });
    assertTrue(fired[0], "stopListening still answers");
    assertFalse(p.toString().contains(" on "));
  }
}
