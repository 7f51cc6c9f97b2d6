package dev.torsion.protocols.loopback;

import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The chunks one side of a {@link Loopback#loopbackAsync} connection wrote and the other side
 * has not yet received, oldest first; a {@code null} chunk stands for the writer's
 * {@code loseConnection}. A {@link PumpPolicy} empties it.
 *
 * <p><b>Threading.</b> Not thread-safe: used on the reactor thread (or the test's thread).
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code _LoopbackQueue} is truthy while it holds
 * chunks; here that is {@code !isEmpty()}. It also counts the bytes it holds, so the transport
 * can pause a streaming producer when too much waits.
 *
 * @twisted twisted.protocols.loopback._LoopbackQueue
 */
public final class LoopbackQueue {
  /** Stands for a {@code null} chunk, which {@link ArrayDeque} cannot hold. */
  private static final Object EOF = new Object();

  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private long bytes;
  private boolean disconnect;
  private @Nullable Runnable listener;

  /** An empty queue. */
  public LoopbackQueue() {}

  /**
   * Adds a chunk at the end, and tells the pump, if it is waiting, that there is work.
   *
   * @param chunk bytes written, or {@code null} for a disconnect
   * @twisted twisted.protocols.loopback._LoopbackQueue.put
   */
  public void put(byte @Nullable [] chunk) {
    if (chunk == null) {
      queue.addLast(EOF);
    } else {
      queue.addLast(chunk);
      bytes += chunk.length;
    }
    Runnable l = listener;
    if (l != null) {
      listener = null;
      l.run();
    }
  }

  /**
   * Removes and returns the oldest chunk.
   *
   * @return the chunk, or {@code null} where the writer asked to disconnect
   * @throws NoSuchElementException if the queue is empty
   * @twisted twisted.protocols.loopback._LoopbackQueue.get
   */
  public byte @Nullable [] get() {
    Object head = queue.removeFirst();
    if (head == EOF) {
      return null;
    }
    byte[] chunk = (byte[]) head;
    bytes -= chunk.length;
    return chunk;
  }

  /**
   * Whether no chunk waits.
   *
   * @return true when {@link #get()} would throw
   * @twisted twisted.protocols.loopback._LoopbackQueue.__bool__
   */
  public boolean isEmpty() {
    return queue.isEmpty();
  }

  /** How many bytes the queued chunks hold. */
  long bytes() {
    return bytes;
  }

  /** Whether the writer asked to disconnect. */
  boolean disconnect() {
    return disconnect;
  }

  void setDisconnect() {
    disconnect = true;
  }

  /** Runs {@code l} once, at the next {@link #put}; replaces any earlier listener. */
  void notifyOnPut(@Nullable Runnable l) {
    listener = l;
  }

  @Override
  public String toString() {
    return "_LoopbackQueue(" + queue.size() + " chunks, " + bytes + " bytes)";
  }
}
