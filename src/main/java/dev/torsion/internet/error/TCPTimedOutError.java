package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The operating system gave up on the connection attempt (ETIMEDOUT).
 *
 * @twisted twisted.internet.error.TCPTimedOutError
 */
public final class TCPTimedOutError extends ConnectError {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public TCPTimedOutError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public TCPTimedOutError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public TCPTimedOutError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
