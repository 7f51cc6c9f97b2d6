package dev.torsion.protocols.portforward;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.transport.StreamTransport;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.it.support.Echo;
import dev.torsion.it.support.ReactorCase;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** The forwarder on real loopback sockets: data both ways, flow control, close propagation. */
public class PortForwardIT extends ReactorCase {
  private static final String LOCAL = "127.0.0.1";

  /** A ProxyFactory that remembers the servers it built, to read their transports. */
  private static final class RecordingProxyFactory extends ProxyFactory {
    final List<ProxyServer> servers = new ArrayList<>();

    RecordingProxyFactory(String host, int port, IReactorTCP r) {
      super(host, port, r);
    }

    @Override
    public @Nullable Protocol buildProtocol(IAddress addr) {
      ProxyServer s = (ProxyServer) super.buildProtocol(addr);
      servers.add(s);
      return s;
    }

    /** Bytes queued in the proxy's transports, both sides. */
    long buffered() {
      long n = 0;
      for (ProxyServer s : servers) {
        n += ((StreamTransport) s.transport()).bufferedBytes();
        Proxy peer = s.peer();
        if (peer != null) {
          n += ((StreamTransport) peer.transport()).bufferedBytes();
        }
      }
      return n;
    }
  }

  private static int port(IListeningPort p) {
    return ((IPv4Address) p.getHost()).port();
  }

  /** A client that writes {@code total} random bytes in random-sized writes and checks them. */
  private static final class EchoChecker extends Protocol {
    final Deferred<Void> done = new Deferred<>();
    final CRC32 sent = new CRC32();
    final CRC32 got = new CRC32();
    final long total;
    long received;

    EchoChecker(long total) {
      this.total = total;
    }

    @Override
    public void connectionMade() {
      Random random = new Random(42);
      long left = total;
      while (left > 0) {
        byte[] chunk = new byte[(int) Math.min(left, 1 + random.nextInt(64 * 1024))];
        random.nextBytes(chunk);
        sent.update(chunk);
        transport().write(chunk);
        left -= chunk.length;
      }
    }

    @Override
    public void dataReceived(byte[] data) {
      got.update(data);
      received += data.length;
      if (received >= total) {
        transport().loseConnection();
      }
    }

    @Override
    public void connectionLost(Failure reason) {
      done.callback(null);
    }
  }

  /** twisted.test.test_protocols.PortforwardingTests.test_portforward */
  @Test
  public void forwardsEightMebibytesThroughEcho() {
    long total = 8L << 20;
    EchoChecker client = new EchoChecker(total);
    List<IListeningPort> ports = new ArrayList<>();
    await(() -> {
      IListeningPort echo = reactor.listenTCP(0, Factory.forProtocol(Echo::new), LOCAL);
      ports.add(echo);
      IListeningPort proxy = reactor.listenTCP(0, new ProxyFactory(LOCAL, port(echo), reactor),
          LOCAL);
      ports.add(proxy);
      reactor.connectTCP(LOCAL, port(proxy), ClientFactory.forProtocol(() -> client));
      return client.done.addCallback(x -> stopAll(ports));
    });
    assertEquals(client.received, total);
    assertEquals(client.got.getValue(), client.sent.getValue());
  }

  /** A client that records its connection's end and the bytes it received. */
  private static final class Watcher extends Protocol {
    final Deferred<Void> lost = new Deferred<>();
    long received;

    @Override
    public void dataReceived(byte[] data) {
      received += data.length;
    }

    @Override
    public void connectionLost(Failure reason) {
      lost.callback(null);
    }
  }

  /** The destination's close closes the source's connection, after what it wrote arrives. */
  @Test
  public void destinationCloseClosesSource() {
    Watcher client = new Watcher();
    List<IListeningPort> ports = new ArrayList<>();
    await(() -> {
      Factory hangUp = Factory.forProtocol(() -> new Protocol() {
        @Override
        public void connectionMade() {
          transport().write(new byte[100_000]);
          transport().loseConnection();
        }
      });
      IListeningPort dest = reactor.listenTCP(0, hangUp, LOCAL);
      ports.add(dest);
      IListeningPort proxy = reactor.listenTCP(0, new ProxyFactory(LOCAL, port(dest), reactor),
          LOCAL);
      ports.add(proxy);
      reactor.connectTCP(LOCAL, port(proxy), ClientFactory.forProtocol(() -> client));
      return client.lost.addCallback(x -> stopAll(ports));
    });
    assertEquals(client.received, 100_000);
  }

  /** An unreachable destination closes the source's connection. */
  @Test
  public void refusedDestinationClosesSource() {
    Watcher client = new Watcher();
    List<IListeningPort> ports = new ArrayList<>();
    await(() -> {
      IListeningPort gone = reactor.listenTCP(0, Factory.forProtocol(Echo::new), LOCAL);
      int goneport = port(gone);
      return gone.stopListening().<Void>addCallbackDeferred(x -> {
        ProxyFactory pf = new ProxyFactory(LOCAL, goneport, reactor);
        pf.setNoisy(false);
        IListeningPort proxy = reactor.listenTCP(0, pf, LOCAL);
        ports.add(proxy);
        reactor.connectTCP(LOCAL, port(proxy), ClientFactory.forProtocol(() -> client));
        return client.lost.addCallback(f -> stopAll(ports));
      });
    });
    assertEquals(client.received, 0);
  }

  private static Void stopAll(List<IListeningPort> ports) {
    ports.forEach(IListeningPort::stopListening);
    return null;
  }

  /** A source that writes 64 KiB chunks while its transport does not pause it. */
  private static final class Source extends Protocol implements IPushProducer {
    final CRC32 sent = new CRC32();
    final Random random = new Random(3);
    final long total;
    long written;
    boolean paused;
    int pauses;

    Source(long total) {
      this.total = total;
    }

    @Override
    public void connectionMade() {
      transport().registerProducer(this, true);
      resumeProducing();
    }

    @Override
    public void pauseProducing() {
      paused = true;
      pauses++;
    }

    @Override
    public void resumeProducing() {
      paused = false;
      ITransport t = transport();
      while (!paused && written < total) {
        byte[] chunk = new byte[(int) Math.min(64 * 1024, total - written)];
        random.nextBytes(chunk);
        sent.update(chunk);
        written += chunk.length;
        t.write(chunk);
      }
      if (written == total && !paused) {
        t.unregisterProducer();
        t.loseConnection();
        written++;
      }
    }

    @Override
    public void stopProducing() {}
  }

  /** A destination that does not read until told to; it fires {@code done} when closed. */
  private static final class Sink extends Protocol {
    final Deferred<Void> done = new Deferred<>();
    final CRC32 got = new CRC32();
    long received;

    @Override
    public void connectionMade() {
      transport().pauseProducing();
    }

    @Override
    public void dataReceived(byte[] data) {
      got.update(data);
      received += data.length;
    }

    @Override
    public void connectionLost(Failure reason) {
      done.callback(null);
    }
  }

  /**
   * A destination that stops reading pauses the source through the proxy, the proxy's queues
   * stay bounded while it is stopped, and every byte arrives once it reads again; the source's
   * close then closes the destination's connection.
   */
  @Test
  public void stalledDestinationPausesSourceWithBoundedMemory() {
    long total = 32L << 20;
    long bound = 512 * 1024;
    Source source = new Source(total);
    Sink sink = new Sink();
    long[] maxBuffered = {0};
    long[] writtenWhenStalled = {0};
    List<IListeningPort> ports = new ArrayList<>();
    await(() -> {
      IListeningPort dest = reactor.listenTCP(0, Factory.forProtocol(() -> sink), LOCAL);
      ports.add(dest);
      RecordingProxyFactory pf = new RecordingProxyFactory(LOCAL, port(dest), reactor);
      IListeningPort proxy = reactor.listenTCP(0, pf, LOCAL);
      ports.add(proxy);
      Runnable[] sample = new Runnable[1];
      sample[0] = () -> {
        maxBuffered[0] = Math.max(maxBuffered[0], pf.buffered());
        if (!sink.done.called()) {
          reactor.callLater(0.001, sample[0]);
        }
      };
      sample[0].run();
      reactor.connectTCP(LOCAL, port(proxy), ClientFactory.forProtocol(() -> source));
      // Stalled: the source is paused and wrote nothing for 200 ms of reactor time, once the
      // kernel's buffers on the way have filled.
      return stalled(source, 0.2)
          .<Void>addCallbackDeferred(x -> {
            writtenWhenStalled[0] = source.written;
            sink.transport().resumeProducing();
            return sink.done;
          })
          .addCallback(x -> stopAll(ports));
    });
    System.out.printf("PortForwardIT: stalled after %d KiB, source paused %d times, "
        + "proxy max queued %d bytes%n", writtenWhenStalled[0] >> 10, source.pauses,
        maxBuffered[0]);
    assertTrue(writtenWhenStalled[0] < total, "the source was never held back");
    assertTrue(maxBuffered[0] <= bound, "the proxy queued " + maxBuffered[0]);
    assertEquals(sink.received, total);
    assertEquals(sink.got.getValue(), source.sent.getValue());
  }

  private Deferred<Void> stalled(Source source, double seconds) {
    Deferred<Void> d = new Deferred<>();
    long[] last = {-1};
    Runnable[] check = new Runnable[1];
    check[0] = () -> {
      if (source.paused && source.written == last[0]) {
        d.callback(null);
      } else {
        last[0] = source.written;
        reactor.callLater(seconds, check[0]);
      }
    };
    check[0].run();
    return d;
  }
}
