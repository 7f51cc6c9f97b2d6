package dev.torsion.internal.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * eventfd(2) as a wake-up: any thread may {@link #signal()}; the owner's wait sees the
 * descriptor readable and {@link #drain()}s it. Signals are coalesced, so a burst of
 * {@code callFromThread} costs one system call.
 */
public final class EventFd implements AutoCloseable {
  static {
    Native.register(EventFd.class, "c");
  }

  private static final int EFD_NONBLOCK = 0x800;
  private static final int EFD_CLOEXEC = 0x80000;

  static native int eventfd(int initval, int flags);

  static native int eventfd_write(int fd, long value);

  static native long read(int fd, Pointer buf, long count);

  static native int close(int fd);

  private final int fd;
  /** The counter {@link #drain()} reads into: owned here, freed by {@link #close()}. */
  private final Memory counter = new Memory(8);
  private final AtomicBoolean signalled = new AtomicBoolean();
  private boolean closed;

  /**
   * Opens a non-blocking, close-on-exec eventfd.
   *
   * @throws IOException if the kernel refuses
   */
  public EventFd() throws IOException {
    fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0) {
      IOException e = Errno.last("eventfd");
      counter.close();
      throw e;
    }
  }

  /**
   * The descriptor to wait on for readability.
   *
   * @return the descriptor
   */
  public int fd() {
    return fd;
  }

  /** Makes the descriptor readable. Thread-safe; does nothing once closed. */
  public void signal() {
    if (signalled.compareAndSet(false, true)) {
      // Under the lock so a descriptor just closed (and maybe reused) is never written.
      synchronized (this) {
        if (!closed) {
          eventfd_write(fd, 1);
        }
      }
    }
  }

  /** Consumes the signals, on the waiting thread, before handling what they announced. */
  public void drain() {
    // Read, then clear. Cleared first, a signal landing between the two would have its write
    // eaten by this read while its flag stayed raised: every later signal() would be a no-op
    // and a wait with no timer would never end. This way a signal before the clear finds the
    // flag raised and writes nothing, which is safe because the waiting thread is awake and
    // looks for work after draining; a signal after the clear writes and wakes the next wait.
    // SAFETY: `counter` is this object's until close(), which runs on this same thread.
    read(fd, counter, 8);
    signalled.set(false);
  }

  /** Closes the descriptor and frees the memory. Idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      close(fd);
      counter.close();
    }
  }
}
