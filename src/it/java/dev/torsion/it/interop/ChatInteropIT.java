package dev.torsion.it.interop;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;

import dev.torsion.application.runner.plugins.ChatFactory;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import dev.torsion.it.runner.LineClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.testng.annotations.Test;

/**
 * A real Twisted 22.4 {@code LineReceiver} client ({@code src/it/python/chat_client.py}) in
 * Torsion's chat, on the reactor under test, talking with a plain-socket client: each hears the
 * other. Every wait is bounded and the Python process is always ended.
 */
public class ChatInteropIT extends ReactorBuilder {
  @Test
  public void twistedLineReceiverAndAPlainClientHearEachOther() throws Exception {
    TwistedProcess.requireTwisted();
    Reactor reactor = buildReactor();
    ChatFactory room = new ChatFactory();
    IListeningPort listening = reactor.listenTCP(0, room, 50, "127.0.0.1");
    int port = ((IPv4Address) listening.getHost()).port();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<String> heardFromTwisted = new AtomicReference<>();
    try (TwistedProcess twisted = TwistedProcess.start("chat_client.py", "127.0.0.1",
        Integer.toString(port), "--nick", "twisty", "--peer", "javaguy", "--say",
        "hello from twisted", "--timeout", "60")) {
      // The plain client runs on its own thread while the reactor runs on this one.
      Thread java = new Thread(() -> {
        try {
          twisted.awaitLine("JOINED", Duration.ofSeconds(60));
          try (LineClient me = LineClient.connect(port, 30_000, 0)) {
            me.await("What's your name?");
            me.send("javaguy");
            me.await("Welcome, javaguy! Here: twisty.*");
            heardFromTwisted.set(me.await("<twisty> *"));
            me.send("hello from java");
            me.await("* twisty has left");
          }
        } catch (Throwable t) {
          failure.set(t);
        } finally {
          reactor.callFromThread(reactor::stop);
        }
      }, "plain chat client");
      java.setDaemon(true);
      java.start();
      runReactor(reactor, 90);
      java.join(30_000);
      String context = "Twisted client said:\n" + twisted.output();
      assertNull(failure.get(), failure.get() + "; " + context);
      assertEquals(heardFromTwisted.get(), "<twisty> hello from twisted", context);
      assertEquals(twisted.waitFor(Duration.ofSeconds(30)), 0, context);
      assertEquals(twisted.awaitLine("HEARD ", Duration.ofSeconds(1)),
          "<javaguy> hello from java", context);
    }
    assertEquals(room.nicks(), List.of(), "both left");
  }
}
