package dev.torsion.it.builder;

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

/**
 * The child JVM of Twisted's {@code assertPeerClosedOnEMFILE}: with every descriptor in use, a
 * listening port must accept-and-close a waiting connection rather than leave it hanging.
 * Argument {@code listen} uses {@code listenTCP}, {@code adopt} uses {@code adoptStreamPort}.
 * Prints {@code RESULT ok} and exits 0, or prints {@code RESULT fail: …} and exits 1.
 */
public final class ClosePeerOnEmfileMain {
  private ClosePeerOnEmfileMain() {}

  /**
   * Runs the scenario.
   *
   * @param args {@code listen} or {@code adopt}
   * @throws IOException if the sockets cannot be set up
   */
  public static void main(String[] args) throws IOException {
    boolean adopt = args.length > 0 && args[0].equals("adopt");
    Preload.classPathDirectories();
    Reactor reactor = Reactors.provider(System.getProperty("torsion.reactor", "nio")).create();
    MyServerFactory serverFactory = new MyServerFactory();
    List<String> events = new ArrayList<>();
    IListeningPort port = listen(reactor, serverFactory, adopt);
    int portNumber = Addresses.portOf(port.getHost());
    // The child JVM's limit is low; the bound stops a run-away if the limit was not lowered.
    ExhaustsFileDescriptors exhauster =
        new ExhaustsFileDescriptors(ExhaustsFileDescriptors::openDevNull, 100_000);
    Failure[] lost = {null};
    int[] builtBefore = {0};
    // First one full connection on the same reactor and port, so every class the scenario
    // needs is loaded (and no jar is opened) while descriptors are exhausted.
    ClientFactory warmUp = new ClientFactory() {
      @Override
      public void clientConnectionLost(dev.torsion.internet.interfaces.IConnector c,
          Failure reason) {
        reactor.callLater(0.05, () -> exhaustThenConnect(reactor, portNumber, exhauster,
            serverFactory, builtBefore, lost, events));
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
    reactor.connectTCP(TcpBuilder.V4, portNumber, warmUp);
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
      Failure[] lost, List<String> events) {
    try {
      // The peer: connected by the kernel before the descriptors run out, then served by the
      // reactor, so only the server's accept meets EMFILE.
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
      Factory clientFactory = ClientFactory.forProtocol(() -> client);
      clientFactory.setNoisy(false);
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

  private static IListeningPort listen(Reactor reactor, MyServerFactory f, boolean adopt)
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
