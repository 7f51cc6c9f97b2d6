package dev.torsion.internet.uring;

import dev.torsion.internal.linux.UringBlock;
import java.util.ArrayDeque;

/**
 * Native blocks of one size, reused: a block is taken when an operation is submitted and given
 * back when its completion has been handled, so buffers are allocated for the operations in
 * flight at the busiest moment, not per operation. Every block made is freed by
 * {@link #close()}, which the backend calls only once no operation holds one.
 */
final class BlockPool {
  private final int size;
  private final ArrayDeque<UringBlock> free = new ArrayDeque<>();
  private final ArrayDeque<UringBlock> all = new ArrayDeque<>();

  BlockPool(int size) {
    this.size = size;
  }

  UringBlock take() {
    UringBlock b = free.pollFirst();
    if (b == null) {
      b = new UringBlock(size);
      all.add(b);
    }
    return b;
  }

  void give(UringBlock b) {
    free.addFirst(b);
  }

  /** Frees every block, lent or not: the caller has reaped every completion. */
  void close() {
    for (UringBlock b : all) {
      b.close();
    }
    all.clear();
    free.clear();
  }
}
