package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * A port could not be listened on; carries the interface, port and cause.
 *
 * @twisted twisted.internet.error.CannotListenError
 */
public final class CannotListenError extends BindError {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public CannotListenError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public CannotListenError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public CannotListenError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
