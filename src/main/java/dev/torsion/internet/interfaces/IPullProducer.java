package dev.torsion.internet.interfaces;

/**
 * A producer that writes only when asked: each {@link #resumeProducing()} writes one piece to
 * the consumer. A transport asks again whenever its buffer is empty, so a pull producer never
 * fills memory. A file sender is the typical one.
 *
 * <p><b>Lifecycle.</b> {@code registerProducer(p, false)} calls {@link #resumeProducing()} at
 * once; after that, each time the consumer's buffer has drained, on a later reactor turn. A pull
 * producer is never paused. A {@code loseConnection} waits until it unregisters.
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
