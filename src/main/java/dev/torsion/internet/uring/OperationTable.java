package dev.torsion.internet.uring;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Which handle each completion belongs to, without an allocation per operation: a handle
 * (a stream, a listener, the waker) takes a slot when it opens and gives it back only once
 * every operation it submitted has completed, so a slot is never reused while a completion
 * naming it may still arrive. An operation's {@code user_data} is its handle's slot and its
 * kind, one bit each, so one handle has at most one operation of each kind in flight (one
 * read, one write...) and any number of cancels.
 *
 * @param <T> the handle type
 */
final class OperationTable<T> {
  /** A cancel: any number may be in flight per handle. */
  static final int CANCEL = 0;
  /** A receive, or the waker's read. */
  static final int READ = 1;
  /** A send. */
  static final int WRITE = 2;
  /** A connect. */
  static final int CONNECT = 4;
  /** An accept. */
  static final int ACCEPT = 8;
  private static final int KIND_BITS = 4;

  private @Nullable Object[] handles = new Object[64];
  /** Free slots below {@link #high}, as a stack. */
  private int[] free = new int[64];
  private int freeCount;
  /** Slots at and above this were never used. */
  private int high;
  private int size;

  static long userData(int slot, int kind) {
    return (long) slot << KIND_BITS | kind;
  }

  static int slot(long userData) {
    return (int) (userData >>> KIND_BITS);
  }

  static int kind(long userData) {
    return (int) userData & ((1 << KIND_BITS) - 1);
  }

  /** Gives {@code handle} a slot; the most recently freed one first, so the table stays small. */
  int add(T handle) {
    int slot;
    if (freeCount > 0) {
      slot = free[--freeCount];
    } else {
      if (high == handles.length) {
        handles = Arrays.copyOf(handles, high * 2);
      }
      slot = high++;
    }
    handles[slot] = handle;
    size++;
    return slot;
  }

  @SuppressWarnings("unchecked")
  @Nullable T get(int slot) {
    return slot >= 0 && slot < high ? (T) handles[slot] : null;
  }

  /** Frees {@code slot}: only once nothing submitted under it can still complete. */
  void remove(int slot) {
    if (slot < 0 || slot >= high || handles[slot] == null) {
      throw new IllegalStateException("slot " + slot + " is not in use");
    }
    handles[slot] = null;
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = slot;
    size--;
  }

  /** The handles in use. */
  int size() {
    return size;
  }

  /** Copies the handles in use, for shutdown. */
  @SuppressWarnings("unchecked")
  java.util.List<T> snapshot() {
    java.util.List<T> out = new java.util.ArrayList<>(size);
    for (int i = 0; i < high; i++) {
      if (handles[i] != null) {
        out.add((T) handles[i]);
      }
    }
    return out;
  }
}
