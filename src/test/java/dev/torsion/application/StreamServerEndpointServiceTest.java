package dev.torsion.application;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.CancelledError;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.testing.FakeAddress;
import dev.torsion.python.failure.Failure;
import dev.torsion.trial.SynchronousTestCase;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * Ports Twisted's {@code twisted.application.test.test_internet.EndpointServiceTests} (not in
 * the conformance id list; each test still names its Twisted twin).
 */
public class StreamServerEndpointServiceTest extends SynchronousTestCase {
  /** An in-memory server endpoint whose listen the test fires: Twisted's FakeServer. */
  static final class FakeServer implements IStreamServerEndpoint {
    final FakePort port = new FakePort();
    @Nullable Deferred<IListeningPort> result;
    @Nullable IProtocolFactory factory;
    @Nullable RuntimeException failImmediately;
    RuntimeException cancelException = new CancelledError();
    int listenAttempts;

    @Override
    public Deferred<IListeningPort> listen(IProtocolFactory protocolFactory) {
      listenAttempts++;
      factory = protocolFactory;
      Deferred<IListeningPort> d = new Deferred<>(cancelled -> cancelled.errback(cancelException));
      result = d;
      if (failImmediately != null) {
        d.errback(failImmediately);
      }
      return d;
    }

    void startedListening() {
      result.callback(port);
    }

    void stoppedListening() {
      port.deferred.callback(null);
    }
  }

  /** A port whose stopListening the test fires: Twisted's FakePort. */
  static final class FakePort implements IListeningPort {
    @Nullable Deferred<Void> deferred;

    @Override
    public void startListening() {}

    @Override
    public Deferred<Void> stopListening() {
      deferred = new Deferred<>();
      return deferred;
    }

    @Override
    public IAddress getHost() {
      return new FakeAddress();
    }
  }

  private FakeServer fakeServer = new FakeServer();
  private Factory factory = new Factory();
  private StreamServerEndpointService svc = new StreamServerEndpointService(fakeServer, factory);

  /** A fresh endpoint, factory and service for each test (TestNG shares the instance). */
  @BeforeMethod
  public void setUp() {
    fakeServer = new FakeServer();
    factory = new Factory();
    svc = new StreamServerEndpointService(fakeServer, factory);
  }

  /** twisted.application.test.test_internet.EndpointServiceTests.test_privilegedStartService */
  @Test
  public void privilegedStartListensWithTheFactory() {
    svc.privilegedStartService();
    assertSame(fakeServer.factory, factory);
    assertSame(svc.endpoint(), fakeServer);
    assertSame(svc.factory(), factory);
  }

  /**
   * twisted.application.test.test_internet.EndpointServiceTests.test_synchronousRaiseRaisesSynchronously
   */
  @Test
  public void immediateFailureIsThrownFromStartWhenAsked() {
    fakeServer.failImmediately = new ArithmeticException("/ by zero");
    svc.setRaiseSynchronously(true);
    assertThrows(ArithmeticException.class, svc::startService);
    assertEquals(flushLoggedErrors().size(), 0);
  }

  /** twisted.application.test.test_internet.EndpointServiceTests.test_synchronousRaisePrivileged */
  @Test
  public void immediateFailureIsThrownFromPrivilegedStartWhenAsked() {
    fakeServer.failImmediately = new ArithmeticException("/ by zero");
    svc.setRaiseSynchronously(true);
    assertThrows(ArithmeticException.class, svc::privilegedStartService);
  }

  @Test
  public void checkedListenErrorIsWrappedWhenThrown() {
    IStreamServerEndpoint failing = f -> {
      Deferred<IListeningPort> d = new Deferred<>();
      d.errback(new java.io.IOException("no"));
      return d;
    };
    StreamServerEndpointService s = new StreamServerEndpointService(failing, factory);
    s.setRaiseSynchronously(true);
    try {
      s.privilegedStartService();
      throw new AssertionError("no exception");
    } catch (RuntimeException e) {
      assertTrue(e.getCause() instanceof java.io.IOException, String.valueOf(e.getCause()));
    }
  }

  /** twisted.application.test.test_internet.EndpointServiceTests.test_failReportsError */
  @Test
  public void laterFailureIsLogged() {
    svc.startService();
    fakeServer.result.errback(new ArithmeticException());
    assertEquals(flushLoggedErrors(ArithmeticException.class).size(), 1);
  }

  /** twisted.application.test.test_internet.EndpointServiceTests.test_asynchronousFailReportsError */
  @Test
  public void laterFailureIsLoggedEvenWhenImmediateOnesAreThrown() {
    svc.setRaiseSynchronously(true);
    svc.startService();
    fakeServer.result.errback(new ArithmeticException());
    assertEquals(flushLoggedErrors(ArithmeticException.class).size(), 1);
  }

  /** twisted.application.test.test_internet.EndpointServiceTests.test_synchronousFailReportsError */
  @Test
  public void immediateFailureIsLoggedByDefault() {
    fakeServer.failImmediately = new ArithmeticException();
    svc.startService();
    assertEquals(flushLoggedErrors(ArithmeticException.class).size(), 1);
    assertTrue(svc.running());
  }

  /** twisted.application.test.test_internet.EndpointServiceTests.test_startServiceUnstarted */
  @Test
  public void startListensAndRuns() {
    svc.startService();
    assertSame(fakeServer.factory, factory);
    assertTrue(svc.running());
  }

  /** twisted.application.test.test_internet.EndpointServiceTests.test_startServiceStarted */
  @Test
  public void startAfterPrivilegedStartOnlyRuns() {
    svc.privilegedStartService();
    svc.startService();
    assertEquals(fakeServer.listenAttempts, 1);
    assertTrue(svc.running());
  }

  /** twisted.application.test.test_internet.EndpointServiceTests.test_stopService */
  @Test
  public void stopStopsListeningAndFiresWhenThePortHasStopped() {
    svc.privilegedStartService();
    fakeServer.startedListening();
    svc.startService();
    Deferred<?> result = svc.stopService();
    List<Object> l = new ArrayList<>();
    result.addCallback(l::add);
    assertEquals(l.size(), 0);
    assertTrue(svc.running());
    fakeServer.stoppedListening();
    assertEquals(l.size(), 1);
    assertFalse(svc.running());
  }

  /**
   * twisted.application.test.test_internet.EndpointServiceTests.test_stopServiceBeforeStartFinished
   */
  @Test
  public void stopCancelsAListenInProgressQuietly() {
    svc.privilegedStartService();
    Deferred<?> result = svc.stopService();
    List<Object> l = new ArrayList<>();
    result.addBoth(l::add);
    assertEquals(l, java.util.Collections.singletonList(null));
    assertEquals(flushLoggedErrors(CancelledError.class).size(), 0);
  }

  /**
   * twisted.application.test.test_internet.EndpointServiceTests.test_stopServiceCancelStartError
   */
  @Test
  public void stopLogsACancelledListensOtherError() {
    fakeServer.cancelException = new ArithmeticException();
    svc.privilegedStartService();
    Deferred<?> result = svc.stopService();
    List<Object> l = new ArrayList<>();
    result.addCallback(l::add);
    assertEquals(l, java.util.Collections.singletonList(null));
    assertEquals(flushLoggedErrors(ArithmeticException.class).size(), 1);
  }

  @Test
  public void stopBeforeStartStopsAtOnce() {
    assertNull(svc.stopService());
    assertFalse(svc.running());
  }

  @Test
  public void restartedServiceListensAgain() {
    svc.startService();
    fakeServer.startedListening();
    Deferred<?> stopped = svc.stopService();
    fakeServer.stoppedListening();
    successResultOf(stopped);
    svc.startService();
    assertEquals(fakeServer.listenAttempts, 2);
    fakeServer.startedListening();
    Deferred<?> again = svc.stopService();
    fakeServer.stoppedListening();
    successResultOf(again);
  }

  @Test
  public void failedStopListeningFailsTheStopAndStillStopsTheService() {
    svc.startService();
    fakeServer.startedListening();
    Deferred<?> stopped = svc.stopService();
    fakeServer.port.deferred.errback(new IllegalStateException("port stuck"));
    Failure f = failureResultOf(stopped, IllegalStateException.class);
    assertEquals(f.value().getMessage(), "port stuck");
    assertFalse(svc.running());
  }
}
