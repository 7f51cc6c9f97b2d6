package dev.torsion.protocols.basic;

import static dev.torsion.protocols.basic.Feeds.b;
import static dev.torsion.protocols.basic.Feeds.s;
import static dev.torsion.protocols.basic.Feeds.strings;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.testing.StringTransport;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Twisted's IntNTestCaseMixin and RecvdAttributeMixin: one body of tests run for each prefix
 * width by the subclasses.
 */
public abstract class IntNStringReceiverTestBase {
  static final List<String> STRINGS = List.of("a", "b".repeat(16));
  static final byte[] SWITCH = {0, 0, 0, 0};

  /** A connected receiver of this width calling {@code onString} (and {@code onLimit}). */
  abstract IntNStringReceiver make(Consumer<byte[]> onString, @Nullable LongConsumer onLimit);

  abstract List<String> illegalStrings();

  abstract List<String> partialStrings();

  final List<byte[]> received = new ArrayList<>();

  IntNStringReceiver getProtocol() {
    received.clear();
    IntNStringReceiver r = make(received::add, null);
    r.setMaxLength(50);
    r.makeConnection(new StringTransport());
    return r;
  }

  static byte[] prefix(IntNStringReceiver r, long length) {
    byte[] out = new byte[r.prefixLength()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (length >>> (8 * (out.length - 1 - i)));
    }
    return out;
  }

  static byte[] makeMessage(IntNStringReceiver r, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(prefix(r, data.length));
    out.writeBytes(data);
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static StringTransport transport(IntNStringReceiver r) {
    return (StringTransport) r.transport();
  }

  /**
   * twisted.protocols.test.test_basic.Int8Tests.test_receive
   * twisted.protocols.test.test_basic.Int16Tests.test_receive
   * twisted.protocols.test.test_basic.Int32Tests.test_receive
   */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void receive(Feeds.Mode mode) {
    IntNStringReceiver r = getProtocol();
    for (String s : STRINGS) {
      Feeds.feed(r::dataReceived, makeMessage(r, b(s)), mode);
    }
    assertEquals(strings(received), STRINGS);
  }

  /**
   * twisted.protocols.test.test_basic.Int8Tests.test_partial
   * twisted.protocols.test.test_basic.Int16Tests.test_partial
   * twisted.protocols.test.test_basic.Int32Tests.test_partial
   */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void partial(Feeds.Mode mode) {
    for (String s : partialStrings()) {
      IntNStringReceiver r = getProtocol();
      Feeds.feed(r::dataReceived, b(s), mode);
      assertEquals(received.size(), 0);
    }
  }

  /**
   * twisted.protocols.test.test_basic.Int8Tests.test_illegal
   * twisted.protocols.test.test_basic.Int16Tests.test_illegal
   * twisted.protocols.test.test_basic.Int32Tests.test_illegal
   */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void illegal(Feeds.Mode mode) {
    for (String s : illegalStrings()) {
      IntNStringReceiver r = getProtocol();
      Feeds.feed(r::dataReceived, b(s), mode);
      assertTrue(transport(r).disconnecting());
    }
  }

  /**
   * twisted.protocols.test.test_basic.Int8Tests.test_send
   * twisted.protocols.test.test_basic.Int16Tests.test_send
   * twisted.protocols.test.test_basic.Int32Tests.test_send
   */
  @Test
  public void send() {
    IntNStringReceiver r = getProtocol();
    r.sendString(b("b".repeat(16)));
    assertEquals(transport(r).value(), makeMessage(r, b("b".repeat(16))));
  }

  /**
   * twisted.protocols.test.test_basic.Int8Tests.test_lengthLimitExceeded
   * twisted.protocols.test.test_basic.Int16Tests.test_lengthLimitExceeded
   * twisted.protocols.test.test_basic.Int32Tests.test_lengthLimitExceeded
   */
  @Test
  public void lengthLimitExceeded() {
    List<Long> lengths = new ArrayList<>();
    IntNStringReceiver r = make(received::add, lengths::add);
    r.makeConnection(new StringTransport());
    r.setMaxLength(10);
    r.dataReceived(prefix(r, 11));
    assertEquals(lengths, List.of(11L));
    assertFalse(transport(r).disconnecting());
  }

  /**
   * twisted.protocols.test.test_basic.Int8Tests.test_longStringNotDelivered
   * twisted.protocols.test.test_basic.Int16Tests.test_longStringNotDelivered
   * twisted.protocols.test.test_basic.Int32Tests.test_longStringNotDelivered
   */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void longStringNotDelivered(Feeds.Mode mode) {
    IntNStringReceiver r = getProtocol();
    r.setMaxLength(10);
    Feeds.feed(r::dataReceived, concat(prefix(r, 11), b("x".repeat(11))), mode);
    assertEquals(received.size(), 0);
    assertTrue(transport(r).disconnecting());
  }

  /**
   * twisted.protocols.test.test_basic.Int8Tests.test_stringReceivedNotImplemented
   * twisted.protocols.test.test_basic.Int16Tests.test_stringReceivedNotImplemented
   * twisted.protocols.test.test_basic.Int32Tests.test_stringReceivedNotImplemented
   */
  @Test
  public void stringReceivedNotImplemented() throws Exception {
    // Twisted raises NotImplementedError at run time; Java makes the subclass implement it.
    assertTrue(Modifier.isAbstract(
        IntNStringReceiver.class.getMethod("stringReceived", byte[].class).getModifiers()));
  }

  /**
   * twisted.protocols.test.test_basic.Int8Tests.test_recvdContainsRemainingData
   * twisted.protocols.test.test_basic.Int16Tests.test_recvdContainsRemainingData
   * twisted.protocols.test.test_basic.Int32Tests.test_recvdContainsRemainingData
   */
  @Test
  public void recvdContainsRemainingData() {
    List<byte[]> result = new ArrayList<>();
    IntNStringReceiver[] r = new IntNStringReceiver[1];
    r[0] = make(s -> result.add(r[0].recvd()), null);
    r[0].makeConnection(new StringTransport());
    byte[] complete = concat(prefix(r[0], 5), b("aaaaa"));
    byte[] incomplete = concat(prefix(r[0], 5), b("bbbb"));
    r[0].dataReceived(concat(complete, incomplete));
    assertEquals(strings(result), List.of(s(incomplete)));
  }

  /**
   * twisted.protocols.test.test_basic.Int8Tests.test_recvdChanged
   * twisted.protocols.test.test_basic.Int16Tests.test_recvdChanged
   * twisted.protocols.test.test_basic.Int32Tests.test_recvdChanged
   */
  @Test
  public void recvdChanged() {
    List<byte[]> result = new ArrayList<>();
    IntNStringReceiver[] r = new IntNStringReceiver[1];
    r[0] = make(s -> {
      if (result.isEmpty()) {
        r[0].setRecvd(makeMessage(r[0], b("ccccc")));
      }
      result.add(s);
    }, null);
    r[0].makeConnection(new StringTransport());
    r[0].dataReceived(concat(makeMessage(r[0], b("aaaaa")), makeMessage(r[0], b("bbbbb"))));
    assertEquals(strings(result), List.of("aaaaa", "ccccc"));
  }

  /**
   * twisted.protocols.test.test_basic.Int8Tests.test_switching
   * twisted.protocols.test.test_basic.Int16Tests.test_switching
   * twisted.protocols.test.test_basic.Int32Tests.test_switching
   */
  @Test
  public void switching() {
    List<byte[]> result = new ArrayList<>();
    IntNStringReceiver[] r = new IntNStringReceiver[1];
    r[0] = make(s -> {
      result.add(s);
      byte[] recvd = r[0].recvd();
      r[0].setRecvd(java.util.Arrays.copyOfRange(recvd, SWITCH.length, recvd.length));
    }, null);
    r[0].makeConnection(new StringTransport());
    ByteArrayOutputStream mix = new ByteArrayOutputStream();
    for (String s : STRINGS) {
      mix.writeBytes(makeMessage(r[0], b(s)));
      mix.writeBytes(SWITCH);
    }
    r[0].dataReceived(mix.toByteArray());
    r[0].dataReceived(new byte[] {1});
    assertEquals(strings(result), STRINGS);
    assertEquals(r[0].recvd(), new byte[] {1});
  }

  /**
   * twisted.protocols.test.test_basic.Int8Tests.test_recvdInLengthLimitExceeded
   * twisted.protocols.test.test_basic.Int16Tests.test_recvdInLengthLimitExceeded
   * twisted.protocols.test.test_basic.Int32Tests.test_recvdInLengthLimitExceeded
   */
  @Test
  public void recvdInLengthLimitExceeded() {
    List<Object> result = new ArrayList<>();
    IntNStringReceiver[] r = new IntNStringReceiver[1];
    r[0] = make(received::add, length -> {
      result.add(length);
      result.add(s(r[0].recvd()));
    });
    r[0].makeConnection(new StringTransport());
    byte[] data = b("too long");
    r[0].setMaxLength(data.length - 1);
    byte[] message = makeMessage(r[0], data);
    r[0].dataReceived(message);
    assertEquals(result, List.of((long) data.length, s(message)));
    // Only the offending prefix stays buffered afterwards.
    assertEquals(r[0].bufferedSize(), r[0].prefixLength());
  }

  /** Pausing in stringReceived stops delivery until resumeProducing. */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void pauseInStringReceived(Feeds.Mode mode) {
    received.clear();
    IntNStringReceiver[] r = new IntNStringReceiver[1];
    r[0] = make(s -> {
      received.add(s);
      r[0].pauseProducing();
    }, null);
    r[0].makeConnection(new StringTransport());
    Feeds.feed(r[0]::dataReceived,
        concat(makeMessage(r[0], b("one")), makeMessage(r[0], b("two"))), mode);
    assertEquals(strings(received), List.of("one"));
    r[0].resumeProducing();
    assertEquals(strings(received), List.of("one", "two"));
  }

  /**
   * Random bytes in random chunks, with lengthLimitExceeded keeping the connection open: no
   * exception escapes, the buffer stays within prefix + MAX_LENGTH + one chunk, strings are
   * within MAX_LENGTH and only longer lengths are reported.
   */
  @Test
  public void fuzz() {
    Random random = new Random(31337L);
    for (int round = 0; round < 200; round++) {
      List<Long> limits = new ArrayList<>();
      received.clear();
      IntNStringReceiver r = make(received::add, limits::add);
      r.setMaxLength(random.nextInt(60));
      r.makeConnection(new StringTransport());
      int maxChunk = 1 + random.nextInt(64);
      for (int i = 0; i < 100; i++) {
        byte[] chunk = new byte[random.nextInt(maxChunk + 1)];
        for (int j = 0; j < chunk.length; j++) {
          // Small bytes make plausible lengths in every prefix width.
          chunk[j] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(8));
        }
        r.dataReceived(chunk);
        assertTrue(r.bufferedSize() <= r.prefixLength() + r.maxLength() + chunk.length,
            "buffered " + r.bufferedSize());
      }
      for (byte[] s : received) {
        assertTrue(s.length <= r.maxLength());
      }
      for (long l : limits) {
        assertTrue(l > r.maxLength());
      }
    }
  }

  /** A limit of Integer.MAX_VALUE does not overflow: a big declared length just waits. */
  @Test
  public void hugeMaxLength() {
    IntNStringReceiver r = getProtocol();
    r.setMaxLength(Integer.MAX_VALUE);
    long big = Math.min(Integer.MAX_VALUE, (1L << (8 * r.prefixLength())) - 1);
    r.dataReceived(concat(prefix(r, big), b("partial")));
    assertEquals(received.size(), 0);
    assertFalse(((StringTransport) r.transport()).disconnecting());
    assertEquals(r.bufferedSize(), r.prefixLength() + 7);
  }
}
