package dev.torsion.it.builder;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.error.ConnectionClosed;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.it.support.Addresses;
import dev.torsion.it.support.ExhaustsFileDescriptors;
import dev.torsion.it.support.MyServerFactory;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The child JVM of Twisted's {@code assertPeerClosedOnEMFILE}: with every descriptor in use, a
 * listening port must accept-and-close a waiting connection rather than leave it hanging.
 * Argument {@code listen} uses {@code listenTCP}, {@code adopt} uses {@code adoptStreamPort};
 * other flavours (TLS) call {@link #run} with their own {@link Flavour}.
 * Prints {@code RESULT ok} and exits 0, or prints {@code RESULT fail: …} and exits 1.
 */
public final class ClosePeerOnEmfileMain {
  private ClosePeerOnEmfileMain() {}

  /**
   * Twisted's {@code assertPeerClosedOnEMFILE}: runs {@code mainClass} (this class or another
   * flavour's main) in a child JVM limited to 128 descriptors and fails unless it says ok.
   *
   * @param mainClass the child's main class
   * @param args the child's arguments
   */
  public static void assertPeerClosedOnEMFILE(Class<?> mainClass, String... args) {
    ChildJvm.Result r = ChildJvm.run(128, List.of(), mainClass, 90, args);
    assertTrue(r.output().contains("RESULT ok"), r.output());
    assertEquals(r.exitCode(), 0, r.output());
  }

  /** How one flavour of port listens, connects its warm-up client, and serves the peer. */
  public interface Flavour {
    /**
     * Listens on 127.0.0.1.
     *
     * @param reactor the reactor
     * @param factory the server factory
     * @return the port
     * @throws IOException if the port cannot be set up
     */
    IListeningPort listen(Reactor reactor, Factory factory) throws IOException;

    /**
     * Connects the warm-up client to 127.0.0.1.
     *
     * @param reactor the reactor
     * @param port the port
     * @param factory the client factory
     */
    void connect(Reactor reactor, int port, ClientFactory factory);

    /**
     * The factory the reactor serves the already-connected peer with.
     *
     * @param reactor the reactor
     * @param client the peer's protocol
     * @return the factory
     */
    Factory peerFactory(Reactor reactor, Supplier<Protocol> client);
  }

  /**
   * Runs the scenario.
   *
   * @param args {@code listen} or {@code adopt}
   * @throws IOException if the sockets cannot be set up
   */
  public static void main(String[] args) throws IOException {
    boolean adopt = args.length > 0 && args[0].equals("adopt");
    run(new Flavour() {
      @Override
      public IListeningPort listen(Reactor reactor, Factory factory) throws IOException {
        return ClosePeerOnEmfileMain.listen(reactor, factory, adopt);
      }

      @Override
      public void connect(Reactor reactor, int port, ClientFactory factory) {
        reactor.connectTCP(TcpBuilder.V4, port, factory);
      }

      @Override
      public Factory peerFactory(Reactor reactor, Supplier<Protocol> client) {
        Factory clientFactory = ClientFactory.forProtocol(client);
        clientFactory.setNoisy(false);
        return clientFactory;
      }
    });
  }

  /**
   * Runs the scenario over {@code flavour}, prints the verdict and exits.
   *
   * @param flavour how to listen, connect and serve the peer
   * @throws IOException if the sockets cannot be set up
   */
  public static void run(Flavour flavour) throws IOException {
    Preload.classPathDirectories();
    Reactor reactor = Reactors.provider(System.getProperty("torsion.reactor", "nio")).create();
    MyServerFactory serverFactory = new MyServerFactory();
    List<String> events = new ArrayList<>();
    IListeningPort port = flavour.listen(reactor, serverFactory);
    int portNumber = Addresses.portOf(port.getHost());
    // The child JVM's limit is low; the bound stops a run-away if the limit was not lowered.
    ExhaustsFileDescriptors exhauster =
        new ExhaustsFileDescriptors(ExhaustsFileDescriptors::openDevNull, 100_000);
    Failure[] lost = {null};
    int[] builtBefore = {0};
    // First one full connection on the same reactor and port, so every class the scenario
    // needs (a TLS engine's included) is loaded, and no jar opened, while descriptors are
    // exhausted.
    ClientFactory warmUp = new ClientFactory() {
      @Override
      public void clientConnectionLost(dev.torsion.internet.interfaces.IConnector c,
          Failure reason) {
        reactor.callLater(0.05, () -> exhaustThenConnect(reactor, portNumber, exhauster,
            serverFactory, builtBefore, lost, events, flavour));
      }

      @Override
      public void clientConnectionFailed(dev.torsion.internet.interfaces.IConnector c,
          Failure reason) {
        events.add("warm-up failed: " + reason);
        TcpBuilder.stopQuietly(reactor);
      }
    };
    warmUp.setNoisy(false);
    warmUp.setProtocol(() -> new Protocol() {
      @Override
      public void connectionMade() {
        transport().write(new byte[] {1});
        transport().loseConnection();
      }
    });
    flavour.connect(reactor, portNumber, warmUp);
    reactor.callLater(15, () -> {
      events.add("timed out");
      TcpBuilder.stopQuietly(reactor);
    });
    reactor.run();
    release(exhauster, events);
    String verdict;
    if (events.contains("timed out") || lost[0] == null) {
      verdict = "fail: the peer was not closed " + events;
    } else if (events.contains("server accepted")) {
      verdict = "fail: server accepted connection; EMFILE not triggered " + events;
    } else if (lost[0].check(ConnectionClosed.class) == null) {
      verdict = "fail: the peer was lost with " + lost[0];
    } else {
      verdict = "ok " + events;
    }
    System.out.println("RESULT " + verdict);
    System.out.flush();
    System.exit(verdict.startsWith("ok") ? 0 : 1);
  }

  private static void exhaustThenConnect(Reactor reactor, int portNumber,
      ExhaustsFileDescriptors exhauster, MyServerFactory serverFactory, int[] builtBefore,
      Failure[] lost, List<String> events, Flavour flavour) {
    try {
      // The peer: connected by the kernel before the descriptors run out, then served by the
      // reactor (as a TLS client in the TLS flavour), so only the server's accept meets EMFILE.
      SocketChannel peer = SocketChannel.open(
          new InetSocketAddress(InetAddress.getByName(TcpBuilder.V4), portNumber));
      peer.configureBlocking(false);
      builtBefore[0] = serverFactory.called;
      Protocol client = new Protocol() {
        @Override
        public void connectionLost(Failure reason) {
          release(exhauster, events);
          lost[0] = reason;
          if (serverFactory.called > builtBefore[0]) {
            events.add("server accepted");
          }
          events.add("peer lost: " + reason.type().getSimpleName());
          TcpBuilder.stopQuietly(reactor);
        }
      };
      Factory clientFactory = flavour.peerFactory(reactor, () -> client);
      exhauster.exhaust();
      System.out.println("exhausted after " + exhauster.count() + " descriptors");
      reactor.adoptStreamConnection(peer, clientFactory);
    } catch (Exception e) {
      events.add("could not set up the peer: " + e);
      TcpBuilder.stopQuietly(reactor);
    }
  }

  private static void release(ExhaustsFileDescriptors exhauster, List<String> events) {
    try {
      exhauster.release();
    } catch (IOException e) {
      events.add("could not release descriptors: " + e);
    }
  }

  private static IListeningPort listen(Reactor reactor, Factory f, boolean adopt)
      throws IOException {
    if (!adopt) {
      return reactor.listenTCP(0, f, TcpBuilder.V4);
    }
    ServerSocketChannel ch = ServerSocketChannel.open();
    ch.bind(new InetSocketAddress(InetAddress.getByName(TcpBuilder.V4), 0), 3);
    ch.configureBlocking(false);
    return reactor.adoptStreamPort(ch, f);
  }
}
