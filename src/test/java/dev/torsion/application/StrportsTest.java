package dev.torsion.application;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.endpoints.TCP4ServerEndpoint;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.task.ChildJvm;
import dev.torsion.internet.testing.MemoryReactor;
import org.testng.annotations.Test;

public class StrportsTest {
  /** A memory reactor whose listenTCP fails at once. */
  private static final class RefusingReactor extends MemoryReactor {
    @Override
    public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog,
        String iface) {
      throw new CannotListenError(iface + ":" + port + ": address already in use");
    }
  }

  /** twisted.test.test_strports.ServiceTests.test_service */
  @Test
  public void serviceListensOnTheDescribedEndpointAndRaisesAtOnce() {
    MemoryReactor reactor = new MemoryReactor();
    Factory aFactory = new Factory();
    StreamServerEndpointService svc = Strports.service("tcp:1337", aFactory, reactor);
    assertTrue(svc.raiseSynchronously());
    assertTrue(svc.endpoint() instanceof TCP4ServerEndpoint, svc.endpoint().toString());
    assertEquals(((TCP4ServerEndpoint) svc.endpoint()).port(), 1337);
    assertSame(svc.factory(), aFactory);
    // The endpoint listens with the reactor given.
    svc.startService();
    MemoryReactor.TcpServer call = reactor.tcpServers().get(0);
    assertEquals(call.port(), 1337);
    assertSame(call.factory(), aFactory);
    // A listen that fails at once is thrown from the start, as the runner wants.
    StreamServerEndpointService refused =
        Strports.service("tcp:80", aFactory, new RefusingReactor());
    assertThrows(CannotListenError.class, refused::startService);
  }

  /** twisted.test.test_strports.ServiceTests.test_serviceDefaultReactor */
  @Test
  public void serviceWithoutAReactorListensWithTheGlobalOne() throws Exception {
    ChildJvm.Result r = ChildJvm.run(ApplicationGlobalReactorProbe.class, "strportsService");
    assertEquals(r.exitCode, 0, r.toString());
    assertTrue(r.output.contains("installedByService=true"), r.toString());
    assertTrue(r.output.contains("acceptedByTheGlobalReactor=true"), r.toString());
  }

  @Test
  public void listenListensAtOnce() {
    MemoryReactor reactor = new MemoryReactor();
    Factory aFactory = new Factory();
    IListeningPort port = Strports.listen("tcp:8080:interface=127.0.0.1", aFactory, reactor);
    assertEquals(reactor.tcpServers().get(0).port(), 8080);
    assertEquals(reactor.tcpServers().get(0).iface(), "127.0.0.1");
    assertSame(reactor.tcpServers().get(0).factory(), aFactory);
    assertTrue(port.getHost().toString().contains("8080"), port.getHost().toString());
    assertThrows(CannotListenError.class,
        () -> Strports.listen("tcp:80", aFactory, new RefusingReactor()));
    assertThrows(IllegalArgumentException.class,
        () -> Strports.listen("nonsense:80", aFactory, reactor));
  }

  @Test
  public void listenWithoutAReactorUsesTheGlobalOne() throws Exception {
    ChildJvm.Result r = ChildJvm.run(ApplicationGlobalReactorProbe.class, "strportsListen");
    assertEquals(r.exitCode, 0, r.toString());
    assertTrue(r.output.contains("acceptedByTheGlobalReactor=true"), r.toString());
  }

  @Test
  public void tcpServerWithoutAReactorUsesTheGlobalOne() throws Exception {
    ChildJvm.Result r = ChildJvm.run(ApplicationGlobalReactorProbe.class, "tcpServer");
    assertEquals(r.exitCode, 0, r.toString());
    assertTrue(r.output.contains("acceptedByTheGlobalReactor=true"), r.toString());
  }
}
