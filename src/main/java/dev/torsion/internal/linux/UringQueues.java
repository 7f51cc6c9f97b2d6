package dev.torsion.internal.linux;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The two rings of an io_uring seen from user space: the submission queue (SQ), whose tail this
 * side advances and whose head the kernel advances, and the completion queue (CQ), whose tail
 * the kernel advances and whose head this side advances. Kept apart from {@link IoUring} so the
 * index arithmetic can be tested on plain direct buffers, without a kernel.
 *
 * <p>Memory ordering: the four indices are shared with the kernel, so each is read with
 * acquire and written with release semantics through a {@link VarHandle} view of a direct
 * {@link ByteBuffer} over the mapping (the Java memory model's {@code getAcquire}/
 * {@code setRelease}, which the JIT compiles to plain moves on x86-64 and to {@code ldar}/
 * {@code stlr} on aarch64, the pairing liburing's {@code io_uring_smp_load_acquire}/
 * {@code _store_release} uses). Everything else (an SQE written, a CQE read) is a plain access
 * ordered by those: SQE bytes are written before the tail's release store publishes them; CQE
 * bytes are read after the tail's acquire load and before the head's release store hands the
 * slot back. Both stores are batched: the SQ tail is published once per {@code io_uring_enter}
 * ({@link #publish()}), the CQ head once per batch of completions reaped ({@link #release()}).
 * The indices are free-running 32-bit counters masked on use, so they wrap at 2^32 with
 * unsigned arithmetic (differences are taken in {@code int} and are never negative).
 *
 * <p>One thread only (the reactor's).
 */
final class UringQueues {
  /** The size of one submission queue entry. */
  static final int SQE_SIZE = 64;
  /** The size of one completion queue entry. */
  static final int CQE_SIZE = 16;
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

  private final ByteBuffer sqRing;
  private final int sqHead;
  private final int sqFlags;
  private final int sqTailOffset;
  private final int sqMask;
  private final int sqEntries;
  private final ByteBuffer sqes;
  private final ByteBuffer cqRing;
  private final int cqHeadOffset;
  private final int cqTail;
  private final int cqMask;
  private final int cqes;
  /** This side's copy of the SQ tail: the only writer. */
  private int sqTail;
  /** The tail the kernel was last shown. */
  private int sqTailPublished;
  /** The SQ head last read: the kernel only moves it on, so room seen is room there. */
  private int sqHeadSeen;
  /** This side's copy of the CQ head: the only writer. */
  private int cqHead;

  /**
   * Views the rings. Offsets are the kernel's {@code io_sqring_offsets}/{@code io_cqring_offsets}.
   *
   * @param sqRing the SQ ring mapping
   * @param sqOff {@code head, tail, ring_mask, ring_entries, array, flags}
   * @param sqes the SQE array mapping
   * @param cqRing the CQ ring mapping (the same as {@code sqRing} with a single mapping)
   * @param cqOff {@code head, tail, ring_mask, cqes}
   */
  UringQueues(ByteBuffer sqRing, int[] sqOff, ByteBuffer sqes, ByteBuffer cqRing, int[] cqOff) {
    this.sqRing = sqRing.order(ByteOrder.nativeOrder());
    this.sqHead = sqOff[0];
    this.sqFlags = sqOff[5];
    this.sqTailOffset = sqOff[1];
    this.sqMask = sqRing.getInt(sqOff[2]);
    this.sqEntries = sqRing.getInt(sqOff[3]);
    this.sqes = sqes.order(ByteOrder.nativeOrder());
    this.cqRing = cqRing.order(ByteOrder.nativeOrder());
    this.cqHeadOffset = cqOff[0];
    this.cqTail = cqOff[1];
    this.cqMask = cqRing.getInt(cqOff[2]);
    this.cqes = cqOff[3];
    // The array indirection is set once to the identity: entry i of the array names SQE i.
    for (int i = 0; i < sqEntries; i++) {
      this.sqRing.putInt(sqOff[4] + 4 * i, i);
    }
    sqTail = (int) INT.getAcquire(this.sqRing, sqTailOffset);
    sqTailPublished = sqTail;
    sqHeadSeen = (int) INT.getAcquire(this.sqRing, sqHead);
    cqHead = (int) INT.getAcquire(this.cqRing, cqHeadOffset);
  }

  /**
   * Whether completions wait in the kernel: overflowed (IORING_SQ_CQ_OVERFLOW) or, on a ring
   * set up with COOP_TASKRUN and TASKRUN_FLAG, queued as task work (IORING_SQ_TASKRUN); an
   * {@code io_uring_enter} with GETEVENTS moves them into the ring.
   *
   * @return true if some wait
   */
  boolean completionsHeld() {
    return ((int) INT.getAcquire(sqRing, sqFlags) & (2 | 4)) != 0;
  }

  /**
   * Entries written but not yet consumed by the kernel.
   *
   * @return the count
   */
  int unsubmitted() {
    sqHeadSeen = (int) INT.getAcquire(sqRing, sqHead);
    return sqTail - sqHeadSeen;
  }

  /**
   * Writes one submission entry; {@link #publish()} hands it to the kernel.
   *
   * @param opcode the {@code IORING_OP_*}
   * @param fd the descriptor
   * @param addr {@code addr}
   * @param len {@code len}
   * @param off {@code off}/{@code addr2}
   * @param opFlags the 32-bit per-op flags word ({@code msg_flags}, {@code accept_flags}...)
   * @param userData returned in the completion
   * @return false if the queue is full (nothing written)
   */
  boolean push(int opcode, int fd, long addr, int len, long off, int opFlags, long userData) {
    return push(opcode, 0, 0, fd, addr, len, off, opFlags, userData, 0);
  }

  /**
   * Writes one submission entry with its {@code IOSQE_*} flags, {@code ioprio} and buffer
   * group; {@link #publish()} hands it to the kernel.
   *
   * @param opcode the {@code IORING_OP_*}
   * @param sqeFlags the {@code IOSQE_*} flags
   * @param ioprio {@code ioprio} (for a receive: {@code IORING_RECV_*} flags)
   * @param fd the descriptor
   * @param addr {@code addr}
   * @param len {@code len}
   * @param off {@code off}/{@code addr2}
   * @param opFlags the 32-bit per-op flags word
   * @param userData returned in the completion
   * @param bufGroup {@code buf_group}, for IOSQE_BUFFER_SELECT
   * @return false if the queue is full (nothing written)
   */
  boolean push(int opcode, int sqeFlags, int ioprio, int fd, long addr, int len, long off,
      int opFlags, long userData, int bufGroup) {
    if (sqTail - sqHeadSeen == sqEntries) {
      sqHeadSeen = (int) INT.getAcquire(sqRing, sqHead);
      if (sqTail - sqHeadSeen == sqEntries) {
        return false;
      }
    }
    int at = (sqTail & sqMask) * SQE_SIZE;
    // Plain writes, eight words (both supported ABIs are little-endian): the tail's release
    // store in publish() orders them before the kernel reads them.
    sqes.putLong(at, (opcode & 0xffL) | (sqeFlags & 0xffL) << 8 | (ioprio & 0xffffL) << 16
        | (long) fd << 32);
    sqes.putLong(at + 8, off);
    sqes.putLong(at + 16, addr);
    sqes.putLong(at + 24, (len & 0xffffffffL) | (long) opFlags << 32);
    sqes.putLong(at + 32, userData);
    sqes.putLong(at + 40, bufGroup & 0xffffL);
    sqes.putLong(at + 48, 0);
    sqes.putLong(at + 56, 0);
    sqTail++;
    return true;
  }

  /**
   * Publishes the entries pushed since the last call with one release store of the SQ tail:
   * the kernel reads the tail only inside {@code io_uring_enter}, so once per loop turn is
   * enough.
   */
  void publish() {
    if (sqTail != sqTailPublished) {
      sqTailPublished = sqTail;
      INT.setRelease(sqRing, sqTailOffset, sqTail);
    }
  }

  /**
   * Completions waiting to be read.
   *
   * @return the count
   */
  int ready() {
    return (int) INT.getAcquire(cqRing, cqTail) - cqHead;
  }

  /**
   * The head completion's {@code user_data}; valid only while {@link #ready()} is positive.
   *
   * @return the value
   */
  long userData() {
    return cqRing.getLong(cqes + (cqHead & cqMask) * CQE_SIZE);
  }

  /**
   * The head completion's {@code res}.
   *
   * @return the result: a count, or a negated errno
   */
  int result() {
    return cqRing.getInt(cqes + (cqHead & cqMask) * CQE_SIZE + 8);
  }

  /**
   * The head completion's {@code flags} ({@code IORING_CQE_F_*}, a selected buffer's id in
   * the upper 16 bits).
   *
   * @return the flags
   */
  int flags() {
    return cqRing.getInt(cqes + (cqHead & cqMask) * CQE_SIZE + 12);
  }

  /**
   * Moves past the head completion; its slot goes back to the kernel at the next
   * {@link #release()}, so a batch of completions costs one release store.
   */
  void advance() {
    cqHead++;
  }

  /** Hands the slots of the completions moved past back to the kernel (a release store). */
  void release() {
    INT.setRelease(cqRing, cqHeadOffset, cqHead);
  }

  /**
   * The SQ capacity.
   *
   * @return the number of entries
   */
  int capacity() {
    return sqEntries;
  }
}
