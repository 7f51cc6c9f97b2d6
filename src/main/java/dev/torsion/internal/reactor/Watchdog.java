package dev.torsion.internal.reactor;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Warns when one loop iteration's callbacks run past a limit, with the reactor thread's stack
 * taken while it is still stuck: the question "what is blocking my loop?" answered in the log.
 *
 * <p>The loop thread marks when it starts running callbacks ({@link #busy}) and when it goes
 * back to waiting for I/O ({@link #idle}): two volatile writes per iteration. A daemon thread
 * wakes every quarter of the limit and compares. It takes the stack, then checks that the same
 * busy stretch is still going on, so the stack shown is really the blocked one; each stretch is
 * reported once. The reactor builds no watchdog at all when the limit is 0 (the default).
 */
final class Watchdog implements Runnable {
  private static final long IDLE = Long.MIN_VALUE;

  private final long limitNanos;
  private final LoopLog log;
  private volatile @Nullable Thread loopThread;
  private volatile long busySince = IDLE;
  /** Counts busy stretches, so the checker can tell a new one from the one it reported. */
  private volatile long stretch;
  private volatile @Nullable Thread checker;

  Watchdog(long limitMillis, LoopLog log) {
    this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMillis);
    this.log = log;
  }

  /** Loop thread: callbacks start running; a no-op if they already are. */
  void busy() {
    if (busySince != IDLE) {
      return;
    }
    if (checker == null) {
      start();
    }
    stretch = stretch + 1;
    busySince = System.nanoTime();
  }

  /** Loop thread: going back to waiting (or leaving the loop). */
  void idle() {
    busySince = IDLE;
  }

  private void start() {
    loopThread = Thread.currentThread();
    Thread t = new Thread(this, "torsion-loop-watchdog for " + Thread.currentThread().getName());
    t.setDaemon(true);
    checker = t;
    t.start();
  }

  /** Loop thread: the loop has ended; the checker thread exits. */
  void close() {
    idle();
    Thread t = checker;
    checker = null;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  @Override
  public void run() {
    long reported = -1;
    long interval = Math.max(TimeUnit.MILLISECONDS.toNanos(1), limitNanos / 4);
    while (checker == Thread.currentThread()) {
      LockSupport.parkNanos(this, interval);
      long since = busySince;
      long current = stretch;
      Thread loop = loopThread;
      if (since == IDLE || current == reported || loop == null) {
        continue;
      }
      long blocked = System.nanoTime() - since;
      if (blocked < limitNanos) {
        continue;
      }
      StackTraceElement[] stack = loop.getStackTrace();
      if (busySince == since && stretch == current) {
        reported = current;
        try {
          log.loopBlocked(loop, blocked, stack);
        } catch (RuntimeException e) {
          // A failing log must not kill the watchdog, and there is nowhere else to report it.
        }
      }
    }
  }
}
