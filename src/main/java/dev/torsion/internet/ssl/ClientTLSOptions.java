package dev.torsion.internet.ssl;

import dev.torsion.internet.interfaces.ISSLTransport;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import java.util.List;
import org.bouncycastle.tls.TlsClient;
import org.bouncycastle.tls.TlsServer;
import org.jspecify.annotations.Nullable;

/**
 * Client TLS options bound to the host the client means to reach: made by
 * {@link SSL#optionsForClientTLS}. Each connection sends the host name as SNI (unless it is an
 * IP address) and checks the server's certificate chain against the trust root and its names
 * against the host (RFC 6125) before the handshake ends; a mismatch ends the connection with a
 * {@link VerificationError}. Immutable.
 *
 * @twisted twisted.internet._sslverify.ClientTLSOptions
 */
public final class ClientTLSOptions implements ITLSConnectionCreator {
  private final String hostname;
  private final CertificateOptions options;

  ClientTLSOptions(String hostname, CertificateOptions options) {
    this.hostname = hostname;
    this.options = options;
  }

  /**
   * The host name (or IP address) the server's certificate must name.
   *
   * @return the host as given
   */
  public String hostname() {
    return hostname;
  }

  /**
   * The options underneath: trust root, client certificate, versions, suites, ALPN.
   *
   * @return the options
   */
  public CertificateOptions certificateOptions() {
    return options;
  }

  @Override
  public TlsClient clientConnectionForTLS(ISSLTransport tlsProtocol,
      @Nullable List<String> acceptableProtocols) {
    return new ClientPeer(options, hostname, options.clientTrust(),
        acceptableProtocols != null ? acceptableProtocols : options.acceptableProtocols);
  }

  /**
   * Always throws: these options describe a client.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public TlsServer serverConnectionForTLS(ISSLTransport tlsProtocol,
      @Nullable List<String> acceptableProtocols) {
    throw new UnsupportedOperationException("ClientTLSOptions cannot serve TLS connections");
  }

  @Override
  public String toString() {
    return "<ClientTLSOptions for " + hostname + ">";
  }
}
