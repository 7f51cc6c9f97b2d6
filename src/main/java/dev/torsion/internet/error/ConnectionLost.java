package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The connection was closed in a non-clean fashion: reset by the peer, a socket error, or data left unwritten.
 *
 * @twisted twisted.internet.error.ConnectionLost
 */
public class ConnectionLost extends ConnectionClosed {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ConnectionLost() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public ConnectionLost(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public ConnectionLost(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
