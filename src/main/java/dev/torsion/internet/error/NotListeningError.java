package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * {@code stopListening} was called on a port that is not listening.
 *
 * @twisted twisted.internet.error.NotListeningError
 */
public final class NotListeningError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public NotListeningError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public NotListeningError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public NotListeningError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
