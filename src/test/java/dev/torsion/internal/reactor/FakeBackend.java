package dev.torsion.internal.reactor;

import dev.torsion.internet.reactor.IoBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link IoBackend} with no I/O: a poll that may block waits (at most {@link #BOUND_SECONDS})
 * for {@link #wakeUp()} or its timeout; records each timeout asked for.
 */
final class FakeBackend extends LoopOnlyBackend {
  static final long BOUND_SECONDS = 10;

  private final List<Long> polls = new ArrayList<>();
  private final Semaphore wakeUps = new Semaphore(0);
  final AtomicInteger wakeUpCalls = new AtomicInteger();
  /** Counted down when a poll starts that may block. */
  final CountDownLatch blocking = new CountDownLatch(1);
  volatile boolean closed;
  /** Whether the last blocking poll ended by a wake-up rather than its timeout. */
  volatile boolean lastPollWoken;

  @Override
  public void poll(long timeoutNanos) {
    synchronized (this) {
      polls.add(timeoutNanos);
    }
    if (timeoutNanos == 0) {
      wakeUps.drainPermits();
      return;
    }
    blocking.countDown();
    long wait = timeoutNanos < 0 ? TimeUnit.SECONDS.toNanos(BOUND_SECONDS)
        : Math.min(timeoutNanos, TimeUnit.SECONDS.toNanos(BOUND_SECONDS));
    try {
      lastPollWoken = wakeUps.tryAcquire(wait, TimeUnit.NANOSECONDS);
      wakeUps.drainPermits();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void wakeUp() {
    wakeUpCalls.incrementAndGet();
    wakeUps.release();
  }

  @Override
  public void close() {
    closed = true;
  }

  synchronized List<Long> polls() {
    return new ArrayList<>(polls);
  }
}
