package dev.torsion.internal.transport;

import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A backend with no sockets: streams and listeners that record what the shared transport asks
 * of them, and let a test play the socket's side (bytes arriving, the socket draining).
 */
final class FakeBackend implements IoBackend {
  final List<FakeStream> drainRequests = new ArrayList<>();
  final List<Runnable> closeCallbacks = new ArrayList<>();
  final ArrayDeque<Object> acceptQueue = new ArrayDeque<>();
  @Nullable FakeListener listener;
  @Nullable FakeStream lastConnect;
  @Nullable InetSocketAddress lastRemote;
  @Nullable IOException connectError;
  int polls;

  @Override
  public void poll(long timeoutNanos) {
    polls++;
    List<FakeStream> drains = new ArrayList<>(drainRequests);
    drainRequests.clear();
    for (FakeStream s : drains) {
      s.deliverDrained();
    }
    List<Runnable> closes = new ArrayList<>(closeCallbacks);
    closeCallbacks.clear();
    closes.forEach(Runnable::run);
  }

  @Override
  public void wakeUp() {}

  @Override
  public void close() {}

  @Override
  public Listener listen(InetSocketAddress local, int backlog, ListenerEvents events) {
    FakeListener l = new FakeListener(events,
        new InetSocketAddress(local.getAddress(), local.getPort() == 0 ? 4321 : local.getPort()));
    listener = l;
    return l;
  }

  @Override
  public Listener adoptListener(ServerSocketChannel channel, ListenerEvents events) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Stream connect(InetSocketAddress remote, @Nullable InetSocketAddress local,
      StreamEvents events) throws IOException {
    lastRemote = remote;
    if (connectError != null) {
      throw connectError;
    }
    FakeStream s = new FakeStream();
    s.events = events;
    lastConnect = s;
    return s;
  }

  @Override
  public Stream adoptStream(SocketChannel channel) {
    throw new UnsupportedOperationException();
  }

  /** A listener handing out what the test put in {@link #acceptQueue}. */
  final class FakeListener implements Listener {
    final ListenerEvents events;
    final InetSocketAddress local;
    final List<Boolean> accepting = new ArrayList<>();
    int accepts;
    boolean closed;

    FakeListener(ListenerEvents events, InetSocketAddress local) {
      this.events = events;
      this.local = local;
    }

    @Override
    public InetSocketAddress localAddress() {
      return local;
    }

    @Override
    public void setAccepting(boolean on) {
      accepting.add(on);
    }

    @Override
    public @Nullable Stream accept() throws IOException {
      accepts++;
      Object next = acceptQueue.poll();
      if (next instanceof IOException e) {
        throw e;
      }
      if (next instanceof RuntimeException e) {
        throw e;
      }
      return (Stream) next;
    }

    @Override
    public void close(Runnable onClosed) {
      closed = true;
      closeCallbacks.add(onClosed);
    }
  }

  /** A socket whose kernel buffer takes {@link #capacity} bytes per flush. */
  final class FakeStream implements Stream {
    @Nullable StreamEvents events;
    @Nullable Outbound outbound;
    final ByteArrayOut sent = new ByteArrayOut();
    final Map<SocketOption<?>, Object> options = new HashMap<>();
    long capacity = Long.MAX_VALUE;
    boolean reading;
    boolean draining;
    boolean outputShut;
    boolean closed;
    boolean aborted;
    int flushes;

    /** Thrown by {@link #start}, to play a socket that cannot be registered. */
    @Nullable IOException startError;

    @Override
    public void start(StreamEvents ev, Outbound out) throws IOException {
      if (startError != null) {
        throw startError;
      }
      events = ev;
      outbound = out;
    }

    @Override
    public void setReading(boolean on) {
      reading = on;
    }

    @Override
    public boolean flush() {
      flushes++;
      take(capacity);
      draining = outbound.size() > 0;
      return !draining;
    }

    private void take(long max) {
      int n = (int) Math.min(max, outbound.size());
      ByteBuffer buf = ByteBuffer.allocate(n);
      outbound.peek(buf);
      outbound.consume(n);
      sent.write(buf.array(), 0, n);
    }

    /** The socket became writable and took everything: Twisted's {@code doWrite}. */
    void doWrite() {
      take(Long.MAX_VALUE);
      draining = false;
      events.writeDrained();
    }

    @Override
    public void notifyWhenDrained() {
      drainRequests.add(this);
    }

    void deliverDrained() {
      if (!closed && outbound.size() == 0) {
        events.writeDrained();
      }
    }

    @Override
    public void shutdownOutput() {
      outputShut = true;
    }

    @Override
    public void close(boolean abort) {
      closed = true;
      aborted = abort;
    }

    @Override
    public InetSocketAddress localAddress() {
      return new InetSocketAddress("127.0.0.1", 4321);
    }

    @Override
    public InetSocketAddress remoteAddress() {
      return new InetSocketAddress("127.0.0.1", 5555);
    }

    @SuppressWarnings("unchecked")
    @Override
    public <T> T getOption(SocketOption<T> option) {
      return (T) options.getOrDefault(option, Boolean.FALSE);
    }

    @Override
    public <T> void setOption(SocketOption<T> option, T value) {
      options.put(option, value);
    }
  }

  /** A byte sink with a readable copy. */
  static final class ByteArrayOut extends java.io.ByteArrayOutputStream {
    String text() {
      return toString(java.nio.charset.StandardCharsets.US_ASCII);
    }
  }
}
