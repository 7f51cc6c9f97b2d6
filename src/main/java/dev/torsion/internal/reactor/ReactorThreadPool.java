package dev.torsion.internal.reactor;

import dev.torsion.internet.interfaces.IReactorCore.TriggerId;
import dev.torsion.python.threadpool.ThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * The reactor's thread pool: made on first use as {@code ThreadPool(0, 10,
 * "torsion.internet.reactor")}, started when the reactor runs (work handed in before waits), and
 * stopped by a {@code "during", "shutdown"} trigger, so work that {@code "before"} triggers wait
 * for can still use it. Reactor-thread only, like the rest of the loop core.
 *
 * <p>Unlike Twisted, which forgets the stopped pool and makes a new one on the next use (one that
 * never starts, since a stopped reactor never runs again), the stopped pool is kept: work handed
 * to it after shutdown is dropped at once instead of queueing for ever. (A pool first asked for
 * after shutdown is new and never starts, as in Twisted: nothing public tells a stopped reactor
 * from one not yet run.) A pool first made while {@code "shutdown"} fires relies on the event
 * running triggers added to a later phase during the firing, as Twisted's does.
 */
final class ReactorThreadPool {
  static final String NAME = "torsion.internet.reactor";

  private final LoopCore core;
  private @Nullable ThreadPool pool;
  private @Nullable TriggerId startupId;

  ReactorThreadPool(LoopCore core) {
    this.core = core;
  }

  void callInThread(Runnable callable) {
    pool().callInThread(callable);
  }

  ThreadPool pool() {
    ThreadPool p = pool;
    if (p == null) {
      ThreadPool made = new ThreadPool(0, 10, NAME);
      pool = made;
      p = made;
      startupId = core.callWhenRunning(made::start);
      core.addSystemEventTrigger("during", "shutdown", this::stopPool);
    }
    return p;
  }

  void suggestThreadPoolSize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("thread pool size must be >= 0, not " + size);
    }
    ThreadPool p = pool();
    p.adjustPoolsize(Math.min(p.min(), size), size);
  }

  private void stopPool() {
    TriggerId id = startupId;
    startupId = null;
    if (id != null) {
      // The reactor stopped before it ran the startup trigger (a crash, or a stop from inside
      // an earlier startup trigger): the pool must not start after it was stopped.
      try {
        core.removeSystemEventTrigger(id);
      } catch (IllegalArgumentException alreadyGone) {
        // It ran, or the event was fired and forgot it.
      }
    }
    ThreadPool p = pool;
    if (p != null) {
      p.stop();
    }
  }
}
