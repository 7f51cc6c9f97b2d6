package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * There is no route to the host.
 *
 * @twisted twisted.internet.error.NoRouteError
 */
public final class NoRouteError extends ConnectError {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public NoRouteError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public NoRouteError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public NoRouteError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
