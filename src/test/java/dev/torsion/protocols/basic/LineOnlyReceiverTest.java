package dev.torsion.protocols.basic;

import static dev.torsion.protocols.basic.Feeds.b;
import static dev.torsion.protocols.basic.Feeds.s;
import static dev.torsion.protocols.basic.Feeds.strings;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.testing.StringTransport;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.testng.annotations.Test;

public class LineOnlyReceiverTest {
  /** Twisted's LineOnlyTester. */
  static class LineOnlyTester extends LineOnlyReceiver {
    final List<byte[]> received = new ArrayList<>();
    final List<byte[]> longLines = new ArrayList<>();

    LineOnlyTester() {
      setDelimiter(b("\n"));
      setMaxLength(64);
    }

    @Override
    public void lineReceived(byte[] line) {
      received.add(line);
    }
  }

  static final String BUFFER = "foo\n    bleakness\n    desolation\n    plastic forks\n    ";

  /** twisted.protocols.test.test_basic.LineOnlyReceiverTests.test_buffer */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void buffer(Feeds.Mode mode) {
    LineOnlyTester a = new LineOnlyTester();
    a.makeConnection(new StringTransport());
    Feeds.feed(a::dataReceived, b(BUFFER), mode);
    List<String> expected = Arrays.asList(BUFFER.split("\n", -1));
    assertEquals(strings(a.received), expected.subList(0, expected.size() - 1));
    assertEquals(a.bufferedSize(), 4);
  }

  /** twisted.protocols.test.test_basic.LineOnlyReceiverTests.test_greaterThanMaximumLineLength */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void greaterThanMaximumLineLength(Feeds.Mode mode) {
    LineOnlyTester p = new LineOnlyTester();
    StringTransport t = new StringTransport();
    p.makeConnection(t);
    Feeds.feed(p::dataReceived, b("x".repeat(64 + 1 + 1) + "\r\nr"), mode);
    assertTrue(t.disconnecting());
    assertEquals(p.received.size(), 0);
  }

  /** A line of exactly MAX_LENGTH is delivered; one more byte is too long. */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void maximumLineLengthBoundary(Feeds.Mode mode) {
    LineOnlyTester p = new LineOnlyTester();
    StringTransport t = new StringTransport();
    p.makeConnection(t);
    Feeds.feed(p::dataReceived, b("y".repeat(64) + "\n"), mode);
    assertFalse(t.disconnecting());
    assertEquals(strings(p.received), List.of("y".repeat(64)));
    Feeds.feed(p::dataReceived, b("z".repeat(65) + "\n"), mode);
    assertTrue(t.disconnecting());
  }

  /** twisted.protocols.test.test_basic.LineOnlyReceiverTests.test_lineReceivedNotImplemented */
  @Test
  public void lineReceivedNotImplemented() throws Exception {
    // Twisted raises NotImplementedError at run time; Java makes the subclass implement it.
    assertTrue(Modifier.isAbstract(
        LineOnlyReceiver.class.getMethod("lineReceived", byte[].class).getModifiers()));
  }

  /** sendLine writes the line and the delimiter. */
  @Test
  public void sendLine() {
    LineOnlyTester p = new LineOnlyTester();
    StringTransport t = new StringTransport();
    p.makeConnection(t);
    p.sendLine(b("hi"));
    assertEquals(s(t.value()), "hi\n");
  }

  /** Once lineReceived closes the connection, the rest of the chunk is not delivered. */
  @Test
  public void stopsAfterLoseConnection() {
    LineOnlyTester p = new LineOnlyTester() {
      @Override
      public void lineReceived(byte[] line) {
        super.lineReceived(line);
        transport().loseConnection();
      }
    };
    p.makeConnection(new StringTransport());
    p.dataReceived(b("a\nb\nc\nrest"));
    assertEquals(strings(p.received), List.of("a"));
    assertEquals(p.bufferedSize(), 4);
  }

  /**
   * Random bytes in random chunks with an override that keeps the connection open: no
   * exception escapes, the buffer stays within MAX_LENGTH plus a chunk, lines are within
   * MAX_LENGTH and only longer ones reach lineLengthExceeded.
   */
  @Test
  public void fuzz() {
    Random random = new Random(4242L);
    for (int round = 0; round < 200; round++) {
      LineOnlyTester p = new LineOnlyTester() {
        @Override
        public void lineLengthExceeded(byte[] line) {
          longLines.add(line);
        }
      };
      p.setMaxLength(random.nextInt(40));
      p.makeConnection(new StringTransport());
      int maxChunk = 1 + random.nextInt(64);
      for (int i = 0; i < 200; i++) {
        byte[] chunk = new byte[random.nextInt(maxChunk + 1)];
        for (int j = 0; j < chunk.length; j++) {
          int r = random.nextInt(8);
          chunk[j] = (byte) (r == 0 ? '\n' : r == 1 ? random.nextInt(256) : 'a');
        }
        p.dataReceived(chunk);
        assertTrue(p.bufferedSize() <= p.maxLength() + chunk.length,
            "buffered " + p.bufferedSize());
      }
      for (byte[] line : p.received) {
        assertTrue(line.length <= p.maxLength());
      }
      for (byte[] line : p.longLines) {
        assertTrue(line.length > p.maxLength());
      }
    }
  }
}
