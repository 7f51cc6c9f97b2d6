package dev.torsion.python.threadpool;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.UnhandledErrors;
import dev.torsion.python.failure.Failure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of threads for blocking work: file I/O, JDBC, a library that blocks. Work is handed in
 * with {@link #callInThread} or {@link #callInThreadWithCallback} and runs on one of the pool's
 * threads, never on the caller's. Most code uses the reactor's pool through
 * {@code reactor.callInThread} or {@code internet.threads.Threads.deferToThread} rather than making
 * its own.
 *
 * <pre>{@code
 * ThreadPool pool = new ThreadPool(0, 4, "db");
 * pool.start();
 * Deferred<Row> row = Threads.deferToThreadPool(reactor, pool, () -> jdbc.fetch(id));
 * ...
 * pool.stop();
 * }</pre>
 *
 * <p><b>Sizing.</b> A thread is created when work arrives and no thread is idle, up to
 * {@link #max()}; beyond that, work waits in a backlog, first in first out, for the next thread
 * that becomes free. {@link #start()} creates {@link #min()} idle threads at once (and threads for
 * work already waiting); a thread that stays idle for a minute while the pool has more than
 * {@code min} threads ends. Threads are named {@code name-N}, N counting from 0, and are daemon
 * threads: a pool nobody stopped never holds the JVM open.
 *
 * <p><b>Lifecycle.</b> not started → {@link #start()} → started → {@link #stop()} → stopped.
 * Work handed in before {@code start()} waits and runs once the pool starts. {@code stop()} lets
 * running work finish, and the threads that are busy also run the backlog before they end; it
 * then waits for the threads, up to ten seconds, and logs a warning naming any still running. A
 * stopped pool ignores new work and cannot be started again.
 *
 * <p><b>Threading.</b> Every method is safe from any thread. {@code onResult} callbacks run on the
 * pool thread that ran the work, right after it: keep them short and hand results to the reactor
 * with {@code callFromThread}.
 *
 * <p><b>Errors.</b> What the work throws is given to {@code onResult} as a {@link Failure}, or, with
 * no {@code onResult}, logged with its stack through
 * {@link UnhandledErrors#logError(Failure, String)}; an {@code onResult} that throws is logged the
 * same way. Neither kills the thread. A bad size is an {@link IllegalArgumentException}.
 *
 * <p><b>Differences from Twisted.</b> Twisted keeps idle threads until the pool shrinks or stops;
 * here threads above {@code min} end after a minute idle. {@link #workers()}, {@link #working()}
 * and {@link #waiters()} are counts, not lists; {@link #threads()} holds only live threads.
 * {@code stop()} waits a bounded time instead of for ever, and a second {@code start()} after
 * {@code stop()} is refused plainly rather than failing later. Extra arguments are captured by the
 * lambda; there is no context propagation ({@code twisted.python.context}) and no pickling.
 *
 * @twisted twisted.python.threadpool.ThreadPool
 */
public final class ThreadPool {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadPool.class);
  private static final long DEFAULT_KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final long STOP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private enum State { NOT_STARTED, STARTED, STOPPED }

  /**
   * Receives the outcome of work given to {@link #callInThreadWithCallback}, on the pool thread.
   *
   * @twisted twisted.python.threadpool.ThreadPool.callInThreadWithCallback
   */
  @FunctionalInterface
  public interface OnResult {
    /**
     * Receives one outcome.
     *
     * @param success true if the work returned, false if it threw
     * @param result what the work returned, or a {@link Failure} of what it threw
     */
    void onResult(boolean success, @Nullable Object result);
  }

  private final String name;
  private final long keepAliveNanos;
  // One lock guards every field below and each worker's fields: counts are exact, never estimates.
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Runnable> backlog = new ArrayDeque<>();
  // Most recently idle first, so the others stay idle long enough to end.
  private final ArrayDeque<Worker> idle = new ArrayDeque<>();
  private final List<Worker> live = new ArrayList<>();
  private State state = State.NOT_STARTED;
  private int min;
  private int max;
  private int busy;
  private int toShrink;
  private int serial;

  /**
   * A pool that is not started yet.
   *
   * @param minThreads threads kept even when idle, at least 0
   * @param maxThreads the most threads at once, at least {@code minThreads}
   * @param name the pool's name, used for its threads' names
   * @throws IllegalArgumentException if the sizes are out of range
   * @twisted twisted.python.threadpool.ThreadPool.__init__
   */
  public ThreadPool(int minThreads, int maxThreads, String name) {
    this(minThreads, maxThreads, name, DEFAULT_KEEP_ALIVE_NANOS);
  }

  ThreadPool(int minThreads, int maxThreads, String name, long keepAliveNanos) {
    checkSizes(minThreads, maxThreads);
    this.min = minThreads;
    this.max = maxThreads;
    this.name = Objects.requireNonNull(name, "name");
    this.keepAliveNanos = keepAliveNanos;
  }

  private static void checkSizes(int minThreads, int maxThreads) {
    if (minThreads < 0) {
      throw new IllegalArgumentException("minimum is negative: " + minThreads);
    }
    if (minThreads > maxThreads) {
      throw new IllegalArgumentException(
          "minimum is greater than maximum: " + minThreads + " > " + maxThreads);
    }
  }

  /**
   * Starts the pool: creates threads for work already handed in (up to the maximum) and idle
   * threads up to the minimum. Starting a started pool does nothing.
   *
   * @throws IllegalStateException if the pool was stopped
   * @twisted twisted.python.threadpool.ThreadPool.start
   */
  public void start() {
    lock.lock();
    try {
      if (state == State.STOPPED) {
        throw new IllegalStateException(this + " was stopped and cannot be started again");
      }
      if (state == State.STARTED) {
        return;
      }
      state = State.STARTED;
      growToSizes();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the pool: idle threads end now, busy ones after their work and the backlog; then waits
   * up to ten seconds for them to end. Work never started because no thread was there to run it
   * (the pool never started, or its maximum is 0) is dropped. Stopping twice does nothing.
   *
   * @twisted twisted.python.threadpool.ThreadPool.stop
   */
  public void stop() {
    stop(STOP_WAIT_NANOS);
  }

  void stop(long waitNanos) {
    List<Thread> threads = new ArrayList<>();
    lock.lock();
    try {
      if (state == State.STOPPED) {
        return;
      }
      state = State.STOPPED;
      if (busy == 0 && !backlog.isEmpty()) {
        LOG.debug("{} stopped with {} calls never run", this, backlog.size());
        backlog.clear();
      }
      for (Worker w : idle) {
        w.quit = true;
        w.wake.signal();
      }
      idle.clear();
      for (Worker w : live) {
        threads.add(w.thread);
      }
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + waitNanos;
    for (Thread t : threads) {
      if (t == Thread.currentThread()) {
        continue;
      }
      try {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<Thread> stuck = new ArrayList<>();
    for (Thread t : threads) {
      if (t.isAlive() && t != Thread.currentThread()) {
        stuck.add(t);
      }
    }
    if (!stuck.isEmpty()) {
      LOG.warn("{} stopped, but its work still runs in {}; not waiting longer", this, stuck);
    }
  }

  /**
   * Runs {@code work} on a pool thread; what it throws is logged.
   *
   * @param work what to run
   * @twisted twisted.python.threadpool.ThreadPool.callInThread
   */
  public void callInThread(Runnable work) {
    Objects.requireNonNull(work, "work");
    callInThreadWithCallback(null, () -> {
      work.run();
      return null;
    });
  }

  /**
   * Runs {@code work} on a pool thread, then {@code onResult} on the same thread with
   * {@code (true, value)} or {@code (false, failure)}.
   *
   * @param onResult told the outcome, or null to log a failure instead
   * @param work what to run
   * @twisted twisted.python.threadpool.ThreadPool.callInThreadWithCallback
   */
  public void callInThreadWithCallback(@Nullable OnResult onResult,
      Defer.Call<?> work) {
    Objects.requireNonNull(work, "work");
    submit(new Work(this, work, onResult));
  }

  /**
   * Sets the minimum and maximum number of threads. On a started pool, idle threads above the new
   * maximum end now and busy ones when their work is done; threads are created for the minimum and
   * for waiting work.
   *
   * @param minThreads threads kept even when idle, at least 0
   * @param maxThreads the most threads at once, at least {@code minThreads}
   * @throws IllegalArgumentException if the sizes are out of range
   * @twisted twisted.python.threadpool.ThreadPool.adjustPoolsize
   */
  public void adjustPoolsize(int minThreads, int maxThreads) {
    checkSizes(minThreads, maxThreads);
    lock.lock();
    try {
      min = minThreads;
      max = maxThreads;
      if (state != State.STARTED) {
        return;
      }
      while (workersLocked() > max && !idle.isEmpty()) {
        Worker w = idle.pollFirst();
        w.quit = true;
        w.wake.signal();
      }
      toShrink = Math.max(0, workersLocked() - max);
      growToSizes();
      // Idle threads recompute whether they may time out under the new minimum.
      for (Worker w : idle) {
        w.wake.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Called with the lock held, on a started pool. */
  private void growToSizes() {
    while (!backlog.isEmpty() && workersLocked() < max) {
      if (!spawn(backlog.peekFirst())) {
        return;
      }
      backlog.pollFirst();
    }
    while (workersLocked() < min) {
      if (!spawn(null)) {
        return;
      }
    }
  }

  private void submit(Runnable work) {
    lock.lock();
    try {
      if (state == State.STOPPED) {
        LOG.debug("{} is stopped; dropping {}", this, work);
        return;
      }
      if (state == State.STARTED) {
        Worker w = idle.pollFirst();
        if (w != null) {
          w.task = work;
          busy++;
          w.wake.signal();
          return;
        }
        if (workersLocked() < max && spawn(work)) {
          return;
        }
      }
      backlog.addLast(work);
    } finally {
      lock.unlock();
    }
  }

  /** Starts a thread, busy with {@code first} or idle; false if the JVM refused a thread. */
  private boolean spawn(@Nullable Runnable first) {
    Worker w = new Worker(this, name + "-" + serial);
    w.task = first;
    try {
      w.thread.start();
    } catch (OutOfMemoryError e) {
      LOG.error("{} could not start a thread; work waits for a free one", this, e);
      return false;
    }
    serial++;
    live.add(w);
    if (first == null) {
      w.idleSince = System.nanoTime();
      idle.addFirst(w);
    } else {
      busy++;
    }
    return true;
  }

  /** Runs on a worker's thread: its next work, or null when it should end. */
  @Nullable Runnable take(Worker w, boolean finishedOne) {
    lock.lock();
    try {
      if (finishedOne) {
        busy--;
        Runnable next = backlog.pollFirst();
        if (next != null) {
          busy++;
          return next;
        }
        if (state == State.STOPPED || toShrink > 0) {
          toShrink = Math.max(0, toShrink - 1);
          live.remove(w);
          return null;
        }
        w.idleSince = System.nanoTime();
        idle.addFirst(w);
      }
      while (true) {
        Runnable task = w.task;
        if (task != null) {
          w.task = null;
          return task;
        }
        if (w.quit) {
          live.remove(w);
          return null;
        }
        try {
          if (workersLocked() > min) {
            long left = keepAliveNanos - (System.nanoTime() - w.idleSince);
            if (left <= 0) {
              idle.remove(w);
              live.remove(w);
              return null;
            }
            w.wake.awaitNanos(left);
          } else {
            w.wake.await();
          }
        } catch (InterruptedException e) {
          // Nobody but the work itself interrupts a pool thread; the flag is cleared, go on.
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private int workersLocked() {
    return idle.size() + busy;
  }

  /**
   * The threads alive now, idle or busy.
   *
   * @return {@link #waiters()} + {@link #working()}
   * @twisted twisted.python.threadpool.ThreadPool.workers
   */
  public int workers() {
    lock.lock();
    try {
      return workersLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The threads running work now.
   *
   * @return the count
   * @twisted twisted.python.threadpool.ThreadPool.working
   */
  public int working() {
    lock.lock();
    try {
      return busy;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The threads alive and waiting for work now.
   *
   * @return the count
   * @twisted twisted.python.threadpool.ThreadPool.waiters
   */
  public int waiters() {
    lock.lock();
    try {
      return idle.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The work handed in and not yet given to a thread.
   *
   * @return the count
   * @twisted twisted.python.threadpool.ThreadPool.q
   */
  public int backlog() {
    lock.lock();
    try {
      return backlog.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The pool's threads that are alive now (a thread that ended is no longer listed).
   *
   * @return a copy, oldest first
   * @twisted twisted.python.threadpool.ThreadPool.threads
   */
  public List<Thread> threads() {
    lock.lock();
    try {
      List<Thread> out = new ArrayList<>(live.size());
      for (Worker w : live) {
        out.add(w.thread);
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether the pool is started (and not stopped).
   *
   * @return true between {@link #start()} and {@link #stop()}
   * @twisted twisted.python.threadpool.ThreadPool.started
   */
  public boolean started() {
    lock.lock();
    try {
      return state == State.STARTED;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The minimum number of threads.
   *
   * @return the minimum
   * @twisted twisted.python.threadpool.ThreadPool.min
   */
  public int min() {
    lock.lock();
    try {
      return min;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The maximum number of threads.
   *
   * @return the maximum
   * @twisted twisted.python.threadpool.ThreadPool.max
   */
  public int max() {
    lock.lock();
    try {
      return max;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The pool's name.
   *
   * @return the name given to the constructor
   * @twisted twisted.python.threadpool.ThreadPool.name
   */
  public String name() {
    return name;
  }

  /**
   * Logs, at INFO level, the idle and busy thread counts and the threads.
   *
   * @twisted twisted.python.threadpool.ThreadPool.dumpStats
   */
  public void dumpStats() {
    LOG.info("{} waiters: {}", name, waiters());
    LOG.info("{} workers: {}", name, working());
    LOG.info("{} total: {}", name, threads());
  }

  @Override
  public String toString() {
    lock.lock();
    try {
      return "<ThreadPool '" + name + "' " + state.name().toLowerCase(Locale.ROOT)
          + " min=" + min + " max=" + max + " working=" + busy + " waiting=" + idle.size()
          + " backlog=" + backlog.size() + ">";
    } finally {
      lock.unlock();
    }
  }

  /** One pool thread's loop. Its fields are guarded by the pool's lock. */
  private static final class Worker implements Runnable {
    private final ThreadPool pool;
    private final Condition wake;
    final Thread thread;
    @Nullable Runnable task;
    boolean quit;
    long idleSince;

    Worker(ThreadPool pool, String threadName) {
      this.pool = pool;
      this.wake = pool.lock.newCondition();
      this.thread = new Thread(this, threadName);
      thread.setDaemon(true);
    }

    @Override
    public void run() {
      Runnable work = pool.take(this, false);
      while (work != null) {
        work.run();
        // One call's interrupt must not leak into the next call on this thread.
        Thread.interrupted();
        work = pool.take(this, true);
      }
    }
  }

  /** One call handed in: runs it, reports its outcome, and never throws. */
  private static final class Work implements Runnable {
    private final ThreadPool pool;
    private Defer.@Nullable Call<?> call;
    private @Nullable OnResult onResult;

    Work(ThreadPool pool, Defer.Call<?> call, @Nullable OnResult onResult) {
      this.pool = pool;
      this.call = call;
      this.onResult = onResult;
    }

    @Override
    public void run() {
      Defer.Call<?> c = call;
      OnResult r = onResult;
      // Drop the references first, so the pool never keeps a finished call's objects alive.
      call = null;
      onResult = null;
      if (c == null) {
        return;
      }
      boolean ok;
      Object result;
      try {
        result = c.call();
        ok = true;
      } catch (Throwable t) {
        result = new Failure(t);
        ok = false;
      }
      c = null;
      if (r != null) {
        try {
          r.onResult(ok, result);
        } catch (Throwable t) {
          report(new Failure(t), "Unhandled error in onResult of a call in ");
        }
      } else if (!ok) {
        report((Failure) result, "Unhandled error in a call in ");
      }
    }

    private void report(Failure failure, String why) {
      try {
        UnhandledErrors.logError(failure, why + pool.name + ":\n" + failure.getTraceback());
      } catch (Throwable t) {
        LOG.error("{}{}", why, pool.name, failure.value());
      }
    }

    @Override
    public String toString() {
      Defer.Call<?> c = call;
      return "call " + (c == null ? "(done)" : c.toString());
    }
  }
}
