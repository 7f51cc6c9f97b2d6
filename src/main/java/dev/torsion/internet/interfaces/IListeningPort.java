package dev.torsion.internet.interfaces;

import dev.torsion.internet.defer.Deferred;

/**
 * A listening socket, as {@code listenTCP} returns it, already listening.
 *
 * @twisted twisted.internet.interfaces.IListeningPort
 */
public interface IListeningPort {
  /**
   * Starts listening. {@code listenTCP} has already called it.
   *
   * @throws dev.torsion.internet.error.CannotListenError if the address cannot be bound
   * @throws dev.torsion.internet.error.AlreadyListened if it already listens
   * @twisted twisted.internet.interfaces.IListeningPort.startListening
   */
  void startListening();

  /**
   * Stops listening: closes the socket and stops the factory. Connections already accepted stay
   * open.
   *
   * @return a Deferred fired (with null) once the socket is really closed, so the port can be
   *     listened on again at once
   * @twisted twisted.internet.interfaces.IListeningPort.stopListening
   */
  Deferred<Void> stopListening();

  /**
   * The address listened on; with port 0 asked for, it tells the port the system chose.
   *
   * @return the local address
   * @twisted twisted.internet.interfaces.IListeningPort.getHost
   */
  IAddress getHost();
}
