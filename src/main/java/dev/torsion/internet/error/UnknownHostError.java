package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The host name is unknown.
 *
 * @twisted twisted.internet.error.UnknownHostError
 */
public final class UnknownHostError extends ConnectError {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public UnknownHostError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public UnknownHostError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public UnknownHostError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
