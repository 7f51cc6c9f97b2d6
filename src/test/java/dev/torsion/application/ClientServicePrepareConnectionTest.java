package dev.torsion.application;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotSame;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.CancelledError;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Ports the {@code prepareConnection} tests of Twisted's
 * {@code twisted.application.test.test_internet.ClientServiceTests}.
 */
public class ClientServicePrepareConnectionTest extends ClientServiceCase {
  /**
   * twisted.application.test.test_internet.ClientServiceTests.test_prepareConnectionCalledWhenServiceStarts
   */
  @Test
  public void prepareConnectionIsCalledOnceConnected() {
    int[] prepares = {0};
    make(true, true, Protocol::new, p -> {
      prepares[0]++;
      return null;
    });
    assertEquals(prepares[0], 1);
  }

  /**
   * twisted.application.test.test_internet.ClientServiceTests.test_prepareConnectionCalledWithProtocol
   */
  @Test
  public void prepareConnectionReceivesTheUsersProtocol() {
    List<IProtocol> prepared = new ArrayList<>();
    ServiceFixture f = make(true, true, Protocol::new, p -> {
      prepared.add(p);
      return null;
    });
    assertSame(prepared.get(0), f.applicationProtocols.get(0));
    assertSame(((ReconnectingProtocolProxy) f.constructedProtocols.get(0)).wrapped,
        prepared.get(0));
  }

  /**
   * twisted.application.test.test_internet.ClientServiceTests.test_prepareConnectionCalledAfterConnectionMade
   */
  @Test
  public void prepareConnectionWaitsForAConnection() {
    int[] prepares = {0};
    ServiceFixture f = make(false, true, Protocol::new, p -> {
      prepares[0]++;
      return null;
    });
    f.connectQueue.get(0).errback(new Exception("connection attempt failed"));
    assertEquals(prepares[0], 0);
    clock.advance(AT_LEAST_ONE_ATTEMPT);
    f.connectQueue.get(1).callback(null);
    assertEquals(prepares[0], 1);
  }

  /**
   * twisted.application.test.test_internet.ClientServiceTests.test_prepareConnectionCalledOnReconnect
   */
  @Test
  public void prepareConnectionIsCalledOnEachReconnection() {
    int[] prepares = {0};
    ServiceFixture f = make(true, true, Protocol::new, p -> {
      prepares[0]++;
      return null;
    });
    assertEquals(prepares[0], 1);
    f.constructedProtocols.get(0).connectionLost(new Failure(new IllegalStateException()));
    clock.advance(AT_LEAST_ONE_ATTEMPT);
    assertEquals(prepares[0], 2);
  }

  /**
   * twisted.application.test.test_internet.ClientServiceTests.test_prepareConnectionReturnValueIgnored
   */
  @Test
  public void prepareConnectionsResultIsIgnored() {
    Object sentinel = new Object();
    ServiceFixture f = make(true, true, Protocol::new, p -> Defer.succeed(sentinel));
    IProtocol result = successResultOf(f.service.whenConnected());
    assertNotSame(result, sentinel);
    assertSame(result, f.applicationProtocols.get(0));
  }

  /**
   * twisted.application.test.test_internet.ClientServiceTests.test_prepareConnectionReturningADeferred
   */
  @Test
  public void whenConnectedWaitsForPrepareConnectionsDeferred() {
    List<IProtocol> prepared = new ArrayList<>();
    Deferred<@Nullable Void> ready = new Deferred<>();
    ServiceFixture f = make(true, true, Protocol::new, p -> {
      prepared.add(p);
      return ready;
    });
    Deferred<IProtocol> whenConnected = f.service.whenConnected();
    assertNoResult(whenConnected);
    ready.callback(null);
    assertSame(successResultOf(whenConnected), f.applicationProtocols.get(0));
  }

  /** twisted.application.test.test_internet.ClientServiceTests.test_prepareConnectionThrows */
  @Test
  public void prepareConnectionThatThrowsCountsAsAFailedAttempt() {
    ServiceFixture f = make(true, true, Protocol::new, p -> {
      throw new IllegalStateException("not healthy");
    });
    Deferred<IProtocol> whenConnected = f.service.whenConnected(2);
    assertNoResult(whenConnected);
    // The rejected connection is closed rather than left open.
    assertTrue(transportOf(f.constructedProtocols.get(0)).disconnecting());
    clock.advance(AT_LEAST_ONE_ATTEMPT);
    assertNoResult(whenConnected);
    clock.advance(AT_LEAST_ONE_ATTEMPT);
    assertEquals(failureResultOf(whenConnected).type(), IllegalStateException.class);
  }

  @Test
  public void connectionLostWhilePreparingCountsAsAFailedAttempt() {
    Deferred<@Nullable Void> ready = new Deferred<>();
    ServiceFixture f = make(true, true, Protocol::new, p -> ready);
    Deferred<IProtocol> whenConnected = f.service.whenConnected(1);
    f.constructedProtocols.get(0).connectionLost(new Failure(new IllegalStateException()));
    failureResultOf(whenConnected, CancelledError.class);
    assertEquals(f.service.state(), ClientService.State.WAITING);
    clock.advance(AT_LEAST_ONE_ATTEMPT);
    assertEquals(f.connectQueue.size(), 2);
  }
}
