package dev.torsion.internet.uring;

import dev.torsion.internal.linux.IoUring;
import dev.torsion.internal.linux.Socket;
import dev.torsion.internet.reactor.IoBackend;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import org.jspecify.annotations.Nullable;

/**
 * A listening socket of a {@link UringBackend}. While accepting, one IORING_OP_POLL_ADD for
 * readability is in flight; its completion tells the port that connections wait, and the port
 * takes them with {@link #accept()}, a plain non-blocking {@code accept4}, in its own bounded
 * batches. The poll is submitted again once {@code accept4} finds the backlog empty.
 *
 * <p>Why not IORING_OP_ACCEPT: the kernel runs an accept in flight the moment a connection
 * arrives, taking a descriptor then, not when the port asks. Twisted's accept loop depends on
 * the port deciding: its batches, and above all its EMFILE handling (free the reserved
 * descriptor, accept and close the oldest waiting peer, back off), which
 * {@code test_closePeerOnEMFILE} checks and which an accept already completed, or already
 * failed, before the descriptors ran out would defeat. Accepting stays a ring operation's
 * completion; only the taking is the port's.
 */
final class UringListener extends UringHandle implements IoBackend.Listener {
  private static final int POLLIN = 1;

  private final @Nullable Closeable owner;
  /** The bound address; null for a UNIX socket, whose path the shared code knows. */
  private final @Nullable InetSocketAddress local;
  private final boolean unix;
  private final IoBackend.ListenerEvents events;
  private boolean open = true;
  private boolean accepting;
  private @Nullable Runnable onClosed;

  UringListener(UringBackend backend, int fd, @Nullable Closeable owner,
      @Nullable InetSocketAddress local, IoBackend.ListenerEvents events) {
    super(backend, fd);
    this.owner = owner;
    this.local = local;
    this.unix = local == null;
    this.events = events;
  }

  private void arm() {
    if (!open || !accepting || inFlight(OperationTable.ACCEPT)) {
      return;
    }
    try {
      submit(OperationTable.ACCEPT, IoUring.OP_POLL_ADD, 0, 0, 0, POLLIN);
    } catch (IOException e) {
      UringBackend.LOG.error("{} cannot wait for connections", this, e);
    }
  }

  @Override
  void completed(int kind, int res, int flags) {
    if (open && !closing() && accepting) {
      events.acceptReady();
    }
  }

  @Override
  void deferred() {
    if (!open) {
      Runnable r = onClosed;
      onClosed = null;
      if (r != null) {
        r.run();
      }
    } else if (accepting && !inFlight(OperationTable.ACCEPT)) {
      // The last batch ended without finding the backlog empty: ask the port again.
      events.acceptReady();
    }
  }

  @Override
  public InetSocketAddress localAddress() {
    if (local == null) {
      throw new UnsupportedOperationException("a UNIX listener's address is its path");
    }
    return local;
  }

  @Override
  public void setAccepting(boolean on) {
    if (open) {
      accepting = on;
      arm();
    }
  }

  @Override
  public IoBackend.@Nullable Stream accept() throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    int c;
    try {
      c = backend.addresses.accept(fd);
    } catch (IOException e) {
      // The port backs off from exhaustion itself; after any other error it is asked again.
      backend.later(this);
      throw e;
    }
    if (c < 0) {
      arm();
      return null;
    }
    backend.later(this);
    UringStream s = new UringStream(backend, c, unix, null);
    try {
      s.remote = backend.addresses.accepted(c);
    } catch (IOException | RuntimeException e) {
      s.close(false);
      throw e;
    }
    return s;
  }

  @Override
  public void close(Runnable onClosed) {
    if (!open) {
      return;
    }
    open = false;
    this.onClosed = onClosed;
    beginClose();
  }

  @Override
  void closeDescriptor() {
    Socket.closeOwned(fd, owner);
  }

  @Override
  void released() {
    // The ring let go of the socket, so the port is free; onClosed waits for a later dispatch.
    backend.later(this);
  }

  @Override
  public String toString() {
    return "UringListener(fd=" + fd + ", " + (local == null ? "unix" : local) + ")";
  }
}
