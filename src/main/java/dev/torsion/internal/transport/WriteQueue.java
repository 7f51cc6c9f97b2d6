package dev.torsion.internal.transport;

import dev.torsion.internet.reactor.IoBackend;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The bytes a transport has accepted and the socket has not yet taken: the arrays written, in
 * order, never copied until a backend copies them into its own send buffer.
 */
final class WriteQueue implements IoBackend.Outbound {
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  /** How much of the head chunk was already sent. */
  private int headOffset;
  private long size;

  void add(byte[] data) {
    chunks.addLast(data);
    size += data.length;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void clear() {
    chunks.clear();
    headOffset = 0;
    size = 0;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public int peek(ByteBuffer dst) {
    int copied = 0;
    int offset = headOffset;
    for (byte[] chunk : chunks) {
      if (!dst.hasRemaining()) {
        break;
      }
      int n = Math.min(dst.remaining(), chunk.length - offset);
      dst.put(chunk, offset, n);
      copied += n;
      offset = 0;
    }
    return copied;
  }

  @Override
  public void consume(long n) {
    if (n < 0 || n > size) {
      throw new IllegalArgumentException("cannot consume " + n + " of " + size + " bytes");
    }
    size -= n;
    long left = n;
    while (left > 0) {
      byte[] head = chunks.peekFirst();
      int avail = head.length - headOffset;
      if (left >= avail) {
        chunks.removeFirst();
        headOffset = 0;
        left -= avail;
      } else {
        headOffset += (int) left;
        left = 0;
      }
    }
  }
}
