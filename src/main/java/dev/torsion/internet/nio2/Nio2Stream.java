package dev.torsion.internet.nio2;

import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP socket of a {@link Nio2Backend}: at most one read and one write in flight, each with
 * the buffer it owns until its completion is dispatched.
 */
final class Nio2Stream implements IoBackend.Stream, Nio2Backend.Later {
  private static final Logger LOG = LoggerFactory.getLogger(Nio2Stream.class);

  private enum State {
    /** A connect is in flight. */
    CONNECTING,
    /** Connected: reads and writes may be started. */
    OPEN,
    /** Closed; completions still arriving are dropped, and no event follows. */
    CLOSED
  }

  private final Nio2Backend backend;
  private final AsynchronousSocketChannel channel;
  private final ReadOp readOp;
  private final WriteOp writeOp;
  private State state = State.OPEN;
  private IoBackend.@Nullable StreamEvents events;
  private IoBackend.@Nullable Outbound outbound;
  private boolean reading;
  /** The read buffer; the read in flight owns it until its completion is dispatched. */
  private @Nullable ByteBuffer readBuffer;
  /** The send buffer; the write in flight owns it until its completion is dispatched. */
  private @Nullable ByteBuffer writeBuffer;
  /** A read that completed while reading was off: data, {@link #EOF} or an IOException. */
  private @Nullable Object held;
  private boolean eofSeen;
  private boolean drainedWanted;
  private boolean heldWanted;
  private boolean laterQueued;
  private boolean shutdownWanted;

  private static final Object EOF = new Object();
  /** The addresses of a connecting socket, known once its connect(2) was issued. */
  private @Nullable InetSocketAddress localAtConnect;
  private @Nullable InetSocketAddress remoteAtConnect;

  Nio2Stream(Nio2Backend backend, AsynchronousSocketChannel channel) {
    this.backend = backend;
    this.channel = channel;
    this.readOp = new ReadOp(backend.completions);
    this.writeOp = new WriteOp(backend.completions);
  }

  /** Starts the connect; {@code connectCompleted} follows from a later dispatch. */
  void connect(InetSocketAddress remote, IoBackend.StreamEvents ev) {
    state = State.CONNECTING;
    events = ev;
    ConnectOp op = new ConnectOp(backend.completions);
    op.inFlight = true;
    remoteAtConnect = remote;
    channel.connect(remote, null, op);
    try {
      // The JDK issues connect(2) on this thread, which binds the local port: keep it for a
      // connection reset before its completion is dispatched (see ConnectOp.failed).
      localAtConnect = (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      localAtConnect = null;
    }
  }

  @Override
  public void start(IoBackend.StreamEvents ev, IoBackend.Outbound out) throws IOException {
    if (state == State.CLOSED) {
      throw new IOException("the socket is closed");
    }
    events = ev;
    outbound = out;
    resumeReading();
  }

  @Override
  public void setReading(boolean on) {
    if (reading != on) {
      reading = on;
      if (on) {
        resumeReading();
      }
      // Off: a read in flight cannot be withdrawn; its outcome is held until reading is on.
    }
  }

  private void resumeReading() {
    if (!reading || state != State.OPEN || events == null) {
      return;
    }
    if (held != null) {
      // Delivered from the next dispatch: never an event from inside a backend call.
      heldWanted = true;
      queueLater();
    } else if (!readOp.inFlight && !eofSeen) {
      submitRead();
    }
  }

  private void submitRead() {
    ByteBuffer buf = readBuffer;
    if (buf == null) {
      // Heap, as the send buffers (see Nio2Backend.acquireWriteBuffer).
      buf = ByteBuffer.allocate(Nio2Backend.READ_SIZE);
      readBuffer = buf;
    }
    buf.clear();
    readOp.inFlight = true;
    try {
      // OWNERSHIP: buf belongs to this read until ReadOp's completion is dispatched.
      channel.read(buf, null, readOp);
    } catch (RuntimeException e) { // a shut-down group: reported from the next dispatch
      readOp.failed(e, null);
    }
  }

  @Override
  public boolean flush() {
    IoBackend.Outbound out = outbound;
    if (out == null || out.size() == 0) {
      return true;
    }
    if (!writeOp.inFlight && state == State.OPEN) {
      submitWrite(out);
    }
    // The bytes are consumed only when the write completes: the queue is not empty yet.
    return false;
  }

  private void submitWrite(IoBackend.Outbound out) {
    ByteBuffer buf = writeBuffer;
    if (buf == null) {
      buf = backend.acquireWriteBuffer();
      writeBuffer = buf;
    }
    buf.clear();
    // One copy gathers many queued writes into one send: the batch Twisted's writeSequence
    // makes, without handing the queue's arrays to a pool thread.
    out.peek(buf);
    buf.flip();
    resubmitWrite(buf);
  }

  private void resubmitWrite(ByteBuffer buf) {
    writeOp.inFlight = true;
    // OWNERSHIP: buf belongs to this write until WriteOp's completion is dispatched; the bytes
    // stay in the queue (peeked, not consumed) until then, so a drain is never reported early.
    try {
      channel.write(buf, null, writeOp);
    } catch (RuntimeException e) { // a shut-down group: reported from the next dispatch
      writeOp.failed(e, null);
    }
  }

  @Override
  public void notifyWhenDrained() {
    if (!drainedWanted) {
      drainedWanted = true;
      queueLater();
    }
  }

  private void queueLater() {
    if (!laterQueued) {
      laterQueued = true;
      backend.later(this);
    }
  }

  @Override
  public void runLater() {
    laterQueued = false;
    IoBackend.StreamEvents ev = events;
    if (state != State.OPEN || ev == null) {
      return;
    }
    try {
      if (heldWanted) {
        heldWanted = false;
        deliverHeld(ev);
      }
      if (drainedWanted && state == State.OPEN && events == ev) {
        drainedWanted = false;
        IoBackend.Outbound out = outbound;
        // With bytes still queued the write completion reports the drain.
        if (out == null || out.size() == 0) {
          ev.writeDrained();
        }
      }
    } catch (RuntimeException | Error e) {
      failFromDispatch(e);
    }
  }

  private void deliverHeld(IoBackend.StreamEvents ev) {
    Object h = held;
    if (h == null || !reading) {
      return;
    }
    held = null;
    if (h instanceof byte[] data) {
      ev.dataReceived(data);
      resumeReading();
    } else if (h == EOF) {
      ev.readEOF();
    } else {
      close(false);
      ev.failed((IOException) h);
    }
  }

  @Override
  public void shutdownOutput() throws IOException {
    if (writeOp.inFlight) {
      // The transport drains first, so only a closing write can be in flight: FIN after it.
      shutdownWanted = true;
      return;
    }
    channel.shutdownOutput();
  }

  @Override
  public void close(boolean abort) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    held = null;
    if (abort) {
      Reset.lingerZero(channel);
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("close failed on {}", channel, e);
    }
    // The buffers of operations in flight stay theirs: their completions, which the close
    // brings, release them. Those operations refer to this stream until then: let go of the
    // transport (and its protocol) now.
    events = null;
    outbound = null;
  }

  /** Closes the socket after its handler threw, and tells the owner once, guarded. */
  private void failFromDispatch(Throwable error) {
    boolean wasOpen = state != State.CLOSED;
    IoBackend.StreamEvents ev = events;
    LOG.error("unhandled error dispatching {}; closing it", this, error);
    close(false);
    if (!wasOpen || ev == null) {
      return;
    }
    try {
      ev.failed(new IOException("unhandled error in an event handler: " + error, error));
    } catch (RuntimeException | Error again) {
      LOG.error("unhandled error reporting the failure of {}", this, again);
    }
  }

  @Override
  public InetSocketAddress localAddress() {
    return address(true);
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return address(false);
  }

  private InetSocketAddress address(boolean local) {
    try {
      return (InetSocketAddress) (local ? channel.getLocalAddress() : channel.getRemoteAddress());
    } catch (IOException e) {
      InetSocketAddress known = local ? localAtConnect : remoteAtConnect;
      if (known != null) {
        return known; // connected, then reset and closed by the JDK (see ConnectOp.failed)
      }
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public <T> T getOption(SocketOption<T> option) throws IOException {
    return channel.getOption(option);
  }

  @Override
  public <T> void setOption(SocketOption<T> option, T value) throws IOException {
    channel.setOption(option, value);
  }

  @Override
  public String toString() {
    return "Nio2Stream(" + channel + ")";
  }

  /** The connect's completion. */
  private final class ConnectOp extends Operation<Void> {
    ConnectOp(CompletionQueue q) {
      super(q);
    }

    @Override
    void succeeded(@Nullable Void v) {
      IoBackend.StreamEvents ev = events;
      if (state != State.CONNECTING || ev == null) {
        return; // closed while connecting: a timeout or a cancel
      }
      state = State.OPEN;
      ev.connectCompleted(null);
    }

    @Override
    void failed(IOException error) {
      IoBackend.StreamEvents ev = events;
      if (state != State.CONNECTING || ev == null) {
        return;
      }
      if (localAtConnect != null && String.valueOf(error.getMessage()).contains("reset by peer")) {
        // On Linux the JDK learns a connect's outcome from SO_ERROR on its pool thread: a peer
        // that accepted and reset at once (an abort) can make an established connection read
        // as a failed connect. It was connected, as a readiness reactor or IOCP would report:
        // connect it, and let its first read deliver the reset.
        state = State.OPEN;
        held = error;
        eofSeen = true;
        ev.connectCompleted(null);
        return;
      }
      ev.connectCompleted(error);
    }

    @Override
    void handlerFailed(Throwable t) {
      failFromDispatch(t);
    }
  }

  /** The read's completion: deliver, or hold while reading is off; then read again. */
  private final class ReadOp extends Operation<Integer> {
    ReadOp(CompletionQueue q) {
      super(q);
    }

    @Override
    void succeeded(@Nullable Integer n) {
      if (state != State.OPEN || n == null) {
        return;
      }
      Object outcome;
      if (n < 0) {
        eofSeen = true;
        outcome = EOF;
      } else {
        // The read is over: the buffer is ours again until the next read is started.
        ByteBuffer buf = readBuffer;
        if (buf == null) {
          return;
        }
        buf.flip();
        byte[] data = new byte[buf.remaining()];
        buf.get(data);
        outcome = data;
      }
      deliver(outcome);
    }

    @Override
    void failed(IOException error) {
      if (state == State.OPEN) {
        eofSeen = true;
        deliver(error);
      }
    }

    private void deliver(Object outcome) {
      IoBackend.StreamEvents ev = events;
      if (!reading || ev == null) {
        held = outcome;
        return;
      }
      if (outcome instanceof byte[] data) {
        if (data.length > 0) {
          ev.dataReceived(data);
        }
        resumeReading();
      } else if (outcome == EOF) {
        ev.readEOF();
      } else {
        close(false);
        ev.failed((IOException) outcome);
      }
    }

    @Override
    void handlerFailed(Throwable t) {
      failFromDispatch(t);
    }
  }

  /** The write's completion: consume what was sent, send on, or report the drain. */
  private final class WriteOp extends Operation<Integer> {
    WriteOp(CompletionQueue q) {
      super(q);
    }

    @Override
    void succeeded(@Nullable Integer n) {
      ByteBuffer buf = writeBuffer;
      IoBackend.Outbound out = outbound;
      IoBackend.StreamEvents ev = events;
      if (state != State.OPEN || buf == null || out == null || ev == null || n == null) {
        releaseBuffer();
        return;
      }
      // A closing transport may have cleared the queue under this write: never over-consume.
      out.consume(Math.min(n, out.size()));
      if (buf.hasRemaining() && out.size() >= buf.remaining()) {
        // A short write: the unsent tail is still the queue's head, and still in buf.
        resubmitWrite(buf);
        return;
      }
      if (out.size() > 0) {
        submitWrite(out);
        return;
      }
      releaseBuffer();
      if (shutdownWanted) {
        shutdownWanted = false;
        try {
          channel.shutdownOutput();
        } catch (IOException e) {
          LOG.debug("shutdownOutput failed on {}", channel, e);
        }
      }
      drainedWanted = false;
      ev.writeDrained();
    }

    @Override
    void failed(IOException error) {
      releaseBuffer();
      IoBackend.StreamEvents ev = events;
      if (state != State.OPEN || ev == null) {
        return;
      }
      close(false);
      ev.failed(error);
    }

    private void releaseBuffer() {
      ByteBuffer buf = writeBuffer;
      if (buf != null) {
        // The write is over: the buffer belongs to no operation now.
        writeBuffer = null;
        backend.releaseWriteBuffer(buf);
      }
    }

    @Override
    void handlerFailed(Throwable t) {
      failFromDispatch(t);
    }
  }
}
