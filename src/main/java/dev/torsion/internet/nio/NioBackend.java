package dev.torsion.internet.nio;

import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O backend over a {@link Selector}: a readiness backend.
 *
 * <p>Some facts about NIO selectors this class relies on:
 * <ul>
 *   <li>Closing a registered channel only cancels its key; the descriptor is released when the
 *       next select deregisters the key. So a listener's {@code onClosed} runs after the next
 *       select, and {@link #poll} does not block while one is pending.</li>
 *   <li>{@code OP_CONNECT} is reported only while a connect is pending; a connect that finished
 *       at once is reported through {@code OP_WRITE} instead.</li>
 *   <li>Reading and writing heap buffers makes the JDK copy through a temporary direct buffer
 *       of the full size; one 64 KiB direct read buffer and one 128 KiB direct write buffer,
 *       shared by every socket of this single-threaded backend, bound that.</li>
 *   <li>Interest is changed only when it differs, and write interest is held only while bytes
 *       are queued, so an idle socket costs nothing and a writable one never spins.</li>
 * </ul>
 */
final class NioBackend implements IoBackend {
  private static final Logger LOG = LoggerFactory.getLogger(NioBackend.class);
  /** Twisted's {@code bufferSize}: the most read at once. */
  static final int READ_SIZE = 64 * 1024;
  /** Twisted's {@code SEND_LIMIT}: the most sent per socket per turn. */
  static final int SEND_LIMIT = 128 * 1024;

  private final Selector selector;
  /** Made once: a method reference capturing {@code this} would allocate on every poll. */
  private final java.util.function.Consumer<SelectionKey> dispatcher = this::dispatch;
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_SIZE);
  private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(SEND_LIMIT);
  private List<Runnable> pendingCloses = new ArrayList<>();
  private List<Runnable> runningCloses = new ArrayList<>();
  private List<NioStream> pendingDrained = new ArrayList<>();
  private List<NioStream> runningDrained = new ArrayList<>();
  private boolean closed;

  NioBackend() {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
  }

  /** The loop's hook for the blocked-loop watchdog; run once per poll that dispatches. */
  private Runnable dispatchHook = () -> { };
  private boolean dispatching;

  /**
   * Sets what to run when a poll starts dispatching events (the loop core's
   * {@code dispatchStarting}, so the watchdog also times I/O callbacks).
   */
  void setDispatchHook(Runnable hook) {
    dispatchHook = hook;
  }

  private void startDispatching() {
    if (!dispatching) {
      dispatching = true;
      dispatchHook.run();
    }
  }

  @Override
  public void poll(long timeoutNanos) {
    dispatching = false;
    // Swap the lists so work queued during dispatch waits for the next select.
    List<Runnable> closes = pendingCloses;
    pendingCloses = runningCloses;
    runningCloses = closes;
    List<NioStream> drained = pendingDrained;
    pendingDrained = runningDrained;
    runningDrained = drained;
    long timeout = closes.isEmpty() && drained.isEmpty() ? timeoutNanos : 0;
    try {
      if (timeout == 0) {
        selector.selectNow(dispatcher);
      } else if (timeout < 0) {
        selector.select(dispatcher);
      } else {
        // select(long) takes milliseconds, and 0 means forever: round up to at least 1.
        selector.select(dispatcher, Math.max(1, (timeout + 999_999) / 1_000_000));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!drained.isEmpty() || !closes.isEmpty()) {
      startDispatching();
    }
    // Each entry is guarded: one failing must not skip the others nor leave stale entries.
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

  private void dispatch(SelectionKey key) {
    startDispatching();
    try {
      if (key.isValid()) {
        ((Ready) key.attachment()).ready(key);
      }
    } catch (CancelledKeyException e) {
      // Closed by an earlier handler in this same dispatch.
    } catch (RuntimeException | Error e) {
      if (key.attachment() instanceof NioListener l) {
        // The accept loop must never die: a cancelled key would leave the port bound, open
        // and deaf, and nobody told. Its owner backs off on its own failures; keep the key.
        LOG.error("unhandled error accepting on {}; still listening", l, e);
        return;
      }
      LOG.error("unhandled error dispatching {}; closing it", key.attachment(), e);
      key.cancel();
      if (key.attachment() instanceof NioStream s) {
        // A cancelled key alone would leave the socket open and its owner never told.
        s.failFromDispatch(e);
      }
    }
  }

  @Override
  public void wakeUp() {
    selector.wakeup();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      selector.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Listener listen(InetSocketAddress local, int backlog, ListenerEvents events)
      throws IOException {
    return NioListener.listen(this, selector, local, backlog, events);
  }

  @Override
  public Listener adoptListener(ServerSocketChannel channel, ListenerEvents events)
      throws IOException {
    return NioListener.adopt(this, selector, channel, events);
  }

  @Override
  public Stream connect(InetSocketAddress remote, @Nullable InetSocketAddress local,
      StreamEvents events) throws IOException {
    ProtocolFamily family = remote.getAddress() instanceof java.net.Inet6Address
        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    return startConnect(SocketChannel.open(family), remote, local, events);
  }

  private Stream startConnect(SocketChannel ch, java.net.SocketAddress remote,
      @Nullable InetSocketAddress local, StreamEvents events) throws IOException {
    try {
      ch.configureBlocking(false);
      if (local != null) {
        ch.bind(local);
      }
      NioStream s = new NioStream(ch);
      s.connecting = true;
      s.events = events;
      boolean now = ch.connect(remote);
      s.key = ch.register(selector, 0, s);
      s.interest(now ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT);
      return s;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public Stream connectUNIX(java.net.UnixDomainSocketAddress path, StreamEvents events)
      throws IOException {
    return startConnect(SocketChannel.open(StandardProtocolFamily.UNIX), path, null, events);
  }

  @Override
  public Stream adoptStream(SocketChannel channel) throws IOException {
    try {
      if (!channel.isConnected()) {
        throw new IOException("the socket to adopt is not connected");
      }
      channel.configureBlocking(false);
      return new NioStream(channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Wraps an accepted, non-blocking socket. */
  Stream acceptedStream(SocketChannel c) {
    return new NioStream(c);
  }

  /** Runs {@code r} after the next select, once closed descriptors are really released. */
  void afterNextSelect(Runnable r) {
    pendingCloses.add(r);
  }

  /** What a key's attachment does when its channel is ready. */
  interface Ready {
    void ready(SelectionKey key);
  }

  private final class NioStream implements Stream, Ready {
    private final SocketChannel channel;
    @Nullable SelectionKey key;
    @Nullable StreamEvents events;
    private @Nullable Outbound outbound;
    private int interest;
    private boolean reading;
    boolean connecting;
    private boolean drainedWanted;
    private @Nullable IOException writeError;

    NioStream(SocketChannel channel) {
      this.channel = channel;
    }

    void interest(int ops) {
      SelectionKey k = key;
      if (ops != interest && k != null && k.isValid()) {
        interest = ops;
        k.interestOps(ops);
      }
    }

    private void updateInterest() {
      long queued = outbound == null ? 0 : outbound.size();
      interest((reading ? SelectionKey.OP_READ : 0)
          | (queued > 0 || writeError != null ? SelectionKey.OP_WRITE : 0));
    }

    @Override
    public void start(StreamEvents ev, Outbound out) throws IOException {
      events = ev;
      outbound = out;
      connecting = false;
      if (key == null) {
        key = channel.register(selector, 0, this);
      }
      updateInterest();
    }

    @Override
    public void ready(SelectionKey k) {
      StreamEvents ev = events;
      if (ev == null) {
        return;
      }
      if (connecting) {
        finishConnect(ev);
        return;
      }
      int ops = k.readyOps();
      if ((ops & SelectionKey.OP_READ) != 0 && reading) {
        doRead(ev);
      }
      if ((ops & SelectionKey.OP_WRITE) != 0 && k.isValid() && events == ev) {
        doWrite(ev);
      }
    }

    private void finishConnect(StreamEvents ev) {
      try {
        channel.finishConnect();
      } catch (IOException e) {
        connecting = false;
        interest(0);
        ev.connectCompleted(e);
        return;
      }
      connecting = false;
      interest(0);
      ev.connectCompleted(null);
    }

    private void doRead(StreamEvents ev) {
      ByteBuffer buf = readBuffer;
      buf.clear();
      int n;
      try {
        n = channel.read(buf);
      } catch (IOException e) {
        close(false);
        ev.failed(e);
        return;
      }
      if (n < 0) {
        ev.readEOF();
      } else if (n > 0) {
        buf.flip();
        byte[] data = new byte[n];
        buf.get(data);
        ev.dataReceived(data);
      }
    }

    private void doWrite(StreamEvents ev) {
      IOException err = writeError;
      if (err == null && sendSome()) {
        drainedWanted = false;
        updateInterest();
        ev.writeDrained();
        return;
      }
      err = writeError;
      if (err != null) {
        writeError = null;
        close(false);
        ev.failed(err);
      }
    }

    /** One bounded write from the queue; true if the queue is empty after it. */
    private boolean sendSome() {
      Outbound out = outbound;
      if (out == null || out.size() == 0) {
        return true;
      }
      ByteBuffer buf = writeBuffer;
      buf.clear();
      out.peek(buf);
      buf.flip();
      try {
        int n = channel.write(buf);
        out.consume(n);
      } catch (IOException e) {
        // No event may come from inside flush(): report it from the next dispatch.
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
        pendingDrained.add(this);
      }
    }

    /** Closes the socket after its handler threw, and tells the owner once, guarded. */
    void failFromDispatch(Throwable error) {
      boolean wasOpen = channel.isOpen();
      close(false);
      StreamEvents ev = events;
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
      StreamEvents ev = events;
      boolean wanted = drainedWanted;
      drainedWanted = false;
      // With bytes still queued the writable path reports the drain; when closed, nothing.
      if (wanted && ev != null && channel.isOpen() && (outbound == null || outbound.size() == 0)
          && writeError == null) {
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
      channel.shutdownOutput();
    }

    @Override
    public void close(boolean abort) {
      if (!channel.isOpen()) {
        return;
      }
      try {
        if (abort) {
          channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
      } catch (IOException | UnsupportedOperationException e) { // UNIX: no SO_LINGER
        LOG.debug("SO_LINGER failed on {}", channel, e);
      }
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("close failed on {}", channel, e);
      }
      // The selector keeps a cancelled key until its next select, which never comes after
      // shutdown: drop the attachment so the transport and its protocol can be collected.
      if (key != null && !channel.isOpen()) {
        key.attach(null);
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
      return "NioStream(" + channel + ")";
    }
  }
}
