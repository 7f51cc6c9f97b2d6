package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The connection was aborted locally with {@code abortConnection}.
 *
 * @twisted twisted.internet.error.ConnectionAborted
 */
public final class ConnectionAborted extends ConnectionLost {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ConnectionAborted() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public ConnectionAborted(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public ConnectionAborted(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
