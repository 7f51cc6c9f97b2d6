package dev.torsion.internet.uring;

import dev.torsion.internal.linux.IoUring;
import java.io.IOException;

/**
 * What a stream, a listener or the waker shares: a descriptor, a slot in the backend's
 * {@link OperationTable}, and the bookkeeping that keeps the slot, the descriptor and every
 * buffer alive until the last completion of the handle's operations has been reaped.
 *
 * <p>Closing is two steps: {@link #beginClose()} asks the kernel to cancel whatever is in flight
 * (IORING_OP_ASYNC_CANCEL, by {@code user_data}), submits everything queued (so no queued entry
 * still names the descriptor number, which the next socket may reuse), and closes the
 * descriptor at once, so the number is free as with any reactor; the socket itself lives on in
 * the ring's own reference until its operations end. Once the cancelled operations and the
 * cancels themselves have completed, the backend calls {@link #released()}, which returns the
 * buffers: freeing them earlier would let the kernel write into memory that is someone else's.
 */
abstract class UringHandle {
  final UringBackend backend;
  final int fd;
  final int slot;
  /** {@link OperationTable} kind bits of the operations in flight. */
  private int inFlight;
  private int cancels;
  private boolean closing;
  private boolean released;
  /** On the backend's list of handles with work for the next poll. */
  boolean queued;

  UringHandle(UringBackend backend, int fd) {
    this.backend = backend;
    this.fd = fd;
    this.slot = backend.register(this);
  }

  final boolean inFlight(int kind) {
    return (inFlight & kind) != 0;
  }

  final boolean closing() {
    return closing;
  }

  /**
   * Submits one operation of {@code kind}; its buffers are the kernel's from now until
   * {@link #completed} for that kind.
   */
  final void submit(int kind, int opcode, long addr, int len, long off, int opFlags)
      throws IOException {
    backend.ring().submit(opcode, fd, addr, len, off, opFlags,
        OperationTable.userData(slot, kind));
    inFlight |= kind;
  }

  /**
   * Submits a receive the kernel gives a buffer from the backend's provided-buffer ring
   * ({@code group}), multishot: it stays in flight, posting a completion with
   * {@link IoUring#CQE_F_MORE} per arrival, until one without that flag ends it. No buffer of
   * the handle's is lent: each completion lends the handle the buffer it names.
   */
  final void submitMultishotRecv(int kind, int group) throws IOException {
    backend.ring().submitSelect(IoUring.OP_RECV, IoUring.SQE_BUFFER_SELECT,
        IoUring.RECV_MULTISHOT, fd, 0, group, OperationTable.userData(slot, kind));
    inFlight |= kind;
  }

  /**
   * Asks the kernel to end the operation of {@code kind} in flight; it completes (with
   * ECANCELED, or with its own result if it won the race) and keeps its buffers until then.
   */
  final void cancel(int kind) {
    try {
      backend.ring().submit(IoUring.OP_ASYNC_CANCEL, -1, OperationTable.userData(slot, kind), 0,
          0, 0, OperationTable.userData(slot, OperationTable.CANCEL));
      cancels++;
    } catch (IOException e) {
      // The operation completes on its own (or when the ring closes); release waits.
      UringBackend.LOG.debug("cannot cancel an operation of {}", this, e);
    }
  }

  /**
   * Called by the backend for every completion of this handle. A completion flagged
   * {@link IoUring#CQE_F_MORE} leaves its (multishot) operation in flight.
   */
  final void complete(int kind, int res, int flags) {
    if (kind == OperationTable.CANCEL) {
      cancels--;
    } else {
      if ((flags & IoUring.CQE_F_MORE) == 0) {
        inFlight &= ~kind;
      }
      completed(kind, res, flags);
    }
  }

  /** Whether the handle is closing and nothing of it is in flight any more. */
  final boolean releasable() {
    return closing && !released && inFlight == 0 && cancels == 0;
  }

  /** Marks the handle released: its slot is free and its descriptor closed. */
  final void markReleased() {
    released = true;
  }

  /** Cancels what is in flight; the backend calls {@link #released()} once all completed. */
  final void beginClose() {
    if (closing) {
      return;
    }
    closing = true;
    for (int kind = 1; kind <= OperationTable.ACCEPT; kind <<= 1) {
      if ((inFlight & kind) != 0) {
        cancel(kind);
      }
    }
    try {
      backend.ring().enter(0);
    } catch (IOException e) {
      UringBackend.LOG.warn("cannot submit the cancels of {}", this, e);
    }
    closeDescriptor();
    backend.releaseIfDone(this);
  }

  /** Closes the descriptor (or the adopted channel owning it); called once, from beginClose. */
  abstract void closeDescriptor();

  /**
   * One operation completed: its buffers are the handle's again (a multishot one's only when
   * {@code flags} lacks {@link IoUring#CQE_F_MORE}; a provided buffer the completion names is
   * the handle's until it recycles it).
   *
   * @param kind the {@link OperationTable} kind
   * @param res the kernel's result: a count, a descriptor, or a negated errno
   * @param flags the completion's {@code IORING_CQE_F_*} flags
   */
  abstract void completed(int kind, int res, int flags);

  /** Work queued with {@link UringBackend#later}, run from the next poll. */
  abstract void deferred();

  /** Nothing is in flight any more after {@link #beginClose()}: free the buffers. */
  abstract void released();
}
