package dev.torsion.internet.ssl;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsDHConfig;
import org.jspecify.annotations.Nullable;

/**
 * The engine's server configuration for one connection: credentials picked to suit the
 * client's signature algorithms, suites the key can serve, ALPN, and the client-certificate
 * request and check when the options verify clients.
 */
final class ServerPeer extends DefaultTlsServer {
  private final CertificateOptions options;
  private final List<String> alpn;
  private final String keyAlgorithm;

  ServerPeer(CertificateOptions options, List<String> alpn) {
    super(Crypto.get());
    this.options = options;
    this.alpn = List.copyOf(alpn);
    this.keyAlgorithm = java.util.Objects.requireNonNull(options.privateKey).privateKey()
        .getAlgorithm();
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return options.versions();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return CipherSuites.select(options, keyAlgorithm);
  }

  /**
   * The server's order of suites wins over the client's, as Twisted sets
   * {@code OP_CIPHER_SERVER_PREFERENCE}: the operator's choice of strongest-first holds even
   * against clients that list weaker suites first.
   */
  @Override
  protected boolean preferLocalCipherSuites() {
    return true;
  }

  /** The suite the handshake chose (IANA name), for tests; null before the ServerHello. */
  @Nullable String negotiatedCipherSuite() {
    if (context == null || context.getSecurityParametersConnection() == null) {
      return null;
    }
    return CipherSuites.names(
        new int[] {context.getSecurityParametersConnection().getCipherSuite()}).get(0);
  }

  @Override
  protected @Nullable Vector<ProtocolName> getProtocolNames() {
    return PeerSupport.protocolNames(alpn);
  }

  /** No overlap means no protocol, as OpenSSL (and so Twisted) does; not a fatal alert. */
  @Override
  protected @Nullable ProtocolName selectProtocolName() throws IOException {
    Vector<ProtocolName> ours = getProtocolNames();
    if (ours == null || clientProtocolNames == null) {
      return null;
    }
    return selectProtocolName(clientProtocolNames, ours);
  }

  /** A fresh random ID when sessions are cached; none (so no resumption) otherwise. */
  @Override
  public byte @Nullable [] getNewSessionID() {
    if (options.sessions == null) {
      return null;
    }
    byte[] id = new byte[32];
    context.getCrypto().getSecureRandom().nextBytes(id);
    return id;
  }

  @Override
  public @Nullable TlsSession getSessionToResume(byte[] sessionID) {
    SessionCache cache = options.sessions;
    return cache == null ? null : cache.get(sessionID);
  }

  /** Caches the session once it is complete, so only finished handshakes can be resumed. */
  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    SessionCache cache = options.sessions;
    TlsSession session = context.getResumableSession();
    if (cache != null && session != null && !TlsUtils.isTLSv13(context)) {
      cache.put(session);
    }
  }

  /** The operator's group when one is configured, else the engine's RFC 7919 choice. */
  @Override
  public TlsDHConfig getDHConfig() throws IOException {
    DiffieHellmanParameters dh = options.dhParameters;
    return dh != null ? new TlsDHConfig(dh.group()) : super.getDHConfig();
  }

  @Override
  public TlsCredentials getCredentials() throws IOException {
    return Signers.signer(context, options,
        context.getSecurityParametersHandshake().getClientSigAlgs(), TlsUtils.EMPTY_BYTES);
  }

  @Override
  public @Nullable CertificateRequest getCertificateRequest() throws IOException {
    if (options.trustRoot == null) {
      return null;
    }
    Vector<?> sigAlgs = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
    if (TlsUtils.isTLSv13(context)) {
      return new CertificateRequest(TlsUtils.EMPTY_BYTES, sigAlgs, null, null);
    }
    short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
    return new CertificateRequest(types, sigAlgs, null);
  }

  @Override
  public void notifyClientCertificate(@Nullable Certificate clientCertificate)
      throws IOException {
    TrustRoot trust = options.trustRoot;
    if (trust == null) {
      return;
    }
    X509Certificate[] chain = Signers.toX509(clientCertificate);
    if (chain.length == 0) {
      if (options.requireCertificate) {
        throw new TlsFatalAlert(TlsUtils.isTLSv13(context) ? AlertDescription.certificate_required
            : AlertDescription.handshake_failure, "the client presented no certificate");
      }
      return;
    }
    try {
      trust.checkClient(chain);
    } catch (CertificateException e) {
      throw Signers.verificationFailed(
          new VerificationError("client certificate verify failed: " + e.getMessage(), e));
    }
  }
}
