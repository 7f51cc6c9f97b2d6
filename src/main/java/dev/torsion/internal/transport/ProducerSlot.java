package dev.torsion.internal.transport;

import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.IPushProducer;
import org.jspecify.annotations.Nullable;

/**
 * The one producer registered with a consumer, and whether the consumer has paused it: the
 * flow-control half of a transport, kept apart so any consumer (a TLS wrapper later) reuses it.
 */
final class ProducerSlot {
  private @Nullable IProducer producer;
  private boolean streaming;
  private boolean paused;

  /**
   * Registers {@code p}; a pull producer is asked for data at once, as Twisted does.
   *
   * @param disconnected the consumer has gone: the producer is stopped instead
   */
  void register(IProducer p, boolean streaming, boolean disconnected) {
    if (producer != null) {
      throw new IllegalStateException("Cannot register producer " + p + ", because producer "
          + producer + " was never unregistered.");
    }
    if (streaming && !(p instanceof IPushProducer)) {
      throw new IllegalArgumentException(p + " is registered as streaming but is no"
          + " IPushProducer");
    }
    if (!streaming && !(p instanceof IPullProducer)) {
      throw new IllegalArgumentException(p + " is registered as non-streaming but is no"
          + " IPullProducer");
    }
    if (disconnected) {
      p.stopProducing();
      return;
    }
    producer = p;
    this.streaming = streaming;
    paused = false;
    if (!streaming) {
      ((IPullProducer) p).resumeProducing();
    }
  }

  /** A registration moved elsewhere for a while: {@code startTLS} moves it to the TLS layer. */
  record Registration(IProducer producer, boolean streaming, boolean paused) {}

  /** Unregisters the producer and answers what it was, or null if there was none. */
  @Nullable Registration take() {
    IProducer p = producer;
    if (p == null) {
      return null;
    }
    Registration r = new Registration(p, streaming, paused);
    unregister();
    return r;
  }

  /** Puts back what {@link #take()} answered, calling the producer nothing. */
  void restore(@Nullable Registration r) {
    if (r != null) {
      producer = r.producer();
      streaming = r.streaming();
      paused = r.paused();
    }
  }

  void unregister() {
    producer = null;
    paused = false;
  }

  boolean isRegistered() {
    return producer != null;
  }

  boolean isPull() {
    return producer != null && !streaming;
  }

  boolean isPaused() {
    return paused;
  }

  /** The buffer passed the high-water mark: pause a push producer (pull ones are never paused). */
  void bufferFull() {
    if (producer instanceof IPushProducer push && streaming && !paused) {
      paused = true;
      push.pauseProducing();
    }
  }

  /**
   * The buffer emptied: resume a paused push producer or ask a pull producer for more.
   *
   * @return true if a producer was called
   */
  boolean bufferDrained() {
    IProducer p = producer;
    if (p == null || (streaming && !paused)) {
      return false;
    }
    paused = false;
    if (streaming) {
      ((IPushProducer) p).resumeProducing();
    } else {
      ((IPullProducer) p).resumeProducing();
    }
    return true;
  }

  /** The consumer is going away: stop the producer and forget it. */
  void stop() {
    IProducer p = producer;
    producer = null;
    paused = false;
    if (p != null) {
      p.stopProducing();
    }
  }
}
