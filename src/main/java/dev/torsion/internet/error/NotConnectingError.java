package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * {@code stopConnecting} was called on a connector that is not connecting.
 *
 * @twisted twisted.internet.error.NotConnectingError
 */
public final class NotConnectingError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public NotConnectingError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public NotConnectingError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public NotConnectingError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
