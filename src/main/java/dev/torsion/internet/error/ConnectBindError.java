package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The local address given as {@code bindAddress} could not be bound.
 *
 * @twisted twisted.internet.error.ConnectBindError
 */
public final class ConnectBindError extends ConnectError {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ConnectBindError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public ConnectBindError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public ConnectBindError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
