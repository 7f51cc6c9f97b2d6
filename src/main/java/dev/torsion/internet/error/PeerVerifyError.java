package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The peer's certificate could not be verified.
 *
 * @twisted twisted.internet.error.PeerVerifyError
 */
public final class PeerVerifyError extends VerifyError {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public PeerVerifyError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public PeerVerifyError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public PeerVerifyError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
