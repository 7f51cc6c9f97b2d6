package dev.torsion.internet.uring;

import dev.torsion.internal.linux.Errno;
import dev.torsion.internal.linux.FdSetCore;
import dev.torsion.internal.linux.IoUring;
import dev.torsion.internal.linux.WatchSlots;
import java.io.IOException;

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
final class UringWatch extends UringHandle implements FdSetCore.Watch {
  private static final int POLLIN = 0x1;
  private static final int POLLOUT = 0x4;
  private static final int POLLERR = 0x8;
  private static final int POLLHUP = 0x10;
  private static final int ECANCELED = 125;

  // Initialised after the handle's constructor, so fd is already the number.
  private final WatchSlots slots = new WatchSlots(fd);

  UringWatch(UringBackend backend, int fd) {
    super(backend, fd);
  }

  /** Arms the polls the present reader and writer need, cancels those nobody needs. */
  void update() {
    sync(OperationTable.READ, slots.reader() != null, POLLIN);
    sync(OperationTable.WRITE, slots.writer() != null, POLLOUT);
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
      backend.fdSet().fail(this, Errno.exception(-res, "io_uring poll"));
      return;
    }
    boolean read = kind == OperationTable.READ;
    if (read ? slots.reader() == null : slots.writer() == null) {
      // Its reader or writer was removed while the poll was in flight, the cancel too late.
      update();
      return;
    }
    boolean hungUp = (res & (POLLHUP | POLLERR)) != 0;
    backend.fdSet().dispatch(this, read && (res & POLLIN) != 0, !read && (res & POLLOUT) != 0, hungUp);
    if (!closing()) {
      update();
    }
  }

  @Override
  public WatchSlots slots() {
    return slots;
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
    return "UringWatch(" + slots + ")";
  }
}
