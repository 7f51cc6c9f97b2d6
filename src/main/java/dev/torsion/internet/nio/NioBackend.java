package dev.torsion.internet.nio;

import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/** The I/O backend over a {@link Selector}. (Skeleton: issue 3's TCP work completes it.) */
final class NioBackend implements IoBackend {
  private final Selector selector;
  private boolean closed;

  NioBackend() {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
  }

  @Override
  public void poll(long timeoutNanos) {
    try {
      if (timeoutNanos == 0) {
        selector.selectNow(this::dispatch);
      } else if (timeoutNanos < 0) {
        selector.select(this::dispatch);
      } else {
        // select(long) takes milliseconds, and 0 means forever: round up to at least 1.
        selector.select(this::dispatch, Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void dispatch(SelectionKey key) {
    // Filled in by the TCP work: each key's attachment handles its readiness.
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
}
