package dev.torsion.protocols.policies;

import static dev.torsion.protocols.policies.Helpers.b;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.StringTransport.ProducerState;
import dev.torsion.internet.testing.StringTransportWithDisconnection;
import org.testng.annotations.Test;

/** {@link ThrottlingFactory} under overlapping throttles and misbehaving producers. */
public class ThrottlingAdversarialTest {
  private static final IPv4Address ADDR = new IPv4Address("TCP", "127.0.0.1", 0);

  private static ThrottlingProtocol connect(ThrottlingFactory f,
      StringTransportWithDisconnection t) {
    ThrottlingProtocol p = f.buildProtocol(ADDR);
    assertNotNull(p);
    t.setProtocol(p);
    p.makeConnection(t);
    return p;
  }

  /** A push producer that records pauses, or throws on pause. */
  private static final class Producer implements IPushProducer {
    final boolean broken;
    boolean paused;

    Producer(boolean broken) {
      this.broken = broken;
    }

    @Override
    public void pauseProducing() {
      if (broken) {
        throw new IllegalStateException("broken producer");
      }
      paused = true;
    }

    @Override
    public void resumeProducing() {
      paused = false;
    }

    @Override
    public void stopProducing() {}
  }

  @Test
  public void aSecondThrottleSupersedesTheFirstAndLeavesNoDelayedCall() {
    Clock clock = new Clock();
    ThrottlingFactory f =
        new ThrottlingFactory(new Helpers.Server(), Integer.MAX_VALUE, 10L, null, clock);
    f.doStart();
    StringTransportWithDisconnection ta = new StringTransportWithDisconnection();
    ThrottlingProtocol a = connect(f, ta);
    a.dataReceived(b("x".repeat(30)));
    clock.advance(1); // t=1: 30 > 10, throttled until t=3
    assertEquals(ta.producerState(), ProducerState.PAUSED);
    clock.advance(0.5);
    StringTransportWithDisconnection tb = new StringTransportWithDisconnection();
    ThrottlingProtocol bp = connect(f, tb);
    bp.dataReceived(b("y".repeat(30)));
    clock.advance(0.5); // t=2: 30 > 10 again, throttled until t=4
    assertEquals(tb.producerState(), ProducerState.PAUSED);
    clock.advance(1); // t=3: the first throttle's end must not cut the second one short
    assertEquals(tb.producerState(), ProducerState.PAUSED);
    ta.loseConnection();
    tb.loseConnection();
    assertEquals(f.connectionCount(), 0);
    assertTrue(clock.getDelayedCalls().isEmpty(), clock.getDelayedCalls().toString());
    f.doStop();
  }

  @Test
  public void aProducerThatThrowsOnPauseDoesNotStopThrottlingTheOthers() {
    Clock clock = new Clock();
    ThrottlingFactory f =
        new ThrottlingFactory(new Helpers.Server(), Integer.MAX_VALUE, null, 10L, clock);
    f.doStart();
    ThrottlingProtocol a = connect(f, new StringTransportWithDisconnection());
    ThrottlingProtocol bp = connect(f, new StringTransportWithDisconnection());
    Producer brokenOne = new Producer(true);
    Producer good = new Producer(false);
    a.registerProducer(brokenOne, true);
    bp.registerProducer(good, true);
    a.write(b("x".repeat(30)));
    clock.advance(1); // must not throw out of the timer into the reactor
    assertTrue(good.paused);
    // The bandwidth check is still scheduled, and ends the throttle.
    clock.advance(2);
    assertEquals(good.paused, false);
    bp.write(b("y".repeat(30)));
    clock.advance(1);
    assertTrue(good.paused);
  }
}
