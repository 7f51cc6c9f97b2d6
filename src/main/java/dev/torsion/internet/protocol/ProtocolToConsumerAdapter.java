package dev.torsion.internet.protocol;

import dev.torsion.internet.interfaces.IConsumer;
import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.IProtocol;
import java.util.Objects;

/**
 * Lets a protocol stand where a consumer is wanted: each {@link #write} is handed to the
 * protocol's {@code dataReceived}. Producers registered on it are ignored (it never pauses
 * anyone), so it suits feeding a protocol from a file or another in-memory source.
 *
 * <p><b>Threading.</b> That of the protocol: the reactor thread.
 *
 * <p><b>Differences from Twisted.</b> Twisted registers it with zope's adapter registry, so
 * {@code IConsumer(protocol)} returns one; in Java, call {@link #adapt(IProtocol)}.
 *
 * @twisted twisted.internet.protocol.ProtocolToConsumerAdapter
 */
public final class ProtocolToConsumerAdapter implements IConsumer {
  private final IProtocol original;

  private ProtocolToConsumerAdapter(IProtocol original) {
    this.original = Objects.requireNonNull(original, "original");
  }

  /**
   * The consumer view of {@code protocol}.
   *
   * @param protocol the protocol to feed
   * @return a consumer writing into its {@code dataReceived}
   * @twisted twisted.internet.interfaces.IConsumer (adaptation of an IProtocol)
   */
  public static ProtocolToConsumerAdapter adapt(IProtocol protocol) {
    return new ProtocolToConsumerAdapter(protocol);
  }

  /**
   * The adapted protocol.
   *
   * @return the protocol
   * @twisted twisted.python.components.Adapter.original
   */
  public IProtocol original() {
    return original;
  }

  /**
   * Hands {@code data} to the protocol's {@code dataReceived}.
   *
   * @param data the bytes
   * @twisted twisted.internet.protocol.ProtocolToConsumerAdapter.write
   */
  @Override
  public void write(byte[] data) {
    original.dataReceived(data);
  }

  /**
   * Ignores the producer: a protocol has no buffer to fill.
   *
   * @param producer the producer
   * @param streaming whether it is a push producer
   * @twisted twisted.internet.protocol.ProtocolToConsumerAdapter.registerProducer
   */
  @Override
  public void registerProducer(IProducer producer, boolean streaming) {}

  /**
   * Does nothing.
   *
   * @twisted twisted.internet.protocol.ProtocolToConsumerAdapter.unregisterProducer
   */
  @Override
  public void unregisterProducer() {}

  @Override
  public String toString() {
    return "<ProtocolToConsumerAdapter of " + original + ">";
  }
}
