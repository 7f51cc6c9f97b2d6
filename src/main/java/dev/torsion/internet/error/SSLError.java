package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * A TLS error prevented the connection.
 *
 * @twisted twisted.internet.error.SSLError
 */
public final class SSLError extends ConnectError {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public SSLError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public SSLError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public SSLError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
