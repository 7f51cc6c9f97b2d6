package dev.torsion.internet.protocol;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import dev.torsion.internet.address.UNIXAddress;
import dev.torsion.internet.defer.CancelledError;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.protocol.ClientCreatorTest.Outcome;
import dev.torsion.internet.protocol.ClientCreatorTest.SomeProtocol;
import dev.torsion.internet.testing.FakeConnector;
import dev.torsion.internet.testing.MemoryReactor.UnixClient;
import dev.torsion.internet.testing.MemoryReactorClock;
import dev.torsion.internet.task.Clock;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** {@link ClientCreator#connectUNIX} against a recording reactor, as Twisted's tests. */
public class ClientCreatorUnixTest {
  private static final UNIXAddress PEER = new UNIXAddress("/foo/bar");

  /** twisted.internet.test.test_protocol.ClientCreatorTests.test_connectUNIX */
  @Test
  public void connectUnixPassesItsArgumentsAndAFactoryOfTheProtocol() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    new ClientCreator<>(reactor, SomeProtocol::new).connectUNIX("/foo/bar", 123, true);
    UnixClient call = reactor.unixClients().remove(0);
    assertEquals(call.address(), "/foo/bar");
    assertEquals(call.timeout(), 123.0);
    assertTrue(call.checkPID());
    assertTrue(call.factory().buildProtocol(PEER) instanceof SomeProtocol);
  }

  @Test
  public void connectUnixDefaultsToThirtySecondsAndNoPidCheck() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    new ClientCreator<>(reactor, SomeProtocol::new).connectUNIX("/foo/bar");
    UnixClient call = reactor.unixClients().remove(0);
    assertEquals(call.timeout(), 30.0);
    assertFalse(call.checkPID());
    assertEquals(reactor.connectors().remove(0).getDestination(), PEER);
  }

  /** twisted.internet.test.test_protocol.ClientCreatorTests.test_cancelConnectUNIX */
  @Test
  public void cancellingBeforeTheConnectionDisconnectsTheConnector() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    Deferred<Protocol> d = new ClientCreator<>(reactor, Protocol::new).connectUNIX("/foo/bar");
    FakeConnector connector = reactor.connectors().remove(0);
    assertFalse(connector.disconnected());
    Outcome<Protocol> out = new Outcome<>(d);
    d.cancel();
    assertTrue(connector.disconnected());
    assertEquals(out.failures.size(), 1);
    assertNotNull(out.failures.get(0).check(CancelledError.class));
  }

  /** twisted.internet.test.test_protocol.ClientCreatorTests.test_cancelConnectUNIXTimeout */
  @Test
  public void cancellingAfterTheConnectionClosesItAndCancelsTheDelayedCall() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    Deferred<Protocol> d = new ClientCreator<>(reactor, Protocol::new).connectUNIX("/foo/bar");
    Protocol p = reactor.unixClients().remove(0).factory().buildProtocol(PEER);
    p.makeConnection(new FileWrapper(new ByteArrayOutputStream()));
    FakeConnector connector = reactor.connectors().remove(0);
    assertEquals(reactor.getDelayedCalls().size(), 1);
    Outcome<Protocol> out = new Outcome<>(d);
    d.cancel();
    assertEquals(reactor.getDelayedCalls().size(), 0);
    assertTrue(connector.disconnected());
    assertEquals(out.failures.size(), 1);
    assertNotNull(out.failures.get(0).check(CancelledError.class));
  }

  /** twisted.internet.test.test_protocol.ClientCreatorTests.test_cancelConnectUNIXFailedTimeout */
  @Test
  public void cancellingAfterTheFailureCancelsTheDelayedCall() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    Deferred<Protocol> d = new ClientCreator<>(reactor, Protocol::new).connectUNIX("/foo/bar");
    ClientFactory factory = reactor.unixClients().remove(0).factory();
    FakeConnector connector = reactor.connectors().remove(0);
    factory.clientConnectionFailed(connector, new Failure(new Exception("Simulated failure")));
    assertEquals(reactor.getDelayedCalls().size(), 1);
    Outcome<Protocol> out = new Outcome<>(d);
    d.cancel();
    assertEquals(reactor.getDelayedCalls().size(), 0);
    assertEquals(out.failures.size(), 1);
    assertNotNull(out.failures.get(0).check(CancelledError.class));
    reactor.advance(1);
    assertEquals(out.failures.size(), 1, "the simulated failure must not arrive later");
  }

  @Test
  public void aReactorWithoutUnixSocketsIsRefusedClearly() {
    TcpOnlyReactor reactor = new TcpOnlyReactor();
    ClientCreator<Protocol> cc = new ClientCreator<>(reactor, Protocol::new);
    try {
      cc.connectUNIX("/foo/bar");
      fail("connectUNIX on a reactor without IReactorUNIX");
    } catch (UnsupportedOperationException e) {
      assertTrue(String.valueOf(e.getMessage()).contains("IReactorUNIX"), e.getMessage());
    }
  }

  /** A reactor with TCP and time but no UNIX facet. */
  private static final class TcpOnlyReactor implements IReactorTCP, IReactorTime {
    private final Clock clock = new Clock();

    @Override
    public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog,
        String iface) {
      throw new UnsupportedOperationException();
    }

    @Override
    public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
        @Nullable InetSocketAddress bindAddress) {
      throw new UnsupportedOperationException();
    }

    @Override
    public double seconds() {
      return clock.seconds();
    }

    @Override
    public dev.torsion.internet.interfaces.IDelayedCall callLater(double delay, Runnable r) {
      return clock.callLater(delay, r);
    }

    @Override
    public List<dev.torsion.internet.interfaces.IDelayedCall> getDelayedCalls() {
      return clock.getDelayedCalls();
    }
  }
}
