package dev.torsion.internal.reactor;

import com.google.common.math.LongMath;
import dev.torsion.internet.error.AlreadyCalled;
import dev.torsion.internet.error.AlreadyCancelled;
import dev.torsion.internet.interfaces.IDelayedCall;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A reactor's delayed call (see {@link IDelayedCall} for the contract). Times are nanoseconds on
 * the reactor's monotonic clock. A call moved later is not moved in the heap at once: the extra
 * time waits in {@code delayedNanos} and the heap re-files the call when its old time comes, as
 * Twisted does, so pushing back an idle timeout again and again costs O(1).
 *
 * <p>Ordering ({@link #compareTo}) is by the scheduled time alone, not counting a pending
 * postponement, as Twisted's {@code DelayedCall} compares; equality is identity, so
 * {@code compareTo} is not consistent with {@code equals}.
 */
public final class ReactorDelayedCall implements IDelayedCall, Comparable<ReactorDelayedCall> {
  /** What the heap holding the call does when the call is cancelled or moved sooner. */
  interface Scheduler {
    void cancelled(ReactorDelayedCall call);

    void movedSooner(ReactorDelayedCall call);
  }

  private enum State { PENDING, CALLED, CANCELLED }

  private static final Set<String> OWN_FRAMES = Set.of(ReactorDelayedCall.class.getName(),
      TimerQueue.class.getName(), LoopCore.class.getName());
  private static volatile boolean debug;

  private final LongSupplier clock;
  private final Scheduler scheduler;
  final long sequence;
  long timeNanos;
  long delayedNanos;
  /** Position in the heap, or -1 while not in it (new, popped or compacted away). */
  int heapIndex = -1;
  private @Nullable Runnable callable;
  private State state = State.PENDING;
  private final StackTraceElement @Nullable [] creator;
  /** In debug mode, the text at cancel time, when the callable was still there to describe. */
  private @Nullable String cancelledText;

  ReactorDelayedCall(long timeNanos, long sequence, Runnable callable, LongSupplier clock,
      Scheduler scheduler) {
    this.timeNanos = timeNanos;
    this.sequence = sequence;
    this.callable = Objects.requireNonNull(callable, "callable");
    this.clock = clock;
    this.scheduler = scheduler;
    this.creator = debug ? creationStack() : null;
  }

  /**
   * Turns recording of each new call's creation stack on or off (Twisted's
   * {@code DelayedCall.debug}). The stack then shows in {@link #toString()} and in the log when
   * the call throws. Costly: for finding where a stray call came from.
   *
   * @param on true to record
   */
  public static void setDebug(boolean on) {
    debug = on;
  }

  /**
   * Whether new calls record their creation stack.
   *
   * @return true in debug mode
   */
  public static boolean isDebug() {
    return debug;
  }

  private static StackTraceElement[] creationStack() {
    StackTraceElement[] all = new Throwable().getStackTrace();
    // Drop the loop core's own frames so the stack starts at the caller of callLater.
    int from = 0;
    while (from < all.length - 1 && OWN_FRAMES.contains(all[from].getClassName())) {
      from++;
    }
    StackTraceElement[] out = new StackTraceElement[all.length - from];
    System.arraycopy(all, from, out, 0, out.length);
    return out;
  }

  /**
   * The current time on the clock this call was scheduled by, in seconds.
   *
   * @return seconds
   */
  public double seconds() {
    return clock.getAsLong() / 1e9;
  }

  @Override
  public double getTime() {
    return LongMath.saturatedAdd(timeNanos, delayedNanos) / 1e9;
  }

  @Override
  public void cancel() {
    checkPending();
    scheduler.cancelled(this);
    state = State.CANCELLED;
    if (debug) {
      cancelledText = describe();
    }
    callable = null;
  }

  @Override
  public void reset(double secondsFromNow) {
    checkPending();
    long newTime = LongMath.saturatedAdd(clock.getAsLong(), toNanos(secondsFromNow));
    if (newTime < timeNanos) {
      delayedNanos = 0;
      timeNanos = newTime;
      scheduler.movedSooner(this);
    } else {
      delayedNanos = newTime - timeNanos;
    }
  }

  @Override
  public void delay(double secondsLater) {
    checkPending();
    delayedNanos = LongMath.saturatedAdd(delayedNanos, toNanos(secondsLater));
    if (delayedNanos < 0) {
      activateDelay();
      scheduler.movedSooner(this);
    }
  }

  @Override
  public boolean active() {
    return state == State.PENDING;
  }

  boolean cancelled() {
    return state == State.CANCELLED;
  }

  /** Folds a pending postponement into the heap key. */
  void activateDelay() {
    timeNanos = LongMath.saturatedAdd(timeNanos, delayedNanos);
    delayedNanos = 0;
  }

  /** Marks the call made and hands back what to run. */
  Runnable take() {
    Runnable r = Objects.requireNonNull(callable, "callable");
    state = State.CALLED;
    return r;
  }

  /** Heap order: time, then creation order, so equal times run in the order scheduled. */
  boolean runsBefore(ReactorDelayedCall o) {
    return timeNanos < o.timeNanos || (timeNanos == o.timeNanos && sequence < o.sequence);
  }

  private void checkPending() {
    if (state == State.CANCELLED) {
      throw new AlreadyCancelled(toString());
    }
    if (state == State.CALLED) {
      throw new AlreadyCalled(toString());
    }
  }

  /**
   * Seconds as whole nanoseconds; Java's narrowing saturates, so a delay of 2**128 s becomes
   * the far future instead of wrapping.
   */
  static long toNanos(double seconds) {
    if (Double.isNaN(seconds)) {
      throw new IllegalArgumentException("seconds must be a number, not NaN");
    }
    return (long) (seconds * 1e9);
  }

  @Override
  public int compareTo(ReactorDelayedCall o) {
    return Long.compare(timeNanos, o.timeNanos);
  }

  /**
   * Reads like Twisted's repr:
   * {@code <DelayedCall 0x1f [10.5s] called=0 cancelled=0 callable>}, the seconds left until the
   * scheduled time; in debug mode followed by the creation stack.
   */
  @Override
  public String toString() {
    String c = cancelledText;
    return c != null ? c : describe();
  }

  private String describe() {
    StringBuilder b = new StringBuilder("<DelayedCall 0x")
        .append(Integer.toHexString(System.identityHashCode(this)))
        .append(" [").append((timeNanos - clock.getAsLong()) / 1e9).append("s] called=")
        .append(state == State.CALLED ? 1 : 0)
        .append(" cancelled=").append(state == State.CANCELLED ? 1 : 0);
    Runnable r = callable;
    if (r != null) {
      b.append(' ').append(r);
    }
    StackTraceElement[] stack = creator;
    if (stack != null) {
      b.append("\n\ntraceback at creation: \n\n");
      for (StackTraceElement e : stack) {
        b.append("    at ").append(e).append('\n');
      }
    }
    return b.append('>').toString();
  }
}
