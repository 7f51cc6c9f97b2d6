package dev.torsion.internal.linux;

import dev.torsion.internet.reactor.IoBackend;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A connected (or connecting) stream socket of a {@link ReadinessBackend}. */
final class NativeStream extends Descriptor implements IoBackend.Stream {
  private static final Logger LOG = LoggerFactory.getLogger(NativeStream.class);

  private enum State { CONNECTING, OPEN, CLOSED }

  private final boolean unix;
  /** The JDK channel that owns the descriptor when adopted; it closes it. */
  private final @Nullable Closeable owner;
  private State state = State.OPEN;
  /** Known from accept, or cached from the first getpeername: a reset peer has no name. */
  @Nullable InetSocketAddress remote;
  /**
   * Known from accept when the listener is bound to one address (the accepted socket's name
   * is the listener's then), saving a getsockname per connection; else asked each time.
   */
  @Nullable InetSocketAddress local;
  private IoBackend.@Nullable StreamEvents events;
  private IoBackend.@Nullable Outbound outbound;
  private boolean reading;
  private boolean drainedWanted;
  /** A send error seen inside flush(), where no event may be called: told next dispatch. */
  private @Nullable IOException writeError;

  NativeStream(ReadinessBackend backend, int fd, boolean unix, @Nullable Closeable owner) {
    super(backend, fd);
    this.unix = unix;
    this.owner = owner;
    backend.opened(this);
  }

  static NativeStream connecting(ReadinessBackend backend, int fd, boolean unix,
      IoBackend.StreamEvents events) {
    NativeStream s = new NativeStream(backend, fd, unix, null);
    s.state = State.CONNECTING;
    s.events = events;
    s.setInterest(WRITE);
    return s;
  }

  private void updateInterest() {
    if (state != State.OPEN) {
      return;
    }
    long queued = outbound == null ? 0 : outbound.size();
    setInterest((reading ? READ : 0) | (queued > 0 || writeError != null ? WRITE : 0));
  }

  @Override
  public void start(IoBackend.StreamEvents ev, IoBackend.Outbound out) {
    events = ev;
    outbound = out;
    if (state == State.CONNECTING) {
      state = State.OPEN;
    }
    updateInterest();
  }

  @Override
  void ready(boolean readable, boolean writable) {
    IoBackend.StreamEvents ev = events;
    if (ev == null || state == State.CLOSED) {
      return;
    }
    if (state == State.CONNECTING) {
      finishConnect(ev);
      return;
    }
    if (readable && reading) {
      doRead(ev);
    }
    if (writable && state == State.OPEN && events == ev) {
      doWrite(ev);
    }
  }

  private void finishConnect(IoBackend.StreamEvents ev) {
    IOException error;
    try {
      int errno = Socket.pendingError(fd, backend.addresses.scratch());
      error = errno == 0 ? null : Errno.exception(errno, "connect");
    } catch (IOException e) {
      error = e;
    }
    state = State.OPEN;
    setInterest(0);
    ev.connectCompleted(error);
  }

  private void doRead(IoBackend.StreamEvents ev) {
    int n;
    try {
      // SAFETY: the backend's read memory, alive until its close, is the kernel's only during
      // this call and is copied out before the next read.
      n = Socket.read(fd, backend.readAddress, ReadinessBackend.READ_SIZE);
    } catch (IOException e) {
      close(false);
      ev.failed(e);
      return;
    }
    if (n == 0) {
      ev.readEOF();
    } else if (n > 0) {
      // The one allocation per read: the protocol's array.
      byte[] data = new byte[n];
      backend.readBuffer.get(0, data, 0, n);
      ev.dataReceived(data);
    }
  }

  private void doWrite(IoBackend.StreamEvents ev) {
    if (writeError == null && sendSome()) {
      drainedWanted = false;
      updateInterest();
      ev.writeDrained();
      return;
    }
    IOException err = writeError;
    if (err != null) {
      writeError = null;
      close(false);
      ev.failed(err);
    }
  }

  /** One bounded send from the queue; true if the queue is empty after it. */
  private boolean sendSome() {
    IoBackend.Outbound out = outbound;
    if (out == null || out.size() == 0) {
      return true;
    }
    ByteBuffer buf = backend.writeBuffer;
    buf.clear();
    int len = out.peek(buf);
    try {
      // SAFETY: writeBuffer is a view of the backend's write memory, alive until its close.
      out.consume(Socket.write(fd, backend.writeAddress, len));
    } catch (IOException e) {
      writeError = e;
      updateInterest();
      return false;
    }
    return out.size() == 0;
  }

  @Override
  public void setReading(boolean on) {
    if (reading != on) {
      reading = on;
      updateInterest();
    }
  }

  @Override
  public boolean flush() {
    boolean empty = sendSome();
    updateInterest();
    return empty;
  }

  @Override
  public void notifyWhenDrained() {
    if (!drainedWanted) {
      drainedWanted = true;
      backend.drainLater(this);
    }
  }

  /** Closes the socket after its handler threw, and tells the owner once, guarded. */
  void failFromDispatch(Throwable error) {
    boolean wasOpen = state != State.CLOSED;
    close(false);
    IoBackend.StreamEvents ev = events;
    if (!wasOpen || ev == null) {
      return;
    }
    try {
      ev.failed(new IOException("unhandled error in an event handler: " + error, error));
    } catch (RuntimeException | Error again) {
      LOG.error("unhandled error reporting the failure of {}", this, again);
    }
  }

  void deliverDrained() {
    IoBackend.StreamEvents ev = events;
    boolean wanted = drainedWanted;
    drainedWanted = false;
    // With bytes still queued the writable path reports the drain; when closed, nothing.
    if (wanted && ev != null && state == State.OPEN
        && (outbound == null || outbound.size() == 0) && writeError == null) {
      try {
        ev.writeDrained();
      } catch (RuntimeException | Error e) {
        LOG.error("unhandled error in the drain of {}; closing it", this, e);
        failFromDispatch(e);
      }
    }
  }

  @Override
  public void shutdownOutput() throws IOException {
    Socket.shutdownOutput(fd);
  }

  @Override
  public void close(boolean abort) {
    if (state == State.CLOSED) {
      return;
    }
    if (abort && !unix) {
      try {
        Socket.setOption(fd, StandardSocketOptions.SO_LINGER, 0, backend.addresses.scratch());
      } catch (IOException e) {
        LOG.debug("SO_LINGER failed on {}", this, e);
      }
    }
    closeNow();
  }

  @Override
  void closeNow() {
    if (state == State.CLOSED) {
      return;
    }
    try {
      // An adopted channel's descriptor might be shared; ours is closed just below.
      backend.forget(this, owner == null);
    } finally {
      state = State.CLOSED;
      Socket.closeOwned(fd, owner);
    }
  }


  @Override
  public InetSocketAddress localAddress() {
    InetSocketAddress l = local;
    if (l != null) {
      return l;
    }
    try {
      backend.checkOpen();
      return backend.addresses.local(fd);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public InetSocketAddress remoteAddress() {
    InetSocketAddress r = remote;
    if (r != null) {
      return r;
    }
    try {
      backend.checkOpen();
      r = backend.addresses.remote(fd);
      remote = r;
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void checkOption(SocketOption<?> option) throws IOException {
    if (state == State.CLOSED) {
      throw new java.nio.channels.ClosedChannelException();
    }
    Socket.checkStreamOption(option, unix);
  }

  @Override
  public <T> T getOption(SocketOption<T> option) throws IOException {
    checkOption(option);
    return Socket.getOption(fd, option, backend.addresses.scratch());
  }

  @Override
  public <T> void setOption(SocketOption<T> option, T value) throws IOException {
    checkOption(option);
    Socket.setOption(fd, option, value, backend.addresses.scratch());
  }

  @Override
  public String toString() {
    return "NativeStream(fd=" + fd + (unix ? ", unix" : "") + ", " + state + ")";
  }
}
