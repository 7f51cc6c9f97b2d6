package dev.torsion.it.interop;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import dev.torsion.it.interop.StringReceiverInteropBase.Stopper;
import dev.torsion.protocols.basic.LineReceiver;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Torsion's {@code LineReceiver} against Twisted 22.4's ({@code line_peer.py}), both directions,
 * with a custom three-byte delimiter and {@code setRawMode}/{@code setLineMode(extra)} switching
 * mid-stream: items are lines, or a line {@code "RAW <n>"} followed by n raw bytes full of the
 * delimiter. Each side echoes what it receives; the sender checks every item in order and both
 * sides agree on the digest (the item's kind, a 4-byte length, its bytes).
 */
public class LineReceiverInteropIT extends ReactorBuilder {
  private static final byte[] DELIMITER = {'|', 0, '|'};
  private static final int MAX = 1000;
  private static final int COUNT = 2000;
  private static final Duration LINE_LIMIT = Duration.ofSeconds(60);

  /** An item: a line ({@code raw} false) or a raw block. */
  record Item(boolean raw, byte[] data) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Item i && i.raw == raw && Arrays.equals(i.data, data);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(data) * 31 + (raw ? 1 : 0);
    }

    void digest(MessageDigest d) {
      d.update((byte) (raw ? 'R' : 'L'));
      d.update(ByteBuffer.allocate(4).putInt(data.length).array());
      d.update(data);
    }

    byte[] encode() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (raw) {
        out.writeBytes(("RAW " + data.length).getBytes(US_ASCII));
        out.writeBytes(DELIMITER);
        out.writeBytes(data);
      } else {
        out.writeBytes(data);
        out.writeBytes(DELIMITER);
      }
      return out.toByteArray();
    }

    @Override
    public String toString() {
      return (raw ? "raw " : "line ") + data.length + " bytes";
    }
  }

  /** Seeded items: lines of 0..MAX bytes (MAX often), raw blocks full of the delimiter. */
  static List<Item> items(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 |\0".getBytes(US_ASCII);
    List<Item> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (random.nextInt(10) < 3) {
        int[] sizes = {0, 1, random.nextInt(6001)};
        byte[] raw = new byte[sizes[random.nextInt(3)]];
        random.nextBytes(raw);
        for (int k = 0; k < raw.length / 200; k++) {
          int at = random.nextInt(raw.length);
          System.arraycopy(DELIMITER, 0, raw, at, Math.min(DELIMITER.length, raw.length - at));
        }
        out.add(new Item(true, raw));
        continue;
      }
      int[] sizes = {0, MAX, random.nextInt(MAX + 1)};
      byte[] line = new byte[sizes[random.nextInt(3)]];
      for (int j = 0; j < line.length; j++) {
        line[j] = alphabet[random.nextInt(alphabet.length)];
      }
      // A line must end exactly at its delimiter: none inside it, none made across the end.
      while (indexOf(concat(line, DELIMITER), DELIMITER) != line.length) {
        line = Arrays.copyOf(line, line.length - 1);
      }
      out.add(new Item(false, line));
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Parses items: a {@code RAW n} line switches to raw mode for n bytes, then back. */
  abstract static class ItemReceiver extends LineReceiver {
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private int remaining;
    final MessageDigest digest = StringPeers.sha256();
    int count;
    int lostCount;
    @Nullable Failure lost;
    final List<Integer> tooLong = new ArrayList<>();

    ItemReceiver() {
      setDelimiter(DELIMITER);
      setMaxLength(MAX);
    }

    abstract void itemReceived(Item item);

    private void deliver(Item item) {
      count++;
      item.digest(digest);
      itemReceived(item);
    }

    @Override
    public void lineReceived(byte[] line) {
      String s = new String(line, US_ASCII);
      if (!s.startsWith("RAW ")) {
        deliver(new Item(false, line));
        return;
      }
      int n = Integer.parseInt(s.substring(4));
      if (n == 0) {
        deliver(new Item(true, new byte[0]));
      } else {
        remaining = n;
        setRawMode();
      }
    }

    @Override
    public void rawDataReceived(byte[] data) {
      int take = Math.min(remaining, data.length);
      raw.write(data, 0, take);
      remaining -= take;
      if (remaining == 0) {
        byte[] block = raw.toByteArray();
        raw.reset();
        deliver(new Item(true, block));
        setLineMode(Arrays.copyOfRange(data, take, data.length));
      }
    }

    @Override
    public void lineLengthExceeded(byte[] line) {
      tooLong.add(line.length);
      super.lineLengthExceeded(line);
    }

    @Override
    public void connectionLost(Failure reason) {
      lostCount++;
      lost = reason;
    }
  }

  /** Sends the items in one go; checks each echo in order; closes once all are back. */
  static final class Sender extends ItemReceiver {
    private final List<Item> items;
    private final Stopper stopper;
    @Nullable String problem;

    Sender(List<Item> items, Stopper stopper) {
      this.items = items;
      this.stopper = stopper;
    }

    @Override
    public void connectionMade() {
      for (Item item : items) {
        transport().write(item.encode());
      }
    }

    @Override
    void itemReceived(Item item) {
      int i = count - 1;
      if (problem == null && (i >= items.size() || !items.get(i).equals(item))) {
        problem = "echo " + i + " is " + item + ", sent "
            + (i < items.size() ? items.get(i) : "nothing");
        transport().loseConnection();
      } else if (count == items.size()) {
        transport().loseConnection();
      }
    }

    @Override
    public void connectionLost(Failure reason) {
      super.connectionLost(reason);
      stopper.stop();
    }
  }

  /** A Torsion client switches modes on Twisted's echo of its items. */
  @Test
  public void torsionClientAgainstTwistedServer() throws Exception {
    long seed = System.nanoTime();
    List<Item> items = items(seed, COUNT);
    MessageDigest sent = StringPeers.sha256();
    items.forEach(i -> i.digest(sent));
    try (TwistedProcess server = TwistedProcess.start("line_peer.py", "server", "--delimiter",
        HexFormat.of().formatHex(DELIMITER), "--max", Integer.toString(MAX), "--lifetime",
        "150")) {
      int port = Integer.parseInt(server.awaitLine("PORT ", LINE_LIMIT).strip());
      Reactor reactor = buildReactor();
      Stopper stopper = new Stopper(reactor);
      Sender client = new Sender(items, stopper);
      @Nullable Failure[] failed = {null};
      StringReceiverInteropBase.connect(reactor, port, client, stopper, failed);
      runReactor(reactor, StringReceiverInteropBase.RUN_LIMIT_SECONDS);
      String[] twisted = server.awaitLine("LOST ", LINE_LIMIT).strip().split(" ");
      String context = "seed " + seed + "; Twisted server " + server + " said:\n"
          + server.output();
      assertNull(failed[0], "connection failed; " + context);
      assertNull(client.problem, context);
      assertEquals(client.count, COUNT, context);
      assertEquals(client.tooLong, List.of(), context);
      assertEquals(client.lostCount, 1, context);
      assertEquals(client.lost.check(ConnectionDone.class), ConnectionDone.class,
          client.lost + "; " + context);
      String digest = StringPeers.hex(sent);
      assertEquals(StringPeers.hex(client.digest), digest, context);
      assertEquals(List.of(twisted), List.of(Integer.toString(COUNT), digest, "ConnectionDone"),
          context);
    }
  }

  /** Twisted's client switches modes on a Torsion server's echo of its items. */
  @Test
  public void twistedClientAgainstTorsionServer() throws Exception {
    long seed = System.nanoTime() & Long.MAX_VALUE;
    TwistedProcess.requireTwisted();
    Reactor reactor = buildReactor();
    Stopper stopper = new Stopper(reactor);
    boolean[] exited = {false};
    ItemReceiver echo = new ItemReceiver() {
      @Override
      void itemReceived(Item item) {
        transport().write(item.encode());
      }

      @Override
      public void connectionLost(Failure reason) {
        super.connectionLost(reason);
        if (exited[0]) {
          stopper.stop();
        }
      }
    };
    Factory factory = Factory.forProtocol(() -> echo);
    factory.setNoisy(false);
    IListeningPort listening = reactor.listenTCP(0, factory, 50, "127.0.0.1");
    int port = ((IPv4Address) listening.getHost()).port();
    try (TwistedProcess client = TwistedProcess.start("line_peer.py", "client", "127.0.0.1",
        Integer.toString(port), "--delimiter", HexFormat.of().formatHex(DELIMITER), "--max",
        Integer.toString(MAX), "--count", Integer.toString(COUNT), "--seed",
        Long.toString(seed), "--timeout", "60")) {
      client.onExit(status -> reactor.callFromThread(() -> {
        exited[0] = true;
        if (echo.lostCount > 0 || status != 0) {
          stopper.stop();
        }
      }));
      runReactor(reactor, StringReceiverInteropBase.RUN_LIMIT_SECONDS);
      int status = client.waitFor(Duration.ofSeconds(30));
      String sent = client.awaitLine("SENT ", Duration.ofSeconds(1)).strip();
      String context = "seed " + seed + ", Twisted client " + client + " said:\n"
          + client.output();
      assertEquals(status, 0, "Twisted client failed; " + context);
      assertEquals(sent, COUNT + " " + StringPeers.hex(echo.digest), context);
      assertEquals(echo.tooLong, List.of(), context);
      assertEquals(echo.lostCount, 1, context);
      assertEquals(echo.lost.check(ConnectionDone.class), ConnectionDone.class,
          echo.lost + "; " + context);
    }
  }
}
