package dev.torsion.protocols.policies;

import static dev.torsion.protocols.policies.Helpers.b;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.python.failure.Failure;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** {@link Timeout}: Twisted's TimeoutMixinTests, with the mixin ported as the class doc says. */
public class TimeoutTest {
  /** Twisted's TimeoutTester: a protocol with a 3 second timeout, reset on data. */
  static final class TimeoutTester extends Protocol {
    final Timeout timeout;
    boolean timedOut;

    TimeoutTester(Clock clock, @Nullable Double timeOut) {
      timeout = new Timeout(clock, timeOut, this::timeoutConnection);
    }

    @Override
    public void connectionMade() {
      timeout.setTimeout(timeout.timeOut());
    }

    @Override
    public void dataReceived(byte[] data) {
      timeout.resetTimeout();
    }

    @Override
    public void connectionLost(Failure reason) {
      timeout.setTimeout(null);
    }

    private void timeoutConnection() {
      timedOut = true;
    }
  }

  private Clock clock = new Clock();

  @BeforeMethod
  public void setUp() {
    clock = new Clock();
  }

  /** twisted.test.test_policies.TimeoutMixinTests.test_overriddenCallLater */
  @Test
  public void theGivenClockIsUsed() {
    TimeoutTester proto = new TimeoutTester(clock, 3.0);
    proto.timeout.setTimeout(10);
    assertEquals(clock.getDelayedCalls().size(), 1);
    assertEquals(clock.getDelayedCalls().get(0).getTime(), 10.0);
  }

  /** twisted.test.test_policies.TimeoutMixinTests.test_timeout */
  @Test
  public void timesOutAfterTimeOut() {
    TimeoutTester proto = new TimeoutTester(clock, 3.0);
    proto.makeConnection(new StringTransport());
    clock.pump(0, 0.5, 1.0, 1.0);
    assertFalse(proto.timedOut);
    clock.pump(0, 1.0);
    assertTrue(proto.timedOut);
    assertFalse(proto.timeout.pending());
    assertEquals(proto.timeout.timeOut(), 3.0);
  }

  /** twisted.test.test_policies.TimeoutMixinTests.test_noTimeout */
  @Test
  public void dataDelaysTheTimeout() {
    TimeoutTester proto = new TimeoutTester(clock, 3.0);
    proto.makeConnection(new StringTransport());
    clock.pump(0, 0.5, 1.0, 1.0);
    assertFalse(proto.timedOut);
    proto.dataReceived(b("hello there"));
    clock.pump(0, 1.0, 1.0, 0.5);
    assertFalse(proto.timedOut);
    clock.pump(0, 1.0);
    assertTrue(proto.timedOut);
  }

  /** twisted.test.test_policies.TimeoutMixinTests.test_resetTimeout */
  @Test
  public void setTimeoutInstallsANewPeriod() {
    TimeoutTester proto = new TimeoutTester(clock, null);
    proto.makeConnection(new StringTransport());
    assertTrue(clock.getDelayedCalls().isEmpty());
    proto.timeout.setTimeout(1);
    assertEquals(proto.timeout.timeOut(), 1.0);
    clock.pump(0, 0.9);
    assertFalse(proto.timedOut);
    clock.pump(0, 0.2);
    assertTrue(proto.timedOut);
  }

  /** twisted.test.test_policies.TimeoutMixinTests.test_cancelTimeout */
  @Test
  public void setTimeoutNullCancels() {
    TimeoutTester proto = new TimeoutTester(clock, 5.0);
    proto.makeConnection(new StringTransport());
    proto.timeout.setTimeout(null);
    assertNull(proto.timeout.timeOut());
    clock.pump(0, 5, 5, 5);
    assertFalse(proto.timedOut);
    assertTrue(clock.getDelayedCalls().isEmpty());
  }

  /** twisted.test.test_policies.TimeoutMixinTests.test_setTimeoutReturn */
  @Test
  public void setTimeoutReturnsThePreviousPeriod() {
    TimeoutTester proto = new TimeoutTester(clock, 5.0);
    assertEquals(proto.timeout.setTimeout(10), 5.0);
    assertEquals(proto.timeout.setTimeout(null), 10.0);
    assertNull(proto.timeout.setTimeout(1));
    assertEquals(proto.timeout.timeOut(), 1.0);
    proto.timeout.setTimeout(null);
    assertTrue(clock.getDelayedCalls().isEmpty());
  }

  /** twisted.test.test_policies.TimeoutMixinTests.test_setTimeoutCancleAlreadyCancelled */
  @Test
  public void cancellingACallCancelledElsewhereIsQuiet() {
    TimeoutTester proto = new TimeoutTester(clock, null);
    proto.timeout.setTimeout(3);
    clock.getDelayedCalls().get(0).cancel();
    assertNotNull(proto.timeout.timeOut());
    proto.timeout.setTimeout(null);
    assertNull(proto.timeout.timeOut());
    assertFalse(proto.timeout.pending());
  }

  @Test
  public void resetAfterFiringDoesNothingAndSetTimeoutRestarts() {
    TimeoutTester proto = new TimeoutTester(clock, 1.0);
    proto.makeConnection(new StringTransport());
    clock.advance(1);
    assertTrue(proto.timedOut);
    proto.timeout.resetTimeout();
    assertTrue(clock.getDelayedCalls().isEmpty());
    proto.timedOut = false;
    proto.timeout.setTimeout(2);
    clock.advance(2);
    assertTrue(proto.timedOut);
  }

  @Test
  public void badPeriodsAreRefused() {
    Timeout t = new Timeout(clock, null, () -> {});
    expectThrows(IllegalArgumentException.class, () -> t.setTimeout(-1));
    expectThrows(IllegalArgumentException.class, () -> t.setTimeout(Double.NaN));
    expectThrows(IllegalArgumentException.class, () -> new Timeout(clock, -2.0, () -> {}));
  }
}
