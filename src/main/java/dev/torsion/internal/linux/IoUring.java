package dev.torsion.internal.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;

/**
 * io_uring(7) without liburing: {@code io_uring_setup}, {@code io_uring_enter} and
 * {@code io_uring_register} through {@code syscall(2)}, the rings mapped with {@code mmap(2)}.
 *
 * <p>Layout: {@code io_uring_setup} fills {@code struct io_uring_params} (120 bytes) with the
 * ring sizes and the offsets of each ring's fields. With {@code IORING_FEAT_SINGLE_MMAP}
 * (required here, Linux 5.4) the SQ ring and the CQ ring share one mapping at offset
 * {@code IORING_OFF_SQ_RING}, as large as the larger of the two; the SQE array is a second
 * mapping at {@code IORING_OFF_SQES}. {@link UringQueues} reads and writes them through direct
 * {@code ByteBuffer} views made once here (JNA's {@code Pointer.getByteBuffer}).
 *
 * <p>Memory: both mappings and the 40-byte argument block belong to this object and are
 * released by {@link #close()} ({@code munmap}, {@code free}), never by the garbage collector.
 * The caller must have reaped every completion of an operation whose buffers it will free
 * before it frees them; closing the ring descriptor cancels whatever is still in flight.
 *
 * <p>Required kernel features, checked at {@link #open}: SINGLE_MMAP, NODROP (5.5: a full CQ
 * is buffered, not dropped), FAST_POLL (5.7: socket operations wait by internal poll, not by a
 * blocked worker thread) and EXT_ARG (5.11: a wait with a timeout, without a timeout SQE).
 *
 * <p>Set up with COOP_TASKRUN and TASKRUN_FLAG where the kernel has them (5.19; a plain ring
 * before): a completion the network stack finishes on another CPU is then posted as task work
 * at this thread's next system call instead of interrupting it with an IPI, and the kernel
 * flags IORING_SQ_TASKRUN meanwhile, which {@link #enter} checks, so a turn that has nothing
 * to submit or wait for still enters to collect them. Measured: 5-10% less server CPU per
 * request (docs/notes/uringfast.md). SINGLE_ISSUER with DEFER_TASKRUN (what Netty sets) would
 * bind the ring to one thread, which a reactor created on one thread and run on another
 * breaks: not used.
 */
public final class IoUring implements AutoCloseable {
  static {
    Native.register(IoUring.class, "c");
  }

  /** Operations this backend submits. */
  public static final int OP_NOP = 0;
  /** Waits for poll events on a descriptor. */
  public static final int OP_POLL_ADD = 6;
  /** Cancels an operation named by its {@code user_data}. */
  public static final int OP_ASYNC_CANCEL = 14;
  /** Connects a socket. */
  public static final int OP_CONNECT = 16;
  /** read(2). */
  public static final int OP_READ = 22;
  /** send(2). */
  public static final int OP_SEND = 26;
  /** recv(2). */
  public static final int OP_RECV = 27;
  private static final int[] NEEDED_OPS = {
    OP_NOP, OP_POLL_ADD, OP_ASYNC_CANCEL, OP_CONNECT, OP_READ, OP_SEND, OP_RECV};
  private static final String[] OP_NAMES = {
    "NOP", "POLL_ADD", "ASYNC_CANCEL", "CONNECT", "READ", "SEND", "RECV"};

  /** A completion flag: a provided buffer was used; its id is in the upper 16 bits. */
  public static final int CQE_F_BUFFER = 1;
  /** A completion flag: the multishot operation stays armed, more completions follow. */
  public static final int CQE_F_MORE = 2;
  /** IOSQE_BUFFER_SELECT: the kernel picks the buffer from the operation's group. */
  public static final int SQE_BUFFER_SELECT = 1 << 5;
  /** IORING_RECV_MULTISHOT (Linux 6.0), in a receive's {@code ioprio}. */
  public static final int RECV_MULTISHOT = 1 << 1;
  /** IORING_POLL_ADD_MULTI (Linux 5.13), in a poll's {@code len}. */
  public static final int POLL_ADD_MULTI = 1;

  /** Same numbers on x86-64 and aarch64 (the asm-generic table). */
  private static final long SYS_SETUP = 425;
  private static final long SYS_ENTER = 426;
  private static final long SYS_REGISTER = 427;
  private static final int SETUP_CQSIZE = 1 << 3;
  private static final int SETUP_CLAMP = 1 << 4;
  private static final int SETUP_COOP_TASKRUN = 1 << 8;
  private static final int SETUP_TASKRUN_FLAG = 1 << 9;
  private static final int FEAT_SINGLE_MMAP = 1;
  private static final int FEAT_NODROP = 1 << 1;
  private static final int FEAT_FAST_POLL = 1 << 5;
  private static final int FEAT_EXT_ARG = 1 << 8;
  private static final int ENTER_GETEVENTS = 1;
  private static final int ENTER_EXT_ARG = 1 << 3;
  private static final int REGISTER_PROBE = 8;
  private static final int REGISTER_PBUF_RING = 22;
  private static final long OFF_SQ_RING = 0;
  private static final long OFF_SQES = 0x10000000L;
  private static final int PROT_RW = 0x3;
  private static final int MAP_SHARED_POPULATE = 0x01 | 0x8000;
  static final int ETIME = 62;
  static final int EBUSY = 16;

  static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

  static native Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long off);

  static native int munmap(Pointer addr, long length);

  private final int fd;
  private final Pointer rings;
  private final long ringsSize;
  private final Pointer sqeArray;
  private final long sqesSize;
  /** {@code io_uring_getevents_arg} at 0 (24 bytes), its {@code __kernel_timespec} at 24. */
  private final Memory arg = new Memory(40);
  private final UringQueues queues;
  private boolean closed;

  private IoUring(int fd, Memory params) throws IOException {
    this.fd = fd;
    int sqEntries = params.getInt(0);
    int cqEntries = params.getInt(4);
    int[] sqOff = {params.getInt(40), params.getInt(44), params.getInt(48), params.getInt(52),
        params.getInt(64), params.getInt(56)};
    int[] cqOff = {params.getInt(80), params.getInt(84), params.getInt(88), params.getInt(100)};
    ringsSize = Math.max(sqOff[4] + 4L * sqEntries, cqOff[3] + 16L * cqEntries);
    sqesSize = (long) UringQueues.SQE_SIZE * sqEntries;
    rings = map(ringsSize, OFF_SQ_RING);
    Pointer sqesMapped;
    try {
      sqesMapped = map(sqesSize, OFF_SQES);
    } catch (IOException e) {
      munmap(rings, ringsSize);
      throw e;
    }
    sqeArray = sqesMapped;
    // SAFETY: the views live as long as the mappings, which close() unmaps after the owner
    // stopped using this object.
    java.nio.ByteBuffer ringView = rings.getByteBuffer(0, ringsSize);
    queues = new UringQueues(ringView, sqOff, sqeArray.getByteBuffer(0, sqesSize), ringView,
        cqOff);
  }

  private Pointer map(long size, long offset) throws IOException {
    Pointer p = mmap(null, size, PROT_RW, MAP_SHARED_POPULATE, fd, offset);
    if (Pointer.nativeValue(p) == -1L) {
      throw Errno.last("mmap");
    }
    return p;
  }

  /**
   * Sets up a ring with {@code entries} submission entries and four times as many completion
   * entries, and checks the features and operations the backend needs.
   *
   * @param entries the SQ size, a power of two (the kernel clamps it)
   * @return the ring
   * @throws IOException with the system's message if the kernel refuses (EPERM: a seccomp
   *     policy or {@code kernel.io_uring_disabled}; ENOSYS: no io_uring), or lacks a feature
   */
  public static IoUring open(int entries) throws IOException {
    if (java.nio.ByteOrder.nativeOrder() != java.nio.ByteOrder.LITTLE_ENDIAN) {
      // UringQueues writes submission entries as little-endian words (x86-64, aarch64).
      throw new IOException("io_uring support is written for little-endian machines only");
    }
    try {
      return open(entries, SETUP_CQSIZE | SETUP_CLAMP | SETUP_COOP_TASKRUN | SETUP_TASKRUN_FLAG);
    } catch (IOException e) {
      // Before 5.19 the kernel refuses the task-run flags (EINVAL): the plain ring.
      return open(entries, SETUP_CQSIZE | SETUP_CLAMP);
    }
  }

  private static IoUring open(int entries, int setupFlags) throws IOException {
    int fd;
    try (Memory params = new Memory(120)) {
      params.clear();
      params.setInt(4, entries * 4);
      params.setInt(8, setupFlags);
      // SAFETY: params is ours for the call; the kernel writes the sizes and offsets into it.
      fd = (int) syscall(SYS_SETUP, entries, Pointer.nativeValue(params), 0, 0, 0, 0);
      if (fd < 0) {
        throw Errno.last("io_uring_setup");
      }
      try {
        checkFeatures(params.getInt(20));
        checkOps(fd);
        return new IoUring(fd, params);
      } catch (IOException | RuntimeException e) {
        Socket.closeQuietly(fd);
        throw e;
      }
    }
  }

  private static void checkFeatures(int features) throws IOException {
    int[] bits = {FEAT_SINGLE_MMAP, FEAT_NODROP, FEAT_FAST_POLL, FEAT_EXT_ARG};
    String[] names = {"SINGLE_MMAP (5.4)", "NODROP (5.5)", "FAST_POLL (5.7)", "EXT_ARG (5.11)"};
    for (int i = 0; i < bits.length; i++) {
      if ((features & bits[i]) == 0) {
        throw new IOException("io_uring lacks IORING_FEAT_" + names[i]);
      }
    }
  }

  /** IORING_REGISTER_PROBE: one byte of last op, then 8-byte entries with a supported flag. */
  private static void checkOps(int fd) throws IOException {
    int count = 64;
    try (Memory probe = new Memory(16 + 8L * count)) {
      probe.clear();
      // SAFETY: probe is ours for the call; the kernel fills its entries.
      long r = syscall(SYS_REGISTER, fd, REGISTER_PROBE, Pointer.nativeValue(probe), count, 0,
          0);
      if (r < 0) {
        throw Errno.last("io_uring_register(PROBE)");
      }
      int opsLen = probe.getByte(1) & 0xff;
      for (int i = 0; i < NEEDED_OPS.length; i++) {
        int op = NEEDED_OPS[i];
        boolean supported = op < opsLen && (probe.getShort(16 + 8L * op + 2) & 1) != 0;
        if (!supported) {
          throw new IOException("io_uring lacks IORING_OP_" + OP_NAMES[i]);
        }
      }
    }
  }

  /**
   * Queues one operation, submitting what is queued first if the SQ is full. The memory that
   * {@code addr} and {@code off} point to is the operation's until its completion is reaped.
   *
   * @param opcode an {@code OP_*}
   * @param fd the descriptor
   * @param addr the buffer or address (or a target {@code user_data} for a cancel)
   * @param len the length
   * @param off the offset, second address, or address length
   * @param opFlags the per-op flags word
   * @param userData identifies the operation in its completion
   * @throws IOException if the kernel refuses the submission
   */
  public void submit(int opcode, int fd, long addr, int len, long off, int opFlags,
      long userData) throws IOException {
    if (!queues.push(opcode, fd, addr, len, off, opFlags, userData)) {
      enter(0);
      if (!queues.push(opcode, fd, addr, len, off, opFlags, userData)) {
        throw new IOException("io_uring submission queue stays full");
      }
    }
  }

  /**
   * Submits what is queued and, unless {@code timeoutNanos} is 0 or completions are already
   * waiting, waits for one completion at most {@code timeoutNanos} (negative: no limit).
   *
   * @param timeoutNanos the bound
   * @throws IOException if the kernel fails the call for another reason than a timeout, a
   *     signal or a full completion queue
   */
  public void enter(long timeoutNanos) throws IOException {
    queues.publish();
    queues.release();
    int toSubmit = queues.unsubmitted();
    boolean wait = timeoutNanos != 0 && queues.ready() == 0;
    // Overflowed completions, or (COOP_TASKRUN) completions the kernel still holds as task
    // work: only an enter with GETEVENTS moves them into the ring.
    boolean held = queues.completionsHeld();
    if (toSubmit == 0 && !wait && !held) {
      return;
    }
    int flags = wait || held ? ENTER_GETEVENTS : 0;
    long argAddr = 0;
    long argSize = 0;
    if (wait && timeoutNanos > 0) {
      flags |= ENTER_EXT_ARG;
      // SAFETY: arg is ours; the kernel reads it during this call only.
      argAddr = Pointer.nativeValue(arg);
      arg.setLong(0, 0);
      arg.setLong(8, 0);
      arg.setLong(16, argAddr + 24);
      arg.setLong(24, timeoutNanos / 1_000_000_000L);
      arg.setLong(32, timeoutNanos % 1_000_000_000L);
      argSize = 24;
    }
    long r = syscall(SYS_ENTER, fd, toSubmit, wait ? 1 : 0, flags, argAddr, argSize);
    if (r < 0) {
      int errno = Errno.last();
      if (errno != ETIME && errno != Errno.EINTR && errno != EBUSY && errno != Errno.EAGAIN) {
        throw Errno.exception(errno, "io_uring_enter");
      }
    }
  }

  /**
   * Completions waiting to be reaped.
   *
   * @return the count
   */
  public int ready() {
    return queues.ready();
  }

  /**
   * The oldest completion's {@code user_data}.
   *
   * @return the value
   */
  public long userData() {
    return queues.userData();
  }

  /**
   * The oldest completion's result.
   *
   * @return a count, a descriptor, or a negated errno
   */
  public int result() {
    return queues.result();
  }

  /**
   * The oldest completion's flags: {@link #CQE_F_MORE}, {@link #CQE_F_BUFFER} and, with the
   * latter, the selected buffer's id ({@link #bufferId}).
   *
   * @return the flags
   */
  public int flags() {
    return queues.flags();
  }

  /**
   * The id of the provided buffer a completion with {@link #CQE_F_BUFFER} consumed.
   *
   * @param cqeFlags the completion's flags
   * @return the buffer id
   */
  public static int bufferId(int cqeFlags) {
    return cqeFlags >>> 16;
  }

  /**
   * Moves past the oldest completion; its slot goes back to the kernel at the next
   * {@link #release()} (or {@link #enter}), so its fields must be read first.
   */
  public void advance() {
    queues.advance();
  }

  /** Hands the slots of the completions moved past back to the kernel: once per batch. */
  public void release() {
    queues.release();
  }

  /**
   * Queues one operation with {@code IOSQE_*} flags, an {@code ioprio} and a buffer group, as
   * {@link #submit(int, int, long, int, long, int, long)} otherwise.
   *
   * @param opcode an {@code OP_*}
   * @param sqeFlags the {@code IOSQE_*} flags (e.g. {@link #SQE_BUFFER_SELECT})
   * @param ioprio the {@code ioprio} field (e.g. {@link #RECV_MULTISHOT})
   * @param fd the descriptor
   * @param len the length
   * @param bufGroup the provided-buffer group the kernel picks a buffer from
   * @param userData identifies the operation in its completions
   * @throws IOException if the kernel refuses the submission
   */
  public void submitSelect(int opcode, int sqeFlags, int ioprio, int fd, int len, int bufGroup,
      long userData) throws IOException {
    if (!queues.push(opcode, sqeFlags, ioprio, fd, 0, len, 0, 0, userData, bufGroup)) {
      enter(0);
      if (!queues.push(opcode, sqeFlags, ioprio, fd, 0, len, 0, 0, userData, bufGroup)) {
        throw new IOException("io_uring submission queue stays full");
      }
    }
  }

  /**
   * IORING_REGISTER_PBUF_RING (Linux 5.19): registers a provided-buffer ring as group
   * {@code group}.
   *
   * @param ringAddress the ring's page-aligned address
   * @param entries its entry count, a power of two
   * @param group the buffer group id
   * @throws IOException with the system's message if the kernel refuses (EINVAL before 5.19)
   */
  public void registerBufferRing(long ringAddress, int entries, int group) throws IOException {
    try (Memory reg = new Memory(40)) {
      reg.clear();
      reg.setLong(0, ringAddress);
      reg.setInt(8, entries);
      reg.setShort(12, (short) group);
      // SAFETY: reg is ours for the call; the kernel keeps the ring's address, not reg's.
      long r = syscall(SYS_REGISTER, fd, REGISTER_PBUF_RING, Pointer.nativeValue(reg), 1, 0, 0);
      if (r < 0) {
        throw Errno.last("io_uring_register(PBUF_RING)");
      }
    }
  }

  /** Unmaps the rings, closes the ring and frees the argument block. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    munmap(sqeArray, sqesSize);
    munmap(rings, ringsSize);
    Socket.closeQuietly(fd);
    arg.close();
  }

  @Override
  public String toString() {
    return "IoUring(fd=" + fd + ", " + queues.capacity() + " entries)";
  }
}
