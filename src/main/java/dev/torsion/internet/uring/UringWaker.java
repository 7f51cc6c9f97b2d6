package dev.torsion.internet.uring;

import dev.torsion.internal.linux.EventFd;
import dev.torsion.internal.linux.IoUring;
import dev.torsion.internal.linux.UringBlock;
import java.io.IOException;

/**
 * The wake-up: an 8-byte read of the backend's eventfd kept in flight, so {@link EventFd#signal}
 * from any thread completes it and ends the wait. Should a kernel fail that read with EAGAIN
 * (a non-blocking eventfd it will not wait on), the waker falls back to IORING_OP_POLL_ADD for
 * readability, which every kernel here waits on.
 */
final class UringWaker extends UringHandle {
  private static final int POLLIN = 1;
  private static final int EAGAIN = 11;
  private final EventFd eventFd;
  /** The read's 8-byte counter: the kernel's while the read is in flight. */
  private final UringBlock counter = new UringBlock(8);
  private boolean byPoll;

  UringWaker(UringBackend backend, EventFd eventFd) throws IOException {
    super(backend, eventFd.fd());
    this.eventFd = eventFd;
    arm();
  }

  private void arm() throws IOException {
    if (byPoll) {
      submit(OperationTable.READ, IoUring.OP_POLL_ADD, 0, 0, 0, POLLIN);
    } else {
      // SAFETY: counter is lent to this read until its completion.
      submit(OperationTable.READ, IoUring.OP_READ, counter.address(), 8, 0, 0);
    }
  }

  @Override
  void completed(int kind, int res, int flags) {
    if (closing()) {
      return;
    }
    if (res == -EAGAIN) {
      byPoll = true;
    }
    // Clears the coalescing flag (so the next signal writes again) and empties the counter a
    // poll completion left; the loop then runs whatever the signal announced.
    eventFd.drain();
    try {
      arm();
    } catch (IOException e) {
      UringBackend.LOG.error("cannot re-arm the io_uring waker; wake-ups are lost", e);
    }
  }

  @Override
  void deferred() {
    // The waker queues no work.
  }

  @Override
  void closeDescriptor() {
    // The backend closes the eventfd after the ring.
  }

  @Override
  void released() {
    // The backend closes the eventfd; the counter is freed by free(), after the ring.
  }

  void free() {
    counter.close();
  }

  @Override
  public String toString() {
    return "UringWaker(fd=" + fd + (byPoll ? ", poll" : "") + ")";
  }
}
