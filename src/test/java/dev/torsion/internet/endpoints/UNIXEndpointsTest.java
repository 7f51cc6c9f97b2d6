package dev.torsion.internet.endpoints;

import static dev.torsion.internet.endpoints.HostnameEndpointTest.factory;
import static dev.torsion.internet.endpoints.HostnameEndpointTest.failure;
import static dev.torsion.internet.endpoints.HostnameEndpointTest.results;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.UNIXAddress;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.ConnectingCancelledError;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.testing.MemoryReactor;
import dev.torsion.internet.testing.RaisingMemoryReactor;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.python.failure.Failure;
import java.util.List;
import org.testng.annotations.Test;

public class UNIXEndpointsTest {
  private static final String PATH = "/var/run/finger";

  /** twisted.internet.test.test_endpoints.UNIXEndpointsTests.test_endpointListenSuccess */
  @Test
  public void listenFiresWithPortAndDefaults() {
    MemoryReactor reactor = new MemoryReactor();
    Factory f = factory();
    List<Object> got = results(new UNIXServerEndpoint(reactor, PATH).listen(f));
    IListeningPort port = (IListeningPort) got.get(0);
    assertEquals(port.getHost(), new UNIXAddress(PATH));
    assertEquals(reactor.unixServers(), List.of(
        new MemoryReactor.UnixServer(PATH, f, 50, 0666, false)));
  }

  /** twisted.internet.test.test_endpoints.UNIXEndpointsTests.test_endpointListenFailure */
  @Test
  public void listenFailureFailsTheDeferred() {
    CannotListenError e = new CannotListenError("in use");
    List<Object> got = results(
        new UNIXServerEndpoint(new RaisingMemoryReactor(e, null), PATH).listen(factory()));
    assertSame(failure(got), e);
  }

  /** twisted.internet.test.test_endpoints.UNIXEndpointsTests.test_endpointListenNonDefaultArgs */
  @Test
  public void listenPassesBacklogModeAndWantPID() {
    MemoryReactor reactor = new MemoryReactor();
    Factory f = factory();
    new UNIXServerEndpoint(reactor, PATH, 100, 0600, true).listen(f);
    assertEquals(reactor.unixServers(), List.of(
        new MemoryReactor.UnixServer(PATH, f, 100, 0600, true)));
  }

  /** twisted.internet.test.test_endpoints.UNIXEndpointsTests.test_endpointConnectSuccess */
  @Test
  public void connectFiresWithProtocolAfterConnectionMade() {
    MemoryReactor reactor = new MemoryReactor();
    Protocol proto = new Protocol();
    List<Object> got = results(new UNIXClientEndpoint(reactor, PATH)
        .connect(Factory.forProtocol(() -> proto)));
    MemoryReactor.UnixClient c = reactor.unixClients().get(0);
    assertEquals(c.address(), PATH);
    assertEquals(c.timeout(), 30.0);
    assertFalse(c.checkPID());
    IProtocol wrapper = c.factory().buildProtocol(new UNIXAddress(PATH));
    assertTrue(got.isEmpty());
    wrapper.makeConnection(new StringTransport());
    assertEquals(got, List.of(proto));
  }

  /** twisted.internet.test.test_endpoints.UNIXEndpointsTests.test_endpointConnectFailure */
  @Test
  public void connectFailureFailsTheDeferred() {
    MemoryReactor reactor = new MemoryReactor();
    List<Object> got = results(new UNIXClientEndpoint(reactor, PATH).connect(factory()));
    ConnectionRefusedError refused = new ConnectionRefusedError("refused");
    reactor.unixClients().get(0).factory().clientConnectionFailed(
        reactor.connectors().get(0), new Failure(refused));
    assertSame(failure(got), refused);
    ConnectError thrown = new ConnectError("stopped");
    assertSame(failure(results(new UNIXClientEndpoint(new RaisingMemoryReactor(null, thrown),
        PATH).connect(factory()))), thrown);
  }

  /** twisted.internet.test.test_endpoints.UNIXEndpointsTests.test_endpointConnectNonDefaultArgs */
  @Test
  public void connectPassesTimeoutAndCheckPID() {
    MemoryReactor reactor = new MemoryReactor();
    new UNIXClientEndpoint(reactor, PATH, 10, true).connect(factory());
    MemoryReactor.UnixClient c = reactor.unixClients().get(0);
    assertEquals(c.timeout(), 10.0);
    assertTrue(c.checkPID());
  }

  /** twisted.internet.test.test_endpoints.UNIXEndpointsTests.test_endpointConnectingCancelled */
  @Test
  public void cancelStopsConnectingAndNamesTheFile() {
    MemoryReactor reactor = new MemoryReactor();
    Deferred<IProtocol> d = new UNIXClientEndpoint(reactor, PATH).connect(factory());
    List<Object> got = results(d);
    d.cancel();
    ConnectingCancelledError e = (ConnectingCancelledError) failure(got);
    assertEquals(e.address(), new UNIXAddress(PATH));
    assertTrue(reactor.connectors().get(0).stoppedConnecting());
  }

  @Test
  public void reprs() {
    MemoryReactor reactor = new MemoryReactor();
    assertEquals(new UNIXServerEndpoint(reactor, PATH).toString(),
        "<UNIXServerEndpoint address=/var/run/finger backlog=50 mode=0666 wantPID=false>");
    assertEquals(new UNIXClientEndpoint(reactor, PATH).toString(),
        "<UNIXClientEndpoint path=/var/run/finger timeout=30.0 checkPID=false>");
  }
}
