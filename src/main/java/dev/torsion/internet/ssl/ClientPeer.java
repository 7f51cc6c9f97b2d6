package dev.torsion.internet.ssl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.jspecify.annotations.Nullable;

/**
 * The engine's client configuration for one connection: versions, suites, ALPN, SNI, and the
 * server-certificate check (chain, then host name) done as soon as the certificate arrives,
 * so a bad server gets a bad_certificate alert and the application a {@link VerificationError}.
 */
final class ClientPeer extends DefaultTlsClient {
  private final CertificateOptions options;
  private final @Nullable String hostname;
  private final @Nullable TrustRoot trust;
  private final List<String> alpn;

  ClientPeer(CertificateOptions options, @Nullable String hostname, @Nullable TrustRoot trust,
      List<String> alpn) {
    super(Crypto.get());
    this.options = options;
    this.hostname = hostname;
    this.trust = trust;
    this.alpn = List.copyOf(alpn);
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return options.versions();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return CipherSuites.select(options, null);
  }

  @Override
  protected @Nullable Vector<ProtocolName> getProtocolNames() {
    return PeerSupport.protocolNames(alpn);
  }

  @Override
  protected @Nullable Vector<ServerName> getSNIServerNames() {
    String h = hostname;
    if (h == null || ServiceIdentity.isIPAddress(h)) {
      return null;
    }
    Vector<ServerName> v = new Vector<>();
    String ascii = java.net.IDN.toASCII(h.endsWith(".") ? h.substring(0, h.length() - 1) : h);
    v.add(new ServerName(NameType.host_name, ascii.getBytes(StandardCharsets.US_ASCII)));
    return v;
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate serverCertificate)
          throws IOException {
        X509Certificate[] chain = Signers.toX509(serverCertificate.getCertificate());
        if (chain.length == 0) {
          throw new TlsFatalAlert(AlertDescription.bad_certificate, "no server certificate");
        }
        try {
          TrustRoot t = trust;
          if (t != null) {
            try {
              t.checkServer(chain);
            } catch (CertificateException e) {
              throw new VerificationError("certificate verify failed: " + e.getMessage(), e);
            }
          }
          String h = hostname;
          if (h != null) {
            ServiceIdentity.verify(h, chain[0]);
          }
        } catch (VerificationError e) {
          throw Signers.verificationFailed(e);
        }
      }

      @Override
      public @Nullable TlsCredentials getClientCredentials(CertificateRequest request)
          throws IOException {
        if (options.privateKey == null) {
          return null;
        }
        return Signers.signer(context, options, request.getSupportedSignatureAlgorithms(),
            request.getCertificateRequestContext() == null ? new byte[0]
                : request.getCertificateRequestContext());
      }
    };
  }
}
