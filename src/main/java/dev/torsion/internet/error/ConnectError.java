package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * A connection attempt failed; the parent of the specific connect errors.
 *
 * @twisted twisted.internet.error.ConnectError
 */
public class ConnectError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ConnectError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public ConnectError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public ConnectError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
