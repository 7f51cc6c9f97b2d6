package dev.torsion.internal.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.testng.annotations.Test;

public class WriteQueueTest {
  private static String peek(WriteQueue q, int max) {
    ByteBuffer b = ByteBuffer.allocate(max);
    int n = q.peek(b);
    return new String(b.array(), 0, n, StandardCharsets.US_ASCII);
  }

  @Test
  public void peekSpansChunksAndConsumeMovesThroughThem() {
    WriteQueue q = new WriteQueue();
    q.add("abc".getBytes(StandardCharsets.US_ASCII));
    q.add("de".getBytes(StandardCharsets.US_ASCII));
    q.add("fgh".getBytes(StandardCharsets.US_ASCII));
    assertEquals(q.size(), 8);
    assertEquals(peek(q, 100), "abcdefgh");
    assertEquals(peek(q, 4), "abcd");
    q.consume(4);
    assertEquals(q.size(), 4);
    assertEquals(peek(q, 100), "efgh");
    q.consume(1);
    assertEquals(peek(q, 2), "fg");
    q.consume(3);
    assertTrue(q.isEmpty());
    assertEquals(peek(q, 10), "");
  }

  @Test
  public void consumingMoreThanQueuedIsRefused() {
    WriteQueue q = new WriteQueue();
    q.add(new byte[3]);
    assertThrows(IllegalArgumentException.class, () -> q.consume(4));
    assertThrows(IllegalArgumentException.class, () -> q.consume(-1));
  }
}
