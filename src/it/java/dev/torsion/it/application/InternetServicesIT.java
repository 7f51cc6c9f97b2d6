package dev.torsion.it.application;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.application.MultiService;
import dev.torsion.application.TCPClient;
import dev.torsion.application.TCPServer;
import dev.torsion.application.UNIXClient;
import dev.torsion.application.UNIXServer;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.it.Facet;
import dev.torsion.it.Requires;
import dev.torsion.it.support.ReactorCase;
import dev.torsion.protocols.basic.LineReceiver;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * The reactor-call services over real loopback TCP and UNIX sockets: Twisted's
 * {@code test_application.InternetTests}.
 */
public class InternetServicesIT extends ReactorCase {
  private Path dir;

  @BeforeMethod
  void freshDirectory() throws IOException {
    dir = Files.createTempDirectory(Path.of("/tmp"), "ta");
  }

  @AfterMethod(alwaysRun = true)
  void removeDirectory() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Twisted's TestEcho: echoes, and fires {@code lost} when its connection is lost. */
  static final class TestEcho extends Protocol {
    private final Deferred<Boolean> lost;

    TestEcho(Deferred<Boolean> lost) {
      this.lost = lost;
    }

    @Override
    public void dataReceived(byte[] data) {
      transport().write(data);
    }

    @Override
    public void connectionLost(Failure reason) {
      lost.callback(true);
    }
  }

  /** Twisted's Foo: sends a line, keeps the line echoed back, closes, reports it when lost. */
  static final class Foo extends LineReceiver {
    private final Deferred<@Nullable String> done;
    private @Nullable String line;

    Foo(Deferred<@Nullable String> done) {
      this.done = done;
    }

    @Override
    public void connectionMade() {
      transport().write("lalala\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void lineReceived(byte[] received) {
      line = new String(received, StandardCharsets.US_ASCII);
      transport().loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
      done.callback(line);
    }
  }

  /** A client factory whose failed attempt fires {@code failed}. */
  static final class RefusedFactory extends ClientFactory {
    /** Fires with the failure's error (a Failure itself would be taken as an errback). */
    final Deferred<Throwable> failed = new Deferred<>();

    @Override
    public void clientConnectionFailed(IConnector connector, Failure reason) {
      failed.callback(reason.value());
    }
  }

  private static int portOf(TCPServer t) {
    return ((IPv4Address) t.port().getHost()).port();
  }

  /** twisted.test.test_application.InternetTests.testTCP */
  @Test
  public void tcpServerAndClientServicesTalkUnderAParent() {
    String line = await(() -> {
      MultiService s = new MultiService();
      s.startService();
      Deferred<Boolean> serverLost = new Deferred<>();
      TCPServer t = new TCPServer(reactor, 0, Factory.forProtocol(() -> new TestEcho(serverLost)),
          50, "127.0.0.1");
      t.setServiceParent(s);
      int num = portOf(t);
      assertNotEquals(num, 0);
      Deferred<@Nullable String> done = new Deferred<>();
      new TCPClient(reactor, "127.0.0.1", num, ClientFactory.forProtocol(() -> new Foo(done)))
          .setServiceParent(s);
      return done.addCallbackDeferred(received -> s.stopService()
          .addCallbackDeferred(stopped -> serverLost)
          .addCallback(lost -> received));
    });
    assertEquals(line, "lalala");
  }

  /** twisted.test.test_application.InternetTests.testPrivileged */
  @Test
  public void privilegedStartListensBeforeTheClientConnects() {
    String line = await(() -> {
      Deferred<Boolean> serverLost = new Deferred<>();
      TCPServer t = new TCPServer(reactor, 0, Factory.forProtocol(() -> new TestEcho(serverLost)),
          50, "127.0.0.1");
      t.privilegedStartService();
      assertFalse(t.running());
      int num = portOf(t);
      Deferred<@Nullable String> done = new Deferred<>();
      TCPClient c = new TCPClient(reactor, "127.0.0.1", num,
          ClientFactory.forProtocol(() -> new Foo(done)));
      c.startService();
      return done.addCallbackDeferred(received -> {
        c.stopService();
        return Defer.maybeDeferred(t::stopService)
            .addCallbackDeferred(stopped -> serverLost)
            .addCallback(lost -> received);
      });
    });
    assertEquals(line, "lalala");
  }

  /** twisted.test.test_application.InternetTests.testConnectionGettingRefused */
  @Test
  public void clientOfAStoppedTcpServerIsRefused() {
    Throwable reason = await(() -> {
      TCPServer t = new TCPServer(reactor, 0, Factory.forProtocol(Protocol::new), 50,
          "127.0.0.1");
      t.startService();
      int num = portOf(t);
      RefusedFactory factory = new RefusedFactory();
      return Defer.maybeDeferred(t::stopService).addCallbackDeferred(stopped -> {
        assertNull(t.port());
        TCPClient c = new TCPClient(reactor, "127.0.0.1", num, factory);
        c.startService();
        return factory.failed.addCallback(failure -> {
          c.stopService();
          return failure;
        });
      });
    });
    assertTrue(reason instanceof ConnectionRefusedError, String.valueOf(reason));
  }

  /** One round of the UNIX test: the Deferreds its server and client protocols fire. */
  static final class Round {
    final Deferred<Boolean> serverLost = new Deferred<>();
    final Deferred<@Nullable String> done = new Deferred<>();
  }

  /** twisted.test.test_application.InternetTests.testUNIX */
  @Requires(Facet.UNIX_SOCKETS)
  @Test
  public void unixServerAndClientServicesTalkAndTalkAgainAfterARestart() {
    String path = dir.resolve("echo.skt").toString();
    Round[] round = {new Round()};
    MultiService s = new MultiService();
    String[] lines = new String[2];
    await(() -> {
      s.startService();
      new UNIXServer(reactor, path,
          Factory.forProtocol(() -> new TestEcho(round[0].serverLost))).setServiceParent(s);
      new UNIXClient(reactor, path, ClientFactory.forProtocol(() -> new Foo(round[0].done)))
          .setServiceParent(s);
      Round first = round[0];
      return first.done.addCallbackDeferred(line -> {
        lines[0] = line;
        return s.stopService().addCallbackDeferred(stopped -> first.serverLost);
      }).addCallbackDeferred(lost -> {
        assertFalse(Files.exists(Path.of(path)), "socket file removed on stop");
        // Started again, the same services listen and connect again.
        Round second = new Round();
        round[0] = second;
        s.startService();
        return second.done.addCallbackDeferred(line -> {
          lines[1] = line;
          return s.stopService().addCallbackDeferred(stopped -> second.serverLost);
        });
      });
    });
    assertEquals(lines[0], "lalala");
    assertEquals(lines[1], "lalala");
  }

  /** twisted.test.test_application.InternetTests.testStoppingServer */
  @Requires(Facet.UNIX_SOCKETS)
  @Test
  public void clientOfAStoppedUnixServerFails() {
    String path = dir.resolve("echo.skt").toString();
    Throwable reason = await(() -> {
      UNIXServer t = new UNIXServer(reactor, path, Factory.forProtocol(Protocol::new));
      t.startService();
      Deferred<?> stopped = t.stopService();
      assertFalse(t.running());
      RefusedFactory factory = new RefusedFactory();
      return Defer.maybeDeferred(() -> stopped).addCallbackDeferred(x -> {
        reactor.connectUNIX(path, factory);
        return factory.failed;
      });
    });
    // The socket file is gone with the server: "No such file or directory".
    assertTrue(reason instanceof ConnectError, String.valueOf(reason));
  }
}
