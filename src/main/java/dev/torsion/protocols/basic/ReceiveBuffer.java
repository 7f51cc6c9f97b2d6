package dev.torsion.protocols.basic;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The receive buffer the parsers share: bytes not yet parsed, as a window
 * {@code [start, end)} over an array.
 *
 * <p>Why not a plain append buffer: a chunk that arrives while nothing is buffered (the usual
 * case) is <em>borrowed</em>, parsed in place, and only its unparsed tail is copied into owned
 * storage when the parser calls {@link #own()} on its way out. So a chunk full of whole
 * messages costs no copy beyond the byte[] handed to the application. Owned storage is
 * compacted before it grows, and grows by doubling, so appending is amortised O(chunk).
 */
final class ReceiveBuffer {
  private static final byte[] EMPTY = new byte[0];
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  /** Storage owned by this buffer; reused across messages. */
  private byte[] owned = EMPTY;
  /** The array the window is over: {@link #owned}, or a borrowed chunk. */
  private byte[] buf = EMPTY;
  private int start;
  private int end;

  /** The bytes buffered. */
  int size() {
    return end - start;
  }

  boolean isEmpty() {
    return start == end;
  }

  /** The byte at {@code index} from the start of the window. */
  byte get(int index) {
    return buf[start + index];
  }

  /** Adds bytes at the end; borrows {@code data} if nothing is buffered. */
  void append(byte[] data) {
    if (data.length == 0) {
      return;
    }
    if (start == end) {
      buf = data;
      start = 0;
      end = data.length;
      return;
    }
    ensureWritable(data.length);
    System.arraycopy(data, 0, buf, end, data.length);
    end += data.length;
  }

  /** Copies a borrowed window into owned storage: call before returning to the caller. */
  void own() {
    if (buf == owned) {
      return;
    }
    if (start == end) {
      buf = owned;
      start = 0;
      end = 0;
      return;
    }
    ensureWritable(0);
  }

  /** Makes {@code buf} owned, with room for {@code extra} more bytes after {@code end}. */
  private void ensureWritable(int extra) {
    int size = end - start;
    if (buf == owned && end + extra <= owned.length) {
      return;
    }
    int needed = size + extra;
    if (needed < 0) {
      throw new OutOfMemoryError("receive buffer over 2 GiB");
    }
    if (needed <= owned.length / 2 || (buf != owned && needed <= owned.length)) {
      // Compact in place (or copy a borrowed window in): cheap while half the array is free.
      System.arraycopy(buf, start, owned, 0, size);
    } else {
      byte[] grown = new byte[Math.max(needed, Math.min(Integer.MAX_VALUE - 8,
          Math.max(256, owned.length * 2)))];
      System.arraycopy(buf, start, grown, 0, size);
      owned = grown;
    }
    buf = owned;
    start = 0;
    end = size;
  }

  /**
   * The index (from the window start) of the first {@code needle} at or after {@code from},
   * or -1.
   *
   * <p>The needle's first byte is searched eight bytes at a time (the word-at-a-time zero-byte
   * test on {@code word ^ first*0x0101..}): lines are found by this scan, and a byte loop made
   * it the parsers' largest cost.
   */
  int indexOf(byte[] needle, int from) {
    int n = needle.length;
    byte first = needle[0];
    int last = end - n;
    long pattern = (first & 0xFFL) * ONES;
    int i = start + from;
    while (i <= last) {
      if (i + 8 <= end) {
        long w = (long) LONGS.get(buf, i) ^ pattern;
        long hit = (w - ONES) & ~w & HIGHS;
        if (hit == 0) {
          i += 8;
          continue;
        }
        // The lowest flagged byte is exact (borrows only flag bytes above a real zero).
        i += Long.numberOfTrailingZeros(hit) >>> 3;
        if (i > last) {
          return -1;
        }
      } else if (buf[i] != first) {
        i++;
        continue;
      }
      if (matchesRest(needle, i)) {
        return i - start;
      }
      i++;
    }
    return -1;
  }

  private boolean matchesRest(byte[] needle, int at) {
    for (int j = 1; j < needle.length; j++) {
      if (buf[at + j] != needle[j]) {
        return false;
      }
    }
    return true;
  }

  /** A copy of {@code [from, to)} (offsets from the window start). */
  byte[] copy(int from, int to) {
    if (from == to) {
      return EMPTY;
    }
    byte[] out = new byte[to - from];
    System.arraycopy(buf, start + from, out, 0, to - from);
    return out;
  }

  /** Drops {@code n} bytes from the start. */
  void skip(int n) {
    start += n;
    if (start == end) {
      clear();
    }
  }

  /** Removes and returns everything; hands back a borrowed chunk itself when it is whole. */
  byte[] takeAll() {
    byte[] out;
    if (buf != owned && start == 0 && end == buf.length) {
      out = buf;
    } else {
      out = copy(0, end - start);
    }
    clear();
    return out;
  }

  /** Forgets the contents (and a borrowed chunk). */
  void clear() {
    buf = owned;
    start = 0;
    end = 0;
  }

  /** Replaces the contents with a copy of {@code data}. */
  void replace(byte[] data) {
    clear();
    append(data);
    own();
  }

  /** The capacity of owned storage, for tests of the memory bound. */
  int capacity() {
    return owned.length;
  }
}
