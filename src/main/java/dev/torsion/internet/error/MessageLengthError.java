package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * A datagram was too long to send or receive.
 *
 * @twisted twisted.internet.error.MessageLengthError
 */
public final class MessageLengthError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public MessageLengthError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public MessageLengthError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public MessageLengthError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
