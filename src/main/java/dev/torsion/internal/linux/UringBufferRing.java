package dev.torsion.internal.linux;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A provided-buffer ring (IORING_REGISTER_PBUF_RING, Linux 5.19): {@code count} receive buffers
 * of {@code size} bytes the kernel picks from when a receive is submitted with
 * IOSQE_BUFFER_SELECT, so a multishot receive needs no buffer of its own per connection.
 *
 * <p>Layout: the ring is an array of 16-byte {@code struct io_uring_buf} ({@code addr} u64,
 * {@code len} u32, {@code bid} u16, {@code resv} u16); the ring's tail, which this side
 * advances, overlays the first entry's {@code resv} at byte 14. The kernel keeps the head to
 * itself. Entries are written with plain stores, then the tail with a release fence before its
 * plain 16-bit store (the byte-buffer {@code VarHandle} has no release mode for shorts): the
 * pairing liburing's {@code io_uring_buf_ring_advance} uses.
 *
 * <p>Ownership: a buffer is the kernel's from the moment it is in the ring until a completion
 * names it ({@link IoUring#CQE_F_BUFFER}, id in the flags); then it is the receiver's, which
 * copies the bytes out and gives it back with {@link #recycle}. Both mappings (the ring, the
 * buffers) are anonymous {@code mmap}s owned by this object and unmapped by {@link #close()}
 * only, after the io_uring that registered them is closed (closing it unregisters the ring).
 * Pages are committed only as the kernel first writes them.
 *
 * <p>One thread only (the reactor's).
 */
public final class UringBufferRing implements AutoCloseable {
  private static final int ENTRY = 16;
  private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
  private static final int PROT_RW = 0x3;

  private final int count;
  private final int size;
  private final int mask;
  private final Pointer ringMemory;
  private final long ringBytes;
  private final Pointer bufferMemory;
  private final long bufferBytes;
  private final long bufferBase;
  private final ByteBuffer ring;
  private final ByteBuffer buffers;
  private final int group;
  private short tail;
  private boolean closed;

  /**
   * Maps the ring and the buffers, fills the ring with every buffer and registers it.
   *
   * @param uring the io_uring to register with
   * @param count the number of buffers, a power of two up to 32768
   * @param size each buffer's size
   * @param group the buffer group id receives will name
   * @throws IOException if the memory cannot be mapped or the kernel refuses the ring
   */
  public UringBufferRing(IoUring uring, int count, int size, int group) throws IOException {
    if (Integer.bitCount(count) != 1 || count > 32768 || (long) count * size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(count + " buffers of " + size + " bytes");
    }
    this.count = count;
    this.size = size;
    this.mask = count - 1;
    this.group = group;
    ringBytes = (long) count * ENTRY;
    bufferBytes = (long) count * size;
    ringMemory = mapAnonymous(ringBytes);
    Pointer b;
    try {
      b = mapAnonymous(bufferBytes);
    } catch (IOException e) {
      IoUring.munmap(ringMemory, ringBytes);
      throw e;
    }
    bufferMemory = b;
    bufferBase = Pointer.nativeValue(b);
    // SAFETY: the views live as long as the mappings, which close() unmaps last.
    ring = ringMemory.getByteBuffer(0, ringBytes).order(ByteOrder.LITTLE_ENDIAN);
    buffers = bufferMemory.getByteBuffer(0, bufferBytes);
    for (int bid = 0; bid < count; bid++) {
      put(bid);
    }
    publish();
    try {
      uring.registerBufferRing(Pointer.nativeValue(ringMemory), count, group);
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private static Pointer mapAnonymous(long bytes) throws IOException {
    Pointer p = IoUring.mmap(null, bytes, PROT_RW, MAP_PRIVATE_ANONYMOUS, -1, 0);
    if (Pointer.nativeValue(p) == -1L) {
      throw Errno.last("mmap");
    }
    return p;
  }

  /**
   * The buffer group id.
   *
   * @return the id
   */
  public int group() {
    return group;
  }

  /**
   * Each buffer's size, the most one receive completion carries.
   *
   * @return the size in bytes
   */
  public int size() {
    return size;
  }

  /**
   * Copies the first {@code n} bytes of buffer {@code bid} into a new array (the one allocation
   * per read, the array handed to {@code dataReceived}), one bulk copy. The buffer must be the
   * caller's: named by a completion and not yet recycled.
   *
   * @param bid the buffer id from the completion
   * @param n how many bytes the completion reported
   * @return the bytes
   */
  public byte[] copyOut(int bid, int n) {
    if (bid < 0 || bid >= count || n < 0 || n > size) {
      throw new IllegalArgumentException("buffer " + bid + ", " + n + " bytes");
    }
    byte[] data = new byte[n];
    buffers.get(bid * size, data, 0, n);
    return data;
  }

  /**
   * Gives buffer {@code bid} back to the kernel: from now on it is the kernel's again.
   *
   * @param bid the buffer id a completion named
   */
  public void recycle(int bid) {
    put(bid);
    publish();
  }

  private void put(int bid) {
    int at = (tail & mask) * ENTRY;
    ring.putLong(at, bufferBase + (long) bid * size);
    ring.putInt(at + 8, size);
    ring.putShort(at + 12, (short) bid);
    tail++;
  }

  private void publish() {
    // The entries' plain stores must be visible before the tail's.
    VarHandle.releaseFence();
    ring.putShort(14, tail);
  }

  /** Unmaps both regions. Idempotent; only after the registering io_uring is closed. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      IoUring.munmap(bufferMemory, bufferBytes);
      IoUring.munmap(ringMemory, ringBytes);
    }
  }

  @Override
  public String toString() {
    return "UringBufferRing(group " + group + ", " + count + " x " + size + " bytes)";
  }
}
