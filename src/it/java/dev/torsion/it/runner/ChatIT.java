package dev.torsion.it.runner;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.application.runner.plugins.ChatFactory;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.testng.annotations.Test;

/**
 * The chat server on the reactor under test with real loopback sockets: people talk, and a
 * client that stops reading is disconnected after a bounded backlog, without holding up the
 * others. Clients run on a thread of their own, each read bounded by a timeout.
 */
public class ChatIT extends ReactorBuilder {
  private static final int READ_TIMEOUT_MS = 30_000;

  /** What the client thread does; it stops the reactor when done, failed or not. */
  private interface Script {
    void run(int port) throws Exception;
  }

  private Throwable runWith(Reactor reactor, ChatFactory room, Script script) {
    IListeningPort port = reactor.listenTCP(0, room, 50, "127.0.0.1");
    int portNumber = ((IPv4Address) port.getHost()).port();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread clients = new Thread(() -> {
      try {
        script.run(portNumber);
      } catch (Throwable t) {
        failure.set(t);
      } finally {
        reactor.callFromThread(reactor::stop);
      }
    }, "chat clients");
    clients.setDaemon(true);
    clients.start();
    runReactor(reactor, 90);
    return failure.get();
  }

  @Test
  public void peopleTalkJoinAndLeave() {
    Reactor reactor = buildReactor();
    ChatFactory room = new ChatFactory();
    Throwable failed = runWith(reactor, room, port -> {
      try (LineClient alice = LineClient.connect(port, READ_TIMEOUT_MS, 0);
           LineClient bob = LineClient.connect(port, READ_TIMEOUT_MS, 0)) {
        alice.await("What's your name?");
        alice.send("alice");
        alice.await("Welcome, alice!*");
        bob.await("What's your name?");
        bob.send("alice");
        bob.await("Name taken, please choose another.");
        bob.send("bob");
        assertEquals(bob.await("Welcome, bob!*"),
            "Welcome, bob! Here: alice. Type /quit to leave.");
        alice.await("* bob has joined");
        alice.send("hi bob");
        bob.await("<alice> hi bob");
        bob.send("/quit");
        bob.await("Bye!");
        assertNull(bob.readLine(), "closed after Bye!");
        alice.await("* bob has left");
      }
    });
    assertNull(failed, String.valueOf(failed));
    assertEquals(room.nicks(), List.of(), "everyone left");
  }

  @Test
  public void tooLongALineIsRefusedAndClosed() {
    Reactor reactor = buildReactor();
    Throwable failed = runWith(reactor, new ChatFactory(64, 1024), port -> {
      try (LineClient c = LineClient.connect(port, READ_TIMEOUT_MS, 0)) {
        c.await("What's your name?");
        c.send("x".repeat(10_000));
        c.await("Line too long (the limit is 64 bytes); goodbye.");
        assertNull(c.readLine());
      }
    });
    assertNull(failed, String.valueOf(failed));
  }

  /**
   * A client that joins and never reads again is disconnected once its backlog passes the
   * limit; the talker keeps talking meanwhile and hears that it left, long before the bound
   * on what it sends.
   */
  @Test
  public void aStuckClientIsDisconnectedAndMemoryStaysBounded() {
    Reactor reactor = buildReactor();
    ChatFactory room = new ChatFactory(4096, 64 * 1024);
    long bound = 64L * 1024 * 1024;
    long[] sent = {0};
    Throwable failed = runWith(reactor, room, port -> {
      try (LineClient stuck = LineClient.connect(port, READ_TIMEOUT_MS, 4096);
           LineClient talker = LineClient.connect(port, READ_TIMEOUT_MS, 0)) {
        stuck.await("What's your name?");
        stuck.send("stuck");
        stuck.await("Welcome, stuck!*");
        talker.await("What's your name?");
        talker.send("talker");
        talker.await("Welcome, talker!*");
        // From here "stuck" reads nothing. The talker writes 4 KiB lines; a reader thread
        // waits for the departure notice.
        AtomicReference<String> notice = new AtomicReference<>();
        Thread reader = new Thread(() -> {
          try {
            notice.set(talker.await("* stuck has left"));
          } catch (Exception e) {
            notice.set("failed: " + e);
          }
        }, "talker reader");
        reader.setDaemon(true);
        reader.start();
        byte[] line = ("y".repeat(4000) + "\n").getBytes(StandardCharsets.UTF_8);
        while (notice.get() == null && sent[0] < bound) {
          talker.output().write(line);
          sent[0] += line.length;
        }
        reader.join(READ_TIMEOUT_MS);
        assertEquals(notice.get(), "* stuck has left");
        long received = stuck.drain();
        // What it can still read is what the kernel buffered; the server's queue was dropped.
        assertTrue(received < sent[0], "received " + received + " of " + sent[0]);
      }
    });
    assertNull(failed, String.valueOf(failed));
    assertTrue(sent[0] < bound, "the stuck client was never disconnected: sent " + sent[0]);
    assertEquals(room.nicks(), List.of(), "both gone");
  }
}
