package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The socket type is not supported.
 *
 * @twisted twisted.internet.error.UnsupportedSocketType
 */
public final class UnsupportedSocketType extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public UnsupportedSocketType() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public UnsupportedSocketType(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public UnsupportedSocketType(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
