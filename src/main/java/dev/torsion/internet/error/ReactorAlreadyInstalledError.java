package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * A reactor was installed when one already was.
 *
 * @twisted twisted.internet.error.ReactorAlreadyInstalledError
 */
public final class ReactorAlreadyInstalledError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ReactorAlreadyInstalledError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public ReactorAlreadyInstalledError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public ReactorAlreadyInstalledError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
