package dev.torsion.internet.protocol;

import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.python.failure.Failure;
import java.util.function.Supplier;

/**
 * A factory for client connections, told of each stage of a connection attempt. Override the
 * three callbacks to react; {@link ReconnectingClientFactory} reconnects in them.
 *
 * <p><b>Lifecycle.</b> For each {@code connectTCP}: {@link #startedConnecting} once the attempt
 * starts; then either {@link #buildProtocol} (the connection is made) and, when it ends,
 * {@link #clientConnectionLost}; or {@link #clientConnectionFailed}. After either, the connector
 * may be {@code connect()}ed again, and the cycle repeats.
 *
 * <p><b>Re-entrancy.</b> The callbacks may call the connector's {@code connect()},
 * {@code stopConnecting()} or {@code disconnect()}.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * @twisted twisted.internet.protocol.ClientFactory
 */
public class ClientFactory extends Factory {
  /** For subclasses. */
  public ClientFactory() {}

  /**
   * A client factory building its protocols with {@code protocol}; it hides
   * {@link Factory#forProtocol(Supplier)} so that {@code ClientFactory.forProtocol(P::new)}
   * reads as in Twisted.
   *
   * @param protocol makes the protocol when the connection is made
   * @return the factory
   * @twisted twisted.internet.protocol.ClientFactory.forProtocol
   */
  public static ClientFactory forProtocol(Supplier<? extends Protocol> protocol) {
    return forClientProtocol(protocol);
  }

  /**
   * A client factory building its protocols with {@code protocol}; the same as
   * {@link #forProtocol(Supplier)}.
   *
   * @param protocol makes the protocol when the connection is made
   * @return the factory
   * @twisted twisted.internet.protocol.ClientFactory.forProtocol
   */
  public static ClientFactory forClientProtocol(Supplier<? extends Protocol> protocol) {
    ClientFactory f = new ClientFactory();
    f.setProtocol(protocol);
    return f;
  }

  /**
   * The connection attempt has started. Does nothing here.
   *
   * @param connector the connector, for {@code stopConnecting}
   * @twisted twisted.internet.protocol.ClientFactory.startedConnecting
   */
  public void startedConnecting(IConnector connector) {}

  /**
   * The connection attempt failed. Does nothing here.
   *
   * @param connector the connector, for {@code connect()} to try again
   * @param reason why: {@code ConnectionRefusedError}, {@code TimeoutError},
   *     {@code DNSLookupError}, {@code UserError}…
   * @twisted twisted.internet.protocol.ClientFactory.clientConnectionFailed
   */
  public void clientConnectionFailed(IConnector connector, Failure reason) {}

  /**
   * An established connection was lost. Does nothing here.
   *
   * @param connector the connector, for {@code connect()} to reconnect
   * @param reason why, as the protocol's {@code connectionLost} heard it
   * @twisted twisted.internet.protocol.ClientFactory.clientConnectionLost
   */
  public void clientConnectionLost(IConnector connector, Failure reason) {}
}
