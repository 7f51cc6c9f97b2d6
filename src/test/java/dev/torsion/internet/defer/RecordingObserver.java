package dev.torsion.internet.defer;

import static org.testng.Assert.fail;

import dev.torsion.python.failure.Failure;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An {@link UnhandledErrors.Observer} for tests: records every report, from any thread, and waits
 * (boundedly, forcing garbage collections) for the report of one given error.
 */
final class RecordingObserver implements UnhandledErrors.Observer, AutoCloseable {
  /** One report the observer received. */
  static final class Report {
    final Failure failure;
    final String text;

    Report(Failure failure, String text) {
      this.failure = failure;
      this.text = text;
    }
  }

  private static final long WAIT_SECONDS = 10;

  private final LinkedBlockingQueue<Report> arrived = new LinkedBlockingQueue<>();
  private final List<Report> seen = new ArrayList<>();
  private final UnhandledErrors.Observer previous;

  /** Installs itself; {@link #close()} puts the previous observer back. */
  RecordingObserver() {
    previous = UnhandledErrors.setObserver(this);
  }

  @Override
  public void error(Failure failure, String report) {
    arrived.add(new Report(failure, report));
  }

  @Override
  public void close() {
    UnhandledErrors.setObserver(previous);
  }

  /** Every report received so far (including other tests' collected Deferreds). */
  synchronized List<Report> reports() {
    arrived.drainTo(seen);
    return new ArrayList<>(seen);
  }

  /** The reports about {@code error} received so far. */
  List<Report> reportsOf(Throwable error) {
    List<Report> out = new ArrayList<>();
    for (Report r : reports()) {
      if (r.failure.value() == error) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Runs garbage collections until the report about {@code error} arrives, for at most 10 s.
   *
   * @return the report
   */
  Report awaitCollected(Throwable error) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      List<Report> found = reportsOf(error);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      System.gc();
      Report next = arrived.poll(50, TimeUnit.MILLISECONDS);
      if (next != null) {
        synchronized (this) {
          seen.add(next);
        }
      }
    }
    fail("no unhandled-error report for " + error + " within " + WAIT_SECONDS + " s");
    throw new AssertionError("unreachable");
  }

  /**
   * Runs garbage collections until every object {@code watch} was given has been collected, for
   * at most 10 s, waiting on the reference queue between collections.
   */
  static void awaitCollected(Watch watch) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    int left = watch.refs.size();
    while (left > 0) {
      if (System.nanoTime() > deadline) {
        fail(left + " watched object(s) not collected within " + WAIT_SECONDS + " s");
      }
      System.gc();
      if (watch.queue.remove(50) != null) {
        left--;
      }
    }
  }

  /** Weak references to objects a test drops, to learn when they have been collected. */
  static final class Watch {
    final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    final List<WeakReference<Object>> refs = new ArrayList<>();

    void add(Object o) {
      refs.add(new WeakReference<>(o, queue));
    }
  }

  /**
   * Waits until the collector thread has reported Deferreds dropped before now: drops a canary
   * Deferred holding its own Failure, twice, and waits for each report. (The collector reports
   * in a single thread, so once a canary dropped later is reported, earlier ones almost surely
   * are.)
   */
  void drainCollections() throws InterruptedException {
    for (int i = 0; i < 2; i++) {
      RuntimeException canary = new RuntimeException("canary " + i);
      dropFailing(canary);
      awaitCollected(canary);
    }
  }

  private static void dropFailing(Throwable error) {
    Defer.fail(error);
  }
}
