package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * A multicast group could not be joined.
 *
 * @twisted twisted.internet.error.MulticastJoinError
 */
public final class MulticastJoinError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public MulticastJoinError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public MulticastJoinError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public MulticastJoinError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
