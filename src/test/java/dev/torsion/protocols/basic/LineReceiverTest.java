package dev.torsion.protocols.basic;

import static dev.torsion.protocols.basic.Feeds.b;
import static dev.torsion.protocols.basic.Feeds.s;
import static dev.torsion.protocols.basic.Feeds.strings;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.internet.testing.StringTransport.ProducerState;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

public class LineReceiverTest {
  /** Twisted's LineTester: switches modes and pauses on command lines. */
  static final class LineTester extends LineReceiver {
    final @Nullable Clock clock;
    final List<byte[]> received = new ArrayList<>();
    int length;

    LineTester(@Nullable Clock clock) {
      this.clock = clock;
      setDelimiter(b("\n"));
      setMaxLength(64);
    }

    @Override
    public void lineReceived(byte[] line) {
      received.add(line);
      String l = s(line);
      if (l.isEmpty()) {
        setRawMode();
      } else if (l.equals("pause")) {
        pauseProducing();
        clock.callLater(0, this::resumeProducing);
      } else if (l.equals("rawpause")) {
        pauseProducing();
        setRawMode();
        received.add(new byte[0]);
        clock.callLater(0, this::resumeProducing);
      } else if (l.equals("stop")) {
        stopProducing();
      } else if (l.startsWith("len ")) {
        length = Integer.parseInt(l.substring(4));
      } else if (l.startsWith("produce")) {
        transport().registerProducer(this, false);
      } else if (l.startsWith("unproduce")) {
        transport().unregisterProducer();
      }
    }

    @Override
    public void rawDataReceived(byte[] data) {
      int n = Math.min(length, data.length);
      length -= n;
      byte[] last = received.get(received.size() - 1);
      byte[] joined = Arrays.copyOf(last, last.length + n);
      System.arraycopy(data, 0, joined, last.length, n);
      received.set(received.size() - 1, joined);
      if (length == 0) {
        setLineMode(Arrays.copyOfRange(data, n, data.length));
      }
    }

    @Override
    public void lineLengthExceeded(byte[] line) {
      if (line.length > maxLength() + 1) {
        setLineMode(Arrays.copyOfRange(line, maxLength() + 1, line.length));
      }
    }
  }

  /** A receiver that records lines and nothing else, with Twisted's defaults. */
  static class Plain extends LineReceiver {
    final List<byte[]> lines = new ArrayList<>();

    @Override
    public void lineReceived(byte[] line) {
      lines.add(line);
    }
  }

  static final String BUFFER = "len 10\n\n0123456789len 5\n\n1234\nlen 20\nfoo 123\n\n"
      + "0123456789\n012345678len 0\nfoo 5\n\n"
      + "1234567890123456789012345678901234567890123456789012345678901234567890\n"
      + "len 1\n\na";

  static final List<String> OUTPUT = List.of("len 10", "0123456789", "len 5", "1234\n",
      "len 20", "foo 123", "0123456789\n012345678", "len 0", "foo 5", "", "67890", "len 1",
      "a");

  private static LineTester connected(@Nullable Clock clock) {
    LineTester a = new LineTester(clock);
    a.makeConnection(new StringTransport());
    return a;
  }

  /** twisted.protocols.test.test_basic.LineReceiverTests.test_buffer */
  @Test
  public void buffer() {
    for (int size = 1; size < 10; size++) {
      LineTester a = connected(null);
      Feeds.feedInPackets(a::dataReceived, b(BUFFER), size);
      assertEquals(strings(a.received), OUTPUT, "packet size " + size);
    }
  }

  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void bufferEveryFeed(Feeds.Mode mode) {
    LineTester a = connected(null);
    Feeds.feed(a::dataReceived, b(BUFFER), mode);
    // As in Twisted, bytes handed back by setLineMode inside lineLengthExceeded wait for the
    // next dataReceived; an empty one delivers them.
    a.dataReceived(new byte[0]);
    assertEquals(strings(a.received), OUTPUT);
  }

  /** twisted.protocols.test.test_basic.LineReceiverTests.test_pausing */
  @Test
  public void pausing() {
    for (int size = 1; size < 10; size++) {
      Clock clock = new Clock();
      LineTester a = connected(clock);
      Feeds.feedInPackets(a::dataReceived, b("twiddle1\ntwiddle2\npause\ntwiddle3\n"), size);
      assertEquals(strings(a.received), List.of("twiddle1", "twiddle2", "pause"));
      clock.advance(0);
      assertEquals(strings(a.received), List.of("twiddle1", "twiddle2", "pause", "twiddle3"));
    }
  }

  /** twisted.protocols.test.test_basic.LineReceiverTests.test_rawPausing */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void rawPausing(Feeds.Mode mode) {
    Clock clock = new Clock();
    LineTester a = connected(clock);
    Feeds.feed(a::dataReceived, b("twiddle1\ntwiddle2\nlen 5\nrawpause\n12345twiddle3\n"), mode);
    assertEquals(strings(a.received),
        List.of("twiddle1", "twiddle2", "len 5", "rawpause", ""));
    clock.advance(0);
    assertEquals(strings(a.received),
        List.of("twiddle1", "twiddle2", "len 5", "rawpause", "12345", "twiddle3"));
  }

  /** twisted.protocols.test.test_basic.LineReceiverTests.test_stopProducing */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void stopProducing(Feeds.Mode mode) {
    LineTester a = connected(null);
    Feeds.feed(a::dataReceived, b("twiddle1\ntwiddle2\nstop\nmore\nstuff\n"), mode);
    assertEquals(strings(a.received), List.of("twiddle1", "twiddle2", "stop"));
    assertEquals(((StringTransport) a.transport()).producerState(), ProducerState.STOPPED);
  }

  /** twisted.protocols.test.test_basic.LineReceiverTests.test_lineReceiverAsProducer */
  @Test
  public void lineReceiverAsProducer() {
    LineTester a = connected(null);
    StringTransport t = (StringTransport) a.transport();
    a.dataReceived(b("produce\nhello world\n"));
    assertSame(t.producer(), a);
    a.dataReceived(b("unproduce\ngoodbye\n"));
    assertEquals(strings(a.received), List.of("produce", "hello world", "unproduce", "goodbye"));
    assertNull(t.producer());
  }

  /** twisted.protocols.test.test_basic.LineReceiverTests.test_clearLineBuffer */
  @Test
  public void clearLineBuffer() {
    class ClearingReceiver extends LineReceiver {
      byte[] line = new byte[0];
      byte[] rest = new byte[0];

      @Override
      public void lineReceived(byte[] line) {
        this.line = line;
        this.rest = clearLineBuffer();
      }
    }
    ClearingReceiver p = new ClearingReceiver();
    p.dataReceived(b("foo\r\nbar\r\nbaz"));
    assertEquals(s(p.line), "foo");
    assertEquals(s(p.rest), "bar\r\nbaz");
    p.dataReceived(b("quux\r\n"));
    assertEquals(s(p.line), "quux");
    assertEquals(s(p.rest), "");
  }

  /** twisted.protocols.test.test_basic.LineReceiverTests.test_stackRecursion */
  @Test
  public void stackRecursion() {
    class FlippingLineTester extends LineReceiver {
      final StringBuilder lines = new StringBuilder();

      FlippingLineTester() {
        setDelimiter(b("\n"));
      }

      @Override
      public void lineReceived(byte[] line) {
        lines.append(s(line));
        setRawMode();
      }

      @Override
      public void rawDataReceived(byte[] data) {
        setLineMode(Arrays.copyOfRange(data, 1, data.length));
      }
    }
    FlippingLineTester p = new FlippingLineTester();
    p.makeConnection(new StringTransport());
    int limit = 100_000;
    p.dataReceived(b("x\nx".repeat(limit)));
    assertEquals(p.lines.toString(), "x".repeat(limit));
  }

  /** twisted.protocols.test.test_basic.LineReceiverTests.test_maximumLineLength */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void maximumLineLength(Feeds.Mode mode) {
    Plain p = new Plain();
    StringTransport t = new StringTransport();
    p.makeConnection(t);
    Feeds.feed(p::dataReceived, b("x".repeat(p.maxLength() + 1) + "\r\nr"), mode);
    assertTrue(t.disconnecting());
    assertEquals(p.lines.size(), 0);
  }

  /** twisted.protocols.test.test_basic.LineReceiverTests.test_maximumLineLengthPartialDelimiter */
  @Test
  public void maximumLineLengthPartialDelimiter() {
    LineTester p = new LineTester(null);
    p.setMaxLength(4);
    StringTransport t = new StringTransport();
    p.makeConnection(t);
    byte[] line = b("xxx");
    p.dataReceived(line);
    p.dataReceived(new byte[0]); // the delimiter is "\n": its first len-1 bytes are none
    p.dataReceived(b("\nxxx"));
    assertFalse(t.disconnecting());
    assertEquals(strings(p.received), List.of("xxx"));
  }

  /** Same, with a two-byte delimiter whose first byte ends a packet. */
  @Test
  public void maximumLineLengthPartialTwoByteDelimiter() {
    Plain p = new Plain();
    p.setMaxLength(4);
    StringTransport t = new StringTransport();
    p.makeConnection(t);
    p.dataReceived(b("xxxx"));
    p.dataReceived(b("\r"));
    p.dataReceived(b("\nxxxx"));
    assertFalse(t.disconnecting());
    assertEquals(strings(p.lines), List.of("xxxx"));
  }

  /** twisted.protocols.test.test_basic.LineReceiverTests.test_notQuiteMaximumLineLengthUnfinished */
  @Test
  public void notQuiteMaximumLineLengthUnfinished() {
    Plain p = new Plain();
    StringTransport t = new StringTransport();
    p.makeConnection(t);
    p.dataReceived(b("x".repeat(p.maxLength()) + "\r"));
    assertFalse(t.disconnecting());
    p.dataReceived(b("\n"));
    assertEquals(p.lines.size(), 1);
  }

  /** twisted.protocols.test.test_basic.LineReceiverTests.test_rawDataError */
  @Test
  public void rawDataError() {
    class Failing extends Plain {
      @Override
      public void rawDataReceived(byte[] data) {
        throw new IllegalStateException("oops");
      }
    }
    Failing p = new Failing();
    p.makeConnection(new StringTransport());
    p.setRawMode();
    IllegalStateException e =
        expectThrows(IllegalStateException.class, () -> p.dataReceived(b("data")));
    assertEquals(e.getMessage(), "oops");
    // The receiver is not left busy: line mode works afterwards.
    p.setLineMode();
    p.dataReceived(b("a\r\n"));
    assertEquals(strings(p.lines), List.of("a"));
  }

  /** twisted.protocols.test.test_basic.LineReceiverTests.test_rawDataReceivedNotImplemented */
  @Test
  public void rawDataReceivedNotImplemented() {
    assertThrows(UnsupportedOperationException.class, () -> new Plain().rawDataReceived(b("f")));
  }

  /** twisted.protocols.test.test_basic.LineReceiverTests.test_lineReceivedNotImplemented */
  @Test
  public void lineReceivedNotImplemented() throws Exception {
    // Twisted raises NotImplementedError at run time; Java makes the subclass implement it.
    assertTrue(Modifier.isAbstract(
        LineReceiver.class.getMethod("lineReceived", byte[].class).getModifiers()));
    assertTrue(Modifier.isAbstract(LineReceiver.class.getModifiers()));
  }

  /** twisted.protocols.test.test_basic.ProducerTests.test_pauseResume */
  @Test
  public void pauseResume() {
    class ConsumingProtocol extends LineReceiver {
      @Override
      public void lineReceived(byte[] line) {
        transport().write(line);
        pauseProducing();
      }
    }
    ConsumingProtocol p = new ConsumingProtocol();
    StringTransport t = new StringTransport();
    p.makeConnection(t);
    p.dataReceived(b("hello, "));
    assertEquals(s(t.value()), "");
    assertEquals(t.producerState(), ProducerState.PRODUCING);
    assertFalse(p.paused());
    p.dataReceived(b("world\r\n"));
    assertEquals(s(t.value()), "hello, world");
    assertEquals(t.producerState(), ProducerState.PAUSED);
    assertTrue(p.paused());
    p.resumeProducing();
    assertEquals(s(t.value()), "hello, world");
    assertEquals(t.producerState(), ProducerState.PRODUCING);
    assertFalse(p.paused());
    p.dataReceived(b("hello\r\nworld\r\n"));
    assertEquals(s(t.value()), "hello, worldhello");
    assertTrue(p.paused());
    p.resumeProducing();
    assertEquals(s(t.value()), "hello, worldhelloworld");
    assertEquals(t.producerState(), ProducerState.PAUSED);
    assertTrue(p.paused());
    p.dataReceived(b("goodbye\r\n"));
    assertEquals(s(t.value()), "hello, worldhelloworld");
    p.resumeProducing();
    assertEquals(s(t.value()), "hello, worldhelloworldgoodbye");
    assertTrue(p.paused());
    p.resumeProducing();
    assertEquals(s(t.value()), "hello, worldhelloworldgoodbye");
    assertEquals(t.producerState(), ProducerState.PRODUCING);
    assertFalse(p.paused());
  }

  /** sendLine writes the line and the delimiter in one write. */
  @Test
  public void sendLine() {
    Plain p = new Plain();
    StringTransport t = new StringTransport();
    p.makeConnection(t);
    p.sendLine(b("hi"));
    assertEquals(s(t.value()), "hi\r\n");
  }

  /** No more lines from the same chunk are delivered once lineReceived closes the connection. */
  @Test
  public void noLinesAfterLoseConnection() {
    class Closing extends Plain {
      @Override
      public void lineReceived(byte[] line) {
        super.lineReceived(line);
        transport().loseConnection();
      }
    }
    Closing p = new Closing();
    p.makeConnection(new StringTransport());
    p.dataReceived(b("a\r\nb\r\nc\r\n"));
    assertEquals(strings(p.lines), List.of("a"));
  }

  /** A limit of Integer.MAX_VALUE does not overflow into "every line is too long". */
  @Test
  public void hugeMaxLength() {
    Plain p = new Plain();
    p.setMaxLength(Integer.MAX_VALUE);
    StringTransport t = new StringTransport();
    p.makeConnection(t);
    p.dataReceived(b("abc"));
    p.dataReceived(b("\r\n"));
    assertEquals(strings(p.lines), List.of("abc"));
    assertFalse(t.disconnecting());
  }
}
