package dev.torsion.internal.defer;

import dev.torsion.internet.defer.Deferred;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Cancelled waiters are marked and let go of their Deferred at once; the small marker left in
 * the line is dropped when it reaches the front, or when markers outnumber live waiters (and
 * number over {@value #COMPACT_AFTER}) the line is swept. No hashing of Deferreds, so queues of
 * any length stay cheap, and a get-then-cancel loop (a get with a timeout) holds no memory.
 *
 * @param <V> what a waiter is fired with
 */
public final class WaiterQueue<V extends @Nullable Object> {
  private final ArrayDeque<Waiter<V>> waiting = new ArrayDeque<>();
  private final ArrayDeque<Waiter<V>> handedOff = new ArrayDeque<>();
  private static final int COMPACT_AFTER = 64;

  private int live;
  /** Cancelled waiters still in {@code waiting}. */
  private int dead;
  private boolean firing;

  /** One waiter: in the line, then handed a value, then done (fired or cancelled). */
  private static final class Waiter<V extends @Nullable Object> {
    @Nullable Deferred<V> deferred;
    boolean handed;
    boolean done;
    @Nullable V value;
  }

  /** Creates an empty queue. */
  public WaiterQueue() {}

  /**
   * Adds a new waiter at the end and returns it; cancelling it before its turn removes it.
   *
   * @return the waiter
   */
  public Deferred<V> enqueue() {
    Waiter<V> w = new Waiter<>();
    Deferred<V> d = new Deferred<>(ignored -> cancel(w));
    w.deferred = d;
    waiting.add(w);
    live++;
    return d;
  }

  @SuppressWarnings("NullAway")
  private void cancel(Waiter<V> w) {
    if (w.done) {
      return;
    }
    w.done = true;
    if (w.handed) {
      fire(w); // it owns its value already: cancelling changes nothing
    } else {
      w.deferred = null; // the Deferred then fails with CancelledError; nothing here keeps it
      live--;
      if (++dead > COMPACT_AFTER && dead > live) {
        waiting.removeIf(x -> x.done);
        dead = 0;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <V extends @Nullable Object> void fire(Waiter<V> w) {
    Deferred<V> d = w.deferred;
    V value = w.value;
    w.deferred = null;
    w.value = null;
    if (d != null) {
      d.callback(value);
    }
  }

  /**
   * Whether any waiter has not yet been handed a value.
   *
   * @return true if {@link #handOff} has someone to give to
   */
  public boolean hasWaiters() {
    return live > 0;
  }

  /**
   * How many waiters have not yet been handed a value.
   *
   * @return the count
   */
  public int size() {
    return live;
  }

  /**
   * The waiters not yet handed a value, first first.
   *
   * @return a snapshot
   */
  public List<Deferred<V>> snapshot() {
    List<Deferred<V>> out = new ArrayList<>(live);
    for (Waiter<V> w : waiting) {
      if (!w.done && w.deferred != null) {
        out.add(w.deferred);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Gives {@code value} to the first waiter and fires it, unless a hand-off is already firing
   * waiters further up the stack, which will fire this one too once the current callback returns.
   *
   * @param value what the first waiter gets
   * @throws IllegalStateException if there is no waiter
   */
  public void handOff(V value) {
    Waiter<V> w = waiting.poll();
    while (w != null && w.done) {
      dead--;
      w = waiting.poll();
    }
    if (w == null) {
      throw new IllegalStateException("no waiter to hand off to");
    }
    live--;
    w.handed = true;
    w.value = value;
    handedOff.add(w);
    if (firing) {
      return;
    }
    firing = true;
    try {
      Waiter<V> next;
      while ((next = handedOff.poll()) != null) {
        if (!next.done) {
          next.done = true;
          fire(next);
        }
      }
    } finally {
      firing = false;
    }
  }
}
