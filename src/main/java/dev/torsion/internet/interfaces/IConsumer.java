package dev.torsion.internet.interfaces;

/**
 * A sink of bytes that tells its producer when to slow down: the flow-control half of every
 * transport.
 *
 * <p><b>Lifecycle.</b> At most one producer is registered at a time. A streaming (push) producer
 * is paused when the consumer's buffer passes its high-water mark and resumed when it drains; a
 * non-streaming (pull) producer is asked for data each time the buffer empties, starting at
 * once. When the consumer goes away, the producer's {@link IProducer#stopProducing()} is called.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Re-entrancy.</b> A producer may write from inside {@code resumeProducing}: a pull
 * producer is asked again only on a later reactor turn, never from inside its own write, and a
 * push producer resumed by a draining buffer may fill it and be paused again at once.
 *
 * <p><b>Errors.</b> Registering a producer while one is registered throws
 * {@link IllegalStateException} (Twisted's {@code RuntimeError}). Registering on a consumer that
 * is already disconnected stops the producer at once.
 *
 * @twisted twisted.internet.interfaces.IConsumer
 */
public interface IConsumer {
  /**
   * Registers the producer that feeds this consumer.
   *
   * @param producer the producer; an {@link IPushProducer} when {@code streaming}, otherwise an
   *     {@link IPullProducer}
   * @param streaming true for a push producer, false for a pull producer
   * @throws IllegalStateException if a producer is already registered
   * @twisted twisted.internet.interfaces.IConsumer.registerProducer
   */
  void registerProducer(IProducer producer, boolean streaming);

  /**
   * Forgets the registered producer; does nothing if none is. A {@code loseConnection} that was
   * waiting for the producer proceeds.
   *
   * @twisted twisted.internet.interfaces.IConsumer.unregisterProducer
   */
  void unregisterProducer();

  /**
   * Accepts bytes. The consumer owns {@code data} from now on: the caller must not change it.
   *
   * @param data the bytes
   * @twisted twisted.internet.interfaces.IConsumer.write
   */
  void write(byte[] data);
}
