package dev.torsion.internet.testing;

import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IReactorThreads;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.task.DelayedCall;
import dev.torsion.python.threadpool.ThreadPool;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MemoryReactor} that also keeps time like a {@link Clock}: timed calls run when the
 * test {@link #advance advances} it. Hand it to code that needs TCP and timers from one object.
 *
 * <pre>{@code
 * MemoryReactorClock reactor = new MemoryReactorClock();
 * ClientFactory factory = new RetryingFactory(reactor);   // schedules a retry after 5 s
 * reactor.connectTCP("example.com", 80, factory);
 * reactor.advance(5);
 * assertEquals(reactor.tcpClients().size(), 2);
 * }</pre>
 *
 * <p><b>Threading.</b> {@link #callFromThread} is safe from any thread: its calls wait in a
 * queue and run, in order, at the start of the next {@link #advance} (or {@link #iterate}) on the
 * test's thread. Everything else belongs to the test's thread.
 *
 * <p><b>Errors.</b> A timed or handed-over call that throws propagates out of
 * {@code advance}, as {@link Clock}'s do.
 *
 * <p><b>Differences from Twisted.</b> Twisted's class inherits from both {@code MemoryReactor}
 * and {@code Clock}; here the clock is held inside and its methods are forwarded. Twisted's
 * offers no thread methods; this one does, deterministically: {@link #callInThread} runs the
 * call at once on the calling thread, and {@link #getThreadPool()} returns a pool that is never
 * started. {@link #iterate} runs the handed-over calls and the timed calls now due
 * ({@code advance(0)}); it never waits.
 *
 * @twisted twisted.internet.testing.MemoryReactorClock
 */
public class MemoryReactorClock extends MemoryReactor implements IReactorTime, IReactorThreads {
  private final Clock clock = new Clock();
  private final ConcurrentLinkedQueue<Runnable> threadCalls = new ConcurrentLinkedQueue<>();
  private @Nullable ThreadPool threadPool;
  private int suggestedThreadPoolSize = 10;

  /** A reactor at time 0 with nothing recorded. */
  public MemoryReactorClock() {}

  @Override
  public double seconds() {
    return clock.seconds();
  }

  @Override
  public DelayedCall callLater(double delay, Runnable callable) {
    return clock.callLater(delay, callable);
  }

  @Override
  public List<IDelayedCall> getDelayedCalls() {
    return clock.getDelayedCalls();
  }

  /**
   * Runs the calls handed over with {@link #callFromThread}, then moves time forward by
   * {@code amount} seconds, running every timed call that falls due.
   *
   * @param amount seconds, zero or more
   * @throws IllegalArgumentException if {@code amount} is negative or NaN
   * @twisted twisted.internet.task.Clock.advance
   */
  public void advance(double amount) {
    if (!(amount >= 0)) {
      throw new IllegalArgumentException("cannot go back in time: " + amount);
    }
    Runnable call;
    while ((call = threadCalls.poll()) != null) {
      call.run();
    }
    clock.advance(amount);
  }

  /**
   * Advances by each amount in turn.
   *
   * @param timings seconds for each step
   * @twisted twisted.internet.task.Clock.pump
   */
  public void pump(double... timings) {
    for (double amount : timings) {
      advance(amount);
    }
  }

  /** Counts the call, then runs the handed-over calls and the timed calls due now. */
  @Override
  public void iterate(double delay) {
    super.iterate(delay);
    advance(0);
  }

  /** Queues {@code callable} for the next {@link #advance}; safe from any thread. */
  @Override
  public void callFromThread(Runnable callable) {
    threadCalls.add(Objects.requireNonNull(callable, "callable"));
  }

  /** Runs {@code callable} now, on the calling thread; an exception it throws propagates. */
  @Override
  public void callInThread(Runnable callable) {
    callable.run();
  }

  /** A pool, created on first use and never started: the calls never reach it. */
  @Override
  public ThreadPool getThreadPool() {
    ThreadPool pool = threadPool;
    if (pool == null) {
      pool = new ThreadPool(0, suggestedThreadPoolSize, "MemoryReactorClock");
      threadPool = pool;
    }
    return pool;
  }

  /** Records the size, read back with {@link #suggestedThreadPoolSize()}. */
  @Override
  public void suggestThreadPoolSize(int size) {
    suggestedThreadPoolSize = size;
  }

  /**
   * The last size given to {@link #suggestThreadPoolSize}.
   *
   * @return 10 (Twisted's default maximum) until one is given
   */
  public int suggestedThreadPoolSize() {
    return suggestedThreadPoolSize;
  }
}
