package dev.torsion.internet.interfaces;

import dev.torsion.internet.defer.Deferred;

/**
 * Somewhere to connect a stream to, described once (a host and port, say) so client code can
 * be written without knowing the transport.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Re-entrancy.</b> {@code connect} may be called from any callback, including
 * {@code dataReceived}; each call makes a new connection attempt.
 *
 * <p><b>Errors.</b> Never thrown: the returned Deferred fails with the reason the connection
 * could not be made (such as {@link dev.torsion.internet.error.ConnectionRefusedError}), or
 * with {@link dev.torsion.internet.error.NoProtocol} when the factory builds no protocol.
 *
 * <p><b>Lifecycle.</b> The Deferred fires with the protocol after its {@code connectionMade}
 * has run, so the caller may write at once. Cancelling it before then stops the attempt and
 * fails it with {@link dev.torsion.internet.error.ConnectingCancelledError}; cancelling later
 * does nothing (the connection stays up: close it through the protocol's transport).
 *
 * <p><b>Differences from Twisted.</b> None.
 *
 * @twisted twisted.internet.interfaces.IStreamClientEndpoint
 */
public interface IStreamClientEndpoint {
  /**
   * Connects, building one protocol with {@code protocolFactory} once the connection is made.
   *
   * @param protocolFactory builds the protocol; it is asked once per successful connection
   * @return fires with the built protocol once it is connected, or fails with the reason
   * @twisted twisted.internet.interfaces.IStreamClientEndpoint.connect
   */
  Deferred<IProtocol> connect(IProtocolFactory protocolFactory);
}
