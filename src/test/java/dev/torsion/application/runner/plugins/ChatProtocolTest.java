package dev.torsion.application.runner.plugins;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** The chat protocol on {@link StringTransport}s: every input whole, a byte at a time, chunked. */
public class ChatProtocolTest {
  private enum Mode { WHOLE, ONE_BYTE, RANDOM_CHUNKS }

  @DataProvider(name = "feeds")
  static Object[][] feeds() {
    return new Object[][] {{Mode.WHOLE}, {Mode.ONE_BYTE}, {Mode.RANDOM_CHUNKS}};
  }

  /** One connected client: its protocol and transport. */
  private static final class Client {
    final ChatProtocol protocol;
    final StringTransport transport = new StringTransport(
        new IPv4Address("TCP", "127.0.0.1", 8123), new IPv4Address("TCP", "127.0.0.1", 40000));
    private int read;

    Client(ChatFactory room) {
      protocol = (ChatProtocol) room.buildProtocol(transport.getPeer());
      protocol.makeConnection(transport);
    }

    void send(String text, Mode mode) {
      byte[] input = text.getBytes(UTF_8);
      Random random = new Random(input.length);
      for (int i = 0; i < input.length; ) {
        int n = mode == Mode.WHOLE ? input.length
            : mode == Mode.ONE_BYTE ? 1 : Math.min(input.length - i, 1 + random.nextInt(7));
        protocol.dataReceived(Arrays.copyOfRange(input, i, i + n));
        i += n;
      }
    }

    /** The lines received since the last call, without their CRLF. */
    List<String> lines() {
      String all = new String(transport.value(), UTF_8);
      String fresh = all.substring(read);
      read = all.length();
      List<String> out = new ArrayList<>();
      for (String l : fresh.split("\r\n", -1)) {
        if (!l.isEmpty()) {
          out.add(l);
        }
      }
      assertTrue(fresh.isEmpty() || fresh.endsWith("\r\n"), "unterminated: " + fresh);
      return out;
    }

    void lose() {
      protocol.connectionLost(new Failure(new ConnectionAborted("gone")));
    }

    IPushProducer guard() {
      return (IPushProducer) transport.producer();
    }
  }

  private static Client joined(ChatFactory room, String nick) {
    Client c = new Client(room);
    c.send(nick + "\r\n", Mode.WHOLE);
    c.lines();
    return c;
  }

  @Test(dataProvider = "feeds")
  public void asksForANameThenWelcomes(Mode mode) {
    ChatFactory room = new ChatFactory();
    Client alice = new Client(room);
    assertEquals(alice.lines(), List.of("What's your name?"));
    alice.send("alice\n", mode);
    assertEquals(alice.lines(),
        List.of("Welcome, alice! You are alone here. Type /quit to leave."));
    assertEquals(room.nicks(), List.of("alice"));
    assertEquals(alice.protocol.nick(), "alice");
  }

  @Test(dataProvider = "feeds")
  public void broadcastsToTheOthersOnly(Mode mode) {
    ChatFactory room = new ChatFactory();
    Client alice = joined(room, "alice");
    Client bob = new Client(room);
    bob.lines();
    bob.send("bob\r\n", mode);
    assertEquals(bob.lines(), List.of("Welcome, bob! Here: alice. Type /quit to leave."));
    assertEquals(alice.lines(), List.of("* bob has joined"));
    Client carol = joined(room, "carol");
    alice.lines();
    bob.lines();
    alice.send("hello, all\r\nsecond line\n", mode);
    assertEquals(alice.lines(), List.of());
    assertEquals(bob.lines(), List.of("<alice> hello, all", "<alice> second line"));
    assertEquals(carol.lines(), List.of("<alice> hello, all", "<alice> second line"));
  }

  @Test(dataProvider = "feeds")
  public void rejectsATakenName(Mode mode) {
    ChatFactory room = new ChatFactory();
    joined(room, "alice");
    Client other = new Client(room);
    other.lines();
    other.send("alice\n", mode);
    assertEquals(other.lines(), List.of("Name taken, please choose another."));
    other.send("alice2\n", mode);
    assertEquals(other.lines().get(0).substring(0, 16), "Welcome, alice2!");
    assertEquals(room.nicks(), List.of("alice", "alice2"));
  }

  @Test(dataProvider = "feeds")
  public void rejectsInvalidNames(Mode mode) {
    ChatFactory room = new ChatFactory();
    Client c = new Client(room);
    c.lines();
    c.send("\n" + "has space\n" + "x".repeat(33) + "\n" + "<evil>\n", mode);
    List<String> said = c.lines();
    assertEquals(said.size(), 4, said.toString());
    for (String line : said) {
      assertTrue(line.startsWith("Invalid name: use 1 to 32 letters"), line);
    }
    assertEquals(room.nicks(), List.of());
  }

  @Test(dataProvider = "feeds")
  public void quitSaysByeClosesAndAnnounces(Mode mode) {
    ChatFactory room = new ChatFactory();
    Client alice = joined(room, "alice");
    Client bob = joined(room, "bob");
    alice.lines();
    bob.send("/quit\r\n", mode);
    assertEquals(bob.lines(), List.of("Bye!"));
    assertTrue(bob.transport.disconnecting());
    assertFalse(bob.transport.disconnected(), "closed cleanly, not aborted");
    assertEquals(alice.lines(), List.of("* bob has left"));
    assertEquals(room.nicks(), List.of("alice"));
    bob.lose();
    assertEquals(alice.lines(), List.of(), "announced once");
  }

  @Test
  public void unknownCommandIsExplained() {
    ChatFactory room = new ChatFactory();
    Client alice = joined(room, "alice");
    Client bob = joined(room, "bob");
    alice.lines();
    bob.send("/nick carol\n\n", Mode.WHOLE);
    assertEquals(bob.lines(), List.of("Unknown command /nick carol; type /quit to leave."));
    assertEquals(alice.lines(), List.of(), "neither the command nor the empty line is sent");
  }

  @Test
  public void connectionLostLeavesTheRoom() {
    ChatFactory room = new ChatFactory();
    Client alice = joined(room, "alice");
    Client bob = joined(room, "bob");
    alice.lines();
    bob.lose();
    assertEquals(alice.lines(), List.of("* bob has left"));
    assertEquals(room.nicks(), List.of("alice"));
    Client again = new Client(room);
    again.lines();
    again.send("bob\n", Mode.WHOLE);
    assertTrue(again.lines().get(0).startsWith("Welcome, bob!"), "the name is free again");
  }

  @Test
  public void aClientThatNeverNamesItselfIsNotAUser() {
    ChatFactory room = new ChatFactory();
    Client alice = joined(room, "alice");
    Client anonymous = new Client(room);
    anonymous.lose();
    alice.send("anyone?\n", Mode.WHOLE);
    assertEquals(alice.lines(), List.of());
    assertEquals(anonymous.lines(), List.of("What's your name?"), "no broadcast reached it");
  }

  @Test(dataProvider = "feeds")
  public void tooLongALineEndsTheConnection(Mode mode) {
    ChatFactory room = new ChatFactory(16, 1024);
    Client alice = joined(room, "alice");
    Client bob = joined(room, "bob");
    alice.lines();
    bob.send("x".repeat(16) + "\r\n", mode);
    assertEquals(alice.lines(), List.of("<bob> " + "x".repeat(16)), "16 bytes are allowed");
    bob.send("y".repeat(17) + "\n", mode);
    assertEquals(bob.lines(), List.of("Line too long (the limit is 16 bytes); goodbye."));
    assertTrue(bob.transport.disconnecting());
    assertEquals(alice.lines(), List.of("* bob has left"));
    bob.send("more\n", mode);
    assertEquals(alice.lines(), List.of(), "nothing after the close");
  }

  @Test
  public void aLongLineWithoutDelimiterEndsTheConnectionWithBoundedBuffer() {
    ChatFactory room = new ChatFactory(16, 1024);
    Client c = new Client(room);
    c.lines();
    for (int i = 0; i < 1000; i++) {
      c.send("z".repeat(10), Mode.WHOLE);
    }
    assertEquals(c.lines(), List.of("Line too long (the limit is 16 bytes); goodbye."));
    assertTrue(c.transport.disconnecting());
  }

  @Test
  public void aClientPastItsBacklogIsAborted() {
    ChatFactory room = new ChatFactory(1024, 100);
    Client talker = joined(room, "talker");
    Client stuck = joined(room, "stuck");
    talker.lines();
    // The transport says its buffer is full: from now on what is sent to "stuck" is counted.
    stuck.guard().pauseProducing();
    int before = stuck.transport.value().length;
    talker.send("012345678901234567890123456789012345678\n", Mode.WHOLE); // 50 bytes with prefix
    talker.send("012345678901234567890123456789012345678\n", Mode.WHOLE); // 100
    assertFalse(stuck.transport.disconnecting(), "at the limit, not past it");
    talker.send("012345678901234567890123456789012345678\n", Mode.WHOLE);
    assertTrue(stuck.transport.disconnected(), "aborted past the limit");
    assertEquals(stuck.transport.value().length - before, 100, "the third line was dropped");
    assertEquals(talker.lines(), List.of("* stuck has left"));
    assertEquals(room.nicks(), List.of("talker"));
    stuck.lose();
    talker.send("still here\n", Mode.WHOLE);
    assertEquals(stuck.transport.value().length - before, 100, "nothing more reaches it");
  }

  @Test
  public void aClientThatCatchesUpStartsAgainFromZero() {
    ChatFactory room = new ChatFactory(1024, 100);
    Client talker = joined(room, "talker");
    Client slow = joined(room, "slow");
    for (int round = 0; round < 10; round++) {
      slow.guard().pauseProducing();
      talker.send("012345678901234567890123456789012345678\n", Mode.WHOLE);
      talker.send("012345678901234567890123456789012345678\n", Mode.WHOLE);
      slow.guard().resumeProducing(); // its buffer drained
    }
    assertFalse(slow.transport.disconnecting(), "never more than 100 bytes behind");
    assertEquals(slow.lines().size(), 20);
  }

  @Test
  public void registersAStreamingProducerWithItsTransport() {
    Client c = new Client(new ChatFactory());
    assertTrue(c.transport.producer() != null && c.transport.streaming());
    c.send("me\n/quit\n", Mode.WHOLE);
    assertEquals(c.transport.producer(), null, "unregistered before closing");
  }

  @Test
  public void limitsMustBePositive() {
    org.testng.Assert.expectThrows(IllegalArgumentException.class, () -> new ChatFactory(0, 1));
    org.testng.Assert.expectThrows(IllegalArgumentException.class, () -> new ChatFactory(1, -1));
  }

  @Test
  public void buildsChatProtocolsBoundToTheFactory() {
    ChatFactory room = new ChatFactory();
    Protocol p = room.buildProtocol(new IPv4Address("TCP", "127.0.0.1", 1));
    assertTrue(p instanceof ChatProtocol);
    assertEquals(p.factory(), room);
  }
}
