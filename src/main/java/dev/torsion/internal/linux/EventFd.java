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
    // Clear first: a signal from now on writes again, so none is lost.
    signalled.set(false);
    // SAFETY: `counter` is this object's until close(), which runs on this same thread.
    read(fd, counter, 8);
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
