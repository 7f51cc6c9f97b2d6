package dev.torsion.internet.uring;

import dev.torsion.internal.linux.ChannelDescriptors;
import dev.torsion.internal.linux.EventFd;
import dev.torsion.internal.linux.IoUring;
import dev.torsion.internal.linux.Socket;
import dev.torsion.internal.linux.SocketAddresses;
import dev.torsion.internal.linux.UringBlock;
import dev.torsion.internal.linux.UringBufferRing;
import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O backend over io_uring: completion-based. Reads, writes, accepts and connects are
 * submitted as operations and the kernel reports them done; {@link #poll} submits what was
 * queued and waits for completions in one {@code io_uring_enter}.
 *
 * <p>Some facts about io_uring this class relies on:
 * <ul>
 *   <li>A buffer named by a submitted operation is the kernel's until that operation's
 *       completion is reaped, even after a cancel was asked for: a cancel is itself an
 *       operation that completes, and the cancelled one still posts its own completion. So
 *       buffers come from {@link BlockPool}s, are taken at submission and given back in the
 *       completion handler, and a handle's descriptor is closed and its slot freed only when
 *       nothing of it is in flight ({@link UringHandle}).</li>
 *   <li>Closing a descriptor does not end the operations on it: the ring holds its own
 *       reference to the open file. Hence cancel first, close after.</li>
 *   <li>Socket operations on a non-blocking socket are not failed with EAGAIN: with
 *       IORING_FEAT_FAST_POLL the kernel waits by internal poll and completes them when data
 *       or room arrives.</li>
 *   <li>At most one receive and one send are in flight per stream. From Linux 6.0 the receive
 *       is multishot (IORING_RECV_MULTISHOT) over the backend's provided-buffer ring
 *       ({@link MultishotProbe} decides): armed once, it posts a completion per arrival,
 *       each naming a ring buffer the stream copies out and recycles at once; ENOBUFS (the
 *       ring ran dry) ends it with nothing read, and it is armed again. A pause cancels it,
 *       since an armed multishot would read on with no back-pressure; bytes it posts before
 *       the cancel lands are held in order and delivered on resume, never lost. Before 6.0 a
 *       one-shot receive into a pooled block is submitted per read and never cancelled for a
 *       pause: what it brings while paused is held the same way.</li>
 *   <li>Accepts: one IORING_OP_POLL_ADD (POLLIN) is in flight per accepting listener; when it
 *       completes, the port takes the backlog with plain non-blocking {@code accept4}, and the
 *       poll is submitted again once the backlog is empty ({@link UringListener} says why not
 *       IORING_OP_ACCEPT).</li>
 *   <li>Writes: the shared queue's head is copied into one 128 KiB block ({@code Outbound.peek}
 *       gathers many queued writes), sent with one IORING_OP_SEND; writev would only add an
 *       iovec array, since Java heap arrays cannot be lent to the kernel (the collector moves
 *       them) and are copied anyway.</li>
 *   <li>Timeouts ride on the wait itself (IORING_ENTER_EXT_ARG), so no timeout operation is
 *       submitted and cancelled per turn; wake-ups are an eventfd read kept in flight.</li>
 *   <li>{@code fdSet()} watches user descriptors by one-shot IORING_OP_POLL_ADD, submitted
 *       again after each dispatch: level-triggered, as {@code IReactorFDSet} promises
 *       ({@link UringWatch}).</li>
 * </ul>
 */
final class UringBackend implements IoBackend {
  static final Logger LOG = LoggerFactory.getLogger(UringBackend.class);
  /** Twisted's {@code bufferSize}: the most read at once. */
  static final int READ_SIZE = 64 * 1024;
  /** Twisted's {@code SEND_LIMIT}: the most sent per operation. */
  static final int SEND_LIMIT = 128 * 1024;
  private static final int ENTRIES = 1024;
  /** How long {@link #close()} waits for cancelled operations to complete. */
  private static final long CLOSE_WAIT_NANOS = 2_000_000_000L;

  private final IoUring ring;
  private final EventFd waker;
  final SocketAddresses addresses = new SocketAddresses();
  private final OperationTable<UringHandle> table = new OperationTable<>();
  private final UringFdSet fdSet = new UringFdSet(this);
  final BlockPool reads = new BlockPool(READ_SIZE);
  final BlockPool writes = new BlockPool(SEND_LIMIT);
  final BlockPool addressBlocks = new BlockPool(UringBlock.ADDRESS_BLOCK);
  private final UringWaker wake;
  /** The receive buffers of multishot receives; null where the kernel lacks them. */
  final @Nullable UringBufferRing buffers;
  private List<UringHandle> pending = new ArrayList<>();
  private List<UringHandle> running = new ArrayList<>();
  private Runnable dispatchHook = () -> { };
  private boolean dispatching;
  private boolean closed;

  UringBackend() throws IOException {
    this(true);
  }

  /** With {@code multishot} false, one-shot receives whatever the kernel offers (for tests). */
  UringBackend(boolean multishot) throws IOException {
    ring = IoUring.open(ENTRIES);
    EventFd w = null;
    UringBufferRing b = null;
    try {
      w = new EventFd();
      waker = w;
      b = multishot ? MultishotProbe.bufferRing(ring, w.fd()) : null;
      buffers = b;
      wake = new UringWaker(this, waker);
    } catch (IOException | RuntimeException e) {
      if (w != null) {
        w.close();
      }
      ring.close();
      if (b != null) {
        b.close();
      }
      addresses.close();
      throw e;
    }
  }

  void setDispatchHook(Runnable hook) {
    dispatchHook = hook;
  }

  IoUring ring() {
    return ring;
  }

  int register(UringHandle h) {
    return table.add(h);
  }

  /** Runs {@code h.deferred()} from the next poll, once however often it is asked. */
  void later(UringHandle h) {
    if (!h.queued) {
      h.queued = true;
      pending.add(h);
    }
  }

  void releaseIfDone(UringHandle h) {
    if (h.releasable()) {
      h.markReleased();
      table.remove(h.slot);
      h.released();
    }
  }

  @Override
  public UringFdSet fdSet() {
    return fdSet;
  }

  /** For {@link UringFdSet}: as {@link #checkOpen()}, unchecked for the public facet. */
  void checkOpenState() {
    if (closed) {
      throw new IllegalStateException(this + " is closed: the reactor has stopped");
    }
  }

  /** The reactor's own open handle (a stream, a listener, the waker) of {@code fd}, if any. */
  @Nullable UringHandle handleOf(int fd) {
    for (UringHandle h : table.snapshot()) {
      if (h.fd == fd && !h.closing() && !(h instanceof UringWatch)) {
        return h;
      }
    }
    return null;
  }

  /** Submits what is queued now, not at the next turn (cancels that free an open file). */
  void submitNow() {
    try {
      ring.enter(0);
    } catch (IOException e) {
      LOG.warn("cannot submit to {}", ring, e);
    }
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException(this + " is closed");
    }
  }

  @Override
  public void poll(long timeoutNanos) {
    dispatching = false;
    List<UringHandle> work = pending;
    pending = running;
    running = work;
    try {
      ring.enter(work.isEmpty() ? timeoutNanos : 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reap();
    for (int i = 0; i < work.size(); i++) {
      UringHandle h = work.get(i);
      h.queued = false;
      startDispatching();
      try {
        h.deferred();
      } catch (RuntimeException | Error e) {
        failed(h, e);
      }
    }
    work.clear();
  }

  /** Handles every completion waiting; each slot goes back to the kernel before its handler. */
  private void reap() {
    int n;
    while ((n = ring.ready()) > 0) {
      for (; n > 0; n--) {
        long userData = ring.userData();
        int res = ring.result();
        int flags = ring.flags();
        ring.advance();
        UringHandle h = table.get(OperationTable.slot(userData));
        if (h == null) {
          LOG.error("a completion for no handle: user_data {}, result {}", userData, res);
          continue;
        }
        startDispatching();
        try {
          h.complete(OperationTable.kind(userData), res, flags);
        } catch (RuntimeException | Error e) {
          failed(h, e);
        }
        releaseIfDone(h);
      }
      ring.release();
    }
  }

  private void failed(UringHandle h, Throwable e) {
    if (h instanceof UringStream s) {
      LOG.error("unhandled error dispatching {}; closing it", h, e);
      s.failFromDispatch(e);
    } else {
      // The accept loop must never die; its owner backs off on its own failures.
      LOG.error("unhandled error dispatching {}", h, e);
    }
  }

  private void startDispatching() {
    if (!dispatching) {
      dispatching = true;
      dispatchHook.run();
    }
  }

  @Override
  public void wakeUp() {
    waker.signal();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (UringHandle h : table.snapshot()) {
      h.beginClose();
    }
    long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
    long left = CLOSE_WAIT_NANOS;
    while (table.size() > 0 && left > 0) {
      try {
        ring.enter(left);
      } catch (IOException e) {
        LOG.warn("waiting for cancelled operations failed", e);
        break;
      }
      reap();
      left = deadline - System.nanoTime();
    }
    boolean clean = table.size() == 0;
    ring.close();
    waker.close();
    addresses.close();
    if (clean) {
      if (buffers != null) {
        buffers.close();
      }
      reads.close();
      writes.close();
      addressBlocks.close();
      wake.free();
    } else {
      // The kernel may still write into them while it tears the ring down: leak, not corrupt.
      LOG.warn("{} operations still in flight after closing io_uring; their buffers are kept",
          table.size());
    }
  }

  @Override
  public Listener listen(InetSocketAddress local, int backlog, ListenerEvents events)
      throws IOException {
    checkOpen();
    int fd = Socket.open(SocketAddresses.family(local));
    try {
      Socket.setOption(fd, StandardSocketOptions.SO_REUSEADDR, true, addresses.scratch());
      addresses.bind(fd, local);
      Socket.startListening(fd, backlog);
      return new UringListener(this, fd, null, addresses.local(fd), events);
    } catch (IOException | RuntimeException e) {
      Socket.closeQuietly(fd);
      throw e;
    }
  }

  @Override
  public Listener listenUNIX(UnixDomainSocketAddress path, int backlog, ListenerEvents events)
      throws IOException {
    checkOpen();
    int fd = Socket.open(Socket.AF_UNIX);
    try {
      addresses.bind(fd, path);
      Socket.startListening(fd, backlog);
      return new UringListener(this, fd, null, null, events);
    } catch (IOException | RuntimeException e) {
      Socket.closeQuietly(fd);
      throw e;
    }
  }

  @Override
  public Listener adoptListener(ServerSocketChannel channel, ListenerEvents events)
      throws IOException {
    // The channel is ours from here: on any failure close it, or nobody will.
    try {
      checkOpen();
      int fd = ChannelDescriptors.ofBoundServer(channel);
      InetSocketAddress local = addresses.familyOf(fd) == Socket.AF_UNIX ? null
          : addresses.local(fd);
      return new UringListener(this, fd, channel, local, events);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public Stream connect(InetSocketAddress remote, @Nullable InetSocketAddress local,
      StreamEvents events) throws IOException {
    return startConnect(remote, local, events);
  }

  @Override
  public Stream connectUNIX(UnixDomainSocketAddress path, StreamEvents events)
      throws IOException {
    return startConnect(path, null, events);
  }

  private Stream startConnect(SocketAddress remote, @Nullable InetSocketAddress local,
      StreamEvents events) throws IOException {
    checkOpen();
    int family = SocketAddresses.family(remote);
    int fd = addresses.openBound(remote, local);
    // From here the stream owns the descriptor and closes it on failure.
    return UringStream.connecting(this, fd, family == Socket.AF_UNIX, remote, events);
  }

  @Override
  public Stream adoptStream(SocketChannel channel) throws IOException {
    try {
      checkOpen();
      if (!channel.isConnected()) {
        throw new IOException("the socket to adopt is not connected");
      }
      channel.configureBlocking(false);
      int fd = ChannelDescriptors.of(channel);
      return new UringStream(this, fd, addresses.familyOf(fd) == Socket.AF_UNIX, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return "UringBackend(" + ring + ", " + table.size() + " handles, "
        + (buffers != null ? "multishot" : "one-shot") + " receives)";
  }
}
