package dev.torsion.internet.nio2;

import dev.torsion.internal.transport.SocketErrors;
import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening socket of a {@link Nio2Backend}: one accept in flight while accepting is on; its
 * completions wait in a queue that {@link #accept()} hands out, so the shared port batches and
 * backs off exactly as over a readiness backend.
 */
final class Nio2Listener implements IoBackend.Listener, Nio2Backend.Later {
  private static final Logger LOG = LoggerFactory.getLogger(Nio2Listener.class);

  private enum State { OPEN, CLOSED }

  private final Nio2Backend backend;
  private final AsynchronousServerSocketChannel channel;
  private final IoBackend.ListenerEvents events;
  private final InetSocketAddress local;
  private final AcceptOp acceptOp;
  /** Completed accepts not yet taken: AsynchronousSocketChannel or IOException. */
  private final ArrayDeque<Object> completed = new ArrayDeque<>();
  private State state = State.OPEN;
  private boolean accepting;
  /** The last accept failed for lack of descriptors (see {@link #accept()}). */
  private boolean exhausted;
  private boolean laterQueued;
  private @Nullable Runnable onClosed;

  private Nio2Listener(Nio2Backend backend, AsynchronousServerSocketChannel channel,
      InetSocketAddress requested, IoBackend.ListenerEvents events) throws IOException {
    this.backend = backend;
    this.channel = channel;
    this.events = events;
    InetSocketAddress bound = (InetSocketAddress) channel.getLocalAddress();
    // The channel is always dual-stack, and the JDK binds it to :: when asked for 0.0.0.0: it
    // then also takes IPv6 connections, but the port is the IPv4 wildcard one that was asked.
    this.local = requested.getAddress() instanceof java.net.Inet4Address
        && requested.getAddress().isAnyLocalAddress()
        ? new InetSocketAddress(requested.getAddress(), bound.getPort()) : bound;
    this.acceptOp = new AcceptOp(backend.completions);
  }

  /** A new socket bound to {@code local}, listening; closed again on any failure. */
  static Nio2Listener listen(Nio2Backend backend, InetSocketAddress local, int backlog,
      IoBackend.ListenerEvents events) throws IOException {
    AsynchronousServerSocketChannel ch = backend.openServer();
    try {
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      ch.bind(local, backlog);
      return new Nio2Listener(backend, ch, local, events);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public InetSocketAddress localAddress() {
    return local;
  }

  @Override
  public void setAccepting(boolean on) {
    if (accepting == on || state != State.OPEN) {
      return;
    }
    accepting = on;
    if (!on) {
      return; // an accept in flight cannot be withdrawn: its outcome waits in the queue
    }
    if (!completed.isEmpty()) {
      // Accepted while the port was not accepting: announce from the next dispatch.
      queueLater();
    } else {
      submitAccept();
    }
  }

  private void submitAccept() {
    if (!acceptOp.inFlight && state == State.OPEN) {
      acceptOp.inFlight = true;
      try {
        channel.accept(null, acceptOp);
      } catch (RuntimeException e) { // a shut-down group: reported from the next dispatch
        acceptOp.failed(e, null);
      }
    }
  }

  @Override
  public IoBackend.@Nullable Stream accept() throws IOException {
    Object next = completed.pollFirst();
    if (next instanceof IOException e) {
      exhausted = SocketErrors.isResourceExhaustion(e);
      throw e;
    }
    if (next != null) {
      exhausted = false;
      return backend.acceptedStream((AsynchronousSocketChannel) next);
    }
    if (exhausted && !acceptOp.inFlight && state == State.OPEN) {
      // The port freed a reserved descriptor to take the connection that met EMFILE and close
      // it (Twisted's _reservedFD), and expects it now, as from a readiness backend.
      exhausted = false;
      return acceptNow();
    }
    return null;
  }

  /**
   * Takes a waiting connection synchronously: with no accept in flight, the JDK tries accept(2)
   * on the calling thread and returns a finished future. Should nobody be waiting any more,
   * the pending future becomes the accept in flight, its outcome fetched by a short-lived
   * thread (this happens only after descriptor exhaustion).
   */
  private IoBackend.@Nullable Stream acceptNow() throws IOException {
    Future<AsynchronousSocketChannel> f = channel.accept();
    if (!f.isDone()) {
      acceptOp.inFlight = true;
      Thread waiter = new Thread(() -> acceptOp.awaitFuture(f), "torsion-nio2-accept");
      waiter.setDaemon(true);
      waiter.start();
      return null;
    }
    try {
      return backend.acceptedStream(f.get());
    } catch (ExecutionException e) {
      throw Operation.asIOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while accepting", e);
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
    Runnable closed = onClosed;
    if (closed != null) {
      onClosed = null;
      closed.run();
      return;
    }
    announce();
  }

  /** Tells the port of completed accepts, then keeps one accept in flight. */
  private void announce() {
    if (state != State.OPEN || !accepting) {
      return;
    }
    if (!completed.isEmpty()) {
      events.acceptReady();
    }
    if (state == State.OPEN && accepting) {
      if (completed.isEmpty()) {
        submitAccept();
      } else {
        queueLater(); // the port's batch ended early: the rest on the next turn
      }
    }
  }

  @Override
  public void close(Runnable then) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    accepting = false;
    try {
      // Releases the descriptor now; an accept in flight completes later and is dropped.
      channel.close();
    } catch (IOException e) {
      LOG.warn("closing {} failed", local, e);
    }
    for (Object o : completed) {
      closeQuietly(o);
    }
    completed.clear();
    onClosed = then;
    queueLater();
  }

  private static void closeQuietly(Object o) {
    if (o instanceof AsynchronousSocketChannel c) {
      try {
        c.close();
      } catch (IOException e) {
        LOG.debug("closing {} failed", c, e);
      }
    }
  }

  @Override
  public String toString() {
    return "Nio2Listener(" + local + ")";
  }

  /** The accept's completion: queued for the port, then announced. */
  private final class AcceptOp extends Operation<AsynchronousSocketChannel> {
    AcceptOp(CompletionQueue q) {
      super(q);
    }

    /** On a waiter thread: turns a pending future into this operation's completion. */
    void awaitFuture(Future<AsynchronousSocketChannel> f) {
      try {
        completed(f.get(), null);
      } catch (ExecutionException e) {
        failed(e.getCause(), null);
      } catch (InterruptedException e) {
        failed(e, null);
      }
    }

    @Override
    void succeeded(@Nullable AsynchronousSocketChannel c) {
      if (state != State.OPEN) {
        closeQuietly(c);
        return;
      }
      completed.addLast(c);
      announce();
    }

    @Override
    void failed(IOException error) {
      if (state != State.OPEN) {
        return;
      }
      completed.addLast(error);
      announce();
    }

    @Override
    void handlerFailed(Throwable t) {
      // The accept loop must never die: a deaf port would stay bound and nobody be told.
      LOG.error("unhandled error accepting on {}; still listening", Nio2Listener.this, t);
      if (state == State.OPEN && accepting && completed.isEmpty()) {
        submitAccept();
      }
    }
  }
}
