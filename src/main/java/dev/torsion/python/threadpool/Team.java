package dev.torsion.python.threadpool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling core of a {@link ThreadPool} (Twisted's {@code _team.Team}): hands each call to
 * an idle thread, else to a new thread while there are fewer than the maximum, else to the
 * backlog. One lock guards every field, so the counts are exact, never estimates; work is
 * handed to a chosen worker directly, so no call can sit in the backlog while a thread idles —
 * the race Twisted's {@code RaceConditionTests} look for.
 *
 * <p>The hand-off is one short critical section on each side: the submitter takes an idle worker
 * and sets its (volatile) task under the lock, then unparks it after unlocking; the worker parks
 * without the lock and, woken with a task, runs it without taking the lock again. Only a wake-up
 * without a task (a keep-alive timeout, a resize, a spurious wake-up) looks again under the lock.
 *
 * <p>Why not {@code ThreadPoolExecutor}: it queues before it grows past its core size (or, with a
 * {@code SynchronousQueue}, rejects instead of queueing), so Twisted's "grow to the maximum, then
 * queue" needs a rejection handler that races with threads going idle, and its active counts are
 * estimates where Twisted's statistics are exact.
 */
final class Team {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadPool.class);

  private enum State { NOT_STARTED, STARTED, STOPPED }

  private final String name;
  private final long keepAliveNanos;
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

  Team(int min, int max, String name, long keepAliveNanos) {
    checkSizes(min, max);
    this.min = min;
    this.max = max;
    this.name = name;
    this.keepAliveNanos = keepAliveNanos;
  }

  static void checkSizes(int minThreads, int maxThreads) {
    if (minThreads < 0) {
      throw new IllegalArgumentException("minimum is negative: " + minThreads);
    }
    if (minThreads > maxThreads) {
      throw new IllegalArgumentException(
          "minimum is greater than maximum: " + minThreads + " > " + maxThreads);
    }
  }

  String name() {
    return name;
  }

  void start() {
    lock.lock();
    try {
      if (state == State.STOPPED) {
        throw new IllegalStateException(this + " was stopped and cannot be started again");
      }
      if (state == State.NOT_STARTED) {
        state = State.STARTED;
        growToSizes();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Marks the team stopped and tells idle workers to end. @return the threads to wait for */
  List<Thread> quit() {
    lock.lock();
    try {
      if (state == State.STOPPED) {
        return List.of();
      }
      state = State.STOPPED;
      if (busy == 0 && !backlog.isEmpty()) {
        LOG.debug("{} stopped with {} calls never run", this, backlog.size());
        backlog.clear();
      }
      for (Worker w : idle) {
        w.quit = true;
        LockSupport.unpark(w.thread);
      }
      idle.clear();
      List<Thread> threads = new ArrayList<>();
      for (Worker w : live) {
        threads.add(w.thread);
      }
      return threads;
    } finally {
      lock.unlock();
    }
  }

  void adjust(int minThreads, int maxThreads) {
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
        LockSupport.unpark(w.thread);
      }
      toShrink = Math.max(0, workersLocked() - max);
      growToSizes();
      // Idle threads recompute whether they may time out under the new minimum.
      for (Worker w : idle) {
        LockSupport.unpark(w.thread);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Called with the lock held, on a started team. */
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

  void submit(Runnable work) {
    Worker woken = null;
    lock.lock();
    try {
      if (state == State.STOPPED) {
        LOG.debug("{} is stopped; dropping {}", this, work);
        return;
      }
      if (state == State.STARTED) {
        woken = idle.pollFirst();
        if (woken != null) {
          woken.task = work;
          busy++;
          return;
        }
        if (workersLocked() < max && spawn(work)) {
          return;
        }
      }
      backlog.addLast(work);
    } finally {
      lock.unlock();
      // Outside the lock, so the worker does not wake into a lock still held.
      if (woken != null) {
        LockSupport.unpark(woken.thread);
      }
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
    long parkNanos;
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
      Runnable task = w.task;
      if (task != null) {
        w.task = null;
        return task;
      }
      parkNanos = idleLimitLocked(w);
      if (parkNanos == 0) {
        return null;
      }
    } finally {
      lock.unlock();
    }
    return awaitTask(w, parkNanos);
  }

  /**
   * Called with the lock held for an idle worker without a task: how long it may park (-1 for
   * no limit), or 0 when it must end now, in which case it is already forgotten.
   */
  private long idleLimitLocked(Worker w) {
    if (w.quit) {
      live.remove(w);
      return 0;
    }
    if (workersLocked() <= min) {
      return -1;
    }
    long left = keepAliveNanos - (System.nanoTime() - w.idleSince);
    if (left <= 0) {
      idle.remove(w);
      live.remove(w);
      return 0;
    }
    return left;
  }

  /** An idle worker parks, without the lock, until it has a task or a reason to end. */
  private @Nullable Runnable awaitTask(Worker w, long firstParkNanos) {
    long parkNanos = firstParkNanos;
    while (true) {
      if (parkNanos < 0) {
        LockSupport.park(this);
      } else {
        LockSupport.parkNanos(this, parkNanos);
      }
      // An interrupt (only the work itself interrupts a pool thread) must not stop parking.
      Thread.interrupted();
      Runnable task = w.task;
      if (task == null && !w.quit) {
        // Woken without work: a time-out, a resize or a spurious wake-up. Look under the lock.
        lock.lock();
        try {
          task = w.task;
          if (task == null) {
            parkNanos = idleLimitLocked(w);
            if (parkNanos == 0) {
              return null;
            }
            continue;
          }
        } finally {
          lock.unlock();
        }
      }
      if (task != null) {
        w.task = null;
        return task;
      }
      lock.lock();
      try {
        live.remove(w);
      } finally {
        lock.unlock();
      }
      return null;
    }
  }

  private int workersLocked() {
    return idle.size() + busy;
  }

  /** Reads the counts under the lock. */
  int read(Count what) {
    lock.lock();
    try {
      return switch (what) {
        case WORKERS -> workersLocked();
        case WORKING -> busy;
        case WAITING -> idle.size();
        case BACKLOG -> backlog.size();
        case MIN -> min;
        case MAX -> max;
        case STARTED -> state == State.STARTED ? 1 : 0;
      };
    } finally {
      lock.unlock();
    }
  }

  enum Count { WORKERS, WORKING, WAITING, BACKLOG, MIN, MAX, STARTED }

  List<Thread> threads() {
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

  /** Waits until {@code threads} end, at most {@code waitNanos} in all. @return those alive */
  static List<Thread> join(List<Thread> threads, long waitNanos) {
    long deadline = System.nanoTime() + waitNanos;
    List<Thread> stuck = new ArrayList<>();
    for (Thread t : threads) {
      if (t == Thread.currentThread()) {
        continue; // A call on the pool stopping its own pool: it cannot wait for itself.
      }
      try {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        deadline = 0;
      }
      if (t.isAlive()) {
        stuck.add(t);
      }
    }
    return stuck;
  }

  /**
   * One pool thread's loop. Its fields are written under the team's lock; {@code task} and
   * {@code quit} are volatile because the worker reads them after a park, without the lock.
   */
  private static final class Worker implements Runnable {
    private final Team team;
    final Thread thread;
    volatile @Nullable Runnable task;
    volatile boolean quit;
    long idleSince;

    Worker(Team team, String threadName) {
      this.team = team;
      this.thread = new Thread(this, threadName);
      thread.setDaemon(true);
    }

    @Override
    public void run() {
      Runnable work = team.take(this, false);
      while (work != null) {
        work.run();
        // One call's interrupt must not leak into the next call on this thread.
        Thread.interrupted();
        work = team.take(this, true);
      }
    }
  }
}
