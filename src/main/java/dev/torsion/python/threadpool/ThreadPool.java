package dev.torsion.python.threadpool;

/**
 * A pool of threads for blocking work. (Skeleton: completed by the loop-core work of issue 3.)
 *
 * @twisted twisted.python.threadpool.ThreadPool
 */
public final class ThreadPool {
  private final int minThreads;
  private final int maxThreads;
  private final String name;

  /**
   * A pool that is not started yet.
   *
   * @param minThreads threads kept even when idle
   * @param maxThreads the most threads at once
   * @param name the pool's name, used for its threads' names
   */
  public ThreadPool(int minThreads, int maxThreads, String name) {
    this.minThreads = minThreads;
    this.maxThreads = maxThreads;
    this.name = name;
  }

  @Override
  public String toString() {
    return "<ThreadPool " + name + " min=" + minThreads + " max=" + maxThreads + ">";
  }
}
