package dev.torsion.internet.uring;

import dev.torsion.internal.linux.Errno;
import dev.torsion.internal.linux.IoUring;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionFdescWentAway;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IFileDescriptor;
import dev.torsion.internet.interfaces.IReadDescriptor;
import dev.torsion.internet.interfaces.IWriteDescriptor;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A descriptor number watched for {@code IReactorFDSet} on io_uring: its reader and writer
 * (either may be absent, or both the same object), each waited for by its own one-shot
 * IORING_OP_POLL_ADD (kind READ for POLLIN, kind WRITE for POLLOUT), submitted again after
 * every dispatch while the reader or writer stays. A poll armed while the descriptor is
 * already ready completes at once, so a reader that leaves bytes unread is called again on the
 * next turn: level-triggered, as the interface promises. The descriptor is the user's: it is
 * never closed here, and removing the last reader and writer cancels the polls at once, so the
 * ring lets go of its reference to the open file (a pipe's write end closed by its user must
 * hang up the read end).
 */
final class UringWatch extends UringHandle {
  private static final int POLLIN = 0x1;
  private static final int POLLOUT = 0x4;
  private static final int POLLERR = 0x8;
  private static final int POLLHUP = 0x10;
  private static final int ECANCELED = 125;

  private final UringFdSet owner;
  @Nullable IReadDescriptor reader;
  @Nullable IWriteDescriptor writer;

  UringWatch(UringBackend backend, UringFdSet owner, int fd) {
    super(backend, fd);
    this.owner = owner;
  }

  boolean idle() {
    return reader == null && writer == null;
  }

  /** Arms the polls the present reader and writer need, cancels those nobody needs. */
  void update() {
    sync(OperationTable.READ, reader != null, POLLIN);
    sync(OperationTable.WRITE, writer != null, POLLOUT);
  }

  private void sync(int kind, boolean wanted, int mask) {
    if (closing()) {
      return;
    }
    if (wanted && !inFlight(kind)) {
      try {
        submit(kind, IoUring.OP_POLL_ADD, 0, 0, 0, mask);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    } else if (!wanted && inFlight(kind)) {
      // A poll in flight holds the open file: let it go now, not at the next readiness.
      cancel(kind);
      backend.submitNow();
    }
  }

  @Override
  void completed(int kind, int res, int flags) {
    if (closing() || res == -ECANCELED) {
      update();
      return;
    }
    if (res < 0) {
      IFileDescriptor selectable = reader != null ? reader : writer;
      if (selectable != null) {
        owner.disconnect(this, selectable, Errno.exception(-res, "io_uring poll"));
      }
      return;
    }
    boolean read = kind == OperationTable.READ;
    if (read ? reader == null : writer == null) {
      // Its reader or writer was removed while the poll was in flight, the cancel too late.
      update();
      return;
    }
    boolean hungUp = (res & (POLLHUP | POLLERR)) != 0;
    ready(read && (res & POLLIN) != 0, !read && (res & POLLOUT) != 0, hungUp);
    if (!closing()) {
      update();
    }
  }

  /**
   * Twisted's {@code _doReadOrWrite}: a hang-up with nothing left to read ends the descriptor
   * (cleanly if it was being read); otherwise doRead, then doWrite if doRead did not end it.
   */
  private void ready(boolean readable, boolean writable, boolean hungUp) {
    IFileDescriptor selectable = reader != null ? reader : writer;
    if (selectable == null) {
      return;
    }
    Throwable why = null;
    if (hungUp && !readable) {
      why = reader != null ? new ConnectionDone("the descriptor hung up")
          : new ConnectionLost("the descriptor hung up or failed");
    } else {
      try {
        if (selectable.fileno() == -1) {
          why = new ConnectionFdescWentAway("fileno() is -1");
        } else {
          IReadDescriptor r = reader;
          if (readable && r != null) {
            why = r.doRead();
          }
          // Read the field again: doRead may have removed or replaced the writer.
          IWriteDescriptor w = writer;
          if (why == null && (writable || hungUp) && w != null && !closing()) {
            why = w.doWrite();
          }
        }
      } catch (RuntimeException | Error e) {
        UringBackend.LOG.error("unhandled error from {} (descriptor {}); removing it",
            selectable.logPrefix(), fd, e);
        why = e;
      }
    }
    if (why != null) {
      owner.disconnect(this, selectable, why);
    }
  }

  @Override
  void deferred() {
    // A watch queues no work.
  }

  @Override
  void closeDescriptor() {
    // The descriptor is the user's.
  }

  @Override
  void released() {
    // No buffers: a poll lends the kernel nothing.
  }

  @Override
  public String toString() {
    return "UringWatch(fd=" + fd + ", reader=" + reader + ", writer=" + writer + ")";
  }
}
