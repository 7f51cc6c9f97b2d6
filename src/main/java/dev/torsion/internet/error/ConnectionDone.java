package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The connection was closed cleanly: the reason {@code connectionLost} gets after {@code loseConnection} or a clean end of stream.
 *
 * @twisted twisted.internet.error.ConnectionDone
 */
public final class ConnectionDone extends ConnectionClosed {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ConnectionDone() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public ConnectionDone(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public ConnectionDone(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
