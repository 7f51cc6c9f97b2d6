package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The socket was not usable (EBADF).
 *
 * @twisted twisted.internet.error.BadFileError
 */
public final class BadFileError extends ConnectError {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public BadFileError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public BadFileError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public BadFileError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
