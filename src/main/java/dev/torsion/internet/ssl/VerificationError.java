package dev.torsion.internet.ssl;

import org.jspecify.annotations.Nullable;

/**
 * The peer's certificate could not be verified: its chain does not lead to a trusted root, or
 * it does not name the host the client meant to reach. It reaches the protocol's
 * {@code connectionLost} as the reason, and the peer is sent a {@code bad_certificate} alert.
 *
 * <p><b>Differences from Twisted.</b> Twisted raises {@code VerificationError} for a host-name
 * mismatch and reports an untrusted chain as pyOpenSSL's {@code SSL.Error}; here both are
 * this error, the chain problem with the JDK's {@link java.security.cert.CertificateException}
 * as its cause.
 *
 * @twisted twisted.internet._sslverify.VerificationError
 */
public final class VerificationError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what did not verify
   */
  public VerificationError(String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what did not verify
   * @param cause the underlying error
   */
  public VerificationError(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
