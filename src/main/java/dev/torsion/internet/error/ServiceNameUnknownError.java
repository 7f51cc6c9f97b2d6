package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The service name is unknown.
 *
 * @twisted twisted.internet.error.ServiceNameUnknownError
 */
public final class ServiceNameUnknownError extends ConnectError {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ServiceNameUnknownError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public ServiceNameUnknownError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public ServiceNameUnknownError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
