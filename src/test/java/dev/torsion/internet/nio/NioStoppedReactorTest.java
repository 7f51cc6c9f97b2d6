package dev.torsion.internet.nio;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.expectThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.ReactorNotRunning;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * Listening and connecting on a reactor that has stopped (its selector closed): a clear error
 * naming the cause, and no descriptor, factory start or pending call left behind.
 */
public class NioStoppedReactorTest {
  private LoopCore core;
  private final List<String> events = new ArrayList<>();
  private Factory serverFactory;
  private ClientFactory clientFactory;

  @BeforeMethod
  void stoppedReactor() {
    core = new LoopCore(new NioBackend());
    core.callWhenRunning(core::stop);
    core.run();
    events.clear();
    serverFactory = Factory.forProtocol(Protocol::new);
    clientFactory = new ClientFactory() {
      @Override
      public void startedConnecting(IConnector connector) {
        events.add("startedConnecting");
      }

      @Override
      public void clientConnectionFailed(IConnector connector, Failure reason) {
        events.add("failed");
      }
    };
  }

  /**
   * The sockets and {@code /dev/null} handles (the EMFILE reserve) this process holds now
   * (Linux: /proc/self/fd). Other descriptors are left out: the JVM opens a jar the first time a
   * class is loaded from it, which a leak check must not count.
   */
  private static long openDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          return target.startsWith("socket:") || target.equals("/dev/null");
        } catch (IOException e) {
          return false; // closed while listing (the listing's own descriptor, say)
        }
      }).count();
    }
  }

  private static void assertStoppedCause(RuntimeException e) {
    assertTrue(e.getMessage().contains("reactor stopped"), e.getMessage());
    assertTrue(e.getCause() instanceof ReactorNotRunning, String.valueOf(e.getCause()));
  }

  @Test
  public void listenTCPFailsWithCannotListenErrorAndLeaksNoDescriptor() throws IOException {
    long before = openDescriptors();
    CannotListenError e = expectThrows(CannotListenError.class,
        () -> core.listenTCP(0, serverFactory, 50, "127.0.0.1"));
    assertStoppedCause(e);
    assertEquals(openDescriptors(), before, "the EMFILE reserve or a socket leaked");
    assertEquals(serverFactory.numPorts(), 0);
    assertTrue(core.selectables().isEmpty());
  }

  @Test
  public void listenUNIXFailsWithCannotListenErrorAndCreatesNoFile() throws IOException {
    Path dir = Files.createTempDirectory("torsion-stopped");
    Path sock = dir.resolve("s.sock");
    try {
      long before = openDescriptors();
      CannotListenError e = expectThrows(CannotListenError.class,
          () -> core.listenUNIX(sock.toString(), serverFactory, 50, 0666, true));
      assertStoppedCause(e);
      assertEquals(openDescriptors(), before);
      assertFalse(Files.exists(sock));
      assertFalse(Files.exists(Path.of(sock + ".lock")), "the PID lock was taken");
      assertEquals(serverFactory.numPorts(), 0);
    } finally {
      Files.deleteIfExists(sock);
      Files.delete(dir);
    }
  }

  @Test
  public void connectTCPFailsClearlyBeforeStartingTheFactory() throws IOException {
    long before = openDescriptors();
    ConnectError e = expectThrows(ConnectError.class,
        () -> core.connectTCP("127.0.0.1", 1, clientFactory, 30, null));
    assertStoppedCause(e);
    assertEquals(events, List.of(), "the factory heard nothing, so nothing waits for it");
    assertEquals(clientFactory.numPorts(), 0);
    assertTrue(core.getDelayedCalls().isEmpty(), "no attempt or timeout was scheduled");
    assertTrue(core.selectables().isEmpty());
    assertEquals(openDescriptors(), before);
  }

  @Test
  public void connectUNIXFailsClearlyToo() {
    ConnectError e = expectThrows(ConnectError.class,
        () -> core.connectUNIX("/nonexistent/s.sock", clientFactory, 30, false));
    assertStoppedCause(e);
    assertEquals(events, List.of());
    assertTrue(core.getDelayedCalls().isEmpty());
  }

  @Test
  public void adoptStreamPortClosesTheHandedOverChannel() throws IOException {
    ServerSocketChannel ch = ServerSocketChannel.open();
    ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    CannotListenError e = expectThrows(CannotListenError.class,
        () -> core.adoptStreamPort(ch, serverFactory));
    assertStoppedCause(e);
    assertFalse(ch.isOpen(), "the reactor owned the channel and must close it");
  }
}
