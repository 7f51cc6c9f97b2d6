package dev.torsion.internal.reactor;

import dev.torsion.python.threadpool.ThreadPool;

/** The reactor's lazily created thread pool. (Skeleton: issue 3's threads work completes it.) */
final class ReactorThreadPool {
  private final LoopCore core;

  ReactorThreadPool(LoopCore core) {
    this.core = core;
  }

  void callInThread(Runnable callable) {
    throw new UnsupportedOperationException("thread pool not yet built for " + core);
  }

  ThreadPool pool() {
    throw new UnsupportedOperationException("thread pool not yet built");
  }

  void suggestThreadPoolSize(int size) {
    throw new UnsupportedOperationException("thread pool not yet built");
  }
}
