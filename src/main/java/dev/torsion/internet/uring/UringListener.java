package dev.torsion.internet.uring;

import dev.torsion.internal.linux.Errno;
import dev.torsion.internal.linux.IoUring;
import dev.torsion.internal.linux.Socket;
import dev.torsion.internal.linux.UringBlock;
import dev.torsion.internet.reactor.IoBackend;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import org.jspecify.annotations.Nullable;

/**
 * A listening socket of a {@link UringBackend}. One IORING_OP_ACCEPT is in flight while
 * accepting; its connection (or error) is kept until the port calls {@link #accept()}, which
 * then drains the rest of the backlog with plain non-blocking {@code accept4} and submits the
 * operation again once the backlog is empty. So a burst of connections costs one completion and
 * a batch of system calls, not one loop turn each.
 */
final class UringListener extends UringHandle implements IoBackend.Listener {
  private static final int SOCK_NONBLOCK = 0x800;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int ECANCELED = 125;

  private final @Nullable Closeable owner;
  /** The bound address; null for a UNIX socket, whose path the shared code knows. */
  private final @Nullable InetSocketAddress local;
  private final boolean unix;
  private final IoBackend.ListenerEvents events;
  /** The peer address and its length word: the kernel's while the accept is in flight. */
  private final UringBlock peer = new UringBlock(UringBlock.ADDRESS_BLOCK);
  private boolean open = true;
  private boolean accepting;
  /** A connection the accept completed with, not yet taken; -1 if none. */
  private int acceptedFd = -1;
  private @Nullable InetSocketAddress acceptedPeer;
  private @Nullable IOException acceptError;
  private @Nullable Runnable onClosed;

  UringListener(UringBackend backend, int fd, @Nullable Closeable owner,
      @Nullable InetSocketAddress local, IoBackend.ListenerEvents events) {
    super(backend, fd);
    this.owner = owner;
    this.local = local;
    this.unix = local == null;
    this.events = events;
  }

  private boolean holding() {
    return acceptedFd >= 0 || acceptError != null;
  }

  private void arm() {
    if (!open || !accepting || holding() || inFlight(OperationTable.ACCEPT)) {
      return;
    }
    peer.resetAddressLength();
    try {
      // SAFETY: the peer block (address and its length word) is lent to the accept until its
      // completion; the listener frees it only in released().
      submit(OperationTable.ACCEPT, IoUring.OP_ACCEPT, peer.address(), 0,
          peer.address() + UringBlock.ADDRESS_LENGTH_OFFSET, SOCK_NONBLOCK | SOCK_CLOEXEC);
    } catch (IOException e) {
      acceptError = e;
      backend.later(this);
    }
  }

  @Override
  void completed(int kind, int res) {
    if (!open || closing()) {
      if (res >= 0) {
        Socket.closeQuietly(res);
      }
      return;
    }
    if (res == -ECANCELED) {
      return;
    }
    if (res >= 0) {
      acceptedFd = res;
      try {
        acceptedPeer = unix ? null : peer.peerAddress(res);
      } catch (IOException e) {
        Socket.closeQuietly(res);
        acceptedFd = -1;
        acceptError = e;
      }
    } else {
      acceptError = Errno.exception(-res, "accept");
    }
    if (accepting) {
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
    } else if (accepting && holding()) {
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
    if (!open) {
      return;
    }
    accepting = on;
    if (on && holding()) {
      backend.later(this);
    } else {
      arm();
    }
  }

  @Override
  public IoBackend.@Nullable Stream accept() throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    if (acceptedFd >= 0) {
      UringStream s = new UringStream(backend, acceptedFd, unix, null);
      s.remote = acceptedPeer;
      acceptedFd = -1;
      acceptedPeer = null;
      return s;
    }
    IOException held = acceptError;
    if (held != null) {
      acceptError = null;
      arm();
      throw held;
    }
    int c;
    try {
      c = backend.addresses.accept(fd);
    } catch (IOException e) {
      arm();
      throw e;
    }
    if (c < 0) {
      arm();
      return null;
    }
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
    if (acceptedFd >= 0) {
      Socket.closeQuietly(acceptedFd);
      acceptedFd = -1;
    }
    beginClose();
  }

  @Override
  void released() {
    peer.close();
    if (owner == null) {
      Socket.closeQuietly(fd);
    } else {
      try {
        owner.close();
      } catch (IOException e) {
        UringBackend.LOG.debug("closing adopted channel of descriptor {} failed", fd, e);
      }
    }
    // The descriptor is released; onClosed still waits for a later dispatch.
    backend.later(this);
  }

  @Override
  public String toString() {
    return "UringListener(fd=" + fd + ", " + (local == null ? "unix" : local) + ")";
  }
}
