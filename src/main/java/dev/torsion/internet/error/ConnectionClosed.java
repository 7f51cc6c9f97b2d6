package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * A connection was closed, cleanly or not; the parent of {@link ConnectionDone} and {@link ConnectionLost}.
 *
 * @twisted twisted.internet.error.ConnectionClosed
 */
public class ConnectionClosed extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ConnectionClosed() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public ConnectionClosed(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public ConnectionClosed(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
