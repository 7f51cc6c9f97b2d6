package dev.torsion.internal.defer;

import dev.torsion.internet.defer.Deferred;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Deferreds waiting on a {@code DeferredLock}, {@code DeferredSemaphore} or
 * {@code DeferredQueue}, and the hand-off that fires them.
 *
 * <p>Why a hand-off: in Twisted, {@code release()} fires the next waiter at once, and that
 * waiter's callback usually calls {@code release()} again, so N waiters nest N calls deep
 * (twisted#9304). Here a hand-off made while another is firing is only recorded; the outermost
 * hand-off fires the recorded waiters one after the other, so the stack stays flat. A waiter that
 * was handed its value but not yet fired already owns it: cancelling it fires it with that value,
 * just as cancelling an already-fired Deferred in Twisted changes nothing.
 *
 * @param <V> what a waiter is fired with
 */
public final class WaiterQueue<V extends @Nullable Object> {
  private final LinkedHashSet<Deferred<V>> waiting = new LinkedHashSet<>();
  private final LinkedHashMap<Deferred<V>, Box<V>> handedOff = new LinkedHashMap<>();
  private boolean firing;

  /** A value owned by a waiter that has not been fired yet (the value itself may be null). */
  private static final class Box<V extends @Nullable Object> {
    final V value;

    Box(V value) {
      this.value = value;
    }
  }

  /** Creates an empty queue. */
  public WaiterQueue() {}

  /**
   * Adds a new waiter at the end and returns it; cancelling it before its turn removes it.
   *
   * @return the waiter
   */
  public Deferred<V> enqueue() {
    Deferred<V> d = new Deferred<>(this::cancelWaiter);
    waiting.add(d);
    return d;
  }

  private void cancelWaiter(Deferred<V> d) {
    if (waiting.remove(d)) {
      return; // the Deferred then fails with CancelledError
    }
    Box<V> box = handedOff.remove(d);
    if (box != null) {
      d.callback(box.value);
    }
  }

  /**
   * Whether any waiter has not yet been handed a value.
   *
   * @return true if {@link #handOff} has someone to give to
   */
  public boolean hasWaiters() {
    return !waiting.isEmpty();
  }

  /**
   * How many waiters have not yet been handed a value.
   *
   * @return the count
   */
  public int size() {
    return waiting.size();
  }

  /**
   * The waiters not yet handed a value, first first.
   *
   * @return a snapshot
   */
  public List<Deferred<V>> snapshot() {
    return List.copyOf(new ArrayList<>(waiting));
  }

  /**
   * Gives {@code value} to the first waiter and fires it, unless a hand-off is already firing
   * waiters further up the stack, which will fire this one too once the current callback returns.
   *
   * @param value what the first waiter gets
   * @throws IllegalStateException if there is no waiter
   */
  public void handOff(V value) {
    Iterator<Deferred<V>> first = waiting.iterator();
    if (!first.hasNext()) {
      throw new IllegalStateException("no waiter to hand off to");
    }
    Deferred<V> d = first.next();
    first.remove();
    handedOff.put(d, new Box<>(value));
    if (firing) {
      return;
    }
    firing = true;
    try {
      while (!handedOff.isEmpty()) {
        Iterator<Map.Entry<Deferred<V>, Box<V>>> next = handedOff.entrySet().iterator();
        Map.Entry<Deferred<V>, Box<V>> entry = next.next();
        next.remove();
        entry.getKey().callback(entry.getValue().value);
      }
    } finally {
      firing = false;
    }
  }
}
