package dev.torsion.bench.net;

import dev.torsion.internet.ssl.Certificate;
import dev.torsion.internet.ssl.CertificateOptions;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.ssl.TLSVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS material of the benchmark: one ECDSA P-256 and one RSA-2048 self-signed certificate
 * for 127.0.0.1, made at startup and written as PEM files that every server loads
 * ({@code KIND.crt}, {@code KIND.key}, KIND being {@code ecdsa} or {@code rsa}); the load
 * generator's client context, which trusts exactly those two certificates; and the one
 * protocol and suite every workload uses.
 */
final class TlsSetup {
  static final String PROTOCOL = "TLSv1.3";
  static final String SUITE = "TLS_AES_128_GCM_SHA256";
  static final List<String> KINDS = List.of("ecdsa", "rsa");

  /**
   * Server certificates verified so far (the load generator has one thread). A resumed TLS 1.3
   * handshake verifies none, so fewer checks than completed handshakes would prove resumption.
   */
  static long verifications;

  private TlsSetup() {}

  /** Makes both certificates and their keys in {@code dir}. */
  static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String kind : KINDS) {
      KeyPair key = kind.equals("ecdsa") ? KeyPair.generate(KeyPair.Type.EC, 256)
          : KeyPair.generate(KeyPair.Type.RSA, 2048);
      PrivateCertificate cert = key.selfSignedCert(1, DistinguishedName.of("CN", "127.0.0.1"));
      Files.writeString(dir.resolve(kind + ".key"), key.dumpPEM(), StandardCharsets.US_ASCII);
      Files.writeString(dir.resolve(kind + ".crt"), Certificate.fromX509(cert.original())
          .dumpPEM(), StandardCharsets.US_ASCII);
    }
  }

  /** Torsion's server options for one kind: TLS 1.3 only, AES-128-GCM only. */
  static CertificateOptions torsionOptions(Path dir, String kind) throws IOException {
    return CertificateOptions.builder()
        .privateKey(KeyPair.loadPEM(Files.readString(dir.resolve(kind + ".key"))))
        .certificate(Certificate.loadPEM(Files.readString(dir.resolve(kind + ".crt"))))
        .raiseMinimumTo(TLSVersion.TLSv1_3)
        .acceptableCiphers(List.of(SUITE))
        .build();
  }

  /**
   * The load generator's context: the JDK's own TLS, trusting the two certificates in
   * {@code dir} and nothing else.
   */
  static SSLContext clientContext(Path dir) throws IOException, GeneralSecurityException {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    for (String kind : KINDS) {
      trusted.setCertificateEntry(kind, Certificate.loadPEM(
          Files.readString(dir.resolve(kind + ".crt"))).original());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    X509TrustManager pkix = (X509TrustManager) tmf.getTrustManagers()[0];
    SSLContext ctx = SSLContext.getInstance(PROTOCOL);
    ctx.init(null, new TrustManager[] {new LoopbackTrust(pkix)}, null);
    return ctx;
  }

  /**
   * A client engine for one connection. It is made without a peer host, so the JDK finds no
   * cached session to offer: every handshake is a full one (no PSK resumption), whatever the
   * server would allow. The host check that the JDK would tie to the peer host is done by
   * {@link LoopbackTrust} instead.
   */
  static SSLEngine clientEngine(SSLContext ctx) {
    SSLEngine e = ctx.createSSLEngine();
    e.setUseClientMode(true);
    e.setEnabledProtocols(new String[] {PROTOCOL});
    e.setEnabledCipherSuites(new String[] {SUITE});
    return e;
  }

  /** Checks what was negotiated: a server that ignored the restriction fails the workload. */
  static void checkNegotiated(SSLEngine e) {
    String p = e.getSession().getProtocol();
    String s = e.getSession().getCipherSuite();
    if (!PROTOCOL.equals(p) || !SUITE.equals(s)) {
      throw new IllegalStateException("TLS: negotiated " + p + " " + s + ", not " + PROTOCOL
          + " " + SUITE);
    }
  }

  /**
   * Verification stays on: the chain must lead to one of the two trusted certificates (PKIX),
   * and the server's certificate must name 127.0.0.1 as an IP subjectAltName (RFC 6125's rule
   * for an IP address), as a verifying client would check the host.
   */
  private static final class LoopbackTrust implements X509TrustManager {
    private final X509TrustManager pkix;

    LoopbackTrust(X509TrustManager pkix) {
      this.pkix = pkix;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("the load generator is never a server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      pkix.checkServerTrusted(chain, authType);
      verifications++;
      Collection<List<?>> alt = chain[0].getSubjectAlternativeNames();
      boolean named = alt != null && alt.stream().anyMatch(
          n -> Integer.valueOf(7).equals(n.get(0)) && "127.0.0.1".equals(n.get(1)));
      if (!named) {
        throw new CertificateException("the server certificate does not name 127.0.0.1");
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return pkix.getAcceptedIssuers();
    }
  }
}
