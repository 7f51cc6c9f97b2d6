package dev.torsion.internet.uring;

import dev.torsion.internal.linux.Errno;
import dev.torsion.internal.linux.IoUring;
import dev.torsion.internal.linux.Socket;
import dev.torsion.internal.linux.UringBlock;
import dev.torsion.internal.linux.UringBufferRing;
import dev.torsion.internet.reactor.IoBackend;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * A connected (or connecting) stream socket of a {@link UringBackend}: at most one receive and
 * one send in flight, each holding its pooled block until its completion.
 */
final class UringStream extends UringHandle implements IoBackend.Stream {
  private enum State { CONNECTING, OPEN, CLOSED }

  private static final int MSG_NOSIGNAL = 0x4000;
  private static final int EINTR = 4;
  private static final int EAGAIN = 11;
  private static final int ECANCELED = 125;
  private static final int ENOBUFS = 105;
  private static final int POLLOUT = 4;

  private final boolean unix;
  /** The JDK channel that owns the descriptor when adopted; it closes it. */
  private final @Nullable Closeable owner;
  private State state = State.OPEN;
  /** Known from accept or connect: a reset peer has no name any more. */
  @Nullable InetSocketAddress remote;
  private IoBackend.@Nullable StreamEvents events;
  private IoBackend.@Nullable Outbound outbound;
  private boolean reading;
  /** The read returned end of stream: no more reads. */
  private boolean eof;
  /** A one-shot receive's block: the kernel's while a read is in flight. */
  private @Nullable UringBlock readBlock;
  /** Bytes received while reading was paused, kept in order for the resume. */
  private @Nullable ArrayDeque<byte[]> held;
  /** The end (0) or error (negated errno) received while paused, after the held bytes. */
  private boolean heldEnd;
  private int heldResult;
  /** A pause asked the kernel to end the multishot receive; its last completion is awaited. */
  private boolean cancelRequested;
  private @Nullable UringBlock writeBlock;
  private @Nullable UringBlock addressBlock;
  private boolean drainedWanted;
  /** A UNIX connect that succeeded at once: told from the next poll. */
  private boolean connectedAtOnce;
  /** An error met where no event may be called (inside flush): told from the next poll. */
  private @Nullable IOException pendingError;

  UringStream(UringBackend backend, int fd, boolean unix, @Nullable Closeable owner) {
    super(backend, fd);
    this.unix = unix;
    this.owner = owner;
  }

  static UringStream connecting(UringBackend backend, int fd, boolean unix, SocketAddress remote,
      IoBackend.StreamEvents events) throws IOException {
    UringStream s = new UringStream(backend, fd, unix, null);
    s.state = State.CONNECTING;
    s.events = events;
    if (remote instanceof InetSocketAddress ip) {
      s.remote = ip;
    }
    try {
      if (unix) {
        // A UNIX connect ends at once, or fails with EAGAIN when the accept queue is full,
        // which the shared connector retries: so it is made here, as the readiness reactors
        // do; the rare in-progress one is waited for by a poll for writability.
        if (backend.addresses.connect(fd, remote)) {
          s.connectedAtOnce = true;
          backend.later(s);
        } else {
          s.submit(OperationTable.CONNECT, IoUring.OP_POLL_ADD, 0, 0, 0, POLLOUT);
        }
        return s;
      }
      UringBlock a = backend.addressBlocks.take();
      s.addressBlock = a;
      int len = a.putAddress(remote);
      // SAFETY: the address block is lent to the connect until its completion.
      s.submit(OperationTable.CONNECT, IoUring.OP_CONNECT, a.address(), 0, len, 0);
    } catch (IOException | RuntimeException e) {
      s.close(false);
      throw e;
    }
    return s;
  }

  @Override
  public void start(IoBackend.StreamEvents ev, IoBackend.Outbound out) {
    events = ev;
    outbound = out;
  }

  @Override
  void completed(int kind, int res, int flags) {
    if (kind == OperationTable.READ) {
      readCompleted(res, flags);
    } else if (kind == OperationTable.WRITE) {
      writeCompleted(res);
    } else if (kind == OperationTable.CONNECT) {
      connectCompleted(res);
    }
  }

  private void connectCompleted(int res) {
    giveBack(addressBlock, backend.addressBlocks);
    addressBlock = null;
    IoBackend.StreamEvents ev = events;
    if (state != State.CONNECTING || closing() || ev == null) {
      return;
    }
    state = State.OPEN;
    IOException error = res < 0 ? Errno.exception(-res, "connect") : null;
    if (unix && res > 0) {
      // The poll for a UNIX connect in progress: the outcome is the socket's pending error.
      try {
        int errno = Socket.pendingError(fd, backend.addresses.scratch());
        error = errno == 0 ? null : Errno.exception(errno, "connect");
      } catch (IOException e) {
        error = e;
      }
    }
    ev.connectCompleted(error);
    armRead();
    armWrite();
  }

  private void armRead() {
    if (state != State.OPEN || !reading || eof || holding() || inFlight(OperationTable.READ)) {
      return;
    }
    UringBufferRing ring = backend.buffers;
    try {
      if (ring != null) {
        // SAFETY: nothing of ours is lent; each completion lends us the ring buffer it names.
        submitMultishotRecv(OperationTable.READ, ring.group());
        return;
      }
      UringBlock b = readBlock;
      if (b == null) {
        b = backend.reads.take();
        readBlock = b;
      }
      // SAFETY: the read block is lent to this receive until its completion.
      submit(OperationTable.READ, IoUring.OP_RECV, b.address(), UringBackend.READ_SIZE, 0, 0);
    } catch (IOException e) {
      failLater(e);
    }
  }

  /**
   * A receive completed; a multishot one stays armed while {@code flags} has CQE_F_MORE. Bytes
   * are copied out at once, so a provided buffer goes back to the kernel on every path, and
   * bytes that arrive while reading is paused (those a cancelled multishot posted before the
   * cancel took) are held, in order, for the resume.
   */
  private void readCompleted(int res, int flags) {
    boolean open = state == State.OPEN && !closing();
    byte[] data = null;
    UringBufferRing ring = backend.buffers;
    if ((flags & IoUring.CQE_F_BUFFER) != 0 && ring != null) {
      int bid = IoUring.bufferId(flags);
      // SAFETY: the completion hands us buffer bid; it is the kernel's again after recycle.
      try {
        data = open && res > 0 ? ring.copyOut(bid, res) : null;
      } finally {
        ring.recycle(bid);
      }
    } else if (open && res > 0 && readBlock != null) {
      // SAFETY: the one-shot receive completed, so its block is ours again.
      data = readBlock.copyOut(res);
    }
    if (!open) {
      releaseReadBlock();
      return;
    }
    boolean more = (flags & IoUring.CQE_F_MORE) != 0;
    if (!more) {
      // The receive ended (cancelled or not): the next pause must cancel its successor.
      cancelRequested = false;
    }
    if (res == -ECANCELED || res == -ENOBUFS || res == -EAGAIN || res == -EINTR) {
      // Nothing read (a pause's cancel; a dry ring, the bytes wait in the socket): re-armed.
    } else if (!reading || holding()) {
      hold(data, res);
      return;
    } else if (!deliver(data, res)) {
      return;
    }
    if (!more) {
      armRead();
    }
  }

  private void hold(byte @Nullable [] data, int res) {
    if (data != null) {
      ArrayDeque<byte[]> h = held;
      if (h == null) {
        h = new ArrayDeque<>();
        held = h;
      }
      h.add(data);
    } else {
      heldEnd = true;
      heldResult = res;
    }
  }

  private boolean holding() {
    ArrayDeque<byte[]> h = held;
    return heldEnd || (h != null && !h.isEmpty());
  }

  /** Tells the protocol; false once the stream ended (end of file or an error). */
  private boolean deliver(byte @Nullable [] data, int res) {
    IoBackend.StreamEvents ev = events;
    if (ev == null) {
      return false;
    }
    if (data != null) {
      ev.dataReceived(data);
      return true;
    }
    releaseReadBlock();
    if (res == 0) {
      eof = true;
      ev.readEOF();
    } else {
      close(false);
      ev.failed(Errno.exception(-res, "recv"));
    }
    return false;
  }

  /** Delivers what was held while paused, as long as reading stays on, then reads on. */
  private void deliverHeld() {
    ArrayDeque<byte[]> h = held;
    while (h != null && !h.isEmpty() && reading && state == State.OPEN && !closing()) {
      deliver(h.poll(), 0);
    }
    if ((h == null || h.isEmpty()) && heldEnd && reading && state == State.OPEN && !closing()) {
      heldEnd = false;
      deliver(null, heldResult);
      return;
    }
    armRead();
  }

  private void releaseReadBlock() {
    if (!inFlight(OperationTable.READ)) {
      giveBack(readBlock, backend.reads);
      readBlock = null;
    }
  }

  private void armWrite() {
    IoBackend.Outbound out = outbound;
    if (state != State.OPEN || out == null || out.size() == 0
        || inFlight(OperationTable.WRITE) || pendingError != null) {
      return;
    }
    UringBlock b = backend.writes.take();
    writeBlock = b;
    ByteBuffer view = b.view();
    view.clear();
    int len = out.peek(view);
    try {
      // SAFETY: the write block is lent to this send until its completion; the queue keeps
      // the bytes until the completion says how many were taken.
      submit(OperationTable.WRITE, IoUring.OP_SEND, b.address(), len, 0, MSG_NOSIGNAL);
    } catch (IOException e) {
      giveBack(b, backend.writes);
      writeBlock = null;
      failLater(e);
    }
  }

  private void writeCompleted(int res) {
    giveBack(writeBlock, backend.writes);
    writeBlock = null;
    IoBackend.StreamEvents ev = events;
    IoBackend.Outbound out = outbound;
    if (state != State.OPEN || closing() || ev == null || out == null || res == -ECANCELED) {
      return;
    }
    if (res < 0 && res != -EAGAIN && res != -EINTR) {
      close(false);
      ev.failed(Errno.exception(-res, "send"));
      return;
    }
    // An abort may have emptied the queue while the send was in flight.
    out.consume(Math.min(Math.max(res, 0), out.size()));
    if (out.size() > 0) {
      armWrite();
    } else {
      drainedWanted = false;
      ev.writeDrained();
    }
  }

  private void failLater(IOException e) {
    if (pendingError == null) {
      pendingError = e;
      backend.later(this);
    }
  }

  @Override
  void deferred() {
    if (connectedAtOnce) {
      connectedAtOnce = false;
      connectCompleted(0);
      return;
    }
    IoBackend.StreamEvents ev = events;
    if (state != State.OPEN || ev == null) {
      return;
    }
    IOException err = pendingError;
    if (err != null) {
      pendingError = null;
      close(false);
      ev.failed(err);
      return;
    }
    if (reading && holding()) {
      deliverHeld();
    }
    if (drainedWanted && state == State.OPEN && !inFlight(OperationTable.WRITE)
        && (outbound == null || outbound.size() == 0)) {
      drainedWanted = false;
      ev.writeDrained();
    }
  }

  @Override
  public void setReading(boolean on) {
    reading = on;
    if (!on) {
      // A multishot receive would go on reading into the ring (and into held arrays) with no
      // back-pressure: end it; what it posts before the cancel lands is held.
      if (backend.buffers != null && inFlight(OperationTable.READ) && !cancelRequested
          && !closing()) {
        cancelRequested = true;
        cancel(OperationTable.READ);
      }
    } else if (holding()) {
      backend.later(this);
    } else {
      armRead();
    }
  }

  @Override
  public boolean flush() {
    IoBackend.Outbound out = outbound;
    if (out == null || out.size() == 0) {
      return !inFlight(OperationTable.WRITE);
    }
    armWrite();
    return false;
  }

  @Override
  public void notifyWhenDrained() {
    if (!drainedWanted) {
      drainedWanted = true;
      backend.later(this);
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
      UringBackend.LOG.error("unhandled error reporting the failure of {}", this, again);
    }
  }

  @Override
  public void shutdownOutput() throws IOException {
    if (state == State.CLOSED) {
      throw new ClosedChannelException();
    }
    Socket.shutdownOutput(fd);
  }

  @Override
  public void close(boolean abort) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    if (abort && !unix) {
      try {
        Socket.setOption(fd, StandardSocketOptions.SO_LINGER, 0, backend.addresses.scratch());
      } catch (IOException e) {
        UringBackend.LOG.debug("SO_LINGER failed on {}", this, e);
      }
    }
    // The buffers are freed once the cancelled operations have completed (released()).
    beginClose();
  }

  @Override
  void released() {
    // Nothing is in flight: every block this stream still holds is its own to give back.
    giveBack(readBlock, backend.reads);
    readBlock = null;
    giveBack(addressBlock, backend.addressBlocks);
    addressBlock = null;
  }

  @Override
  void closeDescriptor() {
    Socket.closeOwned(fd, owner);
  }

  private static void giveBack(@Nullable UringBlock b, BlockPool pool) {
    if (b != null) {
      pool.give(b);
    }
  }

  @Override
  public InetSocketAddress localAddress() {
    try {
      checkOpen();
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
      checkOpen();
      r = backend.addresses.remote(fd);
      remote = r;
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void checkOpen() throws IOException {
    if (closing()) {
      throw new ClosedChannelException();
    }
  }

  private void checkOption(SocketOption<?> option) throws IOException {
    checkOpen();
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
    return "UringStream(fd=" + fd + (unix ? ", unix" : "") + ", " + state + ")";
  }
}
