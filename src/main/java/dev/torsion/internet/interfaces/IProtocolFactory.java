package dev.torsion.internet.interfaces;

import org.jspecify.annotations.Nullable;

/**
 * Builds a protocol for each connection. Extend {@code dev.torsion.internet.protocol.Factory}.
 *
 * <p><b>Lifecycle.</b> A port or connector calls {@link #doStart()} when it starts using the
 * factory and {@link #doStop()} when it stops; the two are counted, so a factory shared by
 * several ports starts once and stops once.
 *
 * @twisted twisted.internet.interfaces.IProtocolFactory
 */
public interface IProtocolFactory {
  /**
   * Builds the protocol for a new connection.
   *
   * @param addr the peer's address
   * @return the protocol, or null to refuse the connection (it is closed at once)
   * @twisted twisted.internet.interfaces.IProtocolFactory.buildProtocol
   */
  @Nullable IProtocol buildProtocol(IAddress addr);

  /**
   * Called when a port or connector starts using this factory.
   *
   * @twisted twisted.internet.interfaces.IProtocolFactory.doStart
   */
  void doStart();

  /**
   * Called when a port or connector stops using this factory.
   *
   * @twisted twisted.internet.interfaces.IProtocolFactory.doStop
   */
  void doStop();
}
