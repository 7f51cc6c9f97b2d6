package dev.torsion.it.stress;

import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The child JVM of {@link BlockedLoopWatchdogIT}: one reactor callback keeps the loop thread
 * busy for 600 ms of CPU time (computing, not sleeping), then the reactor stops. Run with or
 * without {@code -Dtorsion.blockedLoopWarningMs}; the parent reads the log.
 */
public final class BlockedLoopWatchdogMain {
  private BlockedLoopWatchdogMain() {}

  /**
   * Runs the scenario.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Reactor reactor = Reactors.provider(System.getProperty("torsion.reactor", "nio")).create();
    reactor.callWhenRunning(() -> reactor.callLater(0.05, () -> {
      System.out.println("spun " + spinForMillis(600) + " rounds");
      reactor.stop();
    }));
    reactor.callLater(30, reactor::stop);
    reactor.run();
    System.out.println("RESULT done");
    System.out.flush();
    System.exit(0);
  }

  /**
   * Keeps the calling thread on the CPU until it has used {@code ms} milliseconds of CPU time
   * (at most 20 s of wall time): on a machine loaded by other builds the loop thread then stays
   * blocked long enough, in wall time, for the watchdog thread to get a CPU and look.
   */
  static long spinForMillis(long ms) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuEnd = threads.getCurrentThreadCpuTime() + ms * 1_000_000;
    long wallEnd = System.nanoTime() + 20_000_000_000L;
    long rounds = 0;
    while (threads.getCurrentThreadCpuTime() < cpuEnd && System.nanoTime() < wallEnd) {
      rounds++;
    }
    return rounds;
  }
}
