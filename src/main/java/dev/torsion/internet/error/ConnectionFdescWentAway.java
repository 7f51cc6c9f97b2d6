package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The connection's socket was closed underneath the transport.
 *
 * @twisted twisted.internet.error.ConnectionFdescWentAway
 */
public final class ConnectionFdescWentAway extends ConnectionLost {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ConnectionFdescWentAway() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public ConnectionFdescWentAway(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public ConnectionFdescWentAway(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
