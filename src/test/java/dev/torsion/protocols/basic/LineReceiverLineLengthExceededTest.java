package dev.torsion.protocols.basic;

import static dev.torsion.protocols.basic.Feeds.b;
import static dev.torsion.protocols.basic.Feeds.strings;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class LineReceiverLineLengthExceededTest {
  /** Twisted's ExcessivelyLargeLineCatcher: records what lineLengthExceeded gets. */
  static final class Catcher extends LineReceiver {
    final List<byte[]> longLines = new ArrayList<>();
    final List<byte[]> lines = new ArrayList<>();

    @Override
    public void lineReceived(byte[] line) {
      lines.add(line);
    }

    @Override
    public void lineLengthExceeded(byte[] line) {
      longLines.add(line);
    }
  }

  private Catcher proto = new Catcher();
  private StringTransport transport = new StringTransport();

  @BeforeMethod
  public void setUp() {
    proto = new Catcher();
    proto.setMaxLength(6);
    transport = new StringTransport();
    proto.makeConnection(transport);
  }

  /** twisted.protocols.test.test_basic.LineReceiverLineLengthExceededTests.test_longUnendedLine */
  @Test
  public void longUnendedLine() {
    String excessive = "x".repeat(6 * 2 + 2);
    proto.dataReceived(b(excessive));
    assertEquals(strings(proto.longLines), List.of(excessive));
  }

  /** twisted.protocols.test.test_basic.LineReceiverLineLengthExceededTests.test_longLineAfterShortLine */
  @Test
  public void longLineAfterShortLine() {
    String excessive = "x".repeat(6 * 2 + 2);
    proto.dataReceived(b("x\r\n" + excessive));
    assertEquals(strings(proto.longLines), List.of(excessive));
  }

  /** twisted.protocols.test.test_basic.LineReceiverLineLengthExceededTests.test_longLineWithDelimiter */
  @Test
  public void longLineWithDelimiter() {
    String x = "x".repeat(6 * 2 + 2);
    String excessive = x + "\r\n" + x;
    proto.dataReceived(b(excessive));
    assertEquals(strings(proto.longLines), List.of(excessive));
  }

  /** twisted.protocols.test.test_basic.LineReceiverLineLengthExceededTests.test_multipleLongLines */
  @Test
  public void multipleLongLines() {
    String excessive = ("x".repeat(6 * 2 + 2) + "\r\n").repeat(2);
    proto.dataReceived(b(excessive));
    assertEquals(strings(proto.longLines), List.of(excessive));
  }

  /** twisted.protocols.test.test_basic.LineReceiverLineLengthExceededTests.test_maximumLineLength */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void maximumLineLength(Feeds.Mode mode) {
    LineReceiverTest.Plain p = new LineReceiverTest.Plain();
    StringTransport t = new StringTransport();
    p.makeConnection(t);
    Feeds.feed(p::dataReceived, b("x".repeat(p.maxLength() + 1) + "\r\nr"), mode);
    assertTrue(t.disconnecting());
  }

  /** twisted.protocols.test.test_basic.LineReceiverLineLengthExceededTests.test_maximumLineLengthRemaining */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void maximumLineLengthRemaining(Feeds.Mode mode) {
    LineReceiverTest.Plain p = new LineReceiverTest.Plain();
    StringTransport t = new StringTransport();
    p.makeConnection(t);
    Feeds.feed(p::dataReceived, b("x".repeat(p.maxLength() + 2)), mode);
    assertTrue(t.disconnecting());
  }

  /** Fed a byte at a time, an unended long line is reported once it reaches MAX + delimiter. */
  @Test
  public void longUnendedLineByteAtATime() {
    Feeds.feed(proto::dataReceived, b("x".repeat(8)), Feeds.Mode.ONE_BYTE);
    assertEquals(strings(proto.longLines), List.of("x".repeat(8)));
    assertEquals(proto.bufferedSize(), 0);
  }

  /**
   * Random bytes, split at random, with random mode switches: nothing but the documented
   * callbacks runs, no exception escapes, the buffer never holds more than MAX_LENGTH plus the
   * delimiter plus one chunk, and every line delivered is within MAX_LENGTH.
   */
  @Test
  public void fuzz() {
    Random random = new Random(20261127L);
    for (int round = 0; round < 200; round++) {
      Catcher p = new Catcher();
      p.setMaxLength(random.nextInt(40));
      p.setDelimiter(random.nextBoolean() ? b("\r\n") : b("\n"));
      p.makeConnection(new StringTransport());
      int maxChunk = 1 + random.nextInt(64);
      for (int i = 0; i < 200; i++) {
        byte[] chunk = new byte[random.nextInt(maxChunk + 1)];
        for (int j = 0; j < chunk.length; j++) {
          // Mostly letters and delimiter bytes, so lines of every length occur.
          int r = random.nextInt(10);
          chunk[j] = (byte) (r == 0 ? '\n' : r == 1 ? '\r' : r == 2 ? random.nextInt(256) : 'a');
        }
        p.dataReceived(chunk);
        assertTrue(p.bufferedSize() <= p.maxLength() + 2 + chunk.length,
            "buffered " + p.bufferedSize());
        assertTrue(p.bufferCapacity() <= 2 * (p.maxLength() + 2 + maxChunk) + 256,
            "capacity " + p.bufferCapacity());
      }
      for (byte[] line : p.lines) {
        assertTrue(line.length <= p.maxLength());
      }
      for (byte[] line : p.longLines) {
        assertTrue(line.length > p.maxLength());
      }
    }
  }
}
