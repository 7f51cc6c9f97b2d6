package dev.torsion.internet.defer;

import dev.torsion.internal.defer.UnhandledErrorTracker;
import dev.torsion.python.failure.Failure;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where errors nobody handled go: Deferreds that became unreachable while holding a Failure
 * ("Unhandled error in Deferred"), and errors logged on purpose with {@link #logError}.
 *
 * <p>By default each error is logged through SLF4J (logger {@code dev.torsion.internet.defer},
 * level ERROR) as its report: a first line saying why, then the Failure's full traceback, then, for
 * a Deferred created in debug mode ({@link Deferred#setDebugging}), where it was created and first
 * fired. {@link #setObserver} routes errors elsewhere, for instance into a test.
 *
 * <p><b>Two ways to see an unhandled error.</b>
 * <ul>
 *   <li><i>On collection</i>, as Twisted does: when a Deferred whose chain ends on a Failure is
 *       garbage-collected, the observer receives that Failure with a report starting
 *       {@code "Unhandled error in Deferred:"}. Java collects at a time nobody chooses, so this
 *       report may come long after the error, or never if the program ends first.</li>
 *   <li><i>Deterministically</i>: Torsion also keeps the set of Failures that Deferreds currently
 *       end on with no errback to take them. {@link #pending()} shows it and
 *       {@link #flushPending()} takes it, so a test can fail on an unhandled error at the end of
 *       the test that caused it (the {@code trial} support does that). A Failure leaves the set as
 *       soon as an errback recovers from it, or its Deferred hands it on to another Deferred
 *       (one waiting on it, or one that {@code chainDeferred} links to it).</li>
 * </ul>
 *
 * <pre>{@code
 * Deferred<String> d = Defer.fail(new IOException("gone"));
 * UnhandledErrors.pending();            // [<Failure java.io.IOException: gone>]
 * d.addErrback(f -> "recovered");
 * UnhandledErrors.pending();            // []
 * }</pre>
 *
 * <p><b>Threading.</b> Every method is safe from any thread. The observer is called on the thread
 * that called {@link #logError} (usually the reactor thread) or, for collected Deferreds, on the
 * daemon thread {@code torsion-unhandled-errors}; it must therefore be thread-safe, and should be
 * quick, since one slow call delays every later collection report. The pending set is global:
 * {@link #flushPending()} takes the Failures of every thread's Deferreds, so tests that use it
 * must not run in parallel with other tests that leave errors unhandled.
 *
 * <p><b>Errors.</b> An observer that throws a {@link RuntimeException} or an {@link Error} (other
 * than a {@link VirtualMachineError}) does not lose the report: it is logged through SLF4J with
 * what the observer threw.
 *
 * <p><b>Differences from Twisted.</b> Twisted reports a failing Deferred from its
 * {@code __del__}, which CPython's reference counting usually runs at once; Java reports after a
 * garbage collection, hence {@link #pending()}. Errors go to one {@link Observer} instead of
 * Twisted's log observers and events. A Failure whose exception refers back to its own Deferred
 * keeps that Deferred reachable, so it is never reported on collection (it stays pending).
 *
 * @twisted twisted.internet.defer.DebugInfo
 * @twisted twisted.python.log.err
 */
public final class UnhandledErrors {
  private static final Logger LOG = LoggerFactory.getLogger("dev.torsion.internet.defer");
  private static final Observer LOGGING = (failure, report) -> LOG.error("{}", report);
  private static final AtomicReference<Observer> OBSERVER = new AtomicReference<>(LOGGING);

  private UnhandledErrors() {}

  /**
   * Receives errors nobody handled.
   *
   * <p><b>Threading.</b> Called from the reactor thread and from the collector's daemon thread,
   * possibly at the same time: implementations must be thread-safe.
   */
  @FunctionalInterface
  public interface Observer {
    /**
     * Receives one error.
     *
     * @param failure the error
     * @param report the text the default observer logs: why (its first line), the full
     *     traceback, and debug information when there is some
     */
    void error(Failure failure, String report);
  }

  /**
   * Routes unhandled and logged errors to {@code newObserver} from now on. Tests that set one
   * should put the previous one back when they end.
   *
   * @param newObserver the observer, or null to restore the default SLF4J logging
   * @return the observer that was in place (never null: the default one if none was set)
   */
  public static Observer setObserver(@Nullable Observer newObserver) {
    return OBSERVER.getAndSet(newObserver == null ? LOGGING : newObserver);
  }

  /**
   * Reports an error with a report text of the caller's choice.
   *
   * @param failure the error
   * @param report the report text, as {@link Observer#error} receives it
   * @twisted twisted.python.log.failure
   */
  public static void logError(Failure failure, String report) {
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(report, "report");
    try {
      OBSERVER.get().error(failure, report);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw (VirtualMachineError) e;
      }
      LOG.error("error observer failed; the error was:\n{}", report, e);
    }
  }

  /**
   * Reports {@code failure} as logged: {@code "Unhandled Error"} and its traceback.
   *
   * @param failure the error
   * @twisted twisted.python.log.err
   */
  public static void logError(Failure failure) {
    logError(failure, "Unhandled Error\n" + failure.getTraceback());
  }

  /**
   * The Failures that Deferreds currently end on with no errback to take them, including those of
   * Deferreds already unreachable but not yet reported. Reading does not change anything.
   *
   * @return a snapshot, in no particular order
   */
  public static List<Failure> pending() {
    return UnhandledErrorTracker.pending(false);
  }

  /**
   * Takes the Failures {@link #pending()} shows: they will not be reported when their Deferreds
   * are collected. The Deferreds still hold them, and an errback added later still receives them;
   * if such a Deferred ends a later callback pass on a Failure again, it is pending again.
   *
   * @return the Failures taken, in no particular order
   */
  public static List<Failure> flushPending() {
    return UnhandledErrorTracker.pending(true);
  }
}
