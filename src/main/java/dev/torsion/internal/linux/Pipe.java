package dev.torsion.internal.linux;

import com.sun.jna.Native;
import java.io.IOException;

/**
 * pipe2(2), read(2), write(2) and close(2) on plain descriptors: the simplest descriptors to
 * watch with {@code IReactorFDSet} (readable when bytes wait, writable while the 64 KiB pipe
 * buffer has room, hung up when the other end closes). The caller owns both ends and closes
 * them with {@link #closeFd(int)}.
 */
public final class Pipe {
  private Pipe() {}

  static {
    Native.register(Pipe.class, "c");
  }

  private static final int O_NONBLOCK = 0x800;
  private static final int O_CLOEXEC = 0x80000;

  // SAFETY (all three): JNA copies the Java array into native memory for the duration of the
  // call only and back after it; the kernel keeps no pointer past the return.
  static native int pipe2(int[] fds, int flags);

  static native long read(int fd, byte[] buf, long count);

  static native long write(int fd, byte[] buf, long count);

  static native int close(int fd);

  /**
   * Opens a non-blocking, close-on-exec pipe.
   *
   * @return the read end then the write end
   * @throws IOException if the kernel refuses (no descriptors left)
   */
  public static int[] open() throws IOException {
    int[] fds = new int[2];
    Errno.check(pipe2(fds, O_NONBLOCK | O_CLOEXEC), "pipe2");
    return fds;
  }

  /**
   * Reads what is there, without blocking.
   *
   * @param fd a readable descriptor
   * @param buf where to put the bytes
   * @return the count, 0 at end of file, -1 if nothing is there yet
   * @throws IOException on an error
   */
  public static int read(int fd, byte[] buf) throws IOException {
    long n = read(fd, buf, buf.length);
    if (n < 0) {
      int errno = Errno.last();
      if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
        return -1;
      }
      throw Errno.exception(errno, "read");
    }
    return (int) n;
  }

  /**
   * Writes what the descriptor takes, without blocking.
   *
   * @param fd a writable descriptor
   * @param buf the bytes
   * @return how many were taken, 0 if the pipe is full
   * @throws IOException on an error (the read end closed: "Broken pipe")
   */
  public static int write(int fd, byte[] buf) throws IOException {
    long n = write(fd, buf, buf.length);
    if (n < 0) {
      int errno = Errno.last();
      if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
        return 0;
      }
      throw Errno.exception(errno, "write");
    }
    return (int) n;
  }

  /**
   * Closes a descriptor; errors are ignored, as the descriptor is gone either way on Linux.
   *
   * @param fd the descriptor
   */
  public static void closeFd(int fd) {
    close(fd);
  }
}
