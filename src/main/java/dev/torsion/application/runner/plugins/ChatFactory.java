package dev.torsion.application.runner.plugins;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The chat room of {@code twist chat}, for listening with directly: the users by nickname, and
 * the limits each connection's protocol applies (see {@link ChatPlugin} for the protocol).
 *
 * <pre>{@code
 * reactor.listenTCP(8123, new ChatFactory(), 50, "127.0.0.1");
 * }</pre>
 *
 * <p><b>Threading.</b> Reactor thread only, as every factory.
 *
 * @twisted twisted.words (the tutorial's ChatFactory)
 */
public final class ChatFactory extends Factory {
  /** The longest line a client may send, delimiter excluded, by default. */
  static final int DEFAULT_MAX_LINE = 1024;
  /**
   * The most bytes queued for a client after its transport said its buffer is full, by
   * default: beyond this the client is disconnected.
   */
  static final int DEFAULT_MAX_BACKLOG = 64 * 1024;

  private final Map<String, ChatProtocol> users = new LinkedHashMap<>();
  private final int maxLineLength;
  private final int maxBacklog;

  /**
   * A room with the given limits.
   *
   * @param maxLineLength the longest line a client may send, in bytes, delimiter excluded
   * @param maxBacklog the most bytes queued for a client after its transport's buffer filled,
   *     beyond which the client is disconnected
   * @throws IllegalArgumentException if {@code maxLineLength} is below 1 or {@code maxBacklog}
   *     below 0
   */
  public ChatFactory(int maxLineLength, int maxBacklog) {
    if (maxLineLength < 1 || maxBacklog < 0) {
      throw new IllegalArgumentException("limits must be positive: max line " + maxLineLength
          + ", max backlog " + maxBacklog);
    }
    this.maxLineLength = maxLineLength;
    this.maxBacklog = maxBacklog;
    setNoisy(false);
  }

  /** A room with the default limits: lines up to 1024 bytes, a backlog up to 64 KiB. */
  public ChatFactory() {
    this(DEFAULT_MAX_LINE, DEFAULT_MAX_BACKLOG);
  }

  @Override
  public @Nullable Protocol buildProtocol(IAddress addr) {
    ChatProtocol p = new ChatProtocol(this);
    p.setFactory(this);
    return p;
  }

  int maxLineLength() {
    return maxLineLength;
  }

  int maxBacklog() {
    return maxBacklog;
  }

  /** Whether the nickname is in use. */
  boolean taken(String nick) {
    return users.containsKey(nick);
  }

  void join(String nick, ChatProtocol user) {
    users.put(nick, user);
  }

  void leave(String nick) {
    users.remove(nick);
  }

  /**
   * The nicknames of the users in the room, in order of joining.
   *
   * @return a copy of the list
   */
  public List<String> nicks() {
    return new ArrayList<>(users.keySet());
  }

  /** Sends {@code line} to every user but {@code from}. */
  void broadcast(@Nullable ChatProtocol from, byte[] line) {
    // A copy: a send may disconnect a stuck user, and its connectionLost (later, but to be
    // safe against any transport) removes it from the map.
    for (ChatProtocol user : new ArrayList<>(users.values())) {
      if (user != from) {
        user.say(line);
      }
    }
  }

  @Override
  public String toString() {
    return "ChatFactory(users=" + users.size() + ")";
  }
}
