package dev.torsion.application;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.CancelledError;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import dev.torsion.testsupport.StderrCapture;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * Ports Twisted's {@code twisted.application.test.test_internet.ClientServiceTests} (not in the
 * conformance id list; each test still names its Twisted twin); the prepareConnection ones are in
 * {@link ClientServicePrepareConnectionTest}.
 */
public class ClientServiceTest extends ClientServiceCase {
  /** twisted.application.test.test_internet.ClientServiceTests.test_startService */
  @Test
  public void startingMakesAnAttempt() {
    ServiceFixture f = make(false, true);
    assertEquals(f.connectQueue.size(), 1);
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_startStopFactory */
  @Test
  public void factoryGivenToTheEndpointForwardsDoStartAndDoStop() {
    ServiceFixture f = make(true, true);
    assertEquals(f.applicationFactory.numPorts(), 0);
    f.passedFactories.get(0).doStart();
    assertEquals(f.applicationFactory.numPorts(), 1);
    f.passedFactories.get(0).doStop();
    assertEquals(f.applicationFactory.numPorts(), 0);
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_stopServiceWhileConnected */
  @Test
  public void stopWhileConnectedFiresWhenTheConnectionIsLost() {
    ServiceFixture f = make(true, true);
    Deferred<?> d = f.service.stopService();
    assertNoResult(d);
    IProtocol protocol = f.constructedProtocols.get(0);
    assertTrue(transportOf(protocol).disconnecting());
    protocol.connectionLost(new Failure(new Exception()));
    successResultOf(d);
    assertEquals(f.connectQueue.size(), 1);
  }

  /**
   * twisted.application.test.test_internet.ClientServiceTests.test_startServiceWaitsForDisconnect
   */
  @Test
  public void restartWaitsForTheOldConnectionToGo() {
    ServiceFixture f = make(true, true);
    Deferred<?> d = f.service.stopService();
    assertNoResult(d);
    IProtocol protocol = f.constructedProtocols.get(0);
    assertTrue(transportOf(protocol).disconnecting());
    f.service.startService();
    assertNoResult(d);
    assertEquals(f.constructedProtocols.size(), 1);
    protocol.connectionLost(new Failure(new Exception()));
    assertEquals(f.constructedProtocols.size(), 2);
    successResultOf(d);
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_startServiceWhileStopping */
  @Test
  public void startWhileStoppingConnectsAgainAfterTheLoss() {
    ServiceFixture f = make(false, true);
    f.connectQueue.get(0).callback(null);
    IProtocol first = f.constructedProtocols.get(0);
    Deferred<?> stopped = f.service.stopService();
    assertNoResult(stopped);
    Deferred<IProtocol> nextProtocol = f.service.whenConnected();
    assertNoResult(nextProtocol);
    f.service.startService();
    assertNoResult(nextProtocol);
    assertNoResult(stopped);
    assertTrue(transportOf(first).disconnecting());
    first.connectionLost(new Failure(new Exception()));
    successResultOf(stopped);
    f.connectQueue.get(1).callback(null);
    assertEquals(f.constructedProtocols.size(), 2);
    assertSame(successResultOf(nextProtocol), f.applicationProtocols.get(1));
    Deferred<?> secondStopped = f.service.stopService();
    assertNoResult(secondStopped);
    f.constructedProtocols.get(1).connectionLost(new Failure(new Exception()));
    successResultOf(secondStopped);
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_startServiceWhileStopped */
  @Test
  public void startAfterStopConnectsAgain() {
    ServiceFixture f = make(false, true);
    successResultOf(f.service.stopService());
    failureResultOf(f.service.whenConnected(), CancelledError.class);
    f.service.startService();
    f.connectQueue.get(f.connectQueue.size() - 1).callback(null);
    assertSame(successResultOf(f.service.whenConnected()),
        f.applicationProtocols.get(f.applicationProtocols.size() - 1));
  }

  /** A protocol that wants half-close notifications. */
  static final class HalfCloseableProtocol extends Protocol implements IHalfCloseableProtocol {
    final List<String> events = new ArrayList<>();

    @Override
    public void readConnectionLost() {
      events.add("read");
    }

    @Override
    public void writeConnectionLost() {
      events.add("write");
    }
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_interfacesForTransport */
  @Test
  public void reactorFacingProtocolIsHalfCloseableExactlyWhenTheUsersIs() {
    ServiceFixture f = make(true, true, HalfCloseableProtocol::new, null);
    IProtocol reactorFacing = f.constructedProtocols.get(0);
    assertTrue(reactorFacing instanceof IHalfCloseableProtocol);
    ((IHalfCloseableProtocol) reactorFacing).readConnectionLost();
    ((IHalfCloseableProtocol) reactorFacing).writeConnectionLost();
    assertEquals(((HalfCloseableProtocol) f.applicationProtocols.get(0)).events,
        List.of("read", "write"));

    ServiceFixture plain = make(true, true);
    assertFalse(plain.constructedProtocols.get(0) instanceof IHalfCloseableProtocol);
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_stopServiceWhileRetrying */
  @Test
  public void stopWhileRetryingCancelsTheAttempt() {
    ServiceFixture f = make(false, true);
    f.connectQueue.get(0).errback(new Exception());
    clock.advance(AT_LEAST_ONE_ATTEMPT);
    assertEquals(f.connectQueue.size(), 2);
    Deferred<?> d = f.service.stopService();
    // The cancelled attempt has failed already; the endpoint's late errback is ignored.
    f.connectQueue.get(1).errback(new Exception());
    successResultOf(d);
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_stopServiceWhileConnecting */
  @Test
  public void stopWhileConnectingCancelsTheAttempt() {
    ServiceFixture f = make(false, true);
    assertEquals(f.connectQueue.size(), 1);
    assertNoResult(f.connectQueue.get(0));
    Deferred<?> d = f.service.stopService();
    successResultOf(d);
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_clientConnected */
  @Test
  public void connectedProtocolIsKeptAndNoRetryIsScheduled() {
    ServiceFixture f = make(true, true);
    Deferred<IProtocol> awaiting = f.service.whenConnected();
    assertEquals(clock.getDelayedCalls().size(), 0);
    assertSame(successResultOf(awaiting), f.applicationProtocols.get(0));
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_clientConnectionFailed */
  @Test
  public void failedAttemptIsRetriedAfterTheDelay() {
    ServiceFixture f = make(false, true);
    assertEquals(f.connectQueue.size(), 1);
    f.connectQueue.get(0).errback(new Failure(new Exception()));
    Deferred<IProtocol> whenConnected = f.service.whenConnected();
    assertNoResult(whenConnected);
    clock.advance(AT_LEAST_ONE_ATTEMPT);
    assertEquals(f.connectQueue.size(), 2);
    f.service.stopService();
    failureResultOf(whenConnected, CancelledError.class);
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_clientConnectionLost */
  @Test
  public void lostConnectionIsRetriedAfterTheDelay() {
    ServiceFixture f = make(false, true);
    assertEquals(f.connectQueue.size(), 1);
    f.connectQueue.get(0).callback(null);
    assertEquals(f.connectQueue.size(), 1);
    assertSame(successResultOf(f.service.whenConnected()), f.applicationProtocols.get(0));
    f.constructedProtocols.get(0).connectionLost(new Failure(new Exception()));
    assertEquals(clock.getDelayedCalls().size(), 1);
    clock.advance(AT_LEAST_ONE_ATTEMPT);
    assertEquals(f.connectQueue.size(), 2);
    f.connectQueue.get(1).callback(null);
    assertSame(successResultOf(f.service.whenConnected()), f.applicationProtocols.get(1));
  }

  /**
   * twisted.application.test.test_internet.ClientServiceTests.test_clientConnectionLostWhileStopping
   */
  @Test
  public void connectionLostWhileStoppingFinishesTheStop() {
    ServiceFixture f = make(true, true);
    Deferred<?> d = f.service.stopService();
    f.constructedProtocols.get(0).connectionLost(new Failure(new IllegalStateException()));
    failureResultOf(f.service.whenConnected(), CancelledError.class);
    assertTrue(d.called());
    successResultOf(d);
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_startTwice */
  @Test
  public void startingTwiceLogsAndMakesNoSecondAttempt() {
    ServiceFixture f = make(false, false);
    assertEquals(f.connectQueue.size(), 0);
    f.service.startService();
    assertEquals(f.connectQueue.size(), 1);
    String logged = StderrCapture.of(f.service::startService);
    assertEquals(f.connectQueue.size(), 1);
    assertTrue(logged.contains("Duplicate ClientService.startService"), logged);
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_whenConnectedLater */
  @Test
  public void whenConnectedFiresWhenTheConnectionIsMade() {
    ServiceFixture f = make(false, true);
    Deferred<IProtocol> a = f.service.whenConnected();
    Deferred<IProtocol> b = f.service.whenConnected();
    Deferred<IProtocol> c = f.service.whenConnected(1);
    assertNoResult(a);
    assertNoResult(b);
    assertNoResult(c);
    f.connectQueue.get(0).callback(null);
    IProtocol resultA = successResultOf(a);
    assertSame(successResultOf(b), resultA);
    assertSame(successResultOf(c), resultA);
    assertSame(resultA, f.applicationProtocols.get(0));
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_whenConnectedFails */
  @Test
  public void whenConnectedFailsAfterTheNumberOfFailuresAsked() {
    ServiceFixture f = make(false, true);
    Deferred<IProtocol> a0 = f.service.whenConnected();
    Deferred<IProtocol> a1 = f.service.whenConnected(1);
    Deferred<IProtocol> a2 = f.service.whenConnected(2);
    Deferred<IProtocol> a3 = f.service.whenConnected(3);
    Failure f1 = new Failure(new Exception());
    f.connectQueue.get(0).errback(f1);
    assertNoResult(a0);
    assertSame(failureResultOf(a1, Exception.class), f1);
    assertNoResult(a2);
    assertNoResult(a3);
    clock.advance(AT_LEAST_ONE_ATTEMPT);
    assertEquals(f.connectQueue.size(), 2);
    Failure f2 = new Failure(new Exception());
    f.connectQueue.get(1).errback(f2);
    assertNoResult(a0);
    assertSame(failureResultOf(a2, Exception.class), f2);
    assertNoResult(a3);
    clock.advance(AT_LEAST_ONE_ATTEMPT);
    assertEquals(f.connectQueue.size(), 3);
    assertNoResult(a0);
    assertNoResult(a3);
    f.connectQueue.get(2).callback(null);
    IProtocol resultA0 = successResultOf(a0);
    assertSame(successResultOf(a3), resultA0);
    assertSame(resultA0, f.applicationProtocols.get(0));
    // Asked once connected, it has fired already, whatever failAfterFailures says.
    assertSame(successResultOf(f.service.whenConnected(1)), resultA0);
  }

  @Test
  public void whenConnectedRefusesACountBelowOne() {
    ServiceFixture f = make(false, false);
    assertThrows(IllegalArgumentException.class, () -> f.service.whenConnected(0));
  }

  @Test
  public void cancellingAWhenConnectedDeferredForgetsIt() {
    ServiceFixture f = make(false, true);
    Deferred<IProtocol> a = f.service.whenConnected();
    a.cancel();
    failureResultOf(a, CancelledError.class);
    Deferred<IProtocol> b = f.service.whenConnected();
    f.connectQueue.get(0).callback(null);
    assertSame(successResultOf(b), f.applicationProtocols.get(0));
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_whenConnectedStopService */
  @Test
  public void whenConnectedFailsWithCancelledErrorWhenStopped() {
    ServiceFixture f = make(false, true);
    Deferred<IProtocol> a = f.service.whenConnected();
    Deferred<IProtocol> b = f.service.whenConnected();
    Deferred<IProtocol> c = f.service.whenConnected(1);
    assertNoResult(a);
    assertNoResult(b);
    assertNoResult(c);
    f.service.stopService();
    clock.advance(AT_LEAST_ONE_ATTEMPT);
    failureResultOf(a, CancelledError.class);
    failureResultOf(b, CancelledError.class);
    failureResultOf(c, CancelledError.class);
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_retryCancelled */
  @Test
  public void stopWhileWaitingCancelsTheRetryAndStopsAtOnce() {
    ServiceFixture f = make(false, true);
    f.connectQueue.get(0).errback(new Exception("no connection"));
    assertEquals(clock.getDelayedCalls().size(), 1);
    Deferred<?> d = f.service.stopService();
    assertEquals(clock.getDelayedCalls().size(), 0);
    successResultOf(d);
  }

  /**
   * twisted.application.test.test_internet.ClientServiceTests.test_stopServiceBeforeStartService
   */
  @Test
  public void stopBeforeStartHasFiredWithNull() {
    ServiceFixture f = make(false, false);
    assertNull(successResultOf(f.service.stopService()));
    assertEquals(f.connectQueue.size(), 0);
  }

  /**
   * twisted.application.test.test_internet.ClientServiceTests.test_whenConnectedErrbacksOnStopService
   */
  @Test
  public void whenConnectedBeforeAndAfterAStopBetweenAttemptsFails() {
    ServiceFixture f = make(false, true);
    Deferred<IProtocol> before = f.service.whenConnected();
    f.connectQueue.get(0).errback(new Exception("no connection"));
    f.service.stopService();
    Deferred<IProtocol> after = f.service.whenConnected();
    assertTrue(failureResultOf(before).value() instanceof CancelledError);
    assertTrue(failureResultOf(after).value() instanceof CancelledError);
  }

  /**
   * twisted.application.test.test_internet.ClientServiceTests.test_stopServiceWhileDisconnecting
   */
  @Test
  public void stoppingTwiceWhileDisconnectingFiresBothWhenGone() {
    ServiceFixture f = make(false, true);
    f.connectQueue.get(0).callback(null);
    Deferred<?> first = f.service.stopService();
    Deferred<?> second = f.service.stopService();
    assertNoResult(first);
    assertNoResult(second);
    f.constructedProtocols.get(0).connectionLost(new Failure(new IllegalStateException()));
    successResultOf(first);
    successResultOf(second);
  }

  /**
   * twisted.application.test.test_internet.ClientServiceTests.test_stopServiceWhileRestarting
   */
  @Test
  public void stopWhileRestartingFiresWhenTheConnectionIsGone() {
    ServiceFixture f = make(false, true);
    f.connectQueue.get(0).callback(null);
    Deferred<?> first = f.service.stopService();
    f.service.startService();
    Deferred<?> second = f.service.stopService();
    f.constructedProtocols.get(0).connectionLost(new Failure(new IllegalStateException()));
    successResultOf(first);
    successResultOf(second);
    assertEquals(f.connectQueue.size(), 1);
    assertEquals(f.service.state(), ClientService.State.STOPPED);
  }

  /**
   * twisted.application.test.test_internet.ClientServiceTests.test_stopServiceOnStoppedService
   */
  @Test
  public void stoppingAStoppedServiceHasFiredWithNull() {
    ServiceFixture f = make(false, true);
    Deferred<?> first = f.service.stopService();
    Deferred<?> second = f.service.stopService();
    assertNull(successResultOf(first));
    assertNull(successResultOf(second));
  }

  @Test
  public void retryDelayComesFromThePolicyWithTheFailureCount() {
    List<Integer> attempts = new ArrayList<>();
    ServiceFixture f = new ServiceFixture(false, Protocol::new, clock, null, attempt -> {
      attempts.add(attempt);
      return 5.0;
    });
    addCleanup(f.service::stopService);
    f.service.startService();
    f.connectQueue.get(0).errback(new Exception());
    clock.advance(4.9);
    assertEquals(f.connectQueue.size(), 1);
    clock.advance(0.1);
    assertEquals(f.connectQueue.size(), 2);
    f.connectQueue.get(1).errback(new Exception());
    clock.advance(5);
    f.connectQueue.get(2).callback(null);
    f.constructedProtocols.get(0).connectionLost(new Failure(new Exception()));
    assertEquals(attempts, List.of(1, 2, 1));
  }

  @Test
  public void lossOfAStaleConnectionIsIgnored() {
    ServiceFixture f = make(true, true);
    IProtocol first = f.constructedProtocols.get(0);
    first.connectionLost(new Failure(new Exception()));
    clock.advance(AT_LEAST_ONE_ATTEMPT);
    assertEquals(f.service.state(), ClientService.State.CONNECTED);
    first.connectionLost(new Failure(new Exception()));
    assertEquals(f.service.state(), ClientService.State.CONNECTED);
    assertEquals(clock.getDelayedCalls().size(), 0);
  }

  @Test
  public void endpointThatThrowsCountsAsAFailedAttempt() {
    int[] attempts = {0};
    ClientService service = new ClientService(factory -> {
      attempts[0]++;
      throw new IllegalStateException("boom " + attempts[0]);
    }, new dev.torsion.internet.protocol.Factory(), attempt -> 1.0, clock, null);
    Deferred<IProtocol> first = service.whenConnected(1);
    Deferred<IProtocol> second = service.whenConnected(2);
    service.startService();
    assertEquals(failureResultOf(first, IllegalStateException.class).value().getMessage(),
        "boom 1");
    assertEquals(service.state(), ClientService.State.WAITING);
    clock.advance(1);
    assertEquals(failureResultOf(second, IllegalStateException.class).value().getMessage(),
        "boom 2");
    successResultOf(service.stopService());
    assertEquals(clock.getDelayedCalls().size(), 0);
  }

  @Test
  public void toStringNamesTheEndpointAndTheState() {
    ServiceFixture f = make(false, false);
    assertTrue(f.service.toString().startsWith("<ClientService "), f.service.toString());
    assertTrue(f.service.toString().endsWith(" init>"), f.service.toString());
    f.service.startService();
    assertTrue(f.service.toString().endsWith(" connecting>"), f.service.toString());
  }
}
