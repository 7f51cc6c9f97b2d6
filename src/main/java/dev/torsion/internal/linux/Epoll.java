package dev.torsion.internal.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * epoll(7): an interest list in the kernel and a wait returning only the ready descriptors.
 *
 * <p>{@code struct epoll_event} is {@code {uint32_t events; uint64_t data;}}, packed on x86-64
 * (12 bytes, data at offset 4) and naturally aligned elsewhere (16 bytes, data at 8). The
 * backends put the descriptor in the low half of {@code data} and a registration number in the
 * high half, so an event for a descriptor closed and reused within one batch is recognised.
 *
 * <p>Speed: the natives are direct-mapped with primitive arguments only (addresses as
 * {@code long}), which is JNA's cheapest call; the event array is read through a direct
 * {@link ByteBuffer} view, so reading an event's fields is a memory load, not a JNI call.
 */
public final class Epoll {
  private Epoll() {}

  static {
    Native.register(Epoll.class, "c");
  }

  /** Readable (or a pending connection, or end of stream). */
  public static final int EPOLLIN = 0x1;
  /** Writable. */
  public static final int EPOLLOUT = 0x4;
  /** An error is pending; always reported. */
  public static final int EPOLLERR = 0x8;
  /** Hang-up; always reported. */
  public static final int EPOLLHUP = 0x10;
  static final int EPOLL_CTL_ADD = 1;
  static final int EPOLL_CTL_DEL = 2;
  static final int EPOLL_CTL_MOD = 3;
  static final int EPOLL_CLOEXEC = 0x80000;
  /** The size of one {@code struct epoll_event}. */
  static final int EVENT_SIZE = LinuxPlatform.X86_64 ? 12 : 16;
  private static final int DATA_OFFSET = LinuxPlatform.X86_64 ? 4 : 8;

  static native int epoll_create1(int flags);

  static native int epoll_ctl(int epfd, int op, int fd, long event);

  static native int epoll_wait(int epfd, long events, int maxevents, int timeout);

  /**
   * A new epoll instance, close-on-exec.
   *
   * @return its descriptor
   * @throws IOException if the kernel refuses
   */
  public static int create() throws IOException {
    return Errno.check(epoll_create1(EPOLL_CLOEXEC), "epoll_create1");
  }

  /**
   * The event array one wait fills, and the one-event buffer {@code epoll_ctl} reads: native
   * memory allocated here once and freed by {@link #close()}, never by the garbage collector.
   * Used on one thread only.
   */
  public static final class Events implements AutoCloseable {
    /** The events, then one more for {@code epoll_ctl}; freed by {@link #close()}. */
    private final Memory memory;
    /** A view of {@link #memory} in the CPU's byte order; lives as long as it. */
    private final ByteBuffer view;
    private final long arrayAddress;
    private final long oneAddress;
    private final int oneOffset;
    private final int capacity;

    /**
     * Allocates room for {@code capacity} events.
     *
     * @param capacity the most events one wait returns
     */
    public Events(int capacity) {
      this.capacity = capacity;
      this.oneOffset = capacity * EVENT_SIZE;
      this.memory = new Memory((long) (capacity + 1) * EVENT_SIZE);
      this.view = memory.getByteBuffer(0, memory.size()).order(ByteOrder.nativeOrder());
      this.arrayAddress = Pointer.nativeValue(memory);
      this.oneAddress = arrayAddress + oneOffset;
    }

    /**
     * Adds, changes or removes {@code fd}'s interest: ADD when {@code registered} is false,
     * DEL when {@code events} is 0, else MOD.
     *
     * @param epfd the epoll instance
     * @param fd the descriptor
     * @param events the EPOLLIN/EPOLLOUT mask, 0 to remove
     * @param data what the wait reports with the descriptor's events
     * @param registered whether {@code fd} is in the interest list now
     * @throws IOException if the kernel refuses
     */
    public void control(int epfd, int fd, int events, long data, boolean registered)
        throws IOException {
      int op = !registered ? EPOLL_CTL_ADD : events == 0 ? EPOLL_CTL_DEL : EPOLL_CTL_MOD;
      // SAFETY: the last slot of `memory` is ours for this call only; the kernel copies it
      // before returning.
      view.putInt(oneOffset, events);
      view.putLong(oneOffset + DATA_OFFSET, data);
      if (epoll_ctl(epfd, op, fd, oneAddress) < 0) {
        throw Errno.last("epoll_ctl");
      }
    }

    /**
     * Waits for events.
     *
     * @param epfd the epoll instance
     * @param timeoutMillis -1 for no limit
     * @return how many events were stored, 0 on timeout or interruption
     * @throws IOException if the wait fails otherwise
     */
    public int await(int epfd, int timeoutMillis) throws IOException {
      // SAFETY: the kernel writes at most `capacity` events into the start of `memory`, which
      // lives until close(); the wait returns before anything reads them.
      int n = epoll_wait(epfd, arrayAddress, capacity, timeoutMillis);
      if (n < 0) {
        int errno = Errno.last();
        if (errno == Errno.EINTR) {
          return 0;
        }
        throw Errno.exception(errno, "epoll_wait");
      }
      return n;
    }

    /**
     * The event mask of the {@code i}-th event of the last wait.
     *
     * @param i the index
     * @return the mask
     */
    public int events(int i) {
      return view.getInt(i * EVENT_SIZE);
    }

    /**
     * The data of the {@code i}-th event of the last wait.
     *
     * @param i the index
     * @return the data registered with the descriptor
     */
    public long data(int i) {
      // Unaligned on x86-64 (packed struct): the view's getLong allows that.
      return view.getLong(i * EVENT_SIZE + DATA_OFFSET);
    }

    /** Frees the native memory. Idempotent; nothing may be called after it. */
    @Override
    public void close() {
      memory.close();
    }
  }
}
