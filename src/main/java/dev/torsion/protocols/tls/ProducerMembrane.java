package dev.torsion.protocols.tls;

import dev.torsion.internet.interfaces.IPushProducer;

/**
 * Stands between the application's producer and the two parties that may pause it (the real
 * transport, when its buffer fills, and the TLS wrapper, while writes wait for the handshake),
 * passing on a pause only when the producer runs and a resume only when it is paused.
 */
final class ProducerMembrane implements IPushProducer {
  final IPushProducer producer;
  private boolean paused;

  ProducerMembrane(IPushProducer producer) {
    this.producer = producer;
  }

  boolean paused() {
    return paused;
  }

  @Override
  public void pauseProducing() {
    if (paused) {
      return;
    }
    paused = true;
    producer.pauseProducing();
  }

  @Override
  public void resumeProducing() {
    if (!paused) {
      return;
    }
    paused = false;
    producer.resumeProducing();
  }

  @Override
  public void stopProducing() {
    producer.stopProducing();
  }
}
