package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * A certificate could not be loaded or used.
 *
 * @twisted twisted.internet.error.CertificateError
 */
public final class CertificateError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public CertificateError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public CertificateError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public CertificateError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
