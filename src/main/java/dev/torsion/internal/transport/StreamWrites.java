package dev.torsion.internal.transport;

import dev.torsion.internet.reactor.IoBackend;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The write half of a {@link StreamTransport}: bytes go into the queue, the socket is tried
 * only when the queue was empty (the backend drains a non-empty one), and a push producer is
 * paused above the high-water mark. The transport decides whether writing is allowed at all.
 */
final class StreamWrites {
  private final IoBackend.Stream stream;
  private final WriteQueue queue;
  private final ProducerSlot producer;
  private final long highWater;

  StreamWrites(IoBackend.Stream stream, WriteQueue queue, ProducerSlot producer,
      long highWater) {
    this.stream = stream;
    this.queue = queue;
    this.producer = producer;
    this.highWater = highWater;
  }

  void write(byte[] data) {
    if (data.length == 0) {
      return;
    }
    boolean wasEmpty = queue.isEmpty();
    queue.add(data);
    afterAdd(wasEmpty);
  }

  void writeSequence(Iterable<byte[]> data) {
    Iterable<?> pieces = checkedPieces(data);
    boolean wasEmpty = queue.isEmpty();
    for (Object o : pieces) {
      byte[] b = (byte[]) o;
      if (b.length > 0) {
        queue.add(b);
      }
    }
    if (!queue.isEmpty()) {
      afterAdd(wasEmpty);
    }
  }

  /**
   * Checks every piece is a byte array before queueing any, as Twisted does: raw types or other
   * JVM languages can smuggle a String into an {@code Iterable<byte[]>}, and a half-queued
   * sequence would corrupt the stream. A one-shot iterable is copied so it can be read twice.
   */
  static Iterable<?> checkedPieces(Iterable<byte[]> data) {
    Iterable<?> pieces = data instanceof Collection<?> ? data : copy(data);
    for (Object o : pieces) {
      if (!(o instanceof byte[])) {
        throw new IllegalArgumentException("Data must be bytes, not "
            + (o == null ? "null" : o.getClass().getName()));
      }
    }
    return pieces;
  }

  private static List<?> copy(Iterable<?> data) {
    List<Object> out = new ArrayList<>();
    data.forEach(out::add);
    return out;
  }

  private void afterAdd(boolean wasEmpty) {
    // A non-empty queue means the backend is already draining it (see Stream.flush): only the
    // first write after the queue emptied tries the socket directly.
    if (wasEmpty && stream.flush()) {
      if (producer.isPull()) {
        // Ask the pull producer again on a later turn, never from inside its own write.
        stream.notifyWhenDrained();
      }
      return;
    }
    if (queue.size() > highWater) {
      producer.bufferFull();
    }
  }
}
