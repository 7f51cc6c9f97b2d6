package dev.torsion.it.interop;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.transport.StreamTransport;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import dev.torsion.it.interop.StringReceiverInteropBase.Stopper;
import dev.torsion.protocols.portforward.Proxy;
import dev.torsion.protocols.portforward.ProxyClient;
import dev.torsion.protocols.portforward.ProxyClientFactory;
import dev.torsion.protocols.portforward.ProxyFactory;
import dev.torsion.protocols.portforward.ProxyServer;
import dev.torsion.python.failure.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Torsion's {@code portforward.ProxyFactory}, on the reactor under test, between a Twisted
 * client and a Twisted server ({@code pf_peer.py}, {@code echo_client.py}): 10 MiB through an
 * echo server and back with SHA-256 checked at both Twisted ends, and 32 MiB towards a
 * destination that stops reading, where the proxy must pause its source and keep what it queues
 * bounded (the destination resumes once the pause is seen, and every byte must still arrive).
 */
public class PortforwardInteropIT extends ReactorBuilder {
  private static final int ECHO_BYTES = 10 * 1024 * 1024;
  private static final int SLOW_BYTES = 32 * 1024 * 1024;
  /**
   * The most the proxy may queue for the slow destination: the transport pauses its producer
   * above {@link StreamTransport#HIGH_WATER}; allow that and a few reads (64 KiB each) more.
   */
  private static final long QUEUE_BOUND = StreamTransport.HIGH_WATER + 4 * 64 * 1024;
  private static final Duration LINE_LIMIT = Duration.ofSeconds(60);

  /** The proxy's two sides, as built; each records how often it lost its connection. */
  static final class Proxies {
    final List<CountingServer> servers = new ArrayList<>();
    final List<CountingClient> clients = new ArrayList<>();
    private final Runnable onLost;

    Proxies(Runnable onLost) {
      this.onLost = onLost;
    }

    ProxyFactory factory(int port, Reactor reactor) {
      ProxyFactory factory = new ProxyFactory("127.0.0.1", port, reactor);
      factory.setProtocol(() -> {
        CountingServer s = new CountingServer(this);
        servers.add(s);
        return s;
      });
      factory.setNoisy(false);
      return factory;
    }

    boolean allLost() {
      return !servers.isEmpty() && servers.size() == clients.size()
          && servers.stream().allMatch(s -> s.lostCount > 0)
          && clients.stream().allMatch(c -> c.lostCount > 0);
    }
  }

  static final class CountingServer extends ProxyServer {
    private final Proxies proxies;
    int lostCount;
    @Nullable Failure lost;

    CountingServer(Proxies proxies) {
      this.proxies = proxies;
    }

    @Override
    protected ProxyClientFactory newClientFactory() {
      ProxyClientFactory f = new ProxyClientFactory();
      f.setProtocol(() -> {
        CountingClient c = new CountingClient(proxies);
        proxies.clients.add(c);
        return c;
      });
      f.setNoisy(false);
      return f;
    }

    @Override
    public void connectionLost(Failure reason) {
      lostCount++;
      lost = reason;
      super.connectionLost(reason);
      proxies.onLost.run();
    }
  }

  static final class CountingClient extends ProxyClient {
    private final Proxies proxies;
    int lostCount;
    @Nullable Failure lost;

    CountingClient(Proxies proxies) {
      this.proxies = proxies;
    }

    @Override
    public void connectionLost(Failure reason) {
      lostCount++;
      lost = reason;
      super.connectionLost(reason);
      proxies.onLost.run();
    }
  }

  private static void assertClosedOnce(Proxies proxies, String context) {
    assertEquals(proxies.servers.size(), 1, context);
    assertEquals(proxies.clients.size(), 1, context);
    for (Failure f : new Failure[] {proxies.servers.get(0).lost, proxies.clients.get(0).lost}) {
      assertNotNull(f, context);
      assertEquals(f.check(ConnectionDone.class), ConnectionDone.class, f + "; " + context);
    }
    assertEquals(proxies.servers.get(0).lostCount, 1, context);
    assertEquals(proxies.clients.get(0).lostCount, 1, context);
  }

  /** Twisted's client sends 10 MiB through the proxy to Twisted's echo server, and back. */
  @Test
  public void tenMebibytesThroughProxyBothWays() throws Exception {
    long seed = System.nanoTime() & Long.MAX_VALUE;
    try (TwistedProcess server = TwistedProcess.start("pf_peer.py", "server", "--mode", "echo",
        "--lifetime", "150")) {
      int serverPort = Integer.parseInt(server.awaitLine("PORT ", LINE_LIMIT).strip());
      Reactor reactor = buildReactor();
      Stopper stopper = new Stopper(reactor);
      boolean[] exited = {false};
      Proxies[] proxies = {null};
      proxies[0] = new Proxies(() -> {
        if (exited[0] && proxies[0].allLost()) {
          stopper.stop();
        }
      });
      IListeningPort listening =
          reactor.listenTCP(0, proxies[0].factory(serverPort, reactor), 50, "127.0.0.1");
      int proxyPort = ((IPv4Address) listening.getHost()).port();
      try (TwistedProcess client = TwistedProcess.start("echo_client.py", "127.0.0.1",
          Integer.toString(proxyPort), "--bytes", Integer.toString(ECHO_BYTES), "--seed",
          Long.toString(seed), "--timeout", "60")) {
        client.onExit(status -> reactor.callFromThread(() -> {
          exited[0] = true;
          if (status != 0 || proxies[0].allLost()) {
            stopper.stop();
          }
        }));
        runReactor(reactor, 90);
        int status = client.waitFor(Duration.ofSeconds(30));
        String sent = client.awaitLine("SENT ", Duration.ofSeconds(1)).strip();
        String[] arrived = server.awaitLine("LOST ", LINE_LIMIT).strip().split(" ");
        String context = "seed " + seed + "; Twisted client said:\n" + client.output()
            + "\nTwisted server said:\n" + server.output();
        // Client -> server: the server got exactly what the client sent.
        assertEquals(arrived[0], Integer.toString(ECHO_BYTES), context);
        assertEquals(arrived[1], sent, context);
        assertEquals(arrived[2], "ConnectionDone", context);
        // Server -> client: echo_client.py checks the SHA-256 of the echo, and says so.
        assertEquals(status, 0, "Twisted client failed; " + context);
        assertClosedOnce(proxies[0], context);
      }
    }
  }

  /** What the proxy queued and paused while the destination read nothing. */
  static final class Watch {
    long maxQueued;
    int pausedSamples;
    boolean resumed;
    @Nullable String problem;
  }

  private static @Nullable StreamTransport stream(Proxy p, Watch w) {
    ITransport t = p.transport();
    if (t instanceof StreamTransport s) {
      return s;
    }
    w.problem = "the proxy's transport is " + t + ", not a StreamTransport: cannot watch it";
    return null;
  }

  /**
   * Samples the proxy every 10 ms: the bytes queued towards the destination, and whether reading
   * from the source is paused. Once the pause has held for 20 samples, lets the destination read.
   */
  private static void watch(Reactor reactor, Proxies proxies, Watch w, TwistedProcess server) {
    if (!proxies.clients.isEmpty() && proxies.clients.get(0).lostCount == 0) {
      StreamTransport toDestination = stream(proxies.clients.get(0), w);
      StreamTransport fromSource = stream(proxies.servers.get(0), w);
      if (toDestination == null || fromSource == null) {
        return;
      }
      w.maxQueued = Math.max(w.maxQueued, toDestination.bufferedBytes());
      if (!w.resumed) {
        w.pausedSamples = fromSource.isReadPaused() ? w.pausedSamples + 1 : 0;
        if (w.pausedSamples >= 20) {
          w.resumed = true;
          server.send("RESUME");
        }
      }
    }
    if (!proxies.allLost()) {
      reactor.callLater(0.01, () -> watch(reactor, proxies, w, server));
    }
  }

  /**
   * A destination that stops reading makes the proxy pause its source: the proxy's queue stays
   * near the high-water mark while the source has 32 MiB to send; all of it arrives once the
   * destination reads again.
   */
  @Test
  public void slowDestinationPausesSourceAndBoundsQueue() throws Exception {
    long seed = System.nanoTime() & Long.MAX_VALUE;
    try (TwistedProcess server = TwistedProcess.start("pf_peer.py", "server", "--mode", "slow",
        "--lifetime", "150")) {
      int serverPort = Integer.parseInt(server.awaitLine("PORT ", LINE_LIMIT).strip());
      Reactor reactor = buildReactor();
      Stopper stopper = new Stopper(reactor);
      boolean[] exited = {false};
      Proxies[] proxies = {null};
      proxies[0] = new Proxies(() -> {
        if (exited[0] && proxies[0].allLost()) {
          stopper.stop();
        }
      });
      IListeningPort listening =
          reactor.listenTCP(0, proxies[0].factory(serverPort, reactor), 50, "127.0.0.1");
      int proxyPort = ((IPv4Address) listening.getHost()).port();
      Watch w = new Watch();
      try (TwistedProcess client = TwistedProcess.start("pf_peer.py", "client", "127.0.0.1",
          Integer.toString(proxyPort), "--bytes", Integer.toString(SLOW_BYTES), "--seed",
          Long.toString(seed), "--timeout", "80")) {
        client.onExit(status -> reactor.callFromThread(() -> {
          exited[0] = true;
          if (status != 0 || proxies[0].allLost()) {
            stopper.stop();
          }
        }));
        reactor.callLater(0.01, () -> watch(reactor, proxies[0], w, server));
        runReactor(reactor, 90);
        int status = client.waitFor(Duration.ofSeconds(30));
        String context = "seed " + seed + "; max queued " + w.maxQueued + "; Twisted client "
            + "said:\n" + client.output() + "\nTwisted server said:\n" + server.output();
        String sent = client.awaitLine("SENT ", Duration.ofSeconds(1)).strip();
        String[] arrived = server.awaitLine("LOST ", LINE_LIMIT).strip().split(" ");
        assertEquals(w.problem, null, context);
        assertTrue(w.resumed, "the proxy never paused its source; " + context);
        assertTrue(w.maxQueued <= QUEUE_BOUND, "the proxy queued " + w.maxQueued
            + " bytes for the slow destination, over " + QUEUE_BOUND + "; " + context);
        assertEquals(status, 0, "Twisted client failed; " + context);
        assertEquals(arrived[0] + " " + arrived[1], sent, context);
        assertEquals(arrived[2], "ConnectionDone", context);
        assertClosedOnce(proxies[0], context);
      }
    }
  }
}
