package dev.torsion.internet.ssl;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.WeakHashMap;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.DefaultTlsCredentialedSigner;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.jspecify.annotations.Nullable;

/** Converts certificates between the JDK and the engine, and picks signing credentials. */
final class Signers {
  private Signers() {}

  /**
   * The engine's form of one options object's chain and key, built on its first handshake and
   * shared by every later one (the options are immutable). Weak keys: dropping the options
   * drops the entry; identity keys, since CertificateOptions keeps Object's equals.
   */
  private static final Map<CertificateOptions, Credentials> CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** What a handshake needs from the options, converted once. */
  record Credentials(TlsCertificate[] certs, org.bouncycastle.tls.Certificate tls12,
      org.bouncycastle.tls.Certificate tls13, @Nullable ECPrivateKeyParameters p256) {}

  static TlsCredentialedSigner signer(TlsContext context, CertificateOptions options,
      @Nullable Vector<?> peerSigAlgs, byte[] requestContext) throws IOException {
    KeyPair key = java.util.Objects.requireNonNull(options.privateKey);
    JcaTlsCrypto crypto = Crypto.get();
    boolean tls13 = TlsUtils.isTLSv13(context);
    Credentials creds = credentials(options, crypto);
    org.bouncycastle.tls.Certificate bc = !tls13 ? creds.tls12()
        : requestContext.length == 0 ? creds.tls13()
        : new org.bouncycastle.tls.Certificate(requestContext, entries(creds.certs()));
    // Before TLS 1.2 there is no algorithm to name: the engine signs as those versions say.
    SignatureAndHashAlgorithm alg = context.getServerVersion()
        .isEqualOrLaterVersionOf(org.bouncycastle.tls.ProtocolVersion.TLSv12)
        ? choose(key, peerSigAlgs, tls13) : null;
    TlsCryptoParameters params = new TlsCryptoParameters(context);
    ECPrivateKeyParameters p256 = creds.p256();
    if (p256 != null && ECDSA_SHA256.equals(alg)) {
      return new DefaultTlsCredentialedSigner(params,
          LightweightEc.p256Signer(p256, tls13, crypto.getSecureRandom()), bc, alg);
    }
    return new JcaDefaultTlsCredentialedSigner(params, crypto, key.privateKey(), bc, alg);
  }

  private static final SignatureAndHashAlgorithm ECDSA_SHA256 =
      SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

  static Credentials credentials(CertificateOptions options, JcaTlsCrypto crypto)
      throws IOException {
    Credentials cached = CACHE.get(options);
    if (cached != null) {
      return cached;
    }
    List<Certificate> chain = new ArrayList<>();
    chain.add(java.util.Objects.requireNonNull(options.certificate));
    chain.addAll(options.extraCertChain);
    TlsCertificate[] certs = new TlsCertificate[chain.size()];
    for (int i = 0; i < certs.length; i++) {
      certs[i] = crypto.createCertificate(chain.get(i).dump());
    }
    Credentials made = new Credentials(certs, new org.bouncycastle.tls.Certificate(certs),
        new org.bouncycastle.tls.Certificate(TlsUtils.EMPTY_BYTES, entries(certs)),
        LightweightEc.p256(java.util.Objects.requireNonNull(options.privateKey).privateKey()));
    // Two first handshakes may race to build it; both results are equal, either may stay.
    CACHE.putIfAbsent(options, made);
    return made;
  }

  private static CertificateEntry[] entries(TlsCertificate[] certs) {
    CertificateEntry[] entries = new CertificateEntry[certs.length];
    for (int i = 0; i < certs.length; i++) {
      entries[i] = new CertificateEntry(certs[i], null);
    }
    return entries;
  }

  private static SignatureAndHashAlgorithm choose(KeyPair key, @Nullable Vector<?> offered,
      boolean tls13) throws IOException {
    List<SignatureAndHashAlgorithm> prefs = new ArrayList<>();
    if (key.privateKey() instanceof ECKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      short hash = bits <= 256 ? HashAlgorithm.sha256
          : bits <= 384 ? HashAlgorithm.sha384 : HashAlgorithm.sha512;
      prefs.add(SignatureAndHashAlgorithm.getInstance(hash, SignatureAlgorithm.ecdsa));
    } else {
      prefs.add(SignatureAndHashAlgorithm.rsa_pss_rsae_sha256);
      prefs.add(SignatureAndHashAlgorithm.rsa_pss_rsae_sha384);
      if (!tls13) {
        prefs.add(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256,
            SignatureAlgorithm.rsa));
      }
    }
    if (offered == null) {
      return prefs.get(prefs.size() - 1);
    }
    for (SignatureAndHashAlgorithm p : prefs) {
      if (offered.contains(p)) {
        return p;
      }
    }
    throw new TlsFatalAlert(AlertDescription.handshake_failure,
        "the peer accepts no signature algorithm our " + key.privateKey().getAlgorithm()
            + " key can make");
  }

  static X509Certificate[] toX509(org.bouncycastle.tls.@Nullable Certificate chain)
      throws IOException {
    if (chain == null) {
      return new X509Certificate[0];
    }
    try {
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      TlsCertificate[] list = chain.getCertificateList();
      X509Certificate[] out = new X509Certificate[list.length];
      for (int i = 0; i < list.length; i++) {
        out[i] = (X509Certificate) f.generateCertificate(
            new java.io.ByteArrayInputStream(list[i].getEncoded()));
      }
      return out;
    } catch (CertificateException e) {
      throw new TlsFatalAlert(AlertDescription.bad_certificate, e);
    }
  }

  static TlsFatalAlert verificationFailed(VerificationError e) {
    return new TlsFatalAlert(AlertDescription.bad_certificate, e.getMessage(), e);
  }
}
