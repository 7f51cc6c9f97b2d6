package dev.torsion.it.unix;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import dev.torsion.internet.address.UNIXAddress;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.error.BadFileError;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientCreator;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** {@code wantPID} and {@code checkPID}: Twisted's PID lock file beside the socket. */
public class PidLockIT extends UnixCase {
  private static Factory factory() {
    return Factory.forProtocol(Protocol::new);
  }

  /** Leaves what a server that died while listening with wantPID leaves: file and lock. */
  private void leaveUncleanServer(String path) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("true").start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    Files.createSymbolicLink(Path.of(path + ".lock"), Path.of(Long.toString(p.pid())));
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.bind(UnixDomainSocketAddress.of(path));
    }
    assertTrue(Files.exists(Path.of(path)));
  }

  /** twisted.test.test_unix.UnixSocketTests.test_pidFile */
  @Test
  public void theLockIsHeldWhileListeningAndPassesTheClientsCheck() {
    String path = path("p");
    Path lock = Path.of(path + ".lock");
    await(() -> {
      IListeningPort port = reactor.listenUNIX(path, factory(), 50, 0666, true);
      assertTrue(Files.isSymbolicLink(lock));
      assertEquals(readLink(lock), Long.toString(ProcessHandle.current().pid()));
      return new ClientCreator<>(reactor, Protocol::new).connectUNIX(path, 30, true)
          .addCallbackDeferred(client -> {
            assertEquals(client.transport().getPeer(), new UNIXAddress(path));
            client.transport().loseConnection();
            return port.stopListening();
          });
    });
    assertFalse(Files.exists(lock, java.nio.file.LinkOption.NOFOLLOW_LINKS), "unlocked");
  }

  /** twisted.test.test_unix.UnixSocketTests.test_socketLocking */
  @Test
  public void aSecondServerCannotTakeTheLockUntilTheFirstStops() {
    String path = path("l");
    await(() -> {
      IListeningPort port = reactor.listenUNIX(path, factory(), 50, 0666, true);
      try {
        reactor.listenUNIX(path, factory(), 50, 0666, true);
        fail("a second listenUNIX with wantPID");
      } catch (CannotListenError e) {
        assertTrue(e.getMessage().contains("Cannot acquire lock"), e.getMessage());
      }
      return port.stopListening().addCallbackDeferred(
          x -> reactor.listenUNIX(path, factory(), 50, 0666, true).stopListening());
    });
  }

  /** twisted.test.test_unix.UnixSocketTests.test_uncleanServerSocketLocking */
  @Test
  public void aDeadServersLockAndSocketFileAreTakenOver() throws Exception {
    String path = path("u");
    leaveUncleanServer(path);
    await(() -> reactor.listenUNIX(path, factory(), 50, 0666, true).stopListening());
    assertFalse(Files.exists(Path.of(path)));
  }

  /** twisted.test.test_unix.UnixSocketTests.test_connectToUncleanServer */
  @Test
  public void checkPidFailsWithBadFileErrorWhenTheServerIsGone() throws Exception {
    String path = path("c");
    leaveUncleanServer(path);
    Failure f = await(() -> UnixSocketIT.failureOf(
        new ClientCreator<>(reactor, Protocol::new).connectUNIX(path, 30, true))).get(0);
    assertNotNull(f.check(BadFileError.class), f.getTraceback());
  }

  @Test
  public void withoutWantPidALeftoverSocketFileMakesListeningFail() throws Exception {
    String path = path("n");
    leaveUncleanServer(path);
    try {
      reactor.listenUNIX(path, factory());
      fail("listenUNIX over a leftover socket file without wantPID");
    } catch (CannotListenError e) {
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }
    await(() -> Defer.succeed(null));
  }

  private static String readLink(Path p) {
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
