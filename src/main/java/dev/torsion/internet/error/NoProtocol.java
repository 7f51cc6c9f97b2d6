package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The factory refused the connection: {@code buildProtocol} returned null.
 *
 * @twisted twisted.internet.error.NoProtocol
 */
public final class NoProtocol extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public NoProtocol() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public NoProtocol(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public NoProtocol(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
