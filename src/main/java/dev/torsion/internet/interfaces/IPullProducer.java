package dev.torsion.internet.interfaces;

/**
 * A producer that writes only when asked: each {@link #resumeProducing()} writes one piece to
 * the consumer. A transport asks again whenever its buffer is empty, so a pull producer never
 * fills memory. A file sender is the typical one.
 *
 * @twisted twisted.internet.interfaces.IPullProducer
 */
public interface IPullProducer extends IProducer {
  /**
   * Writes one piece of data to the consumer (or unregisters itself when it has no more).
   *
   * @twisted twisted.internet.interfaces.IPullProducer.resumeProducing
   */
  void resumeProducing();
}
