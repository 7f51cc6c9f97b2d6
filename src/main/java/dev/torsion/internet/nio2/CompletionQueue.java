package dev.torsion.internet.nio2;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Carries completions from the channel group's pool threads to the reactor thread, and parks
 * the reactor thread until one arrives, a {@link #wake()} or a timeout.
 *
 * <p>Many producers (pool threads, {@code callFromThread} callers), one consumer (the reactor
 * thread). An operation's results are written by the pool thread before {@link #offer} and read
 * by the reactor thread after {@link #poll}: the queue's hand-off orders the two, so the
 * operation objects need no locks or volatile fields of their own.
 *
 * <p>Why this cannot lose a wake-up: {@link #await} publishes the waiting thread and then reads
 * {@code woken} and the queue; {@link #wake} sets {@code woken} and then reads the waiting
 * thread. All four are volatile accesses, so at least one side sees the other: either the
 * reactor thread does not park, or it is unparked (a permit given before it parks makes the park
 * return at once). {@code woken} stays set until the reactor thread has looked, so a burst of
 * completions costs one unpark, not one each.
 */
final class CompletionQueue {
  /** An operation finished on a pool thread, to be finished on the reactor thread. */
  interface Completion {
    /** Delivers the result; reactor thread only. */
    void dispatch();
  }

  private final ConcurrentLinkedQueue<Completion> items = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean woken = new AtomicBoolean();
  private volatile @Nullable Thread waiter;
  private volatile boolean closed;

  /** Queues {@code c} and wakes the reactor thread; drops it once closed. Any thread. */
  void offer(Completion c) {
    items.offer(c);
    if (closed) {
      // Completions keep coming as a closed group fails what was in flight: hold none of
      // them (nor, through them, a stream, its transport and its protocol).
      items.clear();
      return;
    }
    wake();
  }

  /** Makes the current or next {@link #await} return. Any thread. */
  void wake() {
    if (!woken.getAndSet(true)) {
      Thread t = waiter;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }
  }

  /**
   * Parks until a completion is queued, {@link #wake()} is called or {@code timeoutNanos} pass.
   * Reactor thread only.
   *
   * @param timeoutNanos 0 not to park, negative to park without limit
   */
  void await(long timeoutNanos) {
    if (timeoutNanos != 0) {
      // Every time: the thread that runs a reactor may change between runs (iterate()).
      waiter = Thread.currentThread();
      long deadline = System.nanoTime() + timeoutNanos;
      // Parks may return spuriously, or for a stale permit: the loop checks again.
      while (!woken.get() && items.isEmpty()) {
        if (timeoutNanos < 0) {
          LockSupport.park(this);
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          LockSupport.parkNanos(this, left);
        }
      }
    }
    woken.set(false);
  }

  /**
   * The oldest completion, or null. Reactor thread only.
   *
   * @return the completion
   */
  @Nullable Completion poll() {
    return items.poll();
  }

  /** Drops every queued completion, and every later one (the backend is closing). */
  void close() {
    closed = true;
    items.clear();
  }
}
