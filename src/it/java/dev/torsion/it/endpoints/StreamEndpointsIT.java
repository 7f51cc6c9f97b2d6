package dev.torsion.it.endpoints;

import static dev.torsion.it.support.Addresses.portOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.endpoints.AdoptedStreamServerEndpoint;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.internet.endpoints.TCP4ClientEndpoint;
import dev.torsion.internet.endpoints.UNIXClientEndpoint;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.it.Facet;
import dev.torsion.it.Requires;
import dev.torsion.it.support.ReactorCase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** UNIX and adopted server endpoints, and string descriptions, on real sockets. */
public class StreamEndpointsIT extends ReactorCase {
  private Path dir;
  private int accepted;

  @BeforeMethod
  public void tempDir() throws IOException {
    dir = Files.createTempDirectory("torsion-endpoints");
    accepted = 0;
  }

  @AfterMethod(alwaysRun = true)
  public void removeTempDir() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private Factory server() {
    return Factory.forProtocol(() -> {
      accepted++;
      return new Protocol();
    });
  }

  /** Connects through {@code client} to the listening port, then closes both. */
  private Deferred<IProtocol> connectThen(Deferred<IListeningPort> listening,
      Function<IListeningPort, IStreamClientEndpoint> client) {
    return listening.addCallbackDeferred(port -> client.apply(port)
        .connect(Factory.forProtocol(Protocol::new))
        .addCallbackDeferred(p -> {
          ((Protocol) p).transport().loseConnection();
          return port.stopListening().addCallback(x -> p);
        }));
  }

  @Requires(Facet.UNIX_SOCKETS)
  @Test
  public void unixServerFromStringAndClientConnect() {
    String path = dir.resolve("a:sock").toString();
    IProtocol p = await(() -> connectThen(
        Endpoints.serverFromString(reactor, "unix:" + Endpoints.quoteStringArgument(path)
            + ":lockfile=0:mode=600").listen(server()),
        port -> new UNIXClientEndpoint(reactor, path)));
    assertTrue(p instanceof Protocol);
    assertEquals(accepted, 1);
    assertFalse(Files.exists(Path.of(path)), "stopListening removed the socket file");
  }

  @Requires(Facet.UNIX_SOCKETS)
  @Test
  public void unixClientFromStringWithLockFile() {
    String path = dir.resolve("locked").toString();
    IProtocol p = await(() -> connectThen(
        Endpoints.serverFromString(reactor, "unix:" + path).listen(server()),
        port -> Endpoints.clientFromString(reactor, "unix:path=" + path
            + ":lockfile=1:timeout=5")));
    assertTrue(p instanceof Protocol);
    assertEquals(accepted, 1);
  }

  @Requires(Facet.UNIX_SOCKETS)
  @Test
  public void unixConnectToMissingFileFails() {
    String path = dir.resolve("missing").toString();
    Throwable f = await(() -> new UNIXClientEndpoint(reactor, path)
        .connect(Factory.forProtocol(Protocol::new))
        .addCallbacks(p -> (Throwable) null, failure -> failure.value()));
    assertTrue(f instanceof ConnectError, f.toString());
  }

  @Requires(Facet.ADOPTION)
  @Test
  public void adoptedServerSocketAcceptsConnections() throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    channel.bind(new InetSocketAddress("127.0.0.1", 0));
    int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    IProtocol p = await(() -> connectThen(
        new AdoptedStreamServerEndpoint(reactor, channel).listen(server()),
        listening -> new TCP4ClientEndpoint(reactor, "127.0.0.1", portOf(listening))));
    assertTrue(p instanceof Protocol);
    assertEquals(accepted, 1);
    assertTrue(port > 0);
    assertFalse(channel.isOpen(), "the reactor closed the adopted channel");
  }
}
