package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * A connection attempt is already under way.
 *
 * @twisted twisted.internet.error.ConnectInProgressError
 */
public final class ConnectInProgressError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ConnectInProgressError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public ConnectInProgressError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public ConnectInProgressError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
