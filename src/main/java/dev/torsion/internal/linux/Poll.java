package dev.torsion.internal.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * poll(2): the interest set is passed in full on every wait, as an array of
 * {@code struct pollfd {int fd; short events; short revents;}} (8 bytes each).
 *
 * <p>Speed: {@code poll} is direct-mapped with primitive arguments (the array's address as a
 * {@code long}); entries are written and read through a direct {@link ByteBuffer} view, memory
 * accesses rather than a JNI call per field.
 */
public final class Poll {
  private Poll() {}

  static {
    Native.register(Poll.class, "c");
  }

  /** Readable. */
  public static final short POLLIN = 0x1;
  /** Writable. */
  public static final short POLLOUT = 0x4;
  /** An error is pending; always reported. */
  public static final short POLLERR = 0x8;
  /** Hang-up; always reported. */
  public static final short POLLHUP = 0x10;
  /** Not an open descriptor; always reported. */
  public static final short POLLNVAL = 0x20;
  private static final int ENTRY = 8;

  static native int poll(long fds, long nfds, int timeout);

  /**
   * A growable {@code pollfd} array in native memory, owned by one thread: each growth frees
   * the old block at once and {@link #close()} frees the last, never the garbage collector.
   */
  public static final class Fds implements AutoCloseable {
    private Memory array;
    /** A view of {@link #array} in the CPU's byte order, replaced with it. */
    private ByteBuffer view;
    private int capacity;

    /**
     * Allocates room for {@code capacity} entries.
     *
     * @param capacity the initial size
     */
    public Fds(int capacity) {
      this.capacity = capacity;
      this.array = new Memory((long) capacity * ENTRY);
      this.view = viewOf(array);
    }

    private static ByteBuffer viewOf(Memory m) {
      return m.getByteBuffer(0, m.size()).order(ByteOrder.nativeOrder());
    }

    /**
     * Stores entry {@code i}, clearing its {@code revents}; grows the array as needed.
     *
     * @param i the index, at most the current count
     * @param fd the descriptor
     * @param events the POLLIN/POLLOUT mask
     */
    public void set(int i, int fd, int events) {
      if (i >= capacity) {
        Memory bigger = new Memory((long) capacity * 2 * ENTRY);
        ByteBuffer biggerView = viewOf(bigger);
        biggerView.put(0, view, 0, capacity * ENTRY);
        array.close();
        array = bigger;
        view = biggerView;
        capacity *= 2;
      }
      int at = i * ENTRY;
      view.putInt(at, fd);
      view.putShort(at + 4, (short) events);
      view.putShort(at + 6, (short) 0);
    }

    /**
     * The descriptor of entry {@code i}.
     *
     * @param i the index
     * @return the descriptor
     */
    public int fd(int i) {
      return view.getInt(i * ENTRY);
    }

    /**
     * What the last wait reported for entry {@code i}.
     *
     * @param i the index
     * @return the {@code revents} mask
     */
    public int revents(int i) {
      return view.getShort(i * ENTRY + 6);
    }

    /**
     * Waits until one of the first {@code count} entries is ready.
     *
     * @param count how many entries are in use
     * @param timeoutMillis -1 for no limit
     * @return how many entries have events, 0 on timeout or interruption
     * @throws IOException if the wait fails otherwise
     */
    public int await(int count, int timeoutMillis) throws IOException {
      // SAFETY: the kernel reads and writes the first `count` entries of `array`, ours until
      // close(), during this call only.
      int n = poll(Pointer.nativeValue(array), count, timeoutMillis);
      if (n < 0) {
        int errno = Errno.last();
        if (errno == Errno.EINTR) {
          return 0;
        }
        throw Errno.exception(errno, "poll");
      }
      return n;
    }

    /** Frees the native memory. Idempotent; nothing may be called after it. */
    @Override
    public void close() {
      array.close();
    }
  }
}
