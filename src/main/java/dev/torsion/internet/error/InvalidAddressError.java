package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * An address was not valid for the operation.
 *
 * @twisted twisted.internet.error.InvalidAddressError
 */
public final class InvalidAddressError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public InvalidAddressError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public InvalidAddressError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public InvalidAddressError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
