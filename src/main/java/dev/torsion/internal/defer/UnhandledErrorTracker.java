package dev.torsion.internal.defer;

import dev.torsion.internet.defer.UnhandledErrors;
import dev.torsion.python.failure.Failure;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Watches one Deferred that has ended a callback pass on a Failure, and reports the Failure if the
 * Deferred becomes unreachable still holding it.
 *
 * <p>A tracker is a phantom reference to its Deferred and, while its Deferred holds an unhandled
 * Failure, a node in one static doubly-linked list. Being in the list is what keeps the tracker
 * itself reachable, so the collector enqueues it only for a Deferred that died holding a Failure;
 * a tracker whose Failure was handled is unlinked and cleared, and costs the collector nothing.
 * One allocation to start tracking and two short critical sections per hold/release: this is on
 * the path of every error-recovering chain (shape d in docs/performance.md), so it stays cheap.
 * It is created on the failure path only: a Deferred that never ends a pass on a Failure never
 * gets one.
 *
 * <p><b>Threading.</b> Three threads may meet here: the Deferred's own thread ({@link #hold},
 * {@link #release}), the reporter thread (a Deferred found unreachable) and whatever thread calls
 * {@link #pending} or {@link #take}. Every change to the list or to a tracker's Failure happens
 * under {@code LOCK}, which keeps the invariant "linked exactly while {@code failure} is set" and
 * makes the owner's writes (the Failure, the debug invoker recorded before {@link #hold}) visible
 * to the reporter. The observer is called outside the lock.
 *
 * <p>The Deferred must stay strongly reachable until {@link #hold} returns; the caller fences it
 * ({@code Reference.reachabilityFence}), or the reporter could see it dead first and miss the
 * Failure.
 */
public final class UnhandledErrorTracker extends PhantomReference<Object> {
  private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
  private static final Object LOCK = new Object();
  /** The sentinel of the list of trackers holding a Failure; guarded by LOCK. */
  private static final UnhandledErrorTracker HEAD = new UnhandledErrorTracker(null, null);

  static {
    HEAD.prev = HEAD;
    HEAD.next = HEAD;
    Thread reporter = new Thread(UnhandledErrorTracker::reportCollected,
        "torsion-unhandled-errors");
    reporter.setDaemon(true);
    reporter.start();
  }

  private final @Nullable DebugInfo debugInfo;
  /** Guarded by LOCK, as are the links. */
  private @Nullable Failure failure;
  private @Nullable UnhandledErrorTracker prev;
  private @Nullable UnhandledErrorTracker next;

  private UnhandledErrorTracker(@Nullable Object deferred, @Nullable DebugInfo debugInfo) {
    super(deferred, QUEUE);
    this.debugInfo = debugInfo;
  }

  /**
   * A tracker reporting when {@code deferred} is collected while holding a Failure.
   *
   * @param deferred the Deferred to watch, through a phantom reference only
   * @param debugInfo its debug record, or null outside debug mode
   * @return the tracker, holding nothing yet
   */
  public static UnhandledErrorTracker register(Object deferred, @Nullable DebugInfo debugInfo) {
    return new UnhandledErrorTracker(deferred, debugInfo);
  }

  /**
   * The Deferred's chain now ends on {@code current}, with no errback left to take it.
   *
   * @param current the Failure it holds
   */
  public void hold(Failure current) {
    synchronized (LOCK) {
      if (failure == null) {
        UnhandledErrorTracker last = HEAD.prev;
        prev = last;
        next = HEAD;
        last.next = this;
        HEAD.prev = this;
      }
      failure = current;
    }
  }

  /** The Deferred's chain no longer ends on a Failure (or the Failure was taken). */
  public void release() {
    synchronized (LOCK) {
      unlinkLocked();
    }
  }

  /**
   * Releases the Failure and stops watching the Deferred for good. The Deferred registers a new
   * tracker if it holds a Failure again.
   */
  public void dispose() {
    release();
    clear();
  }

  /** Unlinks this tracker and returns the Failure it held, or null. Caller holds LOCK. */
  private @Nullable Failure unlinkLocked() {
    Failure held = failure;
    if (held != null) {
      failure = null;
      prev.next = next;
      next.prev = prev;
      prev = null;
      next = null;
    }
    return held;
  }

  /** The reporter thread: reports each Deferred found unreachable while holding a Failure. */
  private static void reportCollected() {
    while (true) {
      Reference<?> dead;
      try {
        dead = QUEUE.remove();
      } catch (InterruptedException e) {
        continue; // a daemon that nobody should interrupt; keep serving
      }
      UnhandledErrorTracker tracker = (UnhandledErrorTracker) dead;
      Failure lost;
      synchronized (LOCK) {
        lost = tracker.unlinkLocked();
      }
      if (lost != null) {
        UnhandledErrors.logError(lost, tracker.report(lost));
      }
    }
  }

  private String report(Failure lost) {
    String text = unhandledReport(lost);
    return debugInfo == null ? text : text + debugInfo.unhandledReport() + "\n";
  }

  /**
   * The report of an unhandled error, as logged: the header Twisted uses and the traceback.
   *
   * @param failure the error
   * @return the report text
   */
  public static String unhandledReport(Failure failure) {
    return "Unhandled error in Deferred:\n" + failure.getTraceback();
  }

  /**
   * Takes the pending Failures {@code which} accepts: they stop being watched and will not be
   * reported. The trial support takes only those that appeared during a test.
   *
   * @param which the Failures to take; called with the tracking lock held, so it must be quick
   * @return the Failures taken, oldest first
   */
  public static List<Failure> take(Predicate<? super Failure> which) {
    List<Failure> out = new ArrayList<>();
    synchronized (LOCK) {
      UnhandledErrorTracker node = HEAD.next;
      while (node != HEAD) {
        UnhandledErrorTracker following = node.next;
        if (which.test(node.failure)) {
          out.add(node.unlinkLocked());
        }
        node = following;
      }
    }
    return out;
  }

  /**
   * Every Failure still held unhandled by a Deferred not yet reported as collected.
   *
   * @param take whether to stop watching them too (they will not be reported)
   * @return the Failures, oldest first
   */
  public static List<Failure> pending(boolean take) {
    if (take) {
      return take(any -> true);
    }
    List<Failure> out = new ArrayList<>();
    synchronized (LOCK) {
      for (UnhandledErrorTracker node = HEAD.next; node != HEAD; node = node.next) {
        out.add(node.failure);
      }
    }
    return out;
  }
}
