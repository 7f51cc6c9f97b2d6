package dev.torsion.internet.ssl;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The functions of Twisted's {@code twisted.internet.ssl} module: client options for a host,
 * trust roots.
 *
 * <pre>{@code
 * ClientTLSOptions opts = SSL.optionsForClientTLS("example.com");
 * reactor.connectTCP("example.com", 443,
 *     new TLSMemoryBIOFactory(opts, true, factory));
 * }</pre>
 *
 * @twisted twisted.internet.ssl
 */
public final class SSL {
  /** The lowest version negotiated unless lowered explicitly; Twisted 22.4 uses TLS 1.0. */
  public static final TLSVersion DEFAULT_MINIMUM = TLSVersion.TLSv1_2;

  private SSL() {}

  /**
   * Client options for a connection to {@code hostname}, trusting the platform's authorities.
   *
   * @param hostname the DNS name or IP address the server's certificate must name
   * @return the options
   * @throws IllegalArgumentException if the name is empty
   * @twisted twisted.internet.ssl.optionsForClientTLS
   */
  public static ClientTLSOptions optionsForClientTLS(String hostname) {
    return optionsForClientTLS(hostname, null, null, List.of(), null);
  }

  /**
   * Client options for a connection to {@code hostname}, trusting {@code trustRoot}.
   *
   * @param hostname the DNS name or IP address the server's certificate must name
   * @param trustRoot the authorities to trust; null for {@link #platformTrust()}
   * @return the options
   * @twisted twisted.internet.ssl.optionsForClientTLS
   */
  public static ClientTLSOptions optionsForClientTLS(String hostname,
      @Nullable TrustRoot trustRoot) {
    return optionsForClientTLS(hostname, trustRoot, null, List.of(), null);
  }

  /**
   * Client options for a connection to {@code hostname}.
   *
   * @param hostname the DNS name or IP address the server's certificate must name; a DNS name
   *     is also sent as SNI
   * @param trustRoot the authorities to trust; null for {@link #platformTrust()}
   * @param clientCertificate the certificate to present if the server asks, or null
   * @param acceptableProtocols ALPN protocols to offer, most preferred first
   * @param extraCertificateOptions a builder holding further options (versions, suites) to
   *     start from, or null; its trust root, client certificate and protocols are replaced
   * @return the options
   * @throws IllegalArgumentException if the name is empty, or the extra options are invalid
   * @twisted twisted.internet.ssl.optionsForClientTLS
   */
  public static ClientTLSOptions optionsForClientTLS(String hostname,
      @Nullable TrustRoot trustRoot, @Nullable PrivateCertificate clientCertificate,
      List<String> acceptableProtocols,
      CertificateOptions.@Nullable Builder extraCertificateOptions) {
    Objects.requireNonNull(hostname, "hostname");
    if (hostname.isEmpty()) {
      throw new IllegalArgumentException("hostname must not be empty");
    }
    CertificateOptions.Builder b = extraCertificateOptions != null ? extraCertificateOptions
        : CertificateOptions.builder();
    b.trustRoot(trustRoot != null ? trustRoot : platformTrust());
    if (clientCertificate != null) {
      b.privateKey(clientCertificate.privateKey()).certificate(clientCertificate);
    }
    b.acceptableProtocols(acceptableProtocols);
    return new ClientTLSOptions(hostname, b.build());
  }

  /**
   * A trust root holding exactly {@code certificates}: peers must chain up to one of them.
   *
   * @param certificates the trusted certificates (a {@link PrivateCertificate} counts as its
   *     public part)
   * @return the trust root
   * @throws IllegalArgumentException if the list is empty
   * @twisted twisted.internet.ssl.trustRootFromCertificates
   */
  public static TrustRoot trustRootFromCertificates(List<? extends Certificate> certificates) {
    return TrustRoot.of(certificates);
  }

  /**
   * The platform's trust root: the JDK's default trust store ({@code cacerts}, or the store
   * named by {@code javax.net.ssl.trustStore}).
   *
   * @return the trust root
   * @twisted twisted.internet.ssl.platformTrust
   */
  public static TrustRoot platformTrust() {
    return PlatformHolder.PLATFORM;
  }

  /**
   * The ways of agreeing on an application protocol this TLS engine supports: ALPN, always.
   *
   * @return a set holding {@link ProtocolNegotiationSupport#ALPN}
   * @twisted twisted.internet.ssl.protocolNegotiationMechanisms
   */
  public static java.util.Set<ProtocolNegotiationSupport> protocolNegotiationMechanisms() {
    return java.util.EnumSet.of(ProtocolNegotiationSupport.ALPN);
  }

  private static final class PlatformHolder {
    static final TrustRoot PLATFORM = TrustRoot.platform();
  }
}
