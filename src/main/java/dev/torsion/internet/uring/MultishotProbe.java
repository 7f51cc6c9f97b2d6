package dev.torsion.internet.uring;

import dev.torsion.internal.linux.IoUring;
import dev.torsion.internal.linux.UringBufferRing;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Decides, per backend, between multishot receives over a provided-buffer ring and one-shot
 * receives into a pooled block, and logs the choice once per process.
 *
 * <p>Multishot needs IORING_RECV_MULTISHOT (Linux 6.0) and IORING_REGISTER_PBUF_RING (5.19).
 * The first is probed by a receive on a descriptor that is not a socket (the backend's
 * eventfd): a kernel that knows the flag passes the receive's preparation and fails it at issue
 * with ENOTSOCK; one that does not fails the preparation with EINVAL. (Before 5.19 the
 * preparation ignored {@code ioprio}, but there the ring registration, tried second, fails.)
 * Nothing is left in flight: the probe's completion is reaped here, before any handle exists.
 */
final class MultishotProbe {
  /** How many receive buffers the ring holds. */
  static final int COUNT = 256;
  /** Each buffer's size: the most one receive completion carries. */
  static final int SIZE = 32 * 1024;
  private static final int GROUP = 0;
  private static final int EINVAL = 22;
  /** Names no slot of the operation table. */
  private static final long PROBE = -1L;
  private static final long WAIT_NANOS = 1_000_000_000L;
  private static final AtomicBoolean LOGGED = new AtomicBoolean();

  private MultishotProbe() {}

  /**
   * The buffer ring for multishot receives, or null when the kernel lacks them.
   *
   * @param ring a new ring with nothing in flight
   * @param notSocket any open descriptor that is not a socket
   * @return the registered ring, owned by the caller, or null
   * @throws IOException if the ring fails for another reason than a missing feature
   */
  static @Nullable UringBufferRing bufferRing(IoUring ring, int notSocket) throws IOException {
    String refused = probe(ring, notSocket);
    if (refused != null) {
      log("one-shot receives (" + refused + ")");
      return null;
    }
    UringBufferRing b;
    try {
      b = new UringBufferRing(ring, COUNT, SIZE, GROUP);
    } catch (IOException e) {
      log("one-shot receives (" + e.getMessage() + "; Linux 5.19 or later needed)");
      return null;
    }
    log("multishot receives over a provided-buffer ring of " + COUNT + " x " + SIZE / 1024
        + " KiB");
    return b;
  }

  private static @Nullable String probe(IoUring ring, int notSocket) throws IOException {
    ring.submitSelect(IoUring.OP_RECV, IoUring.SQE_BUFFER_SELECT, IoUring.RECV_MULTISHOT,
        notSocket, 0, GROUP, PROBE);
    ring.enter(WAIT_NANOS);
    if (ring.ready() == 0) {
      throw new IOException("io_uring did not answer a receive probe in 1 s");
    }
    int res = ring.result();
    ring.advance();
    ring.release();
    return res == -EINVAL ? "IORING_RECV_MULTISHOT refused: Linux 6.0 or later needed" : null;
  }

  private static void log(String choice) {
    if (LOGGED.compareAndSet(false, true)) {
      UringBackend.LOG.debug("io_uring reactor: {}", choice);
    }
  }
}
