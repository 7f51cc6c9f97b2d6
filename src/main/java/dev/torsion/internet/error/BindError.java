package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * An address could not be bound.
 *
 * @twisted twisted.internet.error.BindError
 */
public class BindError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public BindError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public BindError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public BindError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
