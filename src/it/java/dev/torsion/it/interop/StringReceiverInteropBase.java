package dev.torsion.it.interop;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import dev.torsion.it.interop.StringPeers.EchoSession;
import dev.torsion.it.interop.StringPeers.Framing;
import dev.torsion.it.interop.StringPeers.SendSession;
import dev.torsion.python.failure.Failure;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * The string interop tests, once per framing ({@link Int32StringInteropIT},
 * {@link NetstringInteropIT}): Torsion's receiver against Twisted's ({@code string_peer.py}) in
 * both directions, a few thousand strings of random lengths up to {@link #MAX} (0 and the exact
 * limit included) echoed and compared in order with digests on both sides; and a string over
 * the limit, sent either way, closing the connection on the receiving side as Twisted does.
 */
abstract class StringReceiverInteropBase extends ReactorBuilder {
  static final int MAX = 8192;
  static final int COUNT = 3000;
  static final double RUN_LIMIT_SECONDS = 90;
  static final Duration LINE_LIMIT = Duration.ofSeconds(60);

  abstract Framing framing();

  /** Stops the reactor once, whoever asks first. */
  static final class Stopper {
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

  /** Connects a Torsion client to {@code port}; records a connection failure in {@code failed}. */
  static void connect(Reactor reactor, int port, Protocol protocol, Stopper stopper,
      @Nullable Failure[] failed) {
    ClientFactory factory = new ClientFactory() {
      @Override
      public void clientConnectionFailed(IConnector connector, Failure reason) {
        failed[0] = reason;
        stopper.stop();
      }
    };
    factory.setProtocol(() -> protocol);
    factory.setNoisy(false);
    reactor.connectTCP("127.0.0.1", port, factory, 30, null);
  }

  /** Runs a Twisted echo server; a Torsion client sends {@code strings} then maybe one more. */
  private String[] torsionClient(List<byte[]> strings, byte @Nullable [] oversize,
      SendSession[] session, String[] context) throws Exception {
    try (TwistedProcess server = TwistedProcess.start("string_peer.py", "server", "--proto",
        framing().key, "--max", Integer.toString(MAX), "--lifetime", "150")) {
      int port = Integer.parseInt(server.awaitLine("PORT ", LINE_LIMIT).strip());
      Reactor reactor = buildReactor();
      Stopper stopper = new Stopper(reactor);
      session[0] = new SendSession(reactor, strings, oversize, stopper::stop);
      @Nullable Failure[] failed = {null};
      connect(reactor, port, StringPeers.protocol(framing(), MAX, session[0]), stopper, failed);
      runReactor(reactor, RUN_LIMIT_SECONDS);
      String lost = server.awaitLine("LOST ", LINE_LIMIT);
      context[0] = "Twisted server " + server + " said:\n" + server.output();
      assertNull(failed[0], "connection failed; " + context[0]);
      return lost.strip().split(" ");
    }
  }

  /** A Torsion client sends strings to Twisted's receiver, which echoes each back. */
  @Test
  public void torsionClientAgainstTwistedServer() throws Exception {
    long seed = System.nanoTime();
    List<byte[]> strings = StringPeers.strings(seed, COUNT, MAX);
    MessageDigest sent = StringPeers.sha256();
    strings.forEach(s -> StringPeers.digestUpdate(sent, s));
    SendSession[] session = {null};
    String[] context = {""};
    String[] twisted = torsionClient(strings, null, session, context);
    String ctx = "seed " + seed + "; " + context[0];
    SendSession s = session[0];
    assertNull(s.problem, ctx);
    assertEquals(s.echoed, COUNT, ctx);
    assertEquals(s.lostCount, 1, ctx);
    assertEquals(s.lost.check(ConnectionDone.class), ConnectionDone.class, s.lost + "; " + ctx);
    // The Twisted side: every string, in order, and a clean close.
    assertEquals(twisted[0], Integer.toString(COUNT), ctx);
    assertEquals(twisted[1], StringPeers.hex(sent), ctx);
    assertEquals(twisted[2], "ConnectionDone", ctx);
    assertEquals(twisted[3], "0", ctx);
  }

  /**
   * A Torsion client sends valid strings and then one over Twisted's limit: Twisted echoes the
   * valid ones, then closes the connection (lengthLimitExceeded, or a netstring parse error).
   */
  @Test
  public void twistedServerClosesOnOversizeFromTorsion() throws Exception {
    long seed = System.nanoTime();
    List<byte[]> strings = StringPeers.strings(seed, 50, MAX);
    SendSession[] session = {null};
    String[] context = {""};
    String[] twisted = torsionClient(strings, new byte[MAX + 1], session, context);
    String ctx = "seed " + seed + "; " + context[0];
    SendSession s = session[0];
    assertNull(s.problem, ctx);
    assertEquals(s.echoed, 50, ctx);
    assertEquals(s.lostCount, 1, ctx);
    assertEquals(s.lost.check(ConnectionDone.class), ConnectionDone.class, s.lost + "; " + ctx);
    assertEquals(twisted[0], "50", ctx);
    if (framing() == Framing.INT32) {
      assertTrue(context[0].contains("LIMIT " + (MAX + 1)), ctx);
    } else {
      assertEquals(twisted[3], "1", "Twisted's brokenPeer; " + ctx);
    }
  }

  /** What the Torsion echo server saw of a Twisted client. */
  record ServerRun(EchoSession echo, Protocol protocol, int status, String sent, String context) {}

  /** Runs a Torsion echo server and Twisted's client in {@code mode}. */
  ServerRun twistedClient(String mode, int count, long seed) throws Exception {
    TwistedProcess.requireTwisted();
    Reactor reactor = buildReactor();
    Stopper stopper = new Stopper(reactor);
    boolean[] exited = {false};
    EchoSession[] echo = {null};
    echo[0] = new EchoSession(() -> {
      if (exited[0]) {
        stopper.stop();
      }
    });
    Protocol protocol = StringPeers.protocol(framing(), MAX, echo[0]);
    Factory factory = Factory.forProtocol(() -> protocol);
    factory.setNoisy(false);
    IListeningPort listening = reactor.listenTCP(0, factory, 50, "127.0.0.1");
    int port = ((IPv4Address) listening.getHost()).port();
    try (TwistedProcess client = TwistedProcess.start("string_peer.py", "client", "127.0.0.1",
        Integer.toString(port), "--proto", framing().key, "--max", Integer.toString(MAX),
        "--mode", mode, "--count", Integer.toString(count), "--seed", Long.toString(seed),
        "--timeout", "60")) {
      client.onExit(status -> reactor.callFromThread(() -> {
        exited[0] = true;
        if (echo[0].lostCount > 0 || status != 0) {
          stopper.stop();
        }
      }));
      runReactor(reactor, RUN_LIMIT_SECONDS);
      int status = client.waitFor(Duration.ofSeconds(30));
      String sent = client.awaitLine("SENT ", Duration.ofSeconds(1)).strip();
      return new ServerRun(echo[0], protocol, status, sent,
          "seed " + seed + ", Twisted client " + client + " said:\n" + client.output());
    }
  }

  /** Twisted's client sends strings to a Torsion receiver, which echoes each back. */
  @Test
  public void twistedClientAgainstTorsionServer() throws Exception {
    ServerRun run = twistedClient("send", COUNT, System.nanoTime() & Long.MAX_VALUE);
    assertEquals(run.status(), 0, "Twisted client failed; " + run.context());
    assertEquals(run.sent(), COUNT + " " + StringPeers.hex(run.echo().digest), run.context());
    assertEquals(run.echo().count, COUNT, run.context());
    assertEquals(run.echo().lostCount, 1, run.context());
    assertEquals(run.echo().lost.check(ConnectionDone.class), ConnectionDone.class,
        run.echo().lost + "; " + run.context());
    assertEquals(run.echo().limits, List.of(), run.context());
  }

  /**
   * Twisted's client sends valid strings and then one over Torsion's limit: Torsion echoes the
   * valid ones, then closes the connection, once, as Twisted's receiver does.
   */
  @Test
  public void torsionClosesOnOversizeFromTwisted() throws Exception {
    ServerRun run = twistedClient("oversize", 50, System.nanoTime() & Long.MAX_VALUE);
    assertEquals(run.status(), 0, "Twisted client failed; " + run.context());
    assertEquals(run.echo().count, 50, run.context());
    assertEquals(run.echo().lostCount, 1, run.context());
    assertEquals(run.echo().lost.check(ConnectionDone.class), ConnectionDone.class,
        run.echo().lost + "; " + run.context());
    if (framing() == Framing.INT32) {
      assertEquals(run.echo().limits, List.of((long) MAX + 1), run.context());
    } else {
      assertTrue(StringPeers.brokenPeer(run.protocol()), "brokenPeer; " + run.context());
    }
  }
}
