package dev.torsion.internal.defer;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Makes the threads inlineCallbacks bodies run on.
 *
 * <p>Virtual threads are reached through method handles, because we compile with
 * {@code --release 17}. They are used only from JDK 24 on: before JEP 491 a virtual thread that
 * parks inside a {@code synchronized} block pins its carrier, and a body holding a monitor while
 * it starts another body (which is common enough) parks in exactly that way, so with as many
 * nested bodies as carriers the scheduler would have no carrier left to run the innermost one.
 * Platform threads get a small stack: a body's frames are ordinary application frames, and
 * Deferred chains never recurse, so 256 KiB is plenty and keeps 10,000 suspended bodies cheap.
 * Creating a platform thread is slow (about 0.4 ms on a small VM), so finished bodies leave their
 * thread in a small idle pool for the next body; a body that never waits then costs two hand-offs.
 */
final class FiberThreads {
  static final long PLATFORM_STACK_SIZE = 256 * 1024;
  /** Idle platform threads kept for later bodies; creating one costs 50 to 500 us. */
  static final int MAX_IDLE = 256;
  static final long KEEP_ALIVE_NANOS = 60_000_000_000L;
  private static final String NAME = "torsion-inlineCallbacks";
  private static final @Nullable ThreadFactory VIRTUAL = virtualFactory();
  /** Idle workers, most recently used last. Guarded by itself. */
  private static final ArrayDeque<Worker> IDLE = new ArrayDeque<>();
  /** Lets the cost program compare both kinds on one JDK; true means "virtual if available". */
  static volatile boolean preferVirtual = true;

  private FiberThreads() {}

  /** Whether new bodies get virtual threads. */
  static boolean virtual() {
    return preferVirtual && VIRTUAL != null;
  }

  /** Runs {@code task} on a thread of its own: a new virtual thread, or an idle or new worker. */
  static void execute(Runnable task) {
    ThreadFactory factory = VIRTUAL;
    if (preferVirtual && factory != null) {
      factory.newThread(task).start();
      return;
    }
    Worker idle;
    synchronized (IDLE) {
      idle = IDLE.pollLast();
    }
    if (idle != null) {
      idle.hand(task);
    } else {
      new Worker(task).start();
    }
  }

  /** A pooled platform thread: runs one task, then waits idle for another or exits. */
  private static final class Worker extends Thread {
    private volatile @Nullable Runnable task;

    Worker(Runnable first) {
      super(null, null, NAME, PLATFORM_STACK_SIZE);
      setDaemon(true);
      task = first;
    }

    void hand(Runnable next) {
      task = next;
      LockSupport.unpark(this);
    }

    @Override
    public void run() {
      do {
        Runnable current = task;
        task = null;
        if (current != null) {
          current.run();
        }
        Thread.interrupted(); // the next body starts with a clean thread state
      } while (awaitTask());
    }

    /** Waits idle; true once handed a task, false when it should exit instead. */
    private boolean awaitTask() {
      synchronized (IDLE) {
        if (IDLE.size() >= MAX_IDLE) {
          return false;
        }
        IDLE.addLast(this);
      }
      long deadline = System.nanoTime() + KEEP_ALIVE_NANOS;
      while (task == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          synchronized (IDLE) {
            if (IDLE.remove(this)) {
              return false;
            }
          }
          // Taken from IDLE just now: its task is being handed over.
          while (task == null) {
            LockSupport.park(this);
          }
          return true;
        }
        LockSupport.parkNanos(this, left);
        Thread.interrupted();
      }
      return true;
    }
  }
  private static @Nullable ThreadFactory virtualFactory() {
    if (Runtime.version().feature() < 24) {
      return null;
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> builder = Class.forName("java.lang.Thread$Builder");
      Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
      MethodHandle create = lookup.findStatic(Thread.class, "ofVirtual",
          MethodType.methodType(ofVirtual));
      MethodHandle name = lookup.findVirtual(builder, "name",
          MethodType.methodType(builder, String.class));
      MethodHandle factory = lookup.findVirtual(builder, "factory",
          MethodType.methodType(ThreadFactory.class));
      // The builder's factory() is thread-safe, unlike the builder itself.
      return (ThreadFactory) factory.invoke(name.invoke(create.invoke(), NAME));
    } catch (Throwable unavailable) {
      return null;
    }
  }
}
