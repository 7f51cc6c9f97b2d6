package dev.torsion.internet.interfaces;

import dev.torsion.internet.defer.Deferred;

/**
 * A listening socket, as {@code listenTCP} returns it, already listening.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Lifecycle.</b> Listening starts the factory ({@code doStart}); stopping stops it. A
 * stopped port may {@link #startListening()} again (on a new port number if it was asked for
 * port 0). Connections are accepted in batches that grow while the backlog stays full; when the
 * process runs out of descriptors (EMFILE, ENFILE) the port logs it, closes the waiting peer with
 * a descriptor kept in reserve for that purpose, and pauses accepting on a timer (10 ms, doubling
 * to 1 s) instead of spinning. It never dies of it.
 *
 * <p><b>Errors.</b> A factory whose {@code buildProtocol} returns null refuses the connection:
 * it is closed at once. An exception from {@code buildProtocol} is logged and closes it too.
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
   *     listened on again at once; it fails with the exception of the factory's
   *     {@code stopFactory}, if that throws. Already fired if the port is not listening.
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
