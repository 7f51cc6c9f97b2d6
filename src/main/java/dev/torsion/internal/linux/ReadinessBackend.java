package dev.torsion.internal.linux;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O backend over native descriptors and a readiness event source, shared by the epoll
 * and poll reactors; a subclass supplies only the event source ({@link #changeInterest},
 * {@link #await}, {@link #closeSource}).
 *
 * <p>Sockets are native descriptors end to end (socket, accept4, connect, recv, send through
 * {@link Socket}), not JDK channels; channels handed to {@code adopt*} keep owning their
 * descriptor, which is read with {@link ChannelDescriptors}. The event source is level-triggered
 * and holds interest only while work waits (reading on, bytes queued, accepting), because a
 * descriptor registered with no interest still reports hang-ups and errors, and would spin.
 *
 * <p>Memory: the 64 KiB read buffer, the 128 KiB write buffer and the address block are
 * allocated once here and freed by {@link #close()}.
 */
public abstract class ReadinessBackend implements IoBackend {
  private static final Logger LOG = LoggerFactory.getLogger(ReadinessBackend.class);
  /** Twisted's {@code bufferSize}: the most read at once. */
  static final int READ_SIZE = 64 * 1024;
  /** Twisted's {@code SEND_LIMIT}: the most sent per socket per turn. */
  static final int SEND_LIMIT = 128 * 1024;

  /** The wake-up descriptor; the subclass waits on it and calls {@link #wakerReady()}. */
  protected final EventFd waker;
  /** Owned here, freed by {@link #close()}; the kernel's only during one recv. */
  private final Memory readMemory = new Memory(READ_SIZE);
  /** {@link #readMemory}'s address, for recv. */
  final long readAddress = Pointer.nativeValue(readMemory);
  /**
   * A view of {@link #readMemory}: its bulk get copies with the JVM's intrinsic, where
   * {@code Memory.read} is a JNI call.
   */
  final ByteBuffer readBuffer = readMemory.getByteBuffer(0, READ_SIZE);
  /** Owned here, freed by {@link #close()}; the kernel's only during one send. */
  private final Memory writeMemory = new Memory(SEND_LIMIT);
  /** {@link #writeMemory}'s address, for send. */
  final long writeAddress = Pointer.nativeValue(writeMemory);
  /** A view of {@link #writeMemory} for {@link Outbound#peek}; made once. */
  final ByteBuffer writeBuffer = writeMemory.getByteBuffer(0, SEND_LIMIT);
  final SocketAddresses addresses = new SocketAddresses();
  private @Nullable Descriptor[] byFd = new Descriptor[256];
  private int tokens;
  private List<Runnable> pendingCloses = new ArrayList<>();
  private List<Runnable> runningCloses = new ArrayList<>();
  private List<NativeStream> pendingDrained = new ArrayList<>();
  private List<NativeStream> runningDrained = new ArrayList<>();
  private Runnable dispatchHook = () -> { };
  /** {@code IReactorFDSet}: user descriptors in the same table and event source. */
  private final NativeFdSet fdSet = new NativeFdSet(this);
  private boolean dispatching;
  private boolean closed;

  /**
   * Opens the wake-up descriptor.
   *
   * @throws IOException if the kernel refuses an eventfd
   */
  protected ReadinessBackend() throws IOException {
    waker = new EventFd();
  }

  /**
   * Sets what to run when a poll starts dispatching events (the loop core's
   * {@code dispatchStarting}, so the watchdog also times I/O callbacks).
   *
   * @param hook run once per poll that dispatches
   */
  public final void setDispatchHook(Runnable hook) {
    dispatchHook = hook;
  }

  /**
   * Adds, changes or removes (when {@code ops} is 0) {@code d}'s interest in the event source;
   * {@code d.interest()} is still the old interest.
   *
   * @param d the descriptor
   * @param ops {@link Descriptor#READ} and {@link Descriptor#WRITE} bits
   */
  protected abstract void changeInterest(Descriptor d, int ops);

  /**
   * Waits up to {@code timeoutMillis} (-1: no limit) and calls {@link #dispatch} for each ready
   * descriptor (found with {@link #lookup}) and {@link #wakerReady()} for the waker.
   *
   * @param timeoutMillis the bound
   * @throws IOException if the wait fails
   */
  protected abstract void await(int timeoutMillis) throws IOException;

  /** Releases the event source. */
  protected abstract void closeSource();

  /**
   * {@code d}, still in the event source with {@code d.interest()}, is about to be closed by
   * this backend (no other reference to its file description): by default removed as by
   * {@code changeInterest(d, 0)}; an event source that forgets a closed descriptor on its own
   * may skip that call.
   *
   * @param d the descriptor
   */
  protected void closing(Descriptor d) {
    changeInterest(d, 0);
  }

  final int nextToken() {
    tokens = (tokens + 1) & 0x3fffffff;
    return tokens | 0x40000000;
  }

  /**
   * The open descriptor numbered {@code fd}.
   *
   * @param fd the number
   * @return it, or null if closed
   */
  protected final @Nullable Descriptor lookup(int fd) {
    return fd < byFd.length ? byFd[fd] : null;
  }

  final void opened(Descriptor d) {
    if (d.fd >= byFd.length) {
      byFd = Arrays.copyOf(byFd, Math.max(d.fd + 1, byFd.length * 2));
    }
    byFd[d.fd] = d;
  }

  /**
   * Removes {@code d} from the table, and from the event source unless {@code closing} says
   * the caller closes the descriptor itself right after (see {@link #closing}).
   */
  final void forget(Descriptor d, boolean closing) {
    try {
      if (closing) {
        d.closing();
      } else {
        d.setInterest(0);
      }
    } finally {
      if (d.fd < byFd.length && byFd[d.fd] == d) {
        byFd[d.fd] = null;
      }
    }
  }

  /**
   * Refuses work once closed: the native memory is freed then, and touching it would crash.
   *
   * @throws IOException once {@link #close()} has run
   */
  final void checkOpen() throws IOException {
    if (closed) {
      throw new IOException(this + " is closed");
    }
  }

  /** For {@link NativeFdSet}: as {@link #checkOpen()}, unchecked for the public facet. */
  final void checkOpenState() {
    if (closed) {
      throw new IllegalStateException(this + " is closed: the reactor has stopped");
    }
  }

  @Override
  public final NativeFdSet fdSet() {
    return fdSet;
  }

  /** Drains the waker; the loop then runs what the wake-up announced. */
  protected final void wakerReady() {
    waker.drain();
  }

  @Override
  public final void poll(long timeoutNanos) {
    dispatching = false;
    // Swap the lists so work queued during dispatch waits for the next wait.
    List<Runnable> closes = pendingCloses;
    pendingCloses = runningCloses;
    runningCloses = closes;
    List<NativeStream> drained = pendingDrained;
    pendingDrained = runningDrained;
    runningDrained = drained;
    long timeout = closes.isEmpty() && drained.isEmpty() ? timeoutNanos : 0;
    int millis = timeout < 0 ? -1
        : (int) Math.min(Integer.MAX_VALUE, (timeout + 999_999) / 1_000_000);
    try {
      await(millis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!drained.isEmpty() || !closes.isEmpty()) {
      startDispatching();
    }
    for (int i = 0; i < drained.size(); i++) {
      drained.get(i).deliverDrained();
    }
    drained.clear();
    for (int i = 0; i < closes.size(); i++) {
      try {
        closes.get(i).run();
      } catch (RuntimeException | Error e) {
        LOG.error("unhandled error after closing a listener", e);
      }
    }
    closes.clear();
  }

  private void startDispatching() {
    if (!dispatching) {
      dispatching = true;
      dispatchHook.run();
    }
  }

  /**
   * Delivers one readiness event; a handler's error costs its own socket only.
   *
   * @param d the descriptor
   * @param readable readable, or at end of stream
   * @param writable writable
   * @param hungUp hung up or in error (a socket sees this as readable and writable)
   */
  protected final void dispatch(Descriptor d, boolean readable, boolean writable,
      boolean hungUp) {
    startDispatching();
    try {
      d.ready(readable, writable, hungUp);
    } catch (RuntimeException | Error e) {
      if (d instanceof NativeListener) {
        // The accept loop must never die; its owner backs off on its own failures.
        LOG.error("unhandled error accepting on {}; still listening", d, e);
        return;
      }
      LOG.error("unhandled error dispatching {}; closing it", d, e);
      if (d instanceof NativeStream s) {
        s.failFromDispatch(e);
      }
    }
  }

  /** Runs {@code r} after the next wait. */
  final void afterNextPoll(Runnable r) {
    pendingCloses.add(r);
  }

  final void drainLater(NativeStream s) {
    pendingDrained.add(s);
  }

  @Override
  public final void wakeUp() {
    waker.signal();
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Sockets the loop did not close (a reactor never run to its end) must not leak.
    for (Descriptor d : byFd) {
      if (d != null) {
        d.closeNow();
      }
    }
    closeSource();
    waker.close();
    readMemory.close();
    writeMemory.close();
    addresses.close();
  }

  @Override
  public final Listener listen(InetSocketAddress local, int backlog, ListenerEvents events)
      throws IOException {
    checkOpen();
    int fd = Socket.open(SocketAddresses.family(local));
    try {
      Socket.setOption(fd, java.net.StandardSocketOptions.SO_REUSEADDR, true,
          addresses.scratch());
      addresses.bind(fd, local);
      Socket.startListening(fd, backlog);
      return new NativeListener(this, fd, null, addresses.local(fd), events);
    } catch (IOException | RuntimeException e) {
      Socket.closeQuietly(fd);
      throw e;
    }
  }

  @Override
  public final Listener listenUNIX(UnixDomainSocketAddress path, int backlog,
      ListenerEvents events) throws IOException {
    checkOpen();
    int fd = Socket.open(Socket.AF_UNIX);
    try {
      addresses.bind(fd, path);
      Socket.startListening(fd, backlog);
      return new NativeListener(this, fd, null, null, events);
    } catch (IOException | RuntimeException e) {
      Socket.closeQuietly(fd);
      throw e;
    }
  }

  @Override
  public final Listener adoptListener(ServerSocketChannel channel, ListenerEvents events)
      throws IOException {
    // The channel is ours from here: on any failure close it, or nobody will.
    try {
      checkOpen();
      int fd = ChannelDescriptors.ofBoundServer(channel);
      InetSocketAddress local = addresses.familyOf(fd) == Socket.AF_UNIX ? null
          : addresses.local(fd);
      return new NativeListener(this, fd, channel, local, events);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public final Stream connect(InetSocketAddress remote, @Nullable InetSocketAddress local,
      StreamEvents events) throws IOException {
    return startConnect(remote, local, events);
  }

  @Override
  public final Stream connectUNIX(UnixDomainSocketAddress path, StreamEvents events)
      throws IOException {
    return startConnect(path, null, events);
  }

  private Stream startConnect(SocketAddress remote, @Nullable InetSocketAddress local,
      StreamEvents events) throws IOException {
    checkOpen();
    int family = SocketAddresses.family(remote);
    int fd = addresses.openBound(remote, local);
    try {
      addresses.connect(fd, remote);
      // Connected at once or not, the outcome is told from the first writable dispatch.
      NativeStream s = NativeStream.connecting(this, fd, family == Socket.AF_UNIX, events);
      if (remote instanceof InetSocketAddress ip) {
        s.remote = ip;
      }
      return s;
    } catch (IOException | RuntimeException e) {
      Socket.closeQuietly(fd);
      throw e;
    }
  }

  @Override
  public final Stream adoptStream(SocketChannel channel) throws IOException {
    try {
      checkOpen();
      if (!channel.isConnected()) {
        throw new IOException("the socket to adopt is not connected");
      }
      channel.configureBlocking(false);
      int fd = ChannelDescriptors.of(channel);
      return new NativeStream(this, fd, addresses.familyOf(fd) == Socket.AF_UNIX, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }
}
