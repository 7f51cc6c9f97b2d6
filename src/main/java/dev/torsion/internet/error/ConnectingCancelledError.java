package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * A connection attempt was cancelled; carries the address being connected to.
 *
 * @twisted twisted.internet.error.ConnectingCancelledError
 */
public final class ConnectingCancelledError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ConnectingCancelledError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public ConnectingCancelledError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public ConnectingCancelledError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
