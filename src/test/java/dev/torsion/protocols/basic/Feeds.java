package dev.torsion.protocols.basic;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.testng.annotations.DataProvider;

/**
 * Feeds a parser its input whole, one byte at a time, and in random chunks (fixed seed): the
 * three ways every protocol test in this package runs. Use with
 * {@code @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)}.
 */
final class Feeds {
  /** How the input is split into {@code dataReceived} calls. */
  enum Mode {
    WHOLE,
    ONE_BYTE,
    RANDOM_CHUNKS
  }

  private static final long SEED = 0x7015_10_0L;

  private Feeds() {}

  @DataProvider(name = "feeds")
  static Object[][] feeds() {
    return new Object[][] {{Mode.WHOLE}, {Mode.ONE_BYTE}, {Mode.RANDOM_CHUNKS}};
  }

  /** Splits {@code input} per {@code mode}; random chunks are 1..17 bytes. */
  static List<byte[]> chunks(byte[] input, Mode mode) {
    List<byte[]> out = new ArrayList<>();
    switch (mode) {
      case WHOLE:
        out.add(input.clone());
        break;
      case ONE_BYTE:
        for (byte b : input) {
          out.add(new byte[] {b});
        }
        break;
      default:
        Random random = new Random(SEED + input.length);
        for (int i = 0; i < input.length; ) {
          int n = Math.min(input.length - i, 1 + random.nextInt(17));
          out.add(Arrays.copyOfRange(input, i, i + n));
          i += n;
        }
    }
    return out;
  }

  /** Calls {@code dataReceived} with each chunk of {@code input}. */
  static void feed(Consumer<byte[]> dataReceived, byte[] input, Mode mode) {
    for (byte[] chunk : chunks(input, mode)) {
      dataReceived.accept(chunk);
    }
  }

  /** Splits {@code input} into chunks of {@code size} bytes, as Twisted's packet-size loops. */
  static void feedInPackets(Consumer<byte[]> dataReceived, byte[] input, int size) {
    for (int i = 0; i < input.length; i += size) {
      dataReceived.accept(Arrays.copyOfRange(input, i, Math.min(input.length, i + size)));
    }
  }

  static byte[] b(String s) {
    return s.getBytes(ISO_8859_1);
  }

  static String s(byte[] b) {
    return new String(b, ISO_8859_1);
  }

  /** The byte arrays as ISO-8859-1 strings, for readable assertions. */
  static List<String> strings(List<byte[]> list) {
    List<String> out = new ArrayList<>();
    for (byte[] x : list) {
      out.add(s(x));
    }
    return out;
  }
}
