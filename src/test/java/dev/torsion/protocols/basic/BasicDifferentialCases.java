package dev.torsion.protocols.basic;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The inputs of {@link BasicDifferentialTest} and its oracle: seeded random byte streams for
 * each {@code protocols.basic} parser, cut into chunks, and the run of
 * {@code src/test/python/basic_differential.py} (the real Twisted 22.4) over a batch of them.
 * The script's docstring defines the event format both sides print.
 */
final class BasicDifferentialCases {
  /** The interpreter Debian's python3-twisted installs for. */
  static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final long PYTHON_LIMIT_SECONDS = 120;
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[][] DELIMITERS = {
      bytes("\r\n"), bytes("\n"), bytes("|"), bytes("ab"), bytes("aa"), bytes("aba"),
      bytes("\r\n\r\n")};
  private static final String[] LINE_WORDS = {"CLOSE", "PAUSE", "RAW", "CLEAR"};
  private static final String[] LINE_ONLY_WORDS = {"CLOSE"};
  private static final String[] STRING_WORDS = {"CLOSE", "PAUSE"};

  /** The parsers, by the driver's names. */
  enum Proto {
    LINE("line", 0), LINE_ONLY("lineonly", 0), NETSTRING("netstring", 0), INT8("int8", 1),
    INT16("int16", 2), INT32("int32", 4);

    final String key;
    final int prefixLength;

    Proto(String key, int prefixLength) {
      this.key = key;
      this.prefixLength = prefixLength;
    }

    boolean isLine() {
      return this == LINE || this == LINE_ONLY;
    }
  }

  /** One input: a parser's settings and the chunks fed to it. */
  record Case(int id, Proto proto, int maxLength, byte[] delimiter, boolean keep,
      List<byte[]> chunks) {
    String toJson() {
      StringBuilder b = new StringBuilder("{\"id\":").append(id).append(",\"proto\":\"")
          .append(proto.key).append("\",\"max\":").append(maxLength);
      if (proto.isLine()) {
        b.append(",\"delim\":\"").append(HEX.formatHex(delimiter)).append('"');
      }
      if (keep) {
        b.append(",\"keep\":true");
      }
      b.append(",\"chunks\":[");
      for (int i = 0; i < chunks.size(); i++) {
        b.append(i == 0 ? "\"" : ",\"").append(HEX.formatHex(chunks.get(i))).append('"');
      }
      return b.append("]}").toString();
    }

    @Override
    public String toString() {
      return toJson();
    }
  }

  private BasicDifferentialCases() {}

  private static byte[] bytes(String s) {
    return s.getBytes(ISO_8859_1);
  }

  /** {@code count} cases for {@code proto}, the same for the same seed. */
  static List<Case> generate(Proto proto, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Case> cases = new ArrayList<>(count);
    for (int id = 0; id < count; id++) {
      int max = maxLength(proto, random);
      byte[] delimiter = DELIMITERS[random.nextInt(DELIMITERS.length)];
      byte[] stream = stream(proto, max, delimiter, random);
      // Keeping the connection after an over-long line is compared for LineReceiver only:
      // LineOnlyReceiver and the Int*StringReceivers differ there on purpose (decision 5).
      boolean keep = proto == Proto.LINE && random.nextInt(3) == 0;
      cases.add(new Case(id, proto, max, delimiter, keep, chunk(stream, random)));
    }
    return cases;
  }

  /** Small limits mostly, so that lengths cross them often; some at digit or width edges. */
  private static int maxLength(Proto proto, SplittableRandom random) {
    // Netstring MAX_LENGTH 0 is left out: Twisted's digit count takes log10(0) and raises
    // ValueError from dataReceived on any input (see docs/decisions.md, interop section).
    int least = proto == Proto.NETSTRING ? 1 : 0;
    if (random.nextInt(4) > 0) {
      return least + random.nextInt(24);
    }
    int[] edges = switch (proto) {
      case NETSTRING -> new int[] {9, 10, 99, 100, 101, 999, 1000};
      case INT8 -> new int[] {254, 255, 256};
      case INT16 -> new int[] {255, 256, 1000, 65535};
      case INT32 -> new int[] {255, 65535, 65536, 99999};
      default -> new int[] {100, 300, 16384};
    };
    return edges[random.nextInt(edges.length)];
  }

  private static byte[] stream(Proto proto, int max, byte[] delimiter, SplittableRandom random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int kind = random.nextInt(5);
    if (kind == 0) {
      garbage(proto, out, random, 1 + random.nextInt(200));
      return out.toByteArray();
    }
    int messages = random.nextInt(12);
    for (int i = 0; i < messages; i++) {
      encode(proto, payload(proto, max, kind == 1, random), delimiter, out);
    }
    byte[] valid = out.toByteArray();
    if (kind != 2 || valid.length == 0) {
      return valid;
    }
    // Corrupt one spot: flip, drop or insert a byte, or splice in garbage.
    int at = random.nextInt(valid.length);
    ByteArrayOutputStream bad = new ByteArrayOutputStream();
    bad.write(valid, 0, at);
    switch (random.nextInt(4)) {
      case 0 -> bad.write(valid[at] ^ (1 << random.nextInt(8)));
      case 1 -> { }
      case 2 -> {
        bad.write(random.nextInt(256));
        bad.write(valid[at]);
      }
      default -> {
        garbage(proto, bad, random, 1 + random.nextInt(8));
        bad.write(valid[at]);
      }
    }
    bad.write(valid, at + 1, valid.length - at - 1);
    return bad.toByteArray();
  }

  /** A payload: a script word sometimes, else a length at or around the limit or below it. */
  private static byte[] payload(Proto proto, int max, boolean boundary, SplittableRandom random) {
    String[] words = proto == Proto.LINE ? LINE_WORDS
        : proto == Proto.LINE_ONLY ? LINE_ONLY_WORDS : STRING_WORDS;
    if (random.nextInt(12) == 0) {
      return bytes(words[random.nextInt(words.length)]);
    }
    int cap = Math.min(max + 3, 2000);
    int length;
    if (boundary || random.nextInt(3) == 0) {
      int[] near = {0, 1, max - 1, max, max, max + 1, max + 2};
      length = Math.max(0, Math.min(near[random.nextInt(near.length)], cap));
    } else {
      length = random.nextInt(cap + 1);
    }
    if (proto == Proto.INT8) {
      length = Math.min(length, 255);
    }
    byte[] p = new byte[length];
    for (int i = 0; i < length; i++) {
      p[i] = contentByte(proto, random);
    }
    return p;
  }

  private static byte contentByte(Proto proto, SplittableRandom random) {
    if (proto.isLine()) {
      // Mostly letters; delimiter bytes and the raw-mode switch now and then.
      String alphabet = random.nextInt(10) == 0 ? "\r\n|~" : "abcab";
      return (byte) alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return random.nextInt(20) == 0 ? (byte) '~' : (byte) random.nextInt(256);
  }

  private static void garbage(Proto proto, ByteArrayOutputStream out, SplittableRandom random,
      int n) {
    String alphabet = switch (proto) {
      case NETSTRING -> "0123456789:,\n a";
      case LINE, LINE_ONLY -> "ab\r\n|~";
      default -> null;
    };
    for (int i = 0; i < n; i++) {
      out.write(alphabet == null || random.nextInt(8) == 0 ? random.nextInt(256)
          : alphabet.charAt(random.nextInt(alphabet.length())));
    }
  }

  private static void encode(Proto proto, byte[] payload, byte[] delimiter,
      ByteArrayOutputStream out) {
    switch (proto) {
      case LINE, LINE_ONLY -> {
        out.writeBytes(payload);
        out.writeBytes(delimiter);
      }
      case NETSTRING -> {
        out.writeBytes(bytes(payload.length + ":"));
        out.writeBytes(payload);
        out.write(',');
      }
      default -> {
        for (int i = proto.prefixLength - 1; i >= 0; i--) {
          out.write(payload.length >>> (8 * i));
        }
        out.writeBytes(payload);
      }
    }
  }

  /** Whole, a byte at a time, in random small chunks (empty ones too), or in a few pieces. */
  private static List<byte[]> chunk(byte[] stream, SplittableRandom random) {
    List<byte[]> chunks = new ArrayList<>();
    int mode = random.nextInt(4);
    if (mode == 0) {
      chunks.add(stream);
      return chunks;
    }
    for (int i = 0; i < stream.length; ) {
      int n = switch (mode) {
        case 1 -> 1;
        case 2 -> random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(17);
        default -> 1 + random.nextInt(Math.max(1, stream.length / 2));
      };
      n = Math.min(n, stream.length - i);
      chunks.add(Arrays.copyOfRange(stream, i, i + n));
      i += n;
    }
    return chunks;
  }

  /** What Twisted printed for a batch: a line of events per case, and the driver's stderr. */
  record Oracle(List<String> lines, String stderr) {}

  /**
   * Runs the Twisted driver over {@code cases}, bounded in time. Fails, saying what to install,
   * when {@link #PYTHON} or its Twisted is missing: these tests never skip.
   */
  static Oracle twisted(List<Case> cases) throws IOException, InterruptedException {
    String advice = "BasicDifferentialTest needs " + PYTHON + " with Twisted 22.4: install it "
        + "with `sudo apt-get install -y python3-twisted` (.ci/run does this)";
    if (!Files.isExecutable(PYTHON)) {
      throw new AssertionError(PYTHON + " does not exist; " + advice);
    }
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path script = base.resolve("src/test/python/basic_differential.py");
    if (!Files.isRegularFile(script)) {
      throw new AssertionError("no driver " + script);
    }
    Path dir = Files.createTempDirectory("basic-differential");
    Path in = dir.resolve("in.jsonl");
    Path out = dir.resolve("out.jsonl");
    Path err = dir.resolve("err.txt");
    try {
      List<String> json = new ArrayList<>();
      for (Case c : cases) {
        json.add(c.toJson());
      }
      Files.write(in, json, UTF_8);
      Process p = new ProcessBuilder(PYTHON.toString(), script.toString())
          .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
          .start();
      if (!p.waitFor(PYTHON_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(script + " still running after " + PYTHON_LIMIT_SECONDS
            + " s; stderr:\n" + Files.readString(err, UTF_8));
      }
      String stderr = Files.readString(err, UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError(script + " exited " + p.exitValue() + " (" + advice
            + "); stderr:\n" + stderr);
      }
      return new Oracle(Files.readAllLines(out, UTF_8), stderr);
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      Files.deleteIfExists(dir);
    }
  }
}
