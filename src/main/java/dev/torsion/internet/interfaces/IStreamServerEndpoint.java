package dev.torsion.internet.interfaces;

import dev.torsion.internet.defer.Deferred;

/**
 * Somewhere to listen for stream connections, described once (a TCP port and interface, say)
 * so code that serves can be written without knowing the transport.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Re-entrancy.</b> {@code listen} may be called from any callback, including
 * {@code dataReceived}; each call listens anew.
 *
 * <p><b>Errors.</b> Never thrown: a failure to listen (such as
 * {@link dev.torsion.internet.error.CannotListenError}) fails the returned Deferred.
 *
 * <p><b>Lifecycle.</b> The factory is started ({@code doStart}) when listening begins and
 * stopped when the port's {@code stopListening} completes.
 *
 * <p><b>Differences from Twisted.</b> None.
 *
 * @twisted twisted.internet.interfaces.IStreamServerEndpoint
 */
public interface IStreamServerEndpoint {
  /**
   * Listens with {@code protocolFactory} building a protocol for each connection accepted.
   * Test it with a {@code MemoryReactor}: the listen is recorded in {@code tcpServers()}.
   *
   * @param protocolFactory builds the protocols of accepted connections
   * @return fires with the listening port, or fails with the reason listening is impossible
   * @twisted twisted.internet.interfaces.IStreamServerEndpoint.listen
   */
  Deferred<IListeningPort> listen(IProtocolFactory protocolFactory);
}
