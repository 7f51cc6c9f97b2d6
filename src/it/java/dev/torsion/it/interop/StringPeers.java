package dev.torsion.it.interop;

import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.protocols.basic.Int32StringReceiver;
import dev.torsion.protocols.basic.NetstringReceiver;
import dev.torsion.python.failure.Failure;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Torsion's side of the string interop tests: an {@link Int32StringReceiver} or a
 * {@link NetstringReceiver} whose events go to a {@link Session}, and the two sessions the tests
 * use (echo, and send-and-check). The digest is the one {@code string_peer.py} prints: SHA-256
 * over every string as a 4-byte big-endian length and its bytes.
 */
final class StringPeers {
  /** The framings under test, by {@code string_peer.py}'s names. */
  enum Framing {
    INT32("int32"),
    NETSTRING("netstring");

    final String key;

    Framing(String key) {
      this.key = key;
    }
  }

  private StringPeers() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static void digestUpdate(MessageDigest digest, byte[] string) {
    digest.update(ByteBuffer.allocate(4).putInt(string.length).array());
    digest.update(string);
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * {@code count} seeded random strings of 0 to {@code max} bytes; 0, 1, max-1 and max come
   * often.
   */
  static List<byte[]> strings(long seed, int count, int max) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] edges = {0, 1, Math.max(0, max - 1), max};
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int n = random.nextInt(100) < 15 ? edges[random.nextInt(edges.length)]
          : random.nextInt(max + 1);
      byte[] s = new byte[n];
      for (int j = 0; j < n; j++) {
        s[j] = (byte) random.nextInt(256);
      }
      out.add(s);
    }
    return out;
  }

  /** What a Torsion string peer can do: send, and reach its transport. */
  interface Peer {
    void sendString(byte[] string);

    ITransport transport();
  }

  /** Receives a peer's events; records how the connection ended. */
  abstract static class Session {
    final List<Long> limits = new ArrayList<>();
    int lostCount;
    @Nullable Failure lost;
    @Nullable Peer peer;
    private final Runnable onLost;

    Session(Runnable onLost) {
      this.onLost = onLost;
    }

    void connectionMade(Peer p) {
      peer = p;
    }

    abstract void stringReceived(Peer p, byte[] string);

    void lengthLimitExceeded(Peer p, long length) {
      limits.add(length);
      p.transport().loseConnection();
    }

    void connectionLost(Failure reason) {
      lostCount++;
      lost = reason;
      onLost.run();
    }
  }

  /** Echoes each string, keeping their count and digest. */
  static final class EchoSession extends Session {
    final MessageDigest digest = sha256();
    int count;

    EchoSession(Runnable onLost) {
      super(onLost);
    }

    @Override
    void stringReceived(Peer p, byte[] string) {
      count++;
      digestUpdate(digest, string);
      p.sendString(string);
    }
  }

  /**
   * Sends the strings, a burst per reactor turn, and checks each echo in order; once every
   * string has come back, closes, or sends one oversized string (if set) for the other side to
   * close on.
   */
  static final class SendSession extends Session {
    private static final int BURST = 256 * 1024;
    private final Reactor reactor;
    private final List<byte[]> strings;
    private final byte @Nullable [] oversize;
    private int sent;
    int echoed;
    @Nullable String problem;

    SendSession(Reactor reactor, List<byte[]> strings, byte @Nullable [] oversize,
        Runnable onLost) {
      super(onLost);
      this.reactor = reactor;
      this.strings = strings;
      this.oversize = oversize;
    }

    @Override
    void connectionMade(Peer p) {
      super.connectionMade(p);
      sendBurst();
    }

    private void sendBurst() {
      Peer p = peer;
      if (lostCount > 0 || p == null) {
        return;
      }
      int burst = 0;
      while (sent < strings.size() && burst < BURST) {
        byte[] s = strings.get(sent++);
        p.sendString(s);
        burst += s.length + 4;
      }
      if (sent < strings.size()) {
        reactor.callLater(0, this::sendBurst);
      }
    }

    @Override
    void stringReceived(Peer p, byte[] string) {
      if (problem != null) {
        return;
      }
      if (echoed >= strings.size()) {
        problem = "echo " + echoed + " is one more than was sent";
      } else if (!java.util.Arrays.equals(string, strings.get(echoed))) {
        problem = "echo " + echoed + " differs: " + string.length + " bytes, sent "
            + strings.get(echoed).length;
      }
      if (problem != null) {
        p.transport().loseConnection();
        return;
      }
      echoed++;
      if (echoed == strings.size()) {
        if (oversize == null) {
          p.transport().loseConnection();
        } else {
          // Sent only now, alone, so that the other side has read everything before it
          // closes: unread bytes would make its close a reset.
          p.sendString(oversize);
        }
      }
    }
  }

  /** A Torsion protocol of {@code framing}, {@code MAX_LENGTH} {@code max}, run by a session. */
  static Protocol protocol(Framing framing, int max, Session session) {
    return framing == Framing.INT32 ? new Int32Peer(max, session) : new NetPeer(max, session);
  }

  /** Whether a netstring peer saw a parse error; false for other framings. */
  static boolean brokenPeer(Protocol p) {
    return p instanceof NetPeer n && n.brokenPeer();
  }

  private static final class Int32Peer extends Int32StringReceiver implements Peer {
    private final Session session;

    Int32Peer(int max, Session session) {
      setMaxLength(max);
      this.session = session;
    }

    @Override
    public void connectionMade() {
      session.connectionMade(this);
    }

    @Override
    public void stringReceived(byte[] string) {
      session.stringReceived(this, string);
    }

    @Override
    public void lengthLimitExceeded(long length) {
      session.lengthLimitExceeded(this, length);
    }

    @Override
    public void connectionLost(Failure reason) {
      session.connectionLost(reason);
    }
  }

  private static final class NetPeer extends NetstringReceiver implements Peer {
    private final Session session;

    NetPeer(int max, Session session) {
      setMaxLength(max);
      this.session = session;
    }

    @Override
    public void connectionMade() {
      session.connectionMade(this);
    }

    @Override
    public void stringReceived(byte[] string) {
      session.stringReceived(this, string);
    }

    @Override
    public void connectionLost(Failure reason) {
      session.connectionLost(reason);
    }
  }
}
