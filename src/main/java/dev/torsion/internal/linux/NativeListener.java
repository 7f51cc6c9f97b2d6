package dev.torsion.internal.linux;

import dev.torsion.internet.reactor.IoBackend;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import org.jspecify.annotations.Nullable;

/** A listening socket of a {@link ReadinessBackend}. */
final class NativeListener extends Descriptor implements IoBackend.Listener {
  private final @Nullable Closeable owner;
  /** The bound address; null for a UNIX socket, whose path the shared code knows. */
  private final @Nullable InetSocketAddress local;
  private final boolean unix;
  private final IoBackend.ListenerEvents events;
  private boolean open = true;

  NativeListener(ReadinessBackend backend, int fd, @Nullable Closeable owner,
      @Nullable InetSocketAddress local, IoBackend.ListenerEvents events) {
    super(backend, fd);
    this.owner = owner;
    this.local = local;
    this.unix = local == null;
    this.events = events;
    backend.opened(this);
  }

  @Override
  void ready(boolean readable, boolean writable) {
    if (open) {
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
      setInterest(on ? READ : 0);
    }
  }

  @Override
  public IoBackend.@Nullable Stream accept() throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    int c = backend.addresses.accept(fd);
    if (c < 0) {
      return null;
    }
    NativeStream s = new NativeStream(backend, c, unix, null);
    if (local != null && !local.getAddress().isAnyLocalAddress()) {
      s.local = local;
    }
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
    closeNow();
    // The descriptor is released already; onClosed still waits for a later dispatch.
    backend.afterNextPoll(onClosed);
  }

  @Override
  void closeNow() {
    if (open) {
      open = false;
      try {
        backend.forget(this, owner == null);
      } finally {
        Socket.closeOwned(fd, owner);
      }
    }
  }

  @Override
  public String toString() {
    return "NativeListener(fd=" + fd + ", " + (local == null ? "unix" : local) + ")";
  }
}
