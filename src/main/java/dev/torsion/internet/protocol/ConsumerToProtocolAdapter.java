package dev.torsion.internet.protocol;

import dev.torsion.internet.interfaces.IConsumer;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.python.failure.Failure;
import java.util.Objects;

/**
 * Lets a consumer stand where a protocol is wanted: each {@link #dataReceived} is written to
 * the consumer; the connection events are ignored. Use it to send what a connection receives
 * into a file's consumer, or into another transport.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> Twisted registers it with zope's adapter registry, so
 * {@code IProtocol(consumer)} returns one; in Java, call {@link #adapt(IConsumer)}.
 *
 * @twisted twisted.internet.protocol.ConsumerToProtocolAdapter
 */
public final class ConsumerToProtocolAdapter implements IProtocol {
  private final IConsumer original;

  private ConsumerToProtocolAdapter(IConsumer original) {
    this.original = Objects.requireNonNull(original, "original");
  }

  /**
   * The protocol view of {@code consumer}.
   *
   * @param consumer where received bytes go
   * @return a protocol writing what it receives into {@code consumer}
   * @twisted twisted.internet.interfaces.IProtocol (adaptation of an IConsumer)
   */
  public static ConsumerToProtocolAdapter adapt(IConsumer consumer) {
    return new ConsumerToProtocolAdapter(consumer);
  }

  /**
   * The adapted consumer.
   *
   * @return the consumer
   * @twisted twisted.python.components.Adapter.original
   */
  public IConsumer original() {
    return original;
  }

  /**
   * Writes {@code data} to the consumer.
   *
   * @param data the bytes
   * @twisted twisted.internet.protocol.ConsumerToProtocolAdapter.dataReceived
   */
  @Override
  public void dataReceived(byte[] data) {
    original.write(data);
  }

  /**
   * Does nothing: the consumer is not told of connections.
   *
   * @param transport the connection
   * @twisted twisted.internet.protocol.ConsumerToProtocolAdapter.makeConnection
   */
  @Override
  public void makeConnection(ITransport transport) {}

  /**
   * Does nothing.
   *
   * @twisted twisted.internet.protocol.ConsumerToProtocolAdapter.connectionMade
   */
  @Override
  public void connectionMade() {}

  /**
   * Does nothing: the consumer outlives the connection.
   *
   * @param reason why the connection closed
   * @twisted twisted.internet.protocol.ConsumerToProtocolAdapter.connectionLost
   */
  @Override
  public void connectionLost(Failure reason) {}

  @Override
  public String toString() {
    return "<ConsumerToProtocolAdapter of " + original + ">";
  }
}
