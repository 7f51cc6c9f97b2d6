package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * A host name could not be resolved to any address.
 *
 * @twisted twisted.internet.error.DNSLookupError
 */
public final class DNSLookupError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public DNSLookupError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public DNSLookupError(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public DNSLookupError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
