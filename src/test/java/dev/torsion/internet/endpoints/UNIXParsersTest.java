package dev.torsion.internet.endpoints;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.testing.MemoryReactorClock;
import org.testng.annotations.Test;

public class UNIXParsersTest {
  private final MemoryReactorClock reactor = new MemoryReactorClock();

  private UNIXServerEndpoint server(String description) {
    return (UNIXServerEndpoint) Endpoints.serverFromString(reactor, description);
  }

  private UNIXClientEndpoint client(String description) {
    return (UNIXClientEndpoint) Endpoints.clientFromString(reactor, description);
  }

  /** twisted.internet.test.test_endpoints.ParserTests.test_simpleUNIX */
  @Test
  public void simpleUnixHasDefaultsWithLockFile() {
    UNIXServerEndpoint ep = server("unix:/var/run/finger");
    assertEquals(ep.address(), "/var/run/finger");
    assertEquals(ep.mode(), 0666);
    assertEquals(ep.backlog(), 50);
    assertTrue(ep.wantPID());
  }

  /** twisted.internet.test.test_endpoints.ParserTests.test_modeUNIX */
  @Test
  public void modeIsOctal() {
    assertEquals(server("unix:/var/run/finger:mode=0660").mode(), 0660);
    assertEquals(server("unix:/var/run/finger:660").mode(), 0660);
  }

  /** twisted.internet.test.test_endpoints.ParserTests.test_wantPIDUNIX */
  @Test
  public void lockfileZeroMeansNoLock() {
    assertFalse(server("unix:/var/run/finger:lockfile=0").wantPID());
  }

  /** twisted.internet.test.test_endpoints.ServerStringTests.test_unix */
  @Test
  public void serverFromStringUnix() {
    UNIXServerEndpoint ep = server("unix:/var/foo/bar:backlog=7:mode=0123:lockfile=1");
    assertEquals(ep.address(), "/var/foo/bar");
    assertEquals(ep.backlog(), 7);
    assertEquals(ep.mode(), 0123);
    assertTrue(ep.wantPID());
    ep.listen(HostnameEndpointTest.factory());
    assertEquals(reactor.unixServers().get(0).address(), "/var/foo/bar");
  }

  @Test
  public void escapedColonsInThePath() {
    assertEquals(server("unix:foo\\:bar\\=baz\\:qux\\\\").address(), "foo:bar=baz:qux\\");
    assertEquals(server("unix:" + Endpoints.quoteStringArgument("/a:b")).address(), "/a:b");
  }

  /** twisted.internet.test.test_endpoints.ClientStringTests.test_unix */
  @Test
  public void clientFromStringUnix() {
    UNIXClientEndpoint ep = client("unix:path=/var/foo/bar:lockfile=1:timeout=9");
    assertEquals(ep.path(), "/var/foo/bar");
    assertEquals(ep.timeout(), 9.0);
    assertTrue(ep.checkPID());
    ep.connect(HostnameEndpointTest.factory());
    assertEquals(reactor.unixClients().get(0).address(), "/var/foo/bar");
  }

  /** twisted.internet.test.test_endpoints.ClientStringTests.test_unixDefaults */
  @Test
  public void clientDefaults() {
    UNIXClientEndpoint ep = client("unix:path=/var/foo/bar");
    assertEquals(ep.timeout(), 30.0);
    assertFalse(ep.checkPID());
  }

  /** twisted.internet.test.test_endpoints.ClientStringTests.test_unixPathPositionalArg */
  @Test
  public void clientPathPositional() {
    UNIXClientEndpoint ep = client("unix:/var/foo/bar:lockfile=1:timeout=9");
    assertEquals(ep.path(), "/var/foo/bar");
    assertEquals(ep.timeout(), 9.0);
    assertTrue(ep.checkPID());
  }

  @Test
  public void badParametersAreNamed() {
    assertTrue(error(() -> server("unix:/x:mode=9")).endsWith("mode '9' is not an octal number"));
    assertTrue(error(() -> server("unix:/x:mode=77777")).contains("out of range"));
    assertTrue(error(() -> server("unix:/x:lockfile=yes"))
        .endsWith("lockfile 'yes' is not an integer"));
    assertTrue(error(() -> server("unix:")).endsWith("parameter 'address' is empty"));
    assertTrue(error(() -> client("unix:path=")).endsWith("parameter 'path' is empty"));
    assertTrue(error(() -> server("unix")).endsWith("missing parameter 'address'"));
    assertTrue(error(() -> client("unix")).endsWith("missing parameter 'path'"));
    assertTrue(error(() -> client("unix:/x:/y")).contains("too many positional"));
    assertTrue(error(() -> client("unix:/x:checkPID=1")).contains("unknown parameter 'checkPID'"));
  }

  private static String error(Runnable r) {
    return expectThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  public void prefixMatchedIgnoringCase() {
    assertSame(server("UNIX:/x").getClass(), UNIXServerEndpoint.class);
  }
}
