package dev.torsion.bench.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The load generator's single-threaded loop: one selector, connections as small state machines.
 * Every loop is bounded by a deadline; a verification failure ends the run with an exception.
 */
final class LoadLoop implements AutoCloseable {
  /** A client connection: told when its socket is ready. */
  abstract static class Conn {
    SocketChannel ch;
    SelectionKey key;

    /** Handles readiness; throws on a protocol or verification error. */
    abstract void ready(SelectionKey k) throws IOException;

    final void interest(int ops) {
      if (key.interestOps() != ops) {
        key.interestOps(ops);
      }
    }

    final void close() {
      try {
        ch.close();
      } catch (IOException e) {
        // Closing at the end of a run: nothing to do.
      }
    }
  }

  final Selector selector;
  private final InetSocketAddress server;
  private RuntimeException failure;

  LoadLoop(InetSocketAddress server) throws IOException {
    this.server = server;
    selector = Selector.open();
  }

  /** Opens a non-blocking connection to the server for {@code c}, with {@code ops} interest. */
  void connect(Conn c, int ops) throws IOException {
    SocketChannel ch = SocketChannel.open();
    ch.configureBlocking(false);
    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
    c.ch = ch;
    boolean now = ch.connect(server);
    c.key = ch.register(selector, now ? ops : SelectionKey.OP_CONNECT, c);
  }

  /** Opens a connection and waits (bounded) until it is connected. */
  void connectNow(Conn c, int ops) throws IOException {
    connect(c, ops);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (c.ch.isConnectionPending()) {
      if (System.nanoTime() > deadline) {
        throw new IOException("connect timed out");
      }
      selector.select(10);
      selector.selectedKeys().clear();
      c.ch.finishConnect();
    }
    c.key.interestOps(ops);
  }

  /** Runs until {@code deadline} (System.nanoTime) or until {@code done} says so. */
  void runUntil(long deadline, java.util.function.BooleanSupplier done) throws IOException {
    while (failure == null && !done.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      selector.select(this::dispatch, Math.max(1, Math.min(10, left / 1_000_000)));
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void dispatch(SelectionKey k) {
    if (failure != null || !k.isValid()) {
      return;
    }
    try {
      ((Conn) k.attachment()).ready(k);
    } catch (IOException e) {
      failure = new UncheckedIOException(e);
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  @Override
  public void close() throws IOException {
    for (SelectionKey k : selector.keys()) {
      ((Conn) k.attachment()).close();
    }
    selector.close();
  }
}
