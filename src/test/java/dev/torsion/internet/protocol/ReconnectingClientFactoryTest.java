package dev.torsion.internet.protocol;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.NotConnectingError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.task.Clock;
import dev.torsion.python.failure.Failure;
import java.util.Random;
import org.testng.annotations.Test;

/** {@link ReconnectingClientFactory}, as Twisted's test_factories. */
public class ReconnectingClientFactoryTest {
  static final IAddress PEER = new IPv4Address("TCP", "127.0.0.1", 1234);
  static final Failure REFUSED = new Failure(new ConnectionRefusedError("refused"));

  /** A connector that counts what it is asked to do. */
  static class RecordingConnector implements IConnector {
    int connects;
    int stops;

    @Override
    public void stopConnecting() {
      stops++;
    }

    @Override
    public void disconnect() {}

    @Override
    public void connect() {
      connects++;
    }

    @Override
    public IAddress getDestination() {
      return PEER;
    }
  }

  static ReconnectingClientFactory quiet(Clock clock) {
    ReconnectingClientFactory f = new ReconnectingClientFactory();
    f.setNoisy(false);
    f.setClock(clock);
    return f;
  }

  @Test
  public void twistedsDefaults() {
    ReconnectingClientFactory f = new ReconnectingClientFactory();
    assertEquals(f.maxDelay(), 3600.0);
    assertEquals(f.initialDelay(), 1.0);
    assertEquals(f.factor(), Math.E);
    assertEquals(f.jitter(), 0.119626565582);
    assertEquals(f.delay(), 1.0);
    assertEquals(f.retries(), 0);
    assertNull(f.maxRetries());
    assertNull(f.connector());
    assertNull(f.clock());
    assertTrue(f.continueTrying());
  }

  /** twisted.test.test_factories.ReconnectingFactoryTests.test_stopTryingWhenConnected */
  @Test
  public void stopTryingWhileConnectedKeepsALaterLossFromReconnecting() {
    Clock clock = new Clock();
    ReconnectingClientFactory c = quiet(clock);
    c.setProtocol(Protocol::new);
    c.buildProtocol(PEER);
    c.stopTrying();
    RecordingConnector connector = new RecordingConnector() {
      @Override
      public void stopConnecting() {
        throw new AssertionError("Shouldn't be called, we're connected.");
      }
    };
    c.clientConnectionLost(connector, REFUSED);
    clock.advance(10_000);
    assertEquals(connector.connects, 0);
    assertFalse(c.continueTrying());
  }

  /** twisted.test.test_factories.ReconnectingFactoryTests.test_stopTryingDoesNotReconnect */
  @Test
  public void stopTryingStopsTheAttemptWithoutSchedulingARetry() {
    Clock clock = new Clock();
    ReconnectingClientFactory f = quiet(clock);
    RecordingConnector connector = new RecordingConnector() {
      @Override
      public void stopConnecting() {
        super.stopConnecting();
        // As a real connector: stopping the attempt reports it failed.
        f.clientConnectionFailed(this, REFUSED);
      }
    };
    f.setConnector(connector);
    f.stopTrying();
    assertEquals(connector.stops, 1);
    assertEquals(connector.connects, 0);
    assertTrue(clock.getDelayedCalls().isEmpty());
  }

  @Test
  public void stopTryingWhenNotConnectingIsQuiet() {
    ReconnectingClientFactory f = quiet(new Clock());
    f.setConnector(new RecordingConnector() {
      @Override
      public void stopConnecting() {
        throw new NotConnectingError("not connecting");
      }
    });
    f.stopTrying();
    assertFalse(f.continueTrying());
  }

  /** twisted.test.test_factories.ReconnectingFactoryTests.test_parametrizedClock */
  @Test
  public void aLostConnectionSchedulesOneRetryOnTheGivenClock() {
    Clock clock = new Clock();
    ReconnectingClientFactory factory = quiet(clock);
    RecordingConnector connector = new RecordingConnector();
    factory.clientConnectionLost(connector, REFUSED);
    assertEquals(clock.getDelayedCalls().size(), 1);
    assertSame(factory.connector(), connector);
    clock.advance(factory.delay());
    assertEquals(connector.connects, 1);
    assertTrue(clock.getDelayedCalls().isEmpty());
  }

  @Test
  public void withoutJitterTheDelayGrowsByEUpToTheMaximum() {
    Clock clock = new Clock();
    ReconnectingClientFactory f = quiet(clock);
    f.setJitter(0);
    f.setMaxDelay(30);
    RecordingConnector connector = new RecordingConnector();
    double[] expected = {Math.E, Math.E * Math.E, Math.pow(Math.E, 3), 30, 30};
    for (int i = 0; i < expected.length; i++) {
      f.clientConnectionFailed(connector, REFUSED);
      assertEquals(f.delay(), expected[i], 1e-9);
      IDelayedCall call = clock.getDelayedCalls().get(0);
      assertEquals(call.getTime() - clock.seconds(), expected[i], 1e-9);
      clock.advance(expected[i]);
      assertEquals(connector.connects, i + 1);
    }
    assertEquals(f.retries(), expected.length);
  }

  @Test
  public void jitterIsGaussianAroundTheDelayFromTheGivenRandom() {
    Clock clock = new Clock();
    ReconnectingClientFactory f = quiet(clock);
    f.setRandom(new Random(42));
    Random same = new Random(42);
    RecordingConnector connector = new RecordingConnector();
    double delay = 1.0;
    for (int i = 0; i < 4; i++) {
      f.clientConnectionFailed(connector, REFUSED);
      double centre = delay * Math.E;
      delay = centre + same.nextGaussian() * centre * 0.119626565582;
      assertEquals(f.delay(), delay, 1e-9);
      clock.advance(f.delay());
    }
    assertEquals(connector.connects, 4);
  }

  @Test
  public void afterMaxRetriesItGivesUp() {
    Clock clock = new Clock();
    ReconnectingClientFactory f = quiet(clock);
    f.setMaxRetries(2);
    RecordingConnector connector = new RecordingConnector();
    for (int i = 0; i < 3; i++) {
      f.clientConnectionFailed(connector, REFUSED);
      clock.advance(10_000);
    }
    assertEquals(connector.connects, 2);
    assertEquals(f.retries(), 3);
    assertTrue(clock.getDelayedCalls().isEmpty());
  }

  @Test
  public void resetDelayRestartsTheBackOffAndTheCount() {
    Clock clock = new Clock();
    ReconnectingClientFactory f = quiet(clock);
    f.setJitter(0);
    RecordingConnector connector = new RecordingConnector();
    f.clientConnectionFailed(connector, REFUSED);
    clock.advance(10);
    f.clientConnectionFailed(connector, REFUSED);
    clock.advance(10);
    f.stopTrying();
    f.resetDelay();
    assertEquals(f.delay(), 1.0);
    assertEquals(f.retries(), 0);
    assertTrue(f.continueTrying());
    f.clientConnectionLost(connector, REFUSED);
    assertEquals(f.delay(), Math.E, 1e-9);
  }

  @Test
  public void stopTryingCancelsAPendingRetry() {
    Clock clock = new Clock();
    ReconnectingClientFactory f = quiet(clock);
    RecordingConnector connector = new RecordingConnector();
    f.clientConnectionFailed(connector, REFUSED);
    f.stopTrying();
    assertTrue(clock.getDelayedCalls().isEmpty());
    clock.advance(10_000);
    assertEquals(connector.connects, 0);
    f.retry(connector);
    assertTrue(clock.getDelayedCalls().isEmpty(), "retry after stopTrying abandons");
  }

  @Test
  public void retryWithoutAConnectorSaysSo() {
    ReconnectingClientFactory f = quiet(new Clock());
    IllegalStateException e = expectThrows(IllegalStateException.class, () -> f.retry(null));
    assertTrue(e.getMessage().contains("no connector"), e.getMessage());
  }

  @Test
  public void settersRejectNonsense() {
    ReconnectingClientFactory f = new ReconnectingClientFactory();
    expectThrows(IllegalArgumentException.class, () -> f.setMaxDelay(-1));
    expectThrows(IllegalArgumentException.class, () -> f.setFactor(Double.NaN));
    expectThrows(IllegalArgumentException.class, () -> f.setJitter(-0.1));
    expectThrows(IllegalArgumentException.class, () -> f.setMaxRetries(-1));
    f.setInitialDelay(5);
    assertEquals(f.delay(), 5.0, "before any retry the initial delay is the delay");
  }
}
