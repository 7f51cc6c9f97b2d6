package dev.torsion.bench.net;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bookkeeping of one in-process shape run, shared by every Java server: counts round trips,
 * switches from warm-up to measuring at a deadline, and ends at the next. Touched only by the
 * event-loop thread, except {@link #await}.
 */
final class ShapeRun {
  private final long warmEnd;
  private final long end;
  private boolean measuring;
  private long count;
  private long cpuAtMeasure;
  private final CompletableFuture<Long> done = new CompletableFuture<>();

  ShapeRun(long warmNanos, long measureNanos) {
    long now = System.nanoTime();
    warmEnd = now + warmNanos;
    end = warmEnd + measureNanos;
  }

  /**
   * Counts one round trip.
   *
   * @return true to schedule the next one, false when the run is over
   */
  boolean tick() {
    count++;
    if ((count & 15) != 0) {
      return true;
    }
    long now = System.nanoTime();
    if (!measuring && now >= warmEnd) {
      measuring = true;
      count = 0;
      cpuAtMeasure = processCpuNanos();
    } else if (measuring && now >= end) {
      cpu = processCpuNanos() - cpuAtMeasure;
      done.complete(count);
      return false;
    }
    return true;
  }

  /** The process's CPU time while measuring, valid once {@link #await} returned. */
  volatile long cpu;

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  void fail(Throwable t) {
    done.completeExceptionally(t);
  }

  long await(long measureNanos, long warmNanos) throws Exception {
    return done.get(warmNanos + measureNanos + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS);
  }
}
