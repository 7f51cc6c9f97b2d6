package dev.torsion.protocols.basic;

import static dev.torsion.protocols.basic.Feeds.b;
import static dev.torsion.protocols.basic.Feeds.strings;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.testing.StringTransport;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class NetstringReceiverTest {
  /** Twisted's TestNetstring: records strings, echoes them, MAX_LENGTH 50. */
  static final class TestNetstring extends NetstringReceiver {
    final List<byte[]> received = new ArrayList<>();

    TestNetstring() {
      setMaxLength(50);
    }

    @Override
    public void stringReceived(byte[] string) {
      received.add(string);
      transport().write(string);
    }
  }

  static final List<String> STRINGS =
      List.of("hello", "world", "how", "are", "you123", ":today", "a".repeat(515));

  static final List<String> ILLEGAL = List.of("9999999999999999999999", "abc", "4:abcde",
      "51:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab,");

  private StringTransport transport = new StringTransport();
  private TestNetstring proto = new TestNetstring();

  @BeforeMethod
  public void setUp() {
    transport = new StringTransport();
    proto = new TestNetstring();
    proto.makeConnection(transport);
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_buffer */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void buffer(Feeds.Mode mode) {
    for (int size = 1; size < 10; size++) {
      StringTransport t = new StringTransport();
      TestNetstring a = new TestNetstring();
      a.setMaxLength(699);
      a.makeConnection(t);
      for (String s : STRINGS) {
        a.sendString(b(s));
      }
      byte[] out = t.value();
      t.clear();
      if (mode == Feeds.Mode.WHOLE) {
        Feeds.feedInPackets(a::dataReceived, out, size);
      } else {
        Feeds.feed(a::dataReceived, out, mode);
      }
      assertEquals(strings(a.received), STRINGS);
    }
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_illegal */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void illegal(Feeds.Mode mode) {
    for (String s : ILLEGAL) {
      setUp();
      Feeds.feed(proto::dataReceived, b(s), mode);
      assertTrue(transport.disconnecting(), s);
      assertTrue(proto.brokenPeer());
      assertEquals(proto.received.size(), 0);
    }
  }

  private void assertReceives(String input, String... expected) {
    proto.dataReceived(b(input));
    assertEquals(strings(proto.received), List.of(expected));
    assertFalse(transport.disconnecting());
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_receiveEmptyNetstring */
  @Test
  public void receiveEmptyNetstring() {
    assertReceives("0:,", "");
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_receiveOneCharacter */
  @Test
  public void receiveOneCharacter() {
    assertReceives("1:a,", "a");
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_receiveTwoCharacters */
  @Test
  public void receiveTwoCharacters() {
    assertReceives("2:ab,", "ab");
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_receiveNestedNetstring */
  @Test
  public void receiveNestedNetstring() {
    assertReceives("4:1:a,,", "1:a,");
  }

  private void assertRefused(String input) {
    for (Feeds.Mode mode : Feeds.Mode.values()) {
      setUp();
      Feeds.feed(proto::dataReceived, b(input), mode);
      assertTrue(transport.disconnecting(), input + " " + mode);
      assertEquals(proto.received.size(), 0);
    }
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_moreDataThanSpecified */
  @Test
  public void moreDataThanSpecified() {
    assertRefused("2:aaa,");
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_moreDataThanSpecifiedBorderCase */
  @Test
  public void moreDataThanSpecifiedBorderCase() {
    assertRefused("0:a,");
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_missingNumber */
  @Test
  public void missingNumber() {
    assertRefused(":aaa,");
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_missingColon */
  @Test
  public void missingColon() {
    assertRefused("3aaa,");
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_missingNumberAndColon */
  @Test
  public void missingNumberAndColon() {
    assertRefused("aaa,");
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_onlyData */
  @Test
  public void onlyData() {
    assertRefused("aaa");
  }

  /** A leading zero is refused, as Twisted's pattern {@code (0|[1-9]\d*)} does. */
  @Test
  public void leadingZero() {
    assertRefused("01:a,");
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_receiveNetstringPortions_1 */
  @Test
  public void receiveNetstringPortions1() {
    proto.dataReceived(b("4:aa"));
    assertFalse(proto.payloadComplete());
    proto.dataReceived(b("aa,"));
    assertEquals(strings(proto.received), List.of("aaaa"));
    assertTrue(proto.payloadComplete());
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_receiveNetstringPortions_2 */
  @Test
  public void receiveNetstringPortions2() {
    for (String part : List.of("1", "0:01234", "56789", ",")) {
      proto.dataReceived(b(part));
    }
    assertEquals(strings(proto.received), List.of("0123456789"));
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_receiveNetstringPortions_3 */
  @Test
  public void receiveNetstringPortions3() {
    for (String part : List.of("2", ":", "a", "b", ",")) {
      proto.dataReceived(b(part));
    }
    assertEquals(strings(proto.received), List.of("ab"));
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_receiveTwoNetstrings */
  @Test
  public void receiveTwoNetstrings() {
    proto.dataReceived(b("1:a,1"));
    assertTrue(proto.payloadComplete());
    assertEquals(strings(proto.received), List.of("a"));
    proto.dataReceived(b(":b,"));
    assertEquals(strings(proto.received), List.of("a", "b"));
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_maxReceiveLimit */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void maxReceiveLimit(Feeds.Mode mode) {
    int tooLong = proto.maxLength() + 1;
    Feeds.feed(proto::dataReceived, b(tooLong + ":" + "a".repeat(tooLong)), mode);
    assertTrue(transport.disconnecting());
    // Refused from the length alone: the payload was never buffered.
    assertEquals(proto.bufferedSize(), 0);
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_consumeLength */
  @Test
  public void consumeLength() {
    proto.dataReceived(b("12:"));
    assertEquals(proto.expectedPayloadSize(), 13);
    assertFalse(transport.disconnecting());
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_consumeLengthBorderCase1 */
  @Test
  public void consumeLengthBorderCase1() {
    proto.setMaxLength(12);
    proto.dataReceived(b("12:"));
    assertEquals(proto.expectedPayloadSize(), 13);
    assertFalse(transport.disconnecting());
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_consumeLengthBorderCase2 */
  @Test
  public void consumeLengthBorderCase2() {
    proto.setMaxLength(11);
    proto.dataReceived(b("12:"));
    assertTrue(proto.brokenPeer());
    assertTrue(transport.disconnecting());
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_consumeLengthBorderCase3 */
  @Test
  public void consumeLengthBorderCase3() {
    proto.setMaxLength(11);
    proto.dataReceived(b("1000:"));
    assertTrue(proto.brokenPeer());
    assertTrue(transport.disconnecting());
  }

  /** twisted.protocols.test.test_basic.NetstringReceiverTests.test_stringReceivedNotImplemented */
  @Test
  public void stringReceivedNotImplemented() throws Exception {
    // Twisted raises NotImplementedError at run time; Java makes the subclass implement it.
    assertTrue(Modifier.isAbstract(
        NetstringReceiver.class.getMethod("stringReceived", byte[].class).getModifiers()));
  }

  /** After a parse error later bytes are ignored, so nothing accumulates. */
  @Test
  public void bytesAfterParseErrorDiscarded() {
    proto.dataReceived(b("x"));
    proto.dataReceived(b("1:a,".repeat(100)));
    assertEquals(proto.received.size(), 0);
    assertEquals(proto.bufferedSize(), 0);
  }

  /**
   * Random bytes, mostly well-formed netstrings with random corruption, in random chunks: no
   * exception escapes, the buffer stays within the length digits + MAX_LENGTH + 1 + one chunk,
   * every payload is within MAX_LENGTH, and a broken peer is always disconnected.
   */
  @Test
  public void fuzz() {
    Random random = new Random(77L);
    for (int round = 0; round < 300; round++) {
      setUp();
      proto.setMaxLength(random.nextInt(60));
      StringBuilder input = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        int n = random.nextInt(70);
        input.append(n).append(':').append("z".repeat(n)).append(',');
      }
      byte[] bytes = b(input.toString());
      for (int i = 0; i < random.nextInt(3); i++) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      for (byte[] chunk : Feeds.chunks(bytes, Feeds.Mode.RANDOM_CHUNKS)) {
        proto.dataReceived(chunk);
        assertTrue(proto.bufferedSize() <= 3 + proto.maxLength() + 1 + chunk.length);
      }
      for (byte[] s : proto.received) {
        assertTrue(s.length <= proto.maxLength());
      }
      assertEquals(proto.brokenPeer(), transport.disconnecting());
    }
  }
}
