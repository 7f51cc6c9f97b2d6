package dev.torsion.python.threadpool;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.UnhandledErrors;
import dev.torsion.python.failure.Failure;
import dev.torsion.python.threadpool.Team.Count;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
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
 * <p><b>Errors.</b> What the work throws is given to {@code onResult} as a {@link Failure}, or,
 * with no {@code onResult}, logged with its stack through
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

  private final Team team;

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
    team = new Team(minThreads, maxThreads, Objects.requireNonNull(name, "name"),
        keepAliveNanos);
  }

  /**
   * Starts the pool: creates threads for work already handed in (up to the maximum) and idle
   * threads up to the minimum. Starting a started pool does nothing.
   *
   * @throws IllegalStateException if the pool was stopped
   * @twisted twisted.python.threadpool.ThreadPool.start
   */
  public void start() {
    team.start();
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
    List<Thread> stuck = Team.join(team.quit(), waitNanos);
    if (!stuck.isEmpty()) {
      LOG.warn("{} stopped, but its work still runs in {}; not waiting longer", team, stuck);
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
  public void callInThreadWithCallback(@Nullable OnResult onResult, Defer.Call<?> work) {
    Objects.requireNonNull(work, "work");
    team.submit(new PoolCall(team.name(), work, onResult));
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
    team.adjust(minThreads, maxThreads);
  }

  /**
   * The threads alive now, idle or busy.
   *
   * @return {@link #waiters()} + {@link #working()}
   * @twisted twisted.python.threadpool.ThreadPool.workers
   */
  public int workers() {
    return team.read(Count.WORKERS);
  }

  /**
   * The threads running work now.
   *
   * @return the count
   * @twisted twisted.python.threadpool.ThreadPool.working
   */
  public int working() {
    return team.read(Count.WORKING);
  }

  /**
   * The threads alive and waiting for work now.
   *
   * @return the count
   * @twisted twisted.python.threadpool.ThreadPool.waiters
   */
  public int waiters() {
    return team.read(Count.WAITING);
  }

  /**
   * The work handed in and not yet given to a thread.
   *
   * @return the count
   * @twisted twisted.python.threadpool.ThreadPool.q
   */
  public int backlog() {
    return team.read(Count.BACKLOG);
  }

  /**
   * The pool's threads that are alive now (a thread that ended is no longer listed).
   *
   * @return a copy, oldest first
   * @twisted twisted.python.threadpool.ThreadPool.threads
   */
  public List<Thread> threads() {
    return team.threads();
  }

  /**
   * Whether the pool is started (and not stopped).
   *
   * @return true between {@link #start()} and {@link #stop()}
   * @twisted twisted.python.threadpool.ThreadPool.started
   */
  public boolean started() {
    return team.read(Count.STARTED) != 0;
  }

  /**
   * The minimum number of threads.
   *
   * @return the minimum
   * @twisted twisted.python.threadpool.ThreadPool.min
   */
  public int min() {
    return team.read(Count.MIN);
  }

  /**
   * The maximum number of threads.
   *
   * @return the maximum
   * @twisted twisted.python.threadpool.ThreadPool.max
   */
  public int max() {
    return team.read(Count.MAX);
  }

  /**
   * The pool's name.
   *
   * @return the name given to the constructor
   * @twisted twisted.python.threadpool.ThreadPool.name
   */
  public String name() {
    return team.name();
  }

  /**
   * Logs, at INFO level, the idle and busy thread counts and the threads.
   *
   * @twisted twisted.python.threadpool.ThreadPool.dumpStats
   */
  public void dumpStats() {
    LOG.info("{} waiters: {}", name(), waiters());
    LOG.info("{} workers: {}", name(), working());
    LOG.info("{} total: {}", name(), threads());
  }

  @Override
  public String toString() {
    return team.toString();
  }
}
