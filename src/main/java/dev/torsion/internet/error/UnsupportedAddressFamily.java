package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * The address family is not supported.
 *
 * @twisted twisted.internet.error.UnsupportedAddressFamily
 */
public final class UnsupportedAddressFamily extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public UnsupportedAddressFamily() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public UnsupportedAddressFamily(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public UnsupportedAddressFamily(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
