package dev.torsion.internal.reactor;

import dev.torsion.internet.reactor.IoBackend;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Calls handed to the reactor thread by other threads: many producers, one consumer.
 *
 * <p>Wake-ups: a producer calls {@link IoBackend#wakeUp()} only when the loop has said it is
 * about to block ({@link #prepareToWait}). The loop raises its flag <i>then</i> looks at the
 * queue; a producer adds to the queue <i>then</i> looks at the flag. Both are sequentially
 * consistent atomics, so at least one of them sees the other: either the loop finds the call and
 * does not block, or the producer sees the flag and wakes it. No call is ever left waiting for
 * an unrelated event, and a busy loop costs producers no system call.
 */
final class ThreadCallQueue {
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong added = new AtomicLong();
  private final AtomicBoolean waiting = new AtomicBoolean();
  private final IoBackend backend;
  /** Calls taken so far; the loop thread's alone. */
  private long taken;

  ThreadCallQueue(IoBackend backend) {
    this.backend = backend;
  }

  /** Any thread. */
  void add(Runnable call) {
    queue.add(call);
    added.incrementAndGet();
    if (waiting.get() && waiting.compareAndSet(true, false)) {
      backend.wakeUp();
    }
  }

  /**
   * Runs the calls queued when the pass began; calls they queue wait for the next pass, so a
   * thread call that requeues itself cannot starve timers and I/O.
   */
  void runPending(Consumer<Runnable> runner) {
    long n = added.get() - taken;
    Runnable call;
    while (n-- > 0 && (call = queue.poll()) != null) {
      taken++;
      runner.accept(call);
    }
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  /**
   * The loop is about to block: returns false (and stays awake) if calls are already queued.
   * Every call that returns true must be followed by {@link #awake()}.
   */
  boolean prepareToWait() {
    waiting.set(true);
    if (!queue.isEmpty()) {
      waiting.set(false);
      return false;
    }
    return true;
  }

  /** The loop's wait has ended. */
  void awake() {
    waiting.set(false);
  }

  /** Whether a producer would wake the loop now (for tests). */
  boolean loopWaiting() {
    return waiting.get();
  }
}
