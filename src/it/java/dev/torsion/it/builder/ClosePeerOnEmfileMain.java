package dev.torsion.it.builder;

import dev.torsion.internet.error.ConnectionClosed;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.it.builder.TcpFixtures.MyServerFactory;
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
    warmUp();
    Reactor reactor = Reactors.provider(System.getProperty("torsion.reactor", "nio")).create();
    MyServerFactory serverFactory = new MyServerFactory();
    List<String> events = new ArrayList<>();
    serverFactory.protocolConnectionMade = new dev.torsion.internet.defer.Deferred<>();
    serverFactory.protocolConnectionMade.addCallback(p -> {
      events.add("server accepted");
      TcpBuilder.stopQuietly(reactor);
      return null;
    });
    IListeningPort port = listen(reactor, serverFactory, adopt);
    int portNumber = TcpFixtures.portOf(port.getHost());
    // The peer: connected by the kernel before the descriptors run out, then served by the
    // reactor, so only the server's accept meets EMFILE.
    SocketChannel peer = SocketChannel.open(
        new InetSocketAddress(InetAddress.getByName(TcpBuilder.V4), portNumber));
    peer.configureBlocking(false);
    DescriptorExhauster exhauster = new DescriptorExhauster();
    Failure[] lost = {null};
    Protocol client = new Protocol() {
      @Override
      public void connectionLost(Failure reason) {
        exhauster.release();
        lost[0] = reason;
        events.add("peer lost: " + reason.type().getSimpleName());
        TcpBuilder.stopQuietly(reactor);
      }
    };
    Factory clientFactory = ClientFactory.forProtocol(() -> client);
    clientFactory.setNoisy(false);
    reactor.callWhenRunning(() -> {
      IOException why = exhauster.exhaust();
      System.out.println("exhausted after " + exhauster.count() + " descriptors: " + why);
      reactor.adoptStreamConnection(peer, clientFactory);
    });
    reactor.callLater(15, () -> {
      events.add("timed out");
      TcpBuilder.stopQuietly(reactor);
    });
    reactor.run();
    exhauster.release();
    String verdict;
    if (events.contains("server accepted")) {
      verdict = "fail: server accepted connection; EMFILE not triggered " + events;
    } else if (lost[0] == null) {
      verdict = "fail: the peer was not closed " + events;
    } else if (lost[0].check(ConnectionClosed.class) == null) {
      verdict = "fail: the peer was lost with " + lost[0];
    } else {
      verdict = "ok " + events;
    }
    System.out.println("RESULT " + verdict);
    System.out.flush();
    System.exit(verdict.startsWith("ok") ? 0 : 1);
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

  /** One full connection first, so no class is loaded (and no jar opened) while exhausted. */
  private static void warmUp() {
    Reactor reactor = Reactors.provider(System.getProperty("torsion.reactor", "nio")).create();
    MyServerFactory serverFactory = new MyServerFactory();
    IListeningPort port = reactor.listenTCP(0, serverFactory, TcpBuilder.V4);
    ClientFactory cf = ClientFactory.forClientProtocol(() -> new Protocol() {
      @Override
      public void connectionMade() {
        transport().write(new byte[] {1});
        transport().loseConnection();
      }

      @Override
      public void connectionLost(Failure reason) {
        reason.check(ConnectionClosed.class);
        reason.getTraceback();
        TcpBuilder.stopQuietly(reactor);
      }
    });
    cf.setNoisy(false);
    reactor.connectTCP(TcpBuilder.V4, TcpFixtures.portOf(port.getHost()), cf);
    reactor.callLater(10, () -> TcpBuilder.stopQuietly(reactor));
    reactor.run();
  }
}
