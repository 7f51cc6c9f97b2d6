package dev.torsion.internal.defer;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.InlineCallbacks;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures what a suspended inlineCallbacks body costs: heap, resident memory and time, for N
 * bodies suspended at once. Not a test; run by hand (see docs/inline-callbacks.md):
 *
 * <pre>
 * java -cp target/classes:target/test-classes:DEPS dev.torsion.internal.defer.InlineCallbacksCost
 *     [bodies] [rounds] [platform]
 * </pre>
 */
public final class InlineCallbacksCost {
  private InlineCallbacksCost() {}

  public static void main(String[] args) throws Exception {
    int bodies = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    if (args.length > 2 && args[2].equals("platform")) {
      FiberThreads.preferVirtual = false;
    }
    System.out.printf("java %s, %s threads, %d bodies, %d rounds%n",
        Runtime.version(), FiberThreads.virtual() ? "virtual" : "platform", bodies, rounds);
    long quick = 0;
    for (int i = 0; i < 20_000; i++) {
      quick += InlineCallbacks.inlineCallbacks(a -> 1).hashCode() & 1; // warm up the no-wait path
    }
    for (int round = 1; round <= rounds; round++) {
      run(bodies, round, quick);
    }
  }

  private static void run(int bodies, int round, long ignored) throws Exception {
    settle();
    long heap0 = usedHeap();
    long rss0 = rss();
    List<Deferred<Integer>> awaited = new ArrayList<>(bodies);
    List<Deferred<Integer>> results = new ArrayList<>(bodies);
    long t0 = System.nanoTime();
    for (int i = 0; i < bodies; i++) {
      Deferred<Integer> d = new Deferred<>();
      awaited.add(d);
      results.add(InlineCallbacks.inlineCallbacks(a -> a.await(d) + 1));
    }
    long t1 = System.nanoTime();
    settle();
    long heap1 = usedHeap();
    long rss1 = rss();
    long t2 = System.nanoTime();
    for (int i = 0; i < bodies; i++) {
      awaited.get(i).callback(i);
    }
    long t3 = System.nanoTime();
    for (int i = 0; i < bodies; i++) {
      if (!results.get(i).hasResult() || !results.get(i).result().equals(i + 1)) {
        throw new AssertionError("body " + i + " did not complete");
      }
    }
    long t4 = System.nanoTime();
    for (int i = 0; i < bodies; i++) {
      InlineCallbacks.inlineCallbacks(a -> 1);
    }
    long t5 = System.nanoTime();
    System.out.printf("round %d: heap %+.1f KiB/body, RSS %+.1f KiB/body,"
        + " start+suspend %.1f us/body, resume+finish %.1f us/body, no-wait body %.1f us%n",
        round, (heap1 - heap0) / 1024.0 / bodies, (rss1 - rss0) / 1024.0 / bodies,
        (t1 - t0) / 1e3 / bodies, (t3 - t2) / 1e3 / bodies, (t5 - t4) / 1e3 / bodies);
  }

  private static void settle() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Resident set size from /proc (Linux), in bytes; 0 elsewhere. */
  private static long rss() throws Exception {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return 0;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }
}
