package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The peer refused the connection: nothing listens on that port.
 *
 * @twisted twisted.internet.error.ConnectionRefusedError
 */
public final class ConnectionRefusedError extends ConnectError {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ConnectionRefusedError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public ConnectionRefusedError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public ConnectionRefusedError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
