package dev.torsion.internet.nio2;

import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O backend over NIO.2's asynchronous channels: a completion backend, the Java rendering
 * of Twisted's iocpreactor (on Windows the JDK drives these channels with an I/O completion
 * port, on Linux with epoll on its own threads).
 *
 * <p>Some facts about the asynchronous channels this class relies on:
 * <ul>
 *   <li>Completion handlers run on the channel group's pool threads. This backend owns its
 *       group (one daemon thread) and its handlers ({@link Operation}) only record the outcome
 *       and queue it; {@link #poll} parks the reactor thread on the {@link CompletionQueue}
 *       and dispatches each completion on the reactor thread. No transport or protocol code
 *       ever runs on a pool thread.</li>
 *   <li>A read or write in flight cannot be withdrawn (cancelling one leaves the channel
 *       unusable for that kind of operation). So a read completing after reading was turned
 *       off is held and delivered when it is turned on again, and a buffer handed to an
 *       operation belongs to it until its completion is dispatched, even after the channel
 *       was closed.</li>
 *   <li>Only one read and one write may be in flight per channel (else
 *       {@code ReadPendingException}); one accept per listening channel.</li>
 *   <li>Closing a channel completes its operations in flight with
 *       {@code AsynchronousCloseException}, later, on a pool thread; a closed stream ignores
 *       them. A listening channel's descriptor is released by {@code close()} itself.</li>
 *   <li>The channels cannot take over an existing socket, nor speak AF_UNIX: adopting and
 *       UNIX sockets are refused with an {@code IOException}, as Twisted's iocpreactor
 *       provides neither {@code IReactorSocket} nor {@code IReactorUNIX}.</li>
 * </ul>
 */
final class Nio2Backend implements IoBackend {
  private static final Logger LOG = LoggerFactory.getLogger(Nio2Backend.class);
  /** Twisted's {@code bufferSize}: the most read at once. */
  static final int READ_SIZE = 64 * 1024;
  /** Twisted's {@code SEND_LIMIT}: the most sent per write operation. */
  static final int SEND_LIMIT = 128 * 1024;
  /** Completions dispatched per poll at most, so a busy socket cannot starve the timers. */
  static final int MAX_DISPATCH = 4096;
  /** Free write buffers kept for reuse. */
  private static final int MAX_FREE_BUFFERS = 16;
  private static final AtomicInteger GROUPS = new AtomicInteger();

  final CompletionQueue completions = new CompletionQueue();
  private @Nullable AsynchronousChannelGroup group;
  private final ArrayDeque<ByteBuffer> freeWriteBuffers = new ArrayDeque<>();
  private List<Later> pendingLater = new ArrayList<>();
  private List<Later> runningLater = new ArrayList<>();
  private Runnable dispatchHook = () -> { };
  private boolean dispatching;
  private boolean closed;

  /** Work a stream or listener put off to the next dispatch (a drain, a held read…). */
  interface Later {
    /** Runs on the reactor thread, from the poll after the one that queued it. */
    void runLater();
  }

  /**
   * Sets what to run when a poll starts dispatching events (the loop core's
   * {@code dispatchStarting}, so the watchdog also times I/O callbacks).
   */
  void setDispatchHook(Runnable hook) {
    dispatchHook = hook;
  }

  /** The group, made on first use so a reactor that never opens a socket starts no thread. */
  AsynchronousChannelGroup group() throws IOException {
    AsynchronousChannelGroup g = group;
    if (g == null) {
      if (closed) {
        throw new IOException("the nio2 backend is closed");
      }
      String name = "torsion-nio2-" + GROUPS.incrementAndGet();
      g = AsynchronousChannelGroup.withFixedThreadPool(1, r -> {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
      });
      group = g;
    }
    return g;
  }

  @Override
  public void poll(long timeoutNanos) {
    dispatching = false;
    // Swap the lists so work queued during dispatch waits for the next poll.
    List<Later> later = pendingLater;
    pendingLater = runningLater;
    runningLater = later;
    completions.await(later.isEmpty() ? timeoutNanos : 0);
    for (int i = 0; i < MAX_DISPATCH; i++) {
      CompletionQueue.Completion c = completions.poll();
      if (c == null) {
        break;
      }
      startDispatching();
      dispatch((Operation<?>) c);
    }
    if (!later.isEmpty()) {
      startDispatching();
    }
    // Each entry is guarded: one failing must not skip the others nor leave stale entries.
    for (int i = 0; i < later.size(); i++) {
      try {
        later.get(i).runLater();
      } catch (RuntimeException | Error e) {
        LOG.error("unhandled error in a deferred event of {}", later.get(i), e);
      }
    }
    later.clear();
  }

  private void startDispatching() {
    if (!dispatching) {
      dispatching = true;
      dispatchHook.run();
    }
  }

  private static void dispatch(Operation<?> op) {
    try {
      op.dispatch();
    } catch (RuntimeException | Error e) {
      try {
        op.handlerFailed(e);
      } catch (RuntimeException | Error again) {
        LOG.error("unhandled error cleaning up after {}", op, again);
      }
    }
  }

  /** Runs {@code l} from the next poll's dispatch, which then does not wait. */
  void later(Later l) {
    pendingLater.add(l);
  }

  /**
   * A send buffer for one write operation; it belongs to that operation until its completion
   * is dispatched, then comes back through {@link #releaseWriteBuffer}.
   */
  ByteBuffer acquireWriteBuffer() {
    ByteBuffer b = freeWriteBuffers.pollFirst();
    // Heap, not direct: the JDK copies through its pool thread's cached direct buffer, and
    // heap buffers held by slow connections are the garbage collector's, not native memory.
    return b != null ? b : ByteBuffer.allocate(SEND_LIMIT);
  }

  /** Takes back a buffer no operation owns any more. */
  void releaseWriteBuffer(ByteBuffer b) {
    if (freeWriteBuffers.size() < MAX_FREE_BUFFERS) {
      b.clear();
      freeWriteBuffers.addFirst(b);
    }
  }

  @Override
  public void wakeUp() {
    completions.wake();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    AsynchronousChannelGroup g = group;
    if (g != null) {
      try {
        // Closes every channel still open; the pool thread ends once they are.
        g.shutdownNow();
        // The group's epoll descriptor and wake-up pipe close only as its thread ends: wait
        // (bounded) so a closed reactor holds no descriptor.
        g.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    completions.close();
    pendingLater.clear();
    runningLater.clear();
    freeWriteBuffers.clear();
  }

  @Override
  public Listener listen(InetSocketAddress local, int backlog, ListenerEvents events)
      throws IOException {
    return Nio2Listener.listen(this, local, backlog, events);
  }

  @Override
  public Listener adoptListener(ServerSocketChannel channel, ListenerEvents events)
      throws IOException {
    channel.close();
    throw new IOException("the nio2 reactor cannot adopt " + channel
        + ": asynchronous channels cannot take over an existing socket");
  }

  @Override
  public Stream connect(InetSocketAddress remote, @Nullable InetSocketAddress local,
      StreamEvents events) throws IOException {
    AsynchronousSocketChannel ch = AsynchronousSocketChannel.open(group());
    try {
      if (local != null) {
        ch.bind(local);
      }
      Nio2Stream s = new Nio2Stream(this, ch);
      s.connect(remote, events);
      return s;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public Stream adoptStream(SocketChannel channel) throws IOException {
    channel.close();
    throw new IOException("the nio2 reactor cannot adopt " + channel
        + ": asynchronous channels cannot take over an existing socket");
  }

  @Override
  public Listener listenUNIX(java.net.UnixDomainSocketAddress path, int backlog,
      ListenerEvents events) throws IOException {
    throw new IOException("the nio2 reactor has no UNIX domain sockets: the JDK's asynchronous"
        + " channels are TCP only");
  }

  @Override
  public Stream connectUNIX(java.net.UnixDomainSocketAddress path, StreamEvents events)
      throws IOException {
    throw new IOException("the nio2 reactor has no UNIX domain sockets: the JDK's asynchronous"
        + " channels are TCP only");
  }

  /** Wraps an accepted socket. */
  Stream acceptedStream(AsynchronousSocketChannel c) {
    return new Nio2Stream(this, c);
  }

  /** Opens a listening channel in this backend's group. */
  AsynchronousServerSocketChannel openServer() throws IOException {
    return AsynchronousServerSocketChannel.open(group());
  }

  @Override
  public String toString() {
    return "Nio2Backend(" + (closed ? "closed" : "open") + ")";
  }
}
