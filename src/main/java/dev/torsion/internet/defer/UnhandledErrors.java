package dev.torsion.internet.defer;

import dev.torsion.internal.defer.UnhandledErrorTracker;
import dev.torsion.python.failure.Failure;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where errors nobody handled go: Deferreds collected while holding a Failure ("Unhandled error
 * in Deferred"), and errors logged with {@link #logError}.
 *
 * <p>By default they are logged through SLF4J (logger {@code dev.torsion.internet.defer}, level
 * ERROR) with the Failure's full traceback. {@link #setObserver} routes them elsewhere.
 *
 * <p><b>Determinism.</b> Java reports an unreachable Deferred only after a garbage collection, at
 * a time nobody chooses. So Torsion also keeps the set of Failures that live Deferreds currently
 * end on with no errback to take them: {@link #pending()} shows it and {@link #flushPending()}
 * takes it, so a test can fail on an unhandled error at the end of the test that caused it. The
 * {@code trial} support does exactly that.
 *
 * <p><b>Threading.</b> Safe from any thread. The observer may be called on the reactor thread
 * (for {@link #logError}) or on the collector's thread (for collected Deferreds).
 *
 * @twisted twisted.internet.defer.logError
 */
public final class UnhandledErrors {
  private static final Logger LOG = LoggerFactory.getLogger("dev.torsion.internet.defer");
  private static final Observer LOGGING = (failure, report) -> LOG.error("{}", report);
  private static volatile Observer observer = LOGGING;

  private UnhandledErrors() {}

  /** Receives errors nobody handled. */
  @FunctionalInterface
  public interface Observer {
    /**
     * Receives one error.
     *
     * @param failure the error
     * @param report the text the default observer logs: why, and the full traceback
     */
    void error(Failure failure, String report);
  }

  /**
   * Routes unhandled and logged errors to {@code newObserver}.
   *
   * @param newObserver the observer, or null to restore the default SLF4J logging
   * @return the observer that was in place
   */
  public static Observer setObserver(@Nullable Observer newObserver) {
    Observer previous = observer;
    observer = newObserver == null ? LOGGING : newObserver;
    return previous;
  }

  /**
   * Reports an error as logged: for an error callers chose not to handle.
   *
   * @param failure the error
   * @param report the report text
   */
  public static void logError(Failure failure, String report) {
    Objects.requireNonNull(failure, "failure");
    try {
      observer.error(failure, report);
    } catch (RuntimeException e) {
      LOG.error("error observer failed; the error was:\n{}", report, e);
    }
  }

  /**
   * Reports {@code failure} as logged, with its traceback.
   *
   * @param failure the error
   * @twisted twisted.python.log.err
   */
  public static void logError(Failure failure) {
    logError(failure, "Unhandled Error\n" + failure.getTraceback());
  }

  /**
   * The Failures that live Deferreds currently end on with no errback to take them.
   *
   * @return a snapshot
   */
  public static List<Failure> pending() {
    return UnhandledErrorTracker.pending(false);
  }

  /**
   * Takes the Failures {@link #pending()} shows: they will not be reported when their Deferreds
   * are collected. The Deferreds still hold them; an errback added later still receives them.
   *
   * @return the Failures taken
   */
  public static List<Failure> flushPending() {
    return UnhandledErrorTracker.pending(true);
  }
}
