package dev.torsion.it.tcp;

import static dev.torsion.it.support.Addresses.portOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.torsion.internal.transport.StreamTransport;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.TimeoutError;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.it.Facet;
import dev.torsion.it.Requires;
import dev.torsion.it.support.MyClientFactory;
import dev.torsion.it.support.MyServerFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.testng.annotations.Test;

/** Flow control, descriptor hygiene, timeouts and adopted sockets on real connections. */
public class FlowIT extends TcpCase {
  @Test
  public void aFastProducerIsPausedByASlowReaderAndMemoryStaysBounded() {
    long total = 32L * 1024 * 1024;
    long[] maxBuffered = {0};
    int[] pauses = {0};
    int[] resumes = {0};
    long[] received = {0};
    MyClientFactory client = new MyClientFactory();
    client.make = () -> new AccumulatingProtocol() {
      @Override
      public void dataReceived(byte[] bytes) {
        received[0] += bytes.length;
        // A slow reader: stop reading now and then, for a few turns.
        if (received[0] % (4 * 1024 * 1024) < bytes.length) {
          transport().pauseProducing();
          reactor.callLater(0.01, () -> transport().resumeProducing());
        }
      }
    };
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, ServerFactory.forProtocol(() -> new Protocol() {
        long sent;
        boolean paused;

        @Override
        public void connectionMade() {
          StreamTransport t = (StreamTransport) transport();
          t.registerProducer(new IPushProducer() {
            @Override
            public void pauseProducing() {
              pauses[0]++;
              paused = true;
            }

            @Override
            public void resumeProducing() {
              resumes[0]++;
              paused = false;
              produce();
            }

            @Override
            public void stopProducing() {}
          }, true);
          produce();
        }

        void produce() {
          StreamTransport t = (StreamTransport) transport();
          while (!paused && sent < total) {
            t.write(new byte[16 * 1024]);
            sent += 16 * 1024;
            maxBuffered[0] = Math.max(maxBuffered[0], t.bufferedBytes());
          }
          if (sent >= total && !paused) {
            t.unregisterProducer();
            t.loseConnection();
          }
        }
      }), "127.0.0.1");
      reactor.connectTCP("127.0.0.1", portOf(port), client);
      return client.deferred.addCallbackDeferred(x -> port.stopListening());
    });
    assertEquals(received[0], total);
    assertTrue(pauses[0] > 0, "the producer was paused");
    assertEquals(resumes[0], pauses[0], "every pause was followed by a resume");
    assertTrue(maxBuffered[0] <= StreamTransport.HIGH_WATER + 16 * 1024,
        "buffered " + maxBuffered[0]);
  }

  private static IntSupplier openDescriptors() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof UnixOperatingSystemMXBean unix) {
      return () -> (int) unix.getOpenFileDescriptorCount();
    }
    return () -> 0;
  }

  /** twisted.test.test_tcp.ProperlyCloseFilesTests.test_properlyCloseFiles */
  @Test
  public void closedConnectionsReleaseTheirSockets() {
    IntSupplier fds = openDescriptors();
    int rounds = 300;
    int[] before = {0};
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, ServerFactory.forProtocol(() -> new Protocol() {
        @Override
        public void connectionMade() {
          transport().loseConnection();
        }
      }), "127.0.0.1");
      before[0] = fds.getAsInt();
      Deferred<Void> all = Defer.succeed(null);
      for (int i = 0; i < rounds; i++) {
        all = all.addCallbackDeferred(x -> {
          MyClientFactory c = new MyClientFactory();
          reactor.connectTCP("127.0.0.1", portOf(port), c);
          return c.deferred.addCallback(y -> {
            assertNotNull(c.lostReason.check(ConnectionDone.class));
            return null;
          });
        });
      }
      // Let the selector release what the last turn closed.
      return all.addCallbackDeferred(x -> {
        Deferred<Void> settle = new Deferred<>();
        reactor.callLater(0.05, () -> settle.callback(null));
        return settle;
      }).addCallback(x -> {
        assertTrue(fds.getAsInt() <= before[0] + 2,
            "descriptors before " + before[0] + ", after " + fds.getAsInt());
        return null;
      }).addCallbackDeferred(x -> port.stopListening());
    });
  }

  @Test
  public void connectingToAFullBacklogTimesOut() throws Exception {
    List<SocketChannel> fillers = new ArrayList<>();
    try (ServerSocketChannel full = ServerSocketChannel.open()) {
      full.bind(new InetSocketAddress("127.0.0.1", 0), 1);
      int port = ((InetSocketAddress) full.getLocalAddress()).getPort();
      // Never accepted: once the accept queue is full, further SYNs are dropped.
      for (int i = 0; i < 8; i++) {
        SocketChannel c = SocketChannel.open();
        c.configureBlocking(false);
        c.connect(new InetSocketAddress("127.0.0.1", port));
        fillers.add(c);
      }
      MyClientFactory client = new MyClientFactory();
      await(() -> {
        reactor.connectTCP("127.0.0.1", port, client, 0.3, null);
        return client.failDeferred;
      });
      assertNotNull(client.reason.check(TimeoutError.class), client.reason.toString());
    } finally {
      for (SocketChannel c : fillers) {
        c.close();
      }
    }
  }

  @Test
  @Requires(Facet.ADOPTION)
  public void adoptedPortAndConnectionServeLikeTheirOwn() throws Exception {
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
    MyServerFactory sf = new MyServerFactory();
    MyServerFactory adoptedConn = new MyServerFactory();
    SocketChannel[] pair = new SocketChannel[2];
    await(() -> {
      IListeningPort p = reactor.adoptStreamPort(server, sf);
      assertEquals(portOf(p), port);
      MyClientFactory client = new MyClientFactory();
      Deferred<AccumulatingProtocol> made = new Deferred<>();
      sf.protocolConnectionMade = made;
      reactor.connectTCP("127.0.0.1", port, client);
      return made.addCallbackDeferred(s -> {
        s.transport().write(new byte[] {7});
        return loopUntil(() -> client.protocol != null && client.protocol.data().length == 1)
            .addCallbackDeferred(x -> {
              s.transport().loseConnection();
              return client.deferred;
            });
      }).addCallbackDeferred(x -> p.stopListening()).addCallbackDeferred(x -> {
        try {
          ServerSocketChannel plain = ServerSocketChannel.open();
          plain.bind(new InetSocketAddress("127.0.0.1", 0));
          pair[0] = SocketChannel.open(plain.getLocalAddress());
          pair[1] = plain.accept();
          plain.close();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        Deferred<AccumulatingProtocol> made2 = new Deferred<>();
        adoptedConn.protocolConnectionMade = made2;
        reactor.adoptStreamConnection(pair[1], adoptedConn);
        return made2;
      }).addCallbackDeferred(a -> {
        try {
          pair[0].write(java.nio.ByteBuffer.wrap(new byte[] {1, 2}));
          pair[0].close();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        Deferred<Void> closed = new Deferred<>();
        a.setClosedDeferred(closed);
        return closed;
      });
    });
    assertEquals(adoptedConn.protocol.data(), new byte[] {1, 2});
    assertTrue(!server.isOpen(), "the adopted port is closed with the port");
  }
}
