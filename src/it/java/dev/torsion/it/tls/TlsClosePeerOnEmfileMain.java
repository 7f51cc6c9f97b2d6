package dev.torsion.it.tls;

import dev.torsion.internet.error.ConnectionClosed;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.it.builder.Preload;
import dev.torsion.it.builder.TcpBuilder;
import dev.torsion.it.support.Addresses;
import dev.torsion.it.support.ExhaustsFileDescriptors;
import dev.torsion.it.support.MyServerFactory;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of Twisted's {@code assertPeerClosedOnEMFILE} for a {@code listenSSL} port:
 * with every descriptor in use, the TLS port must accept-and-close a waiting connection, and
 * the TLS client at the other end must hear its connection closed rather than wait for a
 * handshake that never comes. Prints {@code RESULT ok} and exits 0, or {@code RESULT fail: …}
 * and exits 1.
 */
public final class TlsClosePeerOnEmfileMain {
  private TlsClosePeerOnEmfileMain() {}

  /**
   * Runs the scenario.
   *
   * @param args none
   */
  public static void main(String[] args) {
    Preload.classPathDirectories();
    Reactor reactor = Reactors.provider(System.getProperty("torsion.reactor", "nio")).create();
    MyServerFactory serverFactory = new MyServerFactory();
    List<String> events = new ArrayList<>();
    IListeningPort port = reactor.listenSSL(0, serverFactory, TlsBadInputIT.CERT.options(), 50,
        TcpBuilder.V4);
    int portNumber = Addresses.portOf(port.getHost());
    // The child JVM's limit is low; the bound stops a run-away if the limit was not lowered.
    ExhaustsFileDescriptors exhauster =
        new ExhaustsFileDescriptors(ExhaustsFileDescriptors::openDevNull, 100_000);
    Failure[] lost = {null};
    int[] builtBefore = {0};
    // First one full TLS exchange on the same reactor and port, so every class the scenario
    // needs (the engine's included) is loaded while descriptors are still free.
    ClientFactory warmUp = new ClientFactory() {
      @Override
      public void clientConnectionLost(IConnector c, Failure reason) {
        reactor.callLater(0.05, () -> exhaustThenConnect(reactor, portNumber, exhauster,
            serverFactory, builtBefore, lost, events));
      }

      @Override
      public void clientConnectionFailed(IConnector c, Failure reason) {
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
    reactor.connectSSL(TcpBuilder.V4, portNumber, warmUp, clientOptions());
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

  private static dev.torsion.internet.interfaces.ITLSConnectionCreator clientOptions() {
    return SSL.optionsForClientTLS(TcpBuilder.V4,
        SSL.trustRootFromCertificates(List.of(TlsBadInputIT.CERT)));
  }

  private static void exhaustThenConnect(Reactor reactor, int portNumber,
      ExhaustsFileDescriptors exhauster, MyServerFactory serverFactory, int[] builtBefore,
      Failure[] lost, List<String> events) {
    try {
      // The peer: connected by the kernel before the descriptors run out, then served by the
      // reactor as a TLS client, so only the server's accept meets EMFILE.
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
      ClientFactory app = new ClientFactory();
      app.setNoisy(false);
      app.setProtocol(() -> client);
      TLSMemoryBIOFactory tls = new TLSMemoryBIOFactory(clientOptions(), true, app, reactor);
      exhauster.exhaust();
      System.out.println("exhausted after " + exhauster.count() + " descriptors");
      reactor.adoptStreamConnection(peer, tls);
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
}
