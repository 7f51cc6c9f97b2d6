package dev.torsion.it.stress;

import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;

/**
 * The child JVM of {@link BlockedLoopWatchdogIT}: one reactor callback keeps the loop thread
 * busy for 600 ms (computing, not sleeping), then the reactor stops. Run with or without
 * {@code -Dtorsion.blockedLoopWarningMs}; the parent reads the log.
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

  /** Keeps the calling thread on the CPU for {@code ms} milliseconds. */
  static long spinForMillis(long ms) {
    long end = System.nanoTime() + ms * 1_000_000;
    long rounds = 0;
    while (System.nanoTime() < end) {
      rounds++;
    }
    return rounds;
  }
}
