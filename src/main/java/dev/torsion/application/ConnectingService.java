package dev.torsion.application;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IConnector;
import org.jspecify.annotations.Nullable;

/**
 * What the reactor-connecting services ({@link TCPClient}, {@link UNIXClient}) share: connect in
 * {@code startService}, disconnect in {@code stopService}. Each subclass says how to connect.
 *
 * @twisted twisted.application.internet._AbstractClient
 */
abstract class ConnectingService extends Service {
  private @Nullable IConnector connection;

  /** Calls the reactor's {@code connectX} with the arguments given at construction. */
  abstract IConnector connect();

  /**
   * The connector of the connection this service made.
   *
   * @return the connector, or {@code null} when the service is not running
   * @twisted twisted.application.internet._AbstractClient._connection
   */
  public final @Nullable IConnector connection() {
    return connection;
  }

  /**
   * Marks the service running and starts connecting. The factory hears the outcome
   * ({@code clientConnectionFailed}, {@code clientConnectionLost}), as with the reactor call.
   *
   * @throws RuntimeException what the reactor's connect call throws, such as
   *     {@code ConnectError} when the reactor has stopped
   */
  @Override
  public void startService() {
    super.startService();
    connection = connect();
  }

  /**
   * Marks the service stopped and disconnects (or stops the attempt in progress).
   *
   * @return {@code null}: the disconnection is not waited for, as in Twisted
   */
  @Override
  public @Nullable Deferred<?> stopService() {
    super.stopService();
    IConnector connector = connection;
    if (connector != null) {
      connection = null;
      connector.disconnect();
    }
    return null;
  }
}
