package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The process has exited already, so it cannot be signalled.
 *
 * @twisted twisted.internet.error.ProcessExitedAlready
 */
public final class ProcessExitedAlready extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ProcessExitedAlready() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public ProcessExitedAlready(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public ProcessExitedAlready(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
