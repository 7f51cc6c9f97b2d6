package dev.torsion.it.stress;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ITCPTransport;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.builder.TcpBuilder;
import dev.torsion.it.support.Addresses;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/**
 * Chaos over one reactor: 200 connections, each following a plan drawn from one seed (writes
 * of random sizes at random times, half-closes, aborts from either side, producer pauses,
 * timers scheduled and cancelled), plus connects to a closed port. Every byte is checked in
 * order against a generator on both sides, every {@code connectionLost} is counted and must
 * come exactly once, and no socket or event descriptor is left open afterwards. Run with
 * {@code -Dchaos.seed=N} to replay a failure; the seed is in every failure message.
 */
public class ChaosIT extends TcpBuilder {
  private static final int CONNECTIONS = 200;
  private static final int REFUSED = 10;

  /** How a connection ends. */
  enum Ending { HALF_CLOSE, CLIENT_LOSE, CLIENT_ABORT, SERVER_ABORT }

  /** What one connection does, the same on both sides: drawn from the seed and its id. */
  static final class Plan {
    final int id;
    final long key;
    final int[] writes;
    final int[] delaysMs;
    final Ending ending;
    final int abortAfterWrites;
    final long serverAbortAt;
    final int serverPauseMs;
    final boolean clientPause;
    final long total;

    Plan(long seed, int id) {
      this.id = id;
      Random r = new Random(seed * 31 + id);
      key = r.nextLong();
      int n = 1 + r.nextInt(12);
      writes = new int[n];
      delaysMs = new int[n];
      long sum = 0;
      for (int i = 0; i < n; i++) {
        // Mostly small writes, some large enough to fill the socket buffers.
        writes[i] = r.nextInt(4) == 0 ? 1 + r.nextInt(256 * 1024) : 1 + r.nextInt(2048);
        delaysMs[i] = r.nextInt(40);
        sum += writes[i];
      }
      total = sum;
      ending = Ending.values()[r.nextInt(Ending.values().length)];
      abortAfterWrites = r.nextInt(n + 1);
      serverAbortAt = sum == 0 ? 0 : (long) (r.nextDouble() * sum);
      serverPauseMs = r.nextInt(3) == 0 ? 1 + r.nextInt(30) : 0;
      clientPause = r.nextBoolean();
    }

    /** The byte at {@code offset} of this connection's stream. */
    byte at(long offset) {
      long z = key + (offset >>> 3) * 0x9E3779B97F4A7C15L;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z ^= z >>> 31;
      return (byte) (z >>> ((offset & 7) * 8));
    }

    byte[] chunk(long offset, int size) {
      byte[] b = new byte[size];
      for (int i = 0; i < size; i++) {
        b[i] = at(offset + i);
      }
      return b;
    }
  }

  private long seed;
  private Reactor reactor;
  private final List<ServerSide> servers = new ArrayList<>();
  private int[] clientLost;
  private int[] clientFailed;
  private long[] echoed;
  private long[] serverReceived;
  private Failure[] reasons;
  private int ended;
  private int refusedSeen;

  /** Random connects, writes, half-closes, aborts, pauses and cancellations; no leak. */
  @Test
  public void chaosOverTwoHundredConnections() throws IOException {
    seed = Long.getLong("chaos.seed", System.nanoTime());
    System.out.println("ChaosIT on " + reactorName() + ": seed " + seed);
    try {
      chaos();
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("ChaosIT failed with seed " + seed + " (replay with -Dchaos.seed="
          + seed + "): " + e.getMessage(), e);
    }
  }

  private void chaos() throws IOException {
    reactor = buildReactor();
    clientLost = new int[CONNECTIONS];
    clientFailed = new int[CONNECTIONS];
    echoed = new long[CONNECTIONS];
    serverReceived = new long[CONNECTIONS];
    reasons = new Failure[CONNECTIONS];
    Factory serverFactory = new Factory() {
      @Override
      public Protocol buildProtocol(dev.torsion.internet.interfaces.IAddress addr) {
        ServerSide s = new ServerSide();
        servers.add(s);
        return s;
      }
    };
    serverFactory.setNoisy(false);
    IListeningPort port = reactor.listenTCP(0, serverFactory, 512, V4);
    int portNumber = Addresses.portOf(port);
    int closedPort = Addresses.findFreePort(V4);
    Map<String, Integer> before = descriptors();
    Random r = new Random(seed);
    for (int i = 0; i < CONNECTIONS; i++) {
      Plan plan = new Plan(seed, i);
      ClientFactory cf = new ClientFactory() {
        @Override
        public void clientConnectionFailed(IConnector connector, Failure reason) {
          clientFailed[plan.id]++;
          record(new AssertionError("connection " + plan.id + " failed: " + reason));
          end();
        }
      };
      cf.setNoisy(false);
      cf.setProtocol(() -> new ClientSide(plan));
      reactor.callLater(r.nextInt(500) / 1000.0, () -> reactor.connectTCP(V4, portNumber, cf));
    }
    for (int i = 0; i < REFUSED; i++) {
      ClientFactory refused = new ClientFactory() {
        @Override
        public void clientConnectionFailed(IConnector connector, Failure reason) {
          refusedSeen++;
          end();
        }
      };
      refused.setNoisy(false);
      refused.setProtocol(Protocol::new);
      reactor.callLater(r.nextInt(500) / 1000.0,
          () -> reactor.connectTCP(V4, closedPort, refused));
    }
    // A timer that must never fire: the end cancels it.
    IDelayedCall[] deadline = {null};
    deadline[0] = reactor.callLater(50, () -> record(new AssertionError("deadline fired")));
    endAction = () -> {
      deadline[0].cancel();
      port.stopListening().addBoth(ignored -> {
        stopQuietly(reactor);
        return null;
      });
    };
    run(reactor, 60);
    checkOutcome(before, descriptors());
  }

  /** Every connection ended once and as planned, and no descriptor is left over. */
  private void checkOutcome(Map<String, Integer> before, Map<String, Integer> after) {
    for (int i = 0; i < CONNECTIONS; i++) {
      assertEquals(clientFailed[i], 0, "connection " + i + " failed to connect");
      assertEquals(clientLost[i], 1, "connectionLost calls of connection " + i);
      Plan plan = new Plan(seed, i);
      if (plan.ending == Ending.HALF_CLOSE) {
        assertEquals(serverReceived[i], plan.total, "bytes the server got on " + i);
        assertEquals(echoed[i], plan.total, "bytes echoed to " + i);
        assertTrue(reasons[i].check(ConnectionDone.class) != null,
            "connection " + i + " ended cleanly: " + reasons[i]);
      }
    }
    assertEquals(refusedSeen, REFUSED, "refused connects reported");
    assertEquals(servers.size(), CONNECTIONS, "server connections");
    for (ServerSide s : servers) {
      assertEquals(s.lost, 1, "connectionLost calls of server side " + s.plan());
    }
    // The listening port is closed too, and the reactor released its own: all back to before
    // less the listener.
    assertEquals(after.getOrDefault("socket", 0), before.getOrDefault("socket", 0) - 1,
        "open sockets before " + before + ", after " + after);
    assertTrue(after.getOrDefault("anon_inode", 0) < before.getOrDefault("anon_inode", 0)
        || before.getOrDefault("anon_inode", 0) == 0,
        "the reactor's event descriptors are closed: before " + before + ", after " + after);
  }

  private Runnable endAction = () -> { };

  private void end() {
    if (++ended == CONNECTIONS + REFUSED) {
      endAction.run();
    }
  }

  /** Open descriptors by kind (socket, anon_inode, pipe, file). */
  private static Map<String, Integer> descriptors() throws IOException {
    Map<String, Integer> kinds = new TreeMap<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException gone) {
          continue; // the directory stream's own descriptor, closed meanwhile
        }
        String kind = target.startsWith("socket:") ? "socket"
            : target.startsWith("anon_inode:") ? "anon_inode"
            : target.startsWith("pipe:") ? "pipe" : "file";
        kinds.merge(kind, 1, Integer::sum);
      }
    }
    return kinds;
  }

  /** The client: writes its plan, checks the echo byte by byte, ends as planned. */
  private final class ClientSide extends Protocol implements IHalfCloseableProtocol {
    private final Plan plan;
    private final List<IDelayedCall> timers = new ArrayList<>();
    private int written;
    private long sent;
    private boolean done;

    ClientSide(Plan plan) {
      this.plan = plan;
    }

    @Override
    public void connectionMade() {
      byte[] id = {(byte) (plan.id >> 8), (byte) plan.id};
      transport().write(id);
      scheduleNext();
    }

    private void scheduleNext() {
      if (done) {
        return;
      }
      if (plan.ending == Ending.CLIENT_ABORT && written == plan.abortAfterWrites) {
        ((ITCPTransport) transport()).abortConnection();
        return;
      }
      if (written == plan.writes.length) {
        if (plan.ending == Ending.CLIENT_LOSE) {
          transport().loseConnection();
        } else {
          ((ITCPTransport) transport()).loseWriteConnection();
        }
        return;
      }
      // A decoy timer, cancelled by the write it races: it must never fire.
      IDelayedCall decoy = reactor.callLater(plan.delaysMs[written] / 1000.0 + 0.5,
          () -> record(new AssertionError("cancelled timer fired on " + plan.id)));
      timers.add(decoy);
      timers.add(reactor.callLater(plan.delaysMs[written] / 1000.0, () -> {
        decoy.cancel();
        int size = plan.writes[written++];
        byte[] data = plan.chunk(sent, size);
        sent += size;
        if (size > 4 && (size & 1) == 0) {
          int half = size / 2;
          transport().writeSequence(List.of(java.util.Arrays.copyOf(data, half),
              java.util.Arrays.copyOfRange(data, half, size)));
        } else {
          transport().write(data);
        }
        if (plan.clientPause && written == 1) {
          transport().pauseProducing();
          timers.add(reactor.callLater(0.005, () -> transport().resumeProducing()));
        }
        scheduleNext();
      }));
    }

    @Override
    public void dataReceived(byte[] data) {
      long at = echoed[plan.id];
      for (int i = 0; i < data.length; i++) {
        if (data[i] != plan.at(at + i)) {
          record(new AssertionError("connection " + plan.id + ": echoed byte " + (at + i)
              + " is wrong"));
          break;
        }
      }
      echoed[plan.id] = at + data.length;
    }

    @Override
    public void readConnectionLost() {
      transport().loseConnection();
    }

    @Override
    public void writeConnectionLost() {}

    @Override
    public void connectionLost(Failure reason) {
      done = true;
      for (IDelayedCall t : timers) {
        if (t.active()) {
          t.cancel();
        }
      }
      clientLost[plan.id]++;
      reasons[plan.id] = reason;
      end();
    }
  }

  /** The server: reads the id, checks every byte, echoes it, pauses or aborts as planned. */
  private final class ServerSide extends Protocol implements IHalfCloseableProtocol {
    private @org.jspecify.annotations.Nullable Plan plan;
    private final byte[] header = new byte[2];
    private int headerGot;
    private long got;
    private boolean paused;
    int lost;

    String plan() {
      return plan == null ? "(no id yet)" : String.valueOf(plan.id);
    }

    @Override
    public void dataReceived(byte[] data) {
      int from = 0;
      while (headerGot < 2 && from < data.length) {
        header[headerGot++] = data[from++];
      }
      if (headerGot < 2 || from == data.length) {
        return;
      }
      if (plan == null) {
        plan = new Plan(seed, ((header[0] & 0xff) << 8) | (header[1] & 0xff));
      }
      Plan p = plan;
      for (int i = from; i < data.length; i++) {
        if (data[i] != p.at(got + i - from)) {
          record(new AssertionError("connection " + p.id + ": byte " + (got + i - from)
              + " reached the server wrong"));
          break;
        }
      }
      int n = data.length - from;
      transport().write(from == 0 ? data : java.util.Arrays.copyOfRange(data, from, data.length));
      got += n;
      serverReceived[p.id] = got;
      if (p.ending == Ending.SERVER_ABORT && got >= p.serverAbortAt) {
        ((ITCPTransport) transport()).abortConnection();
        return;
      }
      if (p.serverPauseMs > 0 && !paused) {
        paused = true;
        transport().pauseProducing();
        reactor.callLater(p.serverPauseMs / 1000.0, () -> {
          if (lost == 0) {
            transport().resumeProducing();
          }
        });
      }
    }

    @Override
    public void readConnectionLost() {
      // The client sent everything: finish echoing, then close.
      transport().loseConnection();
    }

    @Override
    public void writeConnectionLost() {}

    @Override
    public void connectionLost(Failure reason) {
      lost++;
    }
  }
}
