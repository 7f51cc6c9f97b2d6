package dev.torsion.internet.ssl;

import org.bouncycastle.tls.ProtocolVersion;

/**
 * The TLS protocol versions, oldest first, for {@link CertificateOptions.Builder#raiseMinimumTo},
 * {@link CertificateOptions.Builder#insecurelyLowerMinimumTo} and
 * {@link CertificateOptions.Builder#lowerMaximumSecurityTo}.
 *
 * <p><b>Differences from Twisted.</b> SSLv3 is listed, as Twisted lists it, but the engine
 * refuses to speak it: asking for it is an {@link IllegalArgumentException}.
 *
 * @twisted twisted.internet.ssl.TLSVersion
 */
public enum TLSVersion {
  /** SSL 3.0 (never negotiated). */
  SSLv3(ProtocolVersion.SSLv3),
  /** TLS 1.0 (RFC 2246); allowed only through {@code insecurelyLowerMinimumTo}. */
  TLSv1_0(ProtocolVersion.TLSv10),
  /** TLS 1.1 (RFC 4346); allowed only through {@code insecurelyLowerMinimumTo}. */
  TLSv1_1(ProtocolVersion.TLSv11),
  /** TLS 1.2 (RFC 5246): Torsion's minimum by default. */
  TLSv1_2(ProtocolVersion.TLSv12),
  /** TLS 1.3 (RFC 8446): the maximum. */
  TLSv1_3(ProtocolVersion.TLSv13);

  private final ProtocolVersion wire;

  TLSVersion(ProtocolVersion wire) {
    this.wire = wire;
  }

  ProtocolVersion wire() {
    return wire;
  }

  /** Bouncy Castle's versions from {@code max} down to {@code min}, newest first. */
  static ProtocolVersion[] range(TLSVersion min, TLSVersion max) {
    return max.wire.downTo(min.wire);
  }
}
