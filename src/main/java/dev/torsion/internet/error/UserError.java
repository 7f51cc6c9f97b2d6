package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The connection attempt was stopped by the user ({@code IConnector.stopConnecting}).
 *
 * @twisted twisted.internet.error.UserError
 */
public class UserError extends ConnectError {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public UserError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public UserError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public UserError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
