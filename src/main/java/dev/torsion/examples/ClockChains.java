package dev.torsion.examples;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.TimeoutError;
import dev.torsion.internet.task.Clock;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Deferred chains driven by a {@link Clock}: two simulated lookups, one that answers in time and
 * one that times out, combined and reported. Time is simulated, so the program ends at once and
 * prints the same lines every run.
 *
 * <p>Run it with {@code ./mvnw -q compile exec:java}.
 */
public final class ClockChains {
  private ClockChains() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    int status = run(System.out);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the example, printing to {@code out}; returns the exit status. */
  static int run(PrintStream out) {
    Clock clock = new Clock();
    List<String> results = new ArrayList<>();

    // A lookup that answers after `delay` simulated seconds.
    Deferred<Integer> fast = lookup(clock, "fast.example", 1.5, 42);
    Deferred<Integer> slow = lookup(clock, "slow.example", 30, 7).addTimeout(10, clock);

    fast.addCallback(n -> n * 2)
        .addCallbackDeferred(n -> lookup(clock, "second hop", 2, n + 1))
        .addCallback(n -> results.add(clock.seconds() + "s fast: " + n));
    slow.addErrback(failure -> {
      failure.trap(TimeoutError.class);
      results.add(clock.seconds() + "s slow: " + failure.getErrorMessage());
      return -1;
    });

    for (int second = 0; second < 31; second++) {
      clock.advance(1);
    }
    results.forEach(out::println);
    Deferred<String> last = Defer.succeed("done").addCallback(s -> s + " at " + clock.seconds());
    last.addCallback(s -> {
      out.println(s);
      return null;
    });
    return results.size() == 2 ? 0 : 1;
  }

  private static Deferred<Integer> lookup(Clock clock, String name, double delay, int answer) {
    Deferred<Integer> d = new Deferred<>();
    clock.callLater(delay, () -> {
      if (!d.called()) {
        d.callback(answer);
      }
    });
    return d;
  }
}
