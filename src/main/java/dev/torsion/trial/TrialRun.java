package dev.torsion.trial;

import dev.torsion.internal.defer.UnhandledErrorTracker;
import dev.torsion.internet.defer.UnhandledErrors;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The error bookkeeping of one running test: it observes errors reported to
 * {@link UnhandledErrors} while the test runs, and at the end takes the Failures that Deferreds
 * created or failed during the test still hold unhandled.
 *
 * <p>Failures already pending when the test started belong to code that ran before it (another
 * test, a {@code @BeforeClass}); they are left alone, and when the collector reports one during
 * this test the report goes on to the observer that was in place before, not into this test: in
 * Java the collector runs whenever it likes, and an earlier test's leftovers must not make this
 * one fail at random.
 */
final class TrialRun implements UnhandledErrors.Observer {
  /** An error that nobody handled, with the text that reports it. */
  static final class Logged {
    final Failure failure;
    final String report;

    Logged(Failure failure, String report) {
      this.failure = failure;
      this.report = report;
    }
  }

  /** Filled before the observer is installed and never changed: read by any thread. */
  private final Set<Failure> pendingBefore =
      Collections.newSetFromMap(new IdentityHashMap<>());
  /** Written by the collector's thread too. */
  private final List<Logged> logged = Collections.synchronizedList(new ArrayList<>());
  private final UnhandledErrors.Observer previous;
  private boolean finished;

  private TrialRun() {
    pendingBefore.addAll(UnhandledErrors.pending());
    previous = UnhandledErrors.setObserver(this);
  }

  /** Starts observing; {@link #finish()} must follow. */
  static TrialRun start() {
    return new TrialRun();
  }

  @Override
  public void error(Failure failure, String report) {
    if (pendingBefore.contains(failure)) {
      previous.error(failure, report);
    } else {
      logged.add(new Logged(failure, report));
    }
  }

  /**
   * Takes the errors of this test whose type is one of {@code types} (any, when empty): those
   * logged so far and those Deferreds hold unhandled right now.
   */
  List<Failure> flush(List<Class<?>> types) {
    takePending(types);
    List<Failure> out = new ArrayList<>();
    synchronized (logged) {
      for (Iterator<Logged> it = logged.iterator(); it.hasNext(); ) {
        Logged next = it.next();
        if (types.isEmpty() || matches(next.failure, types)) {
          out.add(next.failure);
          it.remove();
        }
      }
    }
    return out;
  }

  /** Stops observing; returns every error of this test that was not flushed. */
  List<Logged> finish() {
    if (finished) {
      throw new IllegalStateException("test run already finished");
    }
    takePending(List.of());
    finished = true;
    UnhandledErrors.setObserver(previous);
    synchronized (logged) {
      List<Logged> out = new ArrayList<>(logged);
      logged.clear();
      return out;
    }
  }

  /** Whether the error {@code failure} wraps is an instance of one of {@code types}. */
  static boolean matches(Failure failure, List<Class<?>> types) {
    for (Class<?> type : types) {
      if (type.isInstance(failure.value())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Moves the Failures Deferreds hold unhandled right now, of {@code types} (any, when empty),
   * into this run's errors. Those of other types stay with their Deferreds, which may still
   * handle them before the test ends.
   */
  private void takePending(List<Class<?>> types) {
    for (Failure failure : UnhandledErrorTracker.take(f -> !pendingBefore.contains(f)
        && (types.isEmpty() || matches(f, types)))) {
      logged.add(new Logged(failure, UnhandledErrorTracker.unhandledReport(failure)));
    }
  }
}
