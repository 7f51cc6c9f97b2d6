package dev.torsion.internal.reactor;

import com.google.common.math.LongMath;
import dev.torsion.internet.interfaces.IDelayedCall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The reactor's delayed calls: a binary min-heap on (time, creation order), with each call
 * knowing its slot so that moving it sooner is O(log n).
 *
 * <p>Cancelling is lazy: a cancelled call stays in the heap (without its callable) and is
 * dropped when it reaches the top; when cancelled calls are more than 50 and more than half the
 * heap, the heap is rebuilt without them, as Twisted does. New calls wait in a side list until
 * the next timer pass, so a call scheduled by a running call never runs in the same pass, however
 * coarse the clock.
 *
 * <p>Reactor thread only. No allocation on a pass with nothing due.
 */
final class TimerQueue implements ReactorDelayedCall.Scheduler {
  private static final int COMPACT_MIN = 50;

  private final LongSupplier clock;
  private ReactorDelayedCall[] heap = new ReactorDelayedCall[16];
  private int size;
  private final ArrayList<ReactorDelayedCall> fresh = new ArrayList<>();
  /** Cancelled calls still in {@link #heap}. */
  private int cancellations;
  private long nextSequence;
  /** A call at delay 0 waits in {@link #fresh} (it may have been cancelled or moved since). */
  private boolean freshImmediate;

  /** @param clock the reactor's time in nanoseconds */
  TimerQueue(LongSupplier clock) {
    this.clock = clock;
  }

  ReactorDelayedCall schedule(long delayNanos, Runnable callable) {
    long due = LongMath.saturatedAdd(clock.getAsLong(), delayNanos);
    ReactorDelayedCall call = new ReactorDelayedCall(due, nextSequence++, callable, clock, this);
    fresh.add(call);
    if (delayNanos == 0) {
      freshImmediate = true;
    }
    return call;
  }

  @Override
  public void cancelled(ReactorDelayedCall call) {
    if (call.heapIndex >= 0) {
      cancellations++;
    }
  }

  @Override
  public void movedSooner(ReactorDelayedCall call) {
    if (call.heapIndex >= 0) {
      siftUp(call.heapIndex, call);
    }
  }

  /**
   * Nanoseconds until the earliest call is due (0 if one is due now), or -1 if none is pending.
   * Drops cancelled calls off the top first, so they do not cause needless wake-ups.
   */
  long nanosUntilNext(long now) {
    insertFresh();
    while (size > 0 && heap[0].cancelled()) {
      pop();
      cancellations--;
    }
    if (size == 0) {
      return -1;
    }
    return Math.max(0, heap[0].timeNanos - now);
  }

  /**
   * Runs every call due at {@code now}, in order; {@code runner} runs each callable and deals
   * with what it throws. Calls scheduled meanwhile wait for the next pass.
   */
  void runDue(long now, Consumer<ReactorDelayedCall> runner) {
    insertFresh();
    while (size > 0 && heap[0].timeNanos <= now) {
      ReactorDelayedCall call = pop();
      if (call.cancelled()) {
        cancellations--;
      } else if (call.delayedNanos > 0) {
        call.activateDelay();
        push(call);
      } else {
        runner.accept(call);
      }
    }
    if (cancellations > COMPACT_MIN && cancellations > size >> 1) {
      compact();
    }
  }

  /** Every call neither run nor cancelled. */
  List<IDelayedCall> pending() {
    List<IDelayedCall> out = new ArrayList<>(size + fresh.size());
    for (int i = 0; i < size; i++) {
      if (!heap[i].cancelled()) {
        out.add(heap[i]);
      }
    }
    for (ReactorDelayedCall c : fresh) {
      if (!c.cancelled()) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Whether a call scheduled at delay 0 since the last pass may be waiting: due at once
   * whatever the clock says. Never false when one is; rarely true when it was cancelled or
   * moved later meanwhile, which costs one iteration that does not block.
   */
  boolean hasImmediate() {
    return freshImmediate;
  }

  /** Calls in the heap, cancelled ones included (for tests of the lazy removal). */
  int heapSize() {
    return size;
  }

  private void insertFresh() {
    freshImmediate = false;
    int n = fresh.size();
    if (n == 0) {
      return;
    }
    for (int i = 0; i < n; i++) {
      ReactorDelayedCall c = fresh.get(i);
      if (!c.cancelled()) {
        c.activateDelay();
        push(c);
      }
    }
    fresh.clear();
  }

  private void compact() {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      ReactorDelayedCall c = heap[i];
      if (c.cancelled()) {
        c.heapIndex = -1;
      } else {
        heap[kept] = c;
        c.heapIndex = kept++;
      }
    }
    Arrays.fill(heap, kept, size, null);
    size = kept;
    cancellations = 0;
    for (int i = (size >>> 1) - 1; i >= 0; i--) {
      siftDown(i, heap[i]);
    }
  }

  private void push(ReactorDelayedCall c) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    siftUp(size++, c);
  }

  private ReactorDelayedCall pop() {
    ReactorDelayedCall top = heap[0];
    ReactorDelayedCall last = heap[--size];
    heap[size] = null;
    if (size > 0) {
      siftDown(0, last);
    }
    top.heapIndex = -1;
    return top;
  }

  private void siftUp(int index, ReactorDelayedCall c) {
    int i = index;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      ReactorDelayedCall p = heap[parent];
      if (!c.runsBefore(p)) {
        break;
      }
      heap[i] = p;
      p.heapIndex = i;
      i = parent;
    }
    heap[i] = c;
    c.heapIndex = i;
  }

  private void siftDown(int index, ReactorDelayedCall c) {
    int i = index;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && heap[right].runsBefore(heap[child])) {
        child = right;
      }
      if (!heap[child].runsBefore(c)) {
        break;
      }
      heap[i] = heap[child];
      heap[i].heapIndex = i;
      i = child;
    }
    heap[i] = c;
    c.heapIndex = i;
  }
}
