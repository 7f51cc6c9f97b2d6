package dev.torsion.internal.defer;

import dev.torsion.internet.defer.UnhandledErrors;
import dev.torsion.python.failure.Failure;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Watches one Deferred that has ended a callback pass on a Failure.
 *
 * <p>It holds no reference to the Deferred, only to the Failure, so the Cleaner can tell when the
 * Deferred became unreachable while still holding it. It is created on the failure path only: a
 * Deferred that never ends a pass on a Failure never gets one.
 *
 * <p><b>Threading.</b> Three threads may meet here: the Deferred's own thread ({@link #hold},
 * {@link #release}), the Cleaner's thread ({@link #run}) and whatever thread calls
 * {@link #pending}. Every state change happens under this tracker's monitor, which keeps the
 * invariant "in {@code PENDING} exactly while {@code failure} is set" and, through the monitor's
 * happens-before edges, makes the owner's writes (the Failure, the debug invoker recorded before
 * {@link #hold}) visible to the Cleaner's thread. The observer is called outside the monitor.
 *
 * <p>The Deferred must stay strongly reachable until {@link #hold} returns; the caller fences it
 * ({@code Reference.reachabilityFence}), or the Cleaner could run first and miss the Failure.
 */
public final class UnhandledErrorTracker implements Runnable {
  private static final Cleaner CLEANER = Cleaner.create(runnable -> {
    Thread thread = new Thread(runnable, "torsion-unhandled-errors");
    thread.setDaemon(true);
    return thread;
  });
  /** Trackers whose Deferred currently ends on an unhandled Failure. */
  private static final Set<UnhandledErrorTracker> PENDING = ConcurrentHashMap.newKeySet();

  private @Nullable Failure failure;
  private final @Nullable DebugInfo debugInfo;

  private UnhandledErrorTracker(@Nullable DebugInfo debugInfo) {
    this.debugInfo = debugInfo;
  }

  /**
   * A tracker reporting when {@code deferred} is collected while holding a Failure.
   *
   * @param deferred the Deferred to watch; the tracker keeps no reference to it
   * @param debugInfo its debug record, or null outside debug mode
   * @return the tracker, holding nothing yet
   */
  public static UnhandledErrorTracker register(Object deferred, @Nullable DebugInfo debugInfo) {
    UnhandledErrorTracker tracker = new UnhandledErrorTracker(debugInfo);
    CLEANER.register(deferred, tracker);
    return tracker;
  }

  /**
   * The Deferred's chain now ends on {@code current}, with no errback left to take it.
   *
   * @param current the Failure it holds
   */
  public synchronized void hold(Failure current) {
    failure = current;
    PENDING.add(this);
  }

  /** The Deferred's chain no longer ends on a Failure (or the Failure was taken). */
  public synchronized void release() {
    if (failure != null) {
      failure = null;
      PENDING.remove(this);
    }
  }

  /** The held Failure, now released; null if there was none. */
  private synchronized @Nullable Failure take() {
    Failure held = failure;
    release();
    return held;
  }

  private synchronized @Nullable Failure peek() {
    return failure;
  }

  /** Runs on the Cleaner's thread once the Deferred is unreachable. */
  @Override
  public void run() {
    Failure lost = take();
    if (lost != null) {
      UnhandledErrors.logError(lost, report(lost));
    }
  }

  private String report(Failure lost) {
    String text = "Unhandled error in Deferred:\n" + lost.getTraceback();
    return debugInfo == null ? text : text + debugInfo.unhandledReport() + "\n";
  }

  /**
   * Takes the pending Failures {@code which} accepts: they stop being watched and will not be
   * reported. The trial support takes only those that appeared during a test.
   *
   * @param which the Failures to take
   * @return the Failures taken, in no particular order
   */
  public static List<Failure> take(Predicate<? super Failure> which) {
    List<Failure> out = new ArrayList<>();
    for (UnhandledErrorTracker tracker : PENDING) {
      Failure held = tracker.takeIf(which);
      if (held != null) {
        out.add(held);
      }
    }
    return out;
  }

  private synchronized @Nullable Failure takeIf(Predicate<? super Failure> which) {
    Failure held = failure;
    if (held == null || !which.test(held)) {
      return null;
    }
    release();
    return held;
  }

  /**
   * Every Failure still held unhandled by a Deferred not yet reported as collected.
   *
   * @param take whether to stop watching them too (they will not be reported)
   * @return the Failures, in no particular order
   */
  public static List<Failure> pending(boolean take) {
    List<Failure> out = new ArrayList<>();
    for (UnhandledErrorTracker tracker : PENDING) {
      Failure held = take ? tracker.takeIf(any -> true) : tracker.peek();
      if (held != null) {
        out.add(held);
      }
    }
    return out;
  }
}
