package dev.torsion.protocols.basic;

import static dev.torsion.protocols.basic.Feeds.b;
import static dev.torsion.protocols.basic.Feeds.s;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import java.util.Arrays;
import org.testng.annotations.Test;

public class ReceiveBufferTest {
  /** A borrowed chunk is copied on own(): the caller may then reuse its array. */
  @Test
  public void ownCopiesTheBorrowedTail() {
    ReceiveBuffer buffer = new ReceiveBuffer();
    byte[] chunk = b("line\r\npartial");
    buffer.append(chunk);
    buffer.skip(6);
    buffer.own();
    Arrays.fill(chunk, (byte) 'X');
    assertEquals(s(buffer.copy(0, buffer.size())), "partial");
  }

  /** A whole borrowed chunk is handed back without a copy. */
  @Test
  public void takeAllHandsBackAWholeChunk() {
    ReceiveBuffer buffer = new ReceiveBuffer();
    byte[] chunk = b("raw");
    buffer.append(chunk);
    assertSame(buffer.takeAll(), chunk);
    assertTrue(buffer.isEmpty());
  }

  /** Appends after a borrow keep order; search finds delimiters across chunk joins. */
  @Test
  public void appendAndSearchAcrossChunks() {
    ReceiveBuffer buffer = new ReceiveBuffer();
    buffer.append(b("ab\r"));
    buffer.append(b("\ncd"));
    assertEquals(buffer.indexOf(b("\r\n"), 0), 2);
    assertEquals(buffer.indexOf(b("\r\n"), 3), -1);
    assertEquals(s(buffer.copy(0, 5)), "ab\r\nc");
  }

  /** A sliding window (consume as much as is appended) keeps capacity bounded. */
  @Test
  public void slidingWindowStaysBounded() {
    ReceiveBuffer buffer = new ReceiveBuffer();
    buffer.append(b("x"));
    buffer.own();
    for (int i = 0; i < 100_000; i++) {
      buffer.append(b("yz"));
      buffer.skip(2);
      buffer.own();
    }
    assertEquals(buffer.size(), 1);
    assertTrue(buffer.capacity() <= 256, "capacity " + buffer.capacity());
  }

  /**
   * The word-at-a-time search finds exactly what a byte-by-byte search finds: every needle
   * length, start offset and window position, over bytes that include the high ones (0x80..)
   * where a careless zero-byte test reports false hits.
   */
  @Test
  public void indexOfMatchesNaiveSearch() {
    java.util.Random random = new java.util.Random(4);
    byte[] alphabet = {'\r', '\n', 'a', (byte) 0x80, (byte) 0x8d, (byte) 0xff, 0, 1};
    for (int trial = 0; trial < 3000; trial++) {
      byte[] data = new byte[random.nextInt(40)];
      for (int i = 0; i < data.length; i++) {
        data[i] = alphabet[random.nextInt(alphabet.length)];
      }
      byte[] needle = new byte[1 + random.nextInt(3)];
      for (int i = 0; i < needle.length; i++) {
        needle[i] = alphabet[random.nextInt(alphabet.length)];
      }
      int skip = data.length == 0 ? 0 : random.nextInt(data.length + 1);
      ReceiveBuffer buffer = new ReceiveBuffer();
      buffer.append(data);
      buffer.skip(skip);
      int from = random.nextInt(buffer.size() + 1);
      assertEquals(buffer.indexOf(needle, from), naive(data, skip, needle, from),
          Arrays.toString(data) + " skip " + skip + " needle " + Arrays.toString(needle)
              + " from " + from);
    }
  }

  private static int naive(byte[] data, int start, byte[] needle, int from) {
    outer:
    for (int i = start + from; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i - start;
    }
    return -1;
  }
}
