package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * Certificate verification failed.
 *
 * @twisted twisted.internet.error.VerifyError
 */
public class VerifyError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public VerifyError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public VerifyError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public VerifyError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
