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
}
