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
 * Watches one Deferred that has held a Failure at the end of its chain. It holds no reference to
 * the Deferred, only to the Failure, so the Cleaner can tell when the Deferred became unreachable
 * while still holding it. Created on the failure path only: a Deferred that never ends a pass on a
 * Failure never gets one.
 */
public final class UnhandledErrorTracker implements Runnable {
  private static final Cleaner CLEANER = Cleaner.create(runnable -> {
    Thread thread = new Thread(runnable, "torsion-unhandled-errors");
    thread.setDaemon(true);
    return thread;
  });
  /** Trackers whose Deferred currently ends on an unhandled Failure. */
  private static final Set<UnhandledErrorTracker> PENDING = ConcurrentHashMap.newKeySet();

  private volatile @Nullable Failure failure;
  private final @Nullable DebugInfo debugInfo;

  private UnhandledErrorTracker(@Nullable DebugInfo debugInfo) {
    this.debugInfo = debugInfo;
  }

  /** A tracker reporting when {@code deferred} is collected while holding a Failure. */
  public static UnhandledErrorTracker register(Object deferred, @Nullable DebugInfo debugInfo) {
    UnhandledErrorTracker tracker = new UnhandledErrorTracker(debugInfo);
    CLEANER.register(deferred, tracker);
    return tracker;
  }

  /** The Deferred's chain now ends on {@code current}. */
  public void hold(Failure current) {
    failure = current;
    PENDING.add(this);
  }

  /** The Deferred's chain no longer ends on a Failure. */
  public void release() {
    if (failure != null) {
      failure = null;
      PENDING.remove(this);
    }
  }

  /** Runs on the Cleaner's thread once the Deferred is unreachable. */
  @Override
  public void run() {
    Failure lost = failure;
    if (lost != null) {
      release();
      UnhandledErrors.logError(lost, report(lost));
    }
  }

  private String report(Failure lost) {
    String text = "Unhandled error in Deferred:\n" + lost.getTraceback();
    return debugInfo == null ? text : text + debugInfo.unhandledReport() + "\n";
  }

  /**
   * Takes the pending Failures {@code which} accepts, as {@link #pending(boolean)} with
   * {@code take} does for all: the trial support takes only those that appeared during a test.
   */
  public static List<Failure> take(Predicate<? super Failure> which) {
    List<Failure> out = new ArrayList<>();
    for (UnhandledErrorTracker tracker : PENDING) {
      Failure held = tracker.failure;
      if (held != null && which.test(held)) {
        out.add(held);
        tracker.release();
      }
    }
    return out;
  }

  /** Every Failure still held unhandled by a live Deferred; with {@code take}, stops watching them. */
  public static List<Failure> pending(boolean take) {
    List<Failure> out = new ArrayList<>();
    for (UnhandledErrorTracker tracker : PENDING) {
      Failure held = tracker.failure;
      if (held != null) {
        out.add(held);
        if (take) {
          tracker.release();
        }
      }
    }
    return out;
  }
}
