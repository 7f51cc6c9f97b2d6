package dev.torsion.application;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IListeningPort;
import org.jspecify.annotations.Nullable;

/**
 * What the reactor-listening services ({@link TCPServer}, {@link UNIXServer}) share: listen in
 * {@code privilegedStartService} (or {@code startService} if that did not run), stop listening
 * in {@code stopService}. Each subclass says how to listen.
 *
 * @twisted twisted.application.internet._AbstractServer
 */
abstract class ListeningService extends Service {
  private @Nullable IListeningPort port;

  /** Calls the reactor's {@code listenX} with the arguments given at construction. */
  abstract IListeningPort listen();

  /**
   * The port this service listens on.
   *
   * @return the port, or {@code null} when the service is not listening
   * @twisted twisted.application.internet._AbstractServer._port
   */
  public final @Nullable IListeningPort port() {
    return port;
  }

  /**
   * Starts listening, so that a privileged port is bound before privileges are shed.
   *
   * @throws RuntimeException what the reactor's listen call throws, such as
   *     {@code CannotListenError}
   */
  @Override
  public void privilegedStartService() {
    super.privilegedStartService();
    if (port == null) {
      port = listen();
    }
  }

  /**
   * Marks the service running and listens, unless {@link #privilegedStartService()} did.
   *
   * @throws RuntimeException what the reactor's listen call throws; the service is then running
   *     without a port, as in Twisted
   */
  @Override
  public void startService() {
    super.startService();
    if (port == null) {
      port = listen();
    }
  }

  /**
   * Marks the service stopped and stops listening.
   *
   * @return the port's {@code stopListening} Deferred, or {@code null} when there was no port
   */
  @Override
  public @Nullable Deferred<?> stopService() {
    super.stopService();
    IListeningPort listening = port;
    if (listening == null) {
      return null;
    }
    port = null;
    return listening.stopListening();
  }
}
