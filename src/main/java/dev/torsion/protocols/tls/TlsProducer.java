package dev.torsion.protocols.tls;

import dev.torsion.internet.interfaces.IConsumer;
import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.task.Cooperator;
import org.jspecify.annotations.Nullable;

/** The application's producer as registered through the TLS wrapper: membrane, pull adapter. */
final class TlsProducer {
  private @Nullable ProducerMembrane membrane;
  private @Nullable PullToPush pull;

  boolean registered() {
    return membrane != null;
  }

  /** Registers with {@code transport} (which throws if it has a producer already). */
  void register(IProducer producer, boolean streaming, IConsumer consumer, ITransport transport,
      Cooperator cooperator) {
    PullToPush adapter = null;
    IPushProducer push;
    if (streaming) {
      push = (IPushProducer) producer;
    } else {
      adapter = new PullToPush((IPullProducer) producer, consumer, cooperator);
      push = adapter;
    }
    ProducerMembrane m = new ProducerMembrane(push);
    transport.registerProducer(m, true);
    membrane = m;
    pull = adapter;
    if (adapter != null) {
      adapter.startStreaming();
    }
  }

  /** Forgets the producer and unregisters it from {@code transport}; false if there was none. */
  boolean unregister(ITransport transport) {
    if (membrane == null) {
      return false;
    }
    release();
    transport.unregisterProducer();
    return true;
  }

  /** Forgets the producer (the connection is gone; the transport stops it itself). */
  void release() {
    PullToPush p = pull;
    if (p != null) {
      p.stopStreaming();
    }
    membrane = null;
    pull = null;
  }

  void pause() {
    ProducerMembrane m = membrane;
    if (m != null) {
      m.pauseProducing();
    }
  }

  void resume() {
    ProducerMembrane m = membrane;
    if (m != null) {
      m.resumeProducing();
    }
  }
}
