package dev.torsion.internet.interfaces;

/**
 * A source of data for an {@link IConsumer}. The consumer drives it: it stops a producer whose
 * data is no longer wanted, and either pauses and resumes it ({@link IPushProducer}) or asks it
 * for each piece ({@link IPullProducer}).
 *
 * <p><b>Threading.</b> Called on the reactor thread only.
 *
 * <p><b>Lifecycle.</b> A transport calls {@link #stopProducing()} once, when its connection is
 * lost, before the protocol's {@code connectionLost}. A transport is itself a producer: its
 * {@code stopProducing} is {@code loseConnection}.
 *
 * @twisted twisted.internet.interfaces.IProducer
 */
public interface IProducer {
  /**
   * Stops producing for good: the consumer is going away (for a transport, the connection was
   * lost). No more {@code write}s may follow.
   *
   * @twisted twisted.internet.interfaces.IProducer.stopProducing
   */
  void stopProducing();
}
