package dev.torsion.application.runner.plugins;

import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.interfaces.ITCPTransport;
import dev.torsion.protocols.basic.LineReceiver;
import dev.torsion.python.failure.Failure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat user, as Twisted's tutorial chat: asked for a nickname on connect, then each line
 * is sent to the others as {@code <nick> text}; {@code /quit} leaves. Lines end with LF or
 * CRLF (so {@code nc} and Twisted's {@code LineReceiver} both work); lines sent end with CRLF.
 *
 * <p>Two limits keep a client's cost bounded. A line longer than the factory's
 * {@code maxLineLength} gets a message and the connection is closed. And the protocol
 * registers itself with its transport as a push producer, so the transport says when its
 * write buffer is over its high-water mark (64 KiB for TCP): from then until the buffer drains,
 * the bytes sent to this client are counted, and once they exceed the factory's
 * {@code maxBacklog} the connection is aborted (its buffer dropped). So a client that stops
 * reading holds at most the transport's buffer plus {@code maxBacklog} bytes and then leaves;
 * the others never wait for it.
 */
final class ChatProtocol extends LineReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(ChatProtocol.class);
  private static final Pattern NICK = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final byte[] CRLF = {'\r', '\n'};

  private enum State { GETNAME, CHAT, CLOSED }

  private final ChatFactory room;
  private final SendGuard guard = new SendGuard();
  private State state = State.GETNAME;
  private @Nullable String nick;

  ChatProtocol(ChatFactory room) {
    this.room = room;
    setDelimiter(new byte[] {'\n'});
    setMaxLength(room.maxLineLength() + 1); // room for the CR of a CRLF
  }

  /** The nickname, once chosen. */
  @Nullable String nick() {
    return nick;
  }

  @Override
  public void connectionMade() {
    transport().registerProducer(guard, true);
    say("What's your name?");
  }

  @Override
  public void lineReceived(byte[] raw) {
    byte[] line = stripCr(raw);
    if (line.length > room.maxLineLength()) {
      lineLengthExceeded(raw);
      return;
    }
    switch (state) {
      case GETNAME:
        chooseName(new String(line, StandardCharsets.UTF_8).strip());
        break;
      case CHAT:
        chat(line);
        break;
      default:
        break;
    }
  }

  private void chooseName(String name) {
    if (!NICK.matcher(name).matches()) {
      say("Invalid name: use 1 to 32 letters, digits, '_' or '-'. What's your name?");
    } else if (room.taken(name)) {
      say("Name taken, please choose another.");
    } else {
      nick = name;
      state = State.CHAT;
      List<String> others = room.nicks();
      room.join(name, this);
      say("Welcome, " + name + "! " + (others.isEmpty() ? "You are alone here."
          : "Here: " + String.join(", ", others) + ".") + " Type /quit to leave.");
      room.broadcast(this, ("* " + name + " has joined").getBytes(StandardCharsets.UTF_8));
    }
  }

  private void chat(byte[] line) {
    if (line.length == 0) {
      return;
    }
    if (line[0] == '/') {
      String command = new String(line, StandardCharsets.UTF_8).strip();
      if (command.equals("/quit")) {
        say("Bye!");
        close();
      } else {
        say("Unknown command " + command + "; type /quit to leave.");
      }
      return;
    }
    byte[] prefix = ("<" + nick + "> ").getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[prefix.length + line.length];
    System.arraycopy(prefix, 0, message, 0, prefix.length);
    System.arraycopy(line, 0, message, prefix.length, line.length);
    room.broadcast(this, message);
  }

  @Override
  public void lineLengthExceeded(byte[] line) {
    if (state == State.CLOSED) {
      return;
    }
    say("Line too long (the limit is " + room.maxLineLength() + " bytes); goodbye.");
    close();
  }

  /** Leaves the room and closes the connection once what was said has been written. */
  private void close() {
    leave();
    state = State.CLOSED;
    transport().unregisterProducer();
    transport().loseConnection();
  }

  private void leave() {
    String n = nick;
    if (state == State.CHAT && n != null) {
      room.leave(n);
      room.broadcast(this, ("* " + n + " has left").getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void connectionLost(Failure reason) {
    leave();
    state = State.CLOSED;
  }

  void say(String text) {
    say(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one line to this user, unless it is gone or has fallen too far behind. */
  void say(byte[] line) {
    if (state == State.CLOSED) {
      return;
    }
    byte[] out = new byte[line.length + CRLF.length];
    System.arraycopy(line, 0, out, 0, line.length);
    System.arraycopy(CRLF, 0, out, line.length, CRLF.length);
    if (guard.paused) {
      guard.backlog += out.length;
      if (guard.backlog > room.maxBacklog()) {
        LOG.warn("{} ({}) is not reading: more than {} bytes waiting; disconnecting",
            nick == null ? "a client" : nick, transport().getPeer(), room.maxBacklog());
        leave();
        state = State.CLOSED;
        abort();
        return;
      }
    }
    transport().write(out);
  }

  /** Drops the connection and its unsent bytes (only a TCP transport can; others close). */
  private void abort() {
    if (transport() instanceof ITCPTransport tcp) {
      tcp.abortConnection();
    } else {
      transport().unregisterProducer();
      transport().loseConnection();
    }
  }

  private static byte[] stripCr(byte[] line) {
    int n = line.length;
    if (n > 0 && line[n - 1] == '\r') {
      byte[] shorter = new byte[n - 1];
      System.arraycopy(line, 0, shorter, 0, n - 1);
      return shorter;
    }
    return line;
  }

  @Override
  public String toString() {
    return "ChatProtocol(" + (nick == null ? "-" : nick) + ", " + state + ")";
  }

  /** What the transport pauses when its write buffer is full: the backlog count. */
  private static final class SendGuard implements IPushProducer {
    boolean paused;
    long backlog;

    @Override
    public void pauseProducing() {
      paused = true;
    }

    @Override
    public void resumeProducing() {
      paused = false;
      backlog = 0;
    }

    @Override
    public void stopProducing() {
      paused = false;
    }
  }
}
