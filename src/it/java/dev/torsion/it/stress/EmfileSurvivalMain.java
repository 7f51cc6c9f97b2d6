package dev.torsion.it.stress;

import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.it.builder.TcpBuilder;
import dev.torsion.it.support.Addresses;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link EmfileSurvivalIT}, run with a low descriptor limit: opens connections
 * to its own port until the process hits EMFILE, keeps a connection waiting in the backlog for
 * one second while no descriptor is free, measures how much CPU the reactor thread burns in
 * that second (a spinning accept loop burns all of it), then frees descriptors and checks that
 * the port accepts and serves a new connection.
 *
 * <p>Prints {@code cpu-while-exhausted-ms=N}, {@code accepted=N}, {@code RESULT ok|fail: …};
 * exits 0 on success.
 */
public final class EmfileSurvivalMain {
  private EmfileSurvivalMain() {}

  /**
   * Runs the scenario.
   *
   * @param args unused
   * @throws IOException if the first sockets cannot be opened
   */
  public static void main(String[] args) throws IOException {
    dev.torsion.it.builder.Preload.classPathDirectories();
    Reactor reactor = Reactors.provider(System.getProperty("torsion.reactor", "nio")).create();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int[] accepted = {0};
    ServerFactory f = new ServerFactory();
    f.setNoisy(false);
    f.setProtocol(() -> new Protocol() {
      @Override
      public void connectionMade() {
        accepted[0]++;
      }

      @Override
      public void dataReceived(byte[] data) {
        transport().write(data);
      }
    });
    IListeningPort port = reactor.listenTCP(0, f, 200, TcpBuilder.V4);
    InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(TcpBuilder.V4),
        Addresses.portOf(port.getHost()));
    List<SocketChannel> clients = new ArrayList<>();
    List<String> verdict = new ArrayList<>();
    long[] cpuBefore = {0};
    Runnable[] fill = new Runnable[1];
    fill[0] = () -> {
      try {
        // Blocking connect: the kernel completes it from the backlog; the reactor accepts
        // between two of these turns.
        clients.add(SocketChannel.open(target));
        if (clients.size() > 10_000) {
          verdict.add("fail: no EMFILE after 10,000 connections");
          TcpBuilder.stopQuietly(reactor);
          return;
        }
        reactor.callLater(0, fill[0]);
      } catch (IOException e) {
        System.out.println("client side hit: " + e.getMessage() + " after " + clients.size()
            + " connections, " + accepted[0] + " accepted");
        exhausted(reactor, target, clients, accepted, verdict, cpuBefore, mx);
      }
    };
    reactor.callWhenRunning(fill[0]);
    reactor.callLater(60, () -> {
      verdict.add("fail: timed out");
      TcpBuilder.stopQuietly(reactor);
    });
    reactor.run();
    for (SocketChannel c : clients) {
      c.close();
    }
    String v = verdict.isEmpty() ? "fail: no verdict" : verdict.get(0);
    System.out.println("accepted=" + accepted[0]);
    System.out.println("RESULT " + v);
    System.out.flush();
    System.exit(v.equals("ok") ? 0 : 1);
  }

  private static void exhausted(Reactor reactor, InetSocketAddress target,
      List<SocketChannel> clients, int[] accepted, List<String> verdict, long[] cpuBefore,
      ThreadMXBean mx) {
    // Free one descriptor and use it for one more connection: it waits in the backlog while
    // the server has no descriptor to accept it with.
    try {
      clients.remove(clients.size() - 1).close();
      clients.add(SocketChannel.open(target));
    } catch (IOException e) {
      System.out.println("the waiting connection could not be made: " + e.getMessage());
    }
    cpuBefore[0] = mx.getCurrentThreadCpuTime();
    int acceptedBefore = accepted[0];
    reactor.callLater(1.0, () -> {
      long cpuMs = (mx.getCurrentThreadCpuTime() - cpuBefore[0]) / 1_000_000;
      System.out.println("cpu-while-exhausted-ms=" + cpuMs);
      System.out.println("accepted-while-exhausted=" + (accepted[0] - acceptedBefore));
      // Free half the descriptors: closing client sockets lets the server close its ends.
      int half = clients.size() / 2;
      for (int i = 0; i < half; i++) {
        try {
          clients.remove(clients.size() - 1).close();
        } catch (IOException e) {
          verdict.add("fail: close " + e);
        }
      }
      reactor.callLater(0.2, () -> checkStillAccepting(reactor, target, verdict, cpuMs));
    });
  }

  private static void checkStillAccepting(Reactor reactor, InetSocketAddress target,
      List<String> verdict, long cpuMs) {
    ClientFactory cf = new ClientFactory() {
      @Override
      public void clientConnectionFailed(IConnector connector, Failure reason) {
        verdict.add("fail: could not connect after freeing descriptors: " + reason);
        TcpBuilder.stopQuietly(reactor);
      }
    };
    cf.setNoisy(false);
    cf.setProtocol(() -> new Protocol() {
      @Override
      public void connectionMade() {
        transport().write("ping".getBytes());
      }

      @Override
      public void dataReceived(byte[] data) {
        // A spinning accept loop would have used most of the second on the CPU.
        verdict.add(cpuMs < 500 ? "ok" : "fail: the reactor burned " + cpuMs
            + " ms of CPU in the exhausted second (accept loop spinning)");
        transport().loseConnection();
        TcpBuilder.stopQuietly(reactor);
      }
    });
    reactor.connectTCP(target.getAddress().getHostAddress(), target.getPort(), cf);
  }
}
