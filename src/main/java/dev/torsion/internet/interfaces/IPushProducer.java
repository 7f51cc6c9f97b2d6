package dev.torsion.internet.interfaces;

/**
 * A producer that writes to its consumer whenever it has data, until told to pause. This is how
 * backpressure works: a transport whose buffer passes its high-water mark calls
 * {@link #pauseProducing()}, and {@link #resumeProducing()} when the buffer has drained.
 *
 * <p>A transport is a push producer of the bytes it reads: {@code pauseProducing} stops reading
 * from the socket (the peer's sends then back up in the kernel), {@code resumeProducing} starts
 * again. That is how a proxy applies one connection's backpressure to another.
 *
 * <p><b>Re-entrancy.</b> {@code pauseProducing} may be called from inside the producer's own
 * {@code write}; a producer must cope with being paused in the middle of producing.
 *
 * <p><b>Errors.</b> Neither method throws for a redundant call: pausing a paused producer, or
 * resuming a producing one, is harmless. Calling either after {@link #stopProducing()} is a
 * consumer's mistake; producers may ignore it.
 *
 * @twisted twisted.internet.interfaces.IPushProducer
 */
public interface IPushProducer extends IProducer {
  /**
   * Stops writing to the consumer until {@link #resumeProducing()}.
   *
   * @twisted twisted.internet.interfaces.IPushProducer.pauseProducing
   */
  void pauseProducing();

  /**
   * Starts writing to the consumer again after {@link #pauseProducing()}.
   *
   * @twisted twisted.internet.interfaces.IPushProducer.resumeProducing
   */
  void resumeProducing();
}
