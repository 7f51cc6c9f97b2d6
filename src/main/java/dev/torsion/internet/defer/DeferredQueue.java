package dev.torsion.internet.defer;

import dev.torsion.internal.defer.WaiterQueue;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A queue for event-driven code: {@link #put} adds an object, {@link #get} gives a Deferred that
 * fires with the next one, at once if one is there. Objects go to waiting getters first come,
 * first served.
 *
 * <p><b>Threading.</b> Not thread-safe: use it on the reactor thread, as every Deferred.
 *
 * <p><b>Re-entrancy.</b> A {@code put} from inside a getter's callback gives the object to the
 * next getter at once, but that getter's callbacks run only after the current callback returns,
 * so any number of getters run in constant stack depth (Twisted nests one call per getter).
 * Anywhere else (plain code, or a callback that is not a getter's), {@code put} runs the getter's
 * callbacks before it returns, as in Twisted.
 *
 * <p><b>Errors.</b> {@link QueueOverflow} (thrown) when a put finds {@link #size()} objects
 * already waiting; {@link QueueUnderflow} (thrown) when a get finds {@link #backlog()} getters
 * already waiting. Cancelling a getter that has no object yet removes it from the line and fails
 * it with {@link CancelledError}; cancelling one that has its object does nothing.
 *
 * <p><b>Differences from Twisted.</b> "No limit" is {@link #UNLIMITED} rather than {@code None}.
 * Twisted's public {@code pending} and {@code waiting} lists are read-only snapshots here.
 *
 * @param <T> the type of the objects
 * @twisted twisted.internet.defer.DeferredQueue
 */
public final class DeferredQueue<T extends @Nullable Object> {
  /** No bound on {@link #size()} or {@link #backlog()}. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  private final WaiterQueue<T> waiters = new WaiterQueue<>();
  private final ArrayDeque<Box<T>> pending = new ArrayDeque<>();
  private final int size;
  private final int backlog;

  /** An object in the queue; boxed because {@code T} may be null and ArrayDeque refuses null. */
  private static final class Box<T extends @Nullable Object> {
    final T value;

    Box(T value) {
      this.value = value;
    }
  }

  /**
   * Creates a queue with no bounds.
   *
   * @twisted twisted.internet.defer.DeferredQueue.__init__
   */
  public DeferredQueue() {
    this(UNLIMITED, UNLIMITED);
  }

  /**
   * Creates a bounded queue.
   *
   * @param size at most this many objects wait in the queue; {@link #UNLIMITED} for no bound
   * @param backlog at most this many getters wait for objects; {@link #UNLIMITED} for no bound
   * @throws IllegalArgumentException if either is negative
   * @twisted twisted.internet.defer.DeferredQueue.__init__
   */
  public DeferredQueue(int size, int backlog) {
    if (size < 0 || backlog < 0) {
      throw new IllegalArgumentException(
          "size and backlog must be >= 0, got size=" + size + " backlog=" + backlog);
    }
    this.size = size;
    this.backlog = backlog;
  }

  /**
   * The most objects that may wait in the queue.
   *
   * @return the bound, or {@link #UNLIMITED}
   * @twisted twisted.internet.defer.DeferredQueue.size
   */
  public int size() {
    return size;
  }

  /**
   * The most getters that may wait for objects.
   *
   * @return the bound, or {@link #UNLIMITED}
   * @twisted twisted.internet.defer.DeferredQueue.backlog
   */
  public int backlog() {
    return backlog;
  }

  /**
   * The objects waiting for a getter, oldest first.
   *
   * @return a snapshot
   * @twisted twisted.internet.defer.DeferredQueue.pending
   */
  public List<T> pending() {
    @SuppressWarnings("unchecked")
    T[] values = (T[]) new Object[pending.size()];
    int i = 0;
    for (Box<T> box : pending) {
      values[i++] = box.value;
    }
    return Collections.unmodifiableList(Arrays.asList(values));
  }

  /**
   * The getters waiting for an object, oldest first.
   *
   * @return a snapshot
   * @twisted twisted.internet.defer.DeferredQueue.waiting
   */
  public List<Deferred<T>> waiting() {
    return waiters.snapshot();
  }

  /**
   * Adds an object: it goes to the oldest waiting getter, or waits in the queue.
   *
   * @param obj the object
   * @throws QueueOverflow if no getter waits and the queue already holds {@link #size()} objects
   * @twisted twisted.internet.defer.DeferredQueue.put
   */
  public void put(T obj) {
    if (waiters.hasWaiters()) {
      waiters.handOff(obj);
    } else if (pending.size() < size) {
      pending.add(new Box<>(obj));
    } else {
      throw new QueueOverflow("DeferredQueue is full (size " + size + ")");
    }
  }

  /**
   * Takes the oldest object.
   *
   * @return a Deferred that fires with it: at once if the queue holds one
   * @throws QueueUnderflow if the queue is empty and {@link #backlog()} getters already wait
   * @twisted twisted.internet.defer.DeferredQueue.get
   */
  public Deferred<T> get() {
    Box<T> box = pending.poll();
    if (box != null) {
      return Defer.succeed(box.value);
    }
    if (waiters.size() < backlog) {
      return waiters.enqueue();
    }
    throw new QueueUnderflow("DeferredQueue backlog is full (" + backlog + " getters waiting)");
  }

  /** Shows the counts, for logs. */
  @Override
  public String toString() {
    return "<DeferredQueue pending=" + pending.size() + " waiting=" + waiters.size() + ">";
  }
}
