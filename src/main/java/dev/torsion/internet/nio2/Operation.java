package dev.torsion.internet.nio2;

import java.io.IOException;
import java.nio.channels.CompletionHandler;
import org.jspecify.annotations.Nullable;

/**
 * One kind of asynchronous operation of one channel (its reads, its writes, its accepts…): the
 * {@link CompletionHandler} the JDK calls on a pool thread, which only records the outcome and
 * queues itself for the reactor thread. Each object is reused: a channel has at most one
 * operation of each kind in flight, so the next is started only after this one's completion was
 * dispatched, and the recorded outcome is never overwritten while unread.
 *
 * @param <V> the result type
 */
abstract class Operation<V> implements CompletionHandler<V, Void>, CompletionQueue.Completion {
  private final CompletionQueue queue;
  /** Written on a pool thread, read on the reactor thread after the queue's hand-off. */
  private @Nullable V result;
  private @Nullable Throwable error;
  /** Reactor thread only: started and not yet dispatched. */
  boolean inFlight;

  Operation(CompletionQueue queue) {
    this.queue = queue;
  }

  @Override
  public final void completed(V value, Void unused) {
    result = value;
    error = null;
    queue.offer(this);
  }

  @Override
  public final void failed(Throwable t, Void unused) {
    result = null;
    error = t;
    queue.offer(this);
  }

  @Override
  public final void dispatch() {
    inFlight = false;
    V r = result;
    Throwable e = error;
    result = null;
    error = null;
    if (e != null) {
      failed(asIOException(e));
    } else {
      succeeded(r);
    }
  }

  /** The operation succeeded; reactor thread. */
  abstract void succeeded(@Nullable V value);

  /** The operation failed; reactor thread. */
  abstract void failed(IOException error);

  /** A handler this operation called threw {@code t}; the owner cleans up. */
  abstract void handlerFailed(Throwable t);

  /** The JDK reports some failures unchecked (a closed group, an unresolved address). */
  static IOException asIOException(Throwable t) {
    return t instanceof IOException io ? io : new IOException(t.toString(), t);
  }
}
