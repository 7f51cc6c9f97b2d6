package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * {@code startListening} was called on a port that already listens.
 *
 * @twisted twisted.internet.error.AlreadyListened
 */
public final class AlreadyListened extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public AlreadyListened() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public AlreadyListened(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public AlreadyListened(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
