package dev.torsion.it.stress;

import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.TimeoutError;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.builder.TcpBuilder;
import dev.torsion.it.support.Addresses;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** Connecting fails with Twisted's error types: refused, and timed out. */
public class ConnectErrorsIT extends TcpBuilder {
  /** Records why connecting failed and stops the reactor. */
  private static final class Failing extends ClientFactory {
    private final Reactor reactor;
    @Nullable Failure reason;
    double failedAt;

    Failing(Reactor reactor) {
      this.reactor = reactor;
      setNoisy(false);
    }

    @Override
    public void clientConnectionFailed(IConnector connector, Failure why) {
      reason = why;
      failedAt = reactor.seconds();
      stopQuietly(reactor);
    }
  }

  /** Nothing listens on the port: {@code ConnectionRefusedError}. */
  @Test
  public void connectionRefused() {
    Reactor reactor = buildReactor();
    int port = Addresses.findFreePort(V4);
    Failing f = new Failing(reactor);
    reactor.callWhenRunning(() -> reactor.connectTCP(V4, port, f));
    run(reactor);
    assertNotNull(f.reason);
    assertNotNull(f.reason.check(ConnectionRefusedError.class), f.reason.toString());
  }

  /**
   * A listener with a backlog of 1 that never accepts, its queue filled by plain sockets:
   * Linux drops further SYNs, so the reactor's connect hangs until its 0.5 s timeout, which
   * fails it with {@code TimeoutError}. Everything stays on 127.0.0.1.
   */
  @Test
  public void connectTimeoutToFullBacklog() throws IOException {
    Reactor reactor = buildReactor();
    List<SocketChannel> fillers = new ArrayList<>();
    try (ServerSocketChannel stuck = ServerSocketChannel.open()) {
      stuck.bind(new InetSocketAddress(InetAddress.getByName(V4), 0), 1);
      InetSocketAddress target = (InetSocketAddress) stuck.getLocalAddress();
      // The accept queue holds backlog + 1 connections; a few more make sure it is full (the
      // extra ones hang in SYN-SENT, as the reactor's will).
      for (int i = 0; i < 4; i++) {
        SocketChannel c = SocketChannel.open();
        fillers.add(c);
        c.configureBlocking(false);
        c.connect(target);
      }
      Failing f = new Failing(reactor);
      double[] startedAt = {0};
      reactor.callWhenRunning(() -> {
        startedAt[0] = reactor.seconds();
        reactor.connectTCP(V4, target.getPort(), f, 0.5, null);
      });
      run(reactor);
      assertNotNull(f.reason);
      assertNotNull(f.reason.check(TimeoutError.class), f.reason.toString());
      double took = f.failedAt - startedAt[0];
      assertTrue(took >= 0.45 && took < 5, "timed out after " + took + " s");
    } finally {
      for (SocketChannel c : fillers) {
        c.close();
      }
    }
  }
}
