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
 * The chat room: the users by nickname, and the limits every {@link ChatProtocol} applies.
 * Reactor thread only, as every factory.
 */
final class ChatFactory extends Factory {
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

  ChatFactory(int maxLineLength, int maxBacklog) {
    if (maxLineLength < 1 || maxBacklog < 0) {
      throw new IllegalArgumentException("limits must be positive: max line " + maxLineLength
          + ", max backlog " + maxBacklog);
    }
    this.maxLineLength = maxLineLength;
    this.maxBacklog = maxBacklog;
    setNoisy(false);
  }

  ChatFactory() {
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

  /** The nicknames, in order of joining. */
  List<String> nicks() {
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
