package dev.torsion.it.interop;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import dev.torsion.python.failure.Failure;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Torsion and the real Twisted 22.4 talking TCP over loopback, 10 MiB each way with SHA-256
 * checks: a Torsion client against a Twisted echo server, and a Twisted client against a Torsion
 * echo server. Twisted runs in {@code /usr/bin/python3} ({@code src/it/python}); without
 * python3-twisted these tests fail, saying so. Every wait is bounded and the Python process is
 * always ended.
 */
public class TwistedInteropIT extends ReactorBuilder {
  private static final int TOTAL = 10 * 1024 * 1024;
  private static final int MAX_WRITE = 64 * 1024;
  private static final double RUN_LIMIT_SECONDS = 90;

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Stops the reactor once, whoever asks first (the test's end or its failure). */
  private static final class Stopper {
    private final Reactor reactor;
    private boolean stopped;

    Stopper(Reactor reactor) {
      this.reactor = reactor;
    }

    void stop() {
      if (!stopped) {
        stopped = true;
        reactor.stop();
      }
    }
  }

  /**
   * Sends {@link #TOTAL} random bytes in writes of random sizes, a burst per reactor turn so
   * that writing and reading the echo interleave; closes once the whole echo is back.
   */
  private static final class SendingClient extends Protocol {
    private final SplittableRandom random;
    private final Reactor reactor;
    private final Stopper stopper;
    final MessageDigest sent = sha256();
    final MessageDigest received = sha256();
    long sentCount;
    long receivedCount;
    @Nullable Failure lost;

    SendingClient(long seed, Reactor reactor, Stopper stopper) {
      this.random = new SplittableRandom(seed);
      this.reactor = reactor;
      this.stopper = stopper;
    }

    @Override
    public void connectionMade() {
      sendBurst();
    }

    private void sendBurst() {
      if (lost != null) {
        return; // the connection went early; the assertions below say how
      }
      int burst = 0;
      while (sentCount < TOTAL && burst < 4 * MAX_WRITE) {
        int n = (int) Math.min(TOTAL - sentCount, 1 + random.nextInt(MAX_WRITE));
        byte[] chunk = new byte[n];
        for (int i = 0; i < n; i += 8) {
          long bits = random.nextLong();
          for (int j = i; j < Math.min(n, i + 8); j++, bits >>>= 8) {
            chunk[j] = (byte) bits;
          }
        }
        sent.update(chunk);
        transport().write(chunk);
        sentCount += n;
        burst += n;
      }
      if (sentCount < TOTAL) {
        reactor.callLater(0, this::sendBurst);
      }
    }

    @Override
    public void dataReceived(byte[] data) {
      received.update(data);
      receivedCount += data.length;
      if (receivedCount >= TOTAL) {
        transport().loseConnection();
      }
    }

    @Override
    public void connectionLost(Failure reason) {
      lost = reason;
      stopper.stop();
    }
  }

  /**
   * Echoes what it receives, keeping a digest and count of it; stops the reactor once both its
   * connection is lost and the client process has exited (or the client failed), so that the
   * test sees how the connection ended rather than a shutdown cutting it.
   */
  private static final class DigestingEcho extends Protocol {
    final MessageDigest received = sha256();
    private final Stopper stopper;
    long receivedCount;
    @Nullable Failure lost;
    boolean clientExited;

    DigestingEcho(Stopper stopper) {
      this.stopper = stopper;
    }

    void clientExited(int status) {
      clientExited = true;
      if (lost != null || status != 0) {
        stopper.stop();
      }
    }

    @Override
    public void dataReceived(byte[] data) {
      received.update(data);
      receivedCount += data.length;
      transport().write(data);
    }

    @Override
    public void connectionLost(Failure reason) {
      lost = reason;
      if (clientExited) {
        stopper.stop();
      }
    }
  }

  /** A Torsion client sends 10 MiB to Twisted's echo server and gets the same bytes back. */
  @Test
  public void torsionClientAgainstTwistedEchoServer() throws Exception {
    long seed = System.nanoTime();
    try (TwistedProcess server = TwistedProcess.start("echo_server.py", "--lifetime", "120")) {
      int port = Integer.parseInt(server.awaitLine("PORT ", Duration.ofSeconds(60)).strip());
      Reactor reactor = buildReactor();
      Stopper stopper = new Stopper(reactor);
      SendingClient client = new SendingClient(seed, reactor, stopper);
      Failure[] failed = {null};
      ClientFactory factory = new ClientFactory() {
        @Override
        public void clientConnectionFailed(IConnector connector, Failure reason) {
          failed[0] = reason;
          stopper.stop();
        }
      };
      factory.setProtocol(() -> client);
      factory.setNoisy(false);
      reactor.connectTCP("127.0.0.1", port, factory, 30, null);
      runReactor(reactor, RUN_LIMIT_SECONDS);

      String context = "seed " + seed + ", Twisted echo server " + server + " said:\n"
          + server.output();
      assertNull(failed[0], "connection failed; " + context);
      assertEquals(client.sentCount, TOTAL, context);
      assertEquals(client.receivedCount, TOTAL, context);
      assertEquals(HexFormat.of().formatHex(client.received.digest()),
          HexFormat.of().formatHex(client.sent.digest()), "echo differs; " + context);
      assertEquals(client.lost == null ? null : client.lost.check(ConnectionDone.class),
          ConnectionDone.class, "lost " + client.lost + "; " + context);
    }
  }

  /** Twisted's client sends 10 MiB to a Torsion echo server and checks what comes back. */
  @Test
  public void twistedClientAgainstTorsionEchoServer() throws Exception {
    long seed = System.nanoTime() & Long.MAX_VALUE;
    TwistedProcess.requireTwisted();
    Reactor reactor = buildReactor();
    Stopper stopper = new Stopper(reactor);
    DigestingEcho echo = new DigestingEcho(stopper);
    Factory factory = Factory.forProtocol(() -> echo);
    factory.setNoisy(false);
    IListeningPort listening = reactor.listenTCP(0, factory, 50, "127.0.0.1");
    int port = ((IPv4Address) listening.getHost()).port();
    try (TwistedProcess client = TwistedProcess.start("echo_client.py", "127.0.0.1",
        Integer.toString(port), "--bytes", Integer.toString(TOTAL), "--seed",
        Long.toString(seed), "--timeout", "60")) {
      client.onExit(status -> reactor.callFromThread(() -> echo.clientExited(status)));
      runReactor(reactor, RUN_LIMIT_SECONDS);
      int status = client.waitFor(Duration.ofSeconds(30));
      String sentDigest = client.awaitLine("SENT ", Duration.ofSeconds(1)).strip();

      String context = "seed " + seed + ", Twisted echo client " + client + " said:\n"
          + client.output();
      assertEquals(status, 0, "Twisted client failed; " + context);
      assertEquals(echo.receivedCount, TOTAL, context);
      assertEquals(HexFormat.of().formatHex(echo.received.digest()), sentDigest,
          "Torsion received other bytes than Twisted sent; " + context);
      assertEquals(echo.lost == null ? null : echo.lost.check(ConnectionDone.class),
          ConnectionDone.class, "lost " + echo.lost + "; " + context);
    }
  }
}
