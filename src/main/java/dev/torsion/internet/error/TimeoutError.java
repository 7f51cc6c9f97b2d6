package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The connection attempt did not complete within its timeout.
 *
 * @twisted twisted.internet.error.TimeoutError
 */
public final class TimeoutError extends UserError {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public TimeoutError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public TimeoutError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public TimeoutError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
