package dev.torsion.internet.ssl;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities a TLS end trusts to vouch for its peer: the platform's (the
 * JDK's default trust store, {@link SSL#platformTrust()}) or a list of certificates
 * ({@link SSL#trustRootFromCertificates}). Chains are checked by the JDK's PKIX trust manager,
 * so its algorithm constraints and validity checks apply. Immutable.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code IOpenSSLTrustRoot} is an interface
 * that configures an OpenSSL context; here it is a final class wrapping a JDK
 * {@link X509TrustManager}. The platform store is the JDK's {@code cacerts} (or
 * {@code javax.net.ssl.trustStore}), not OpenSSL's default paths.
 *
 * @twisted twisted.internet._sslverify.IOpenSSLTrustRoot
 */
public final class TrustRoot {
  private final X509TrustManager trustManager;
  private final String description;

  private TrustRoot(X509TrustManager trustManager, String description) {
    this.trustManager = trustManager;
    this.description = description;
  }

  static TrustRoot platform() {
    return new TrustRoot(manager(null), "platform");
  }

  static TrustRoot of(List<? extends Certificate> certificates) {
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("a trust root needs at least one certificate");
    }
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : certificates) {
        ks.setCertificateEntry("root-" + i++, c.x509);
      }
      return new TrustRoot(manager(ks), certificates.size() + " certificate(s)");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a trust store", e);
    }
  }

  private static X509TrustManager manager(KeyStore ks) {
    try {
      TrustManagerFactory f = TrustManagerFactory.getInstance(
          TrustManagerFactory.getDefaultAlgorithm());
      f.init(ks);
      for (TrustManager tm : f.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("the JDK offers no X509TrustManager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot initialise the JDK's trust manager", e);
    }
  }

  /** Checks a server's chain, end-entity first; authType UNKNOWN suits TLS 1.2 and 1.3. */
  void checkServer(X509Certificate[] chain) throws CertificateException {
    trustManager.checkServerTrusted(chain, "UNKNOWN");
  }

  void checkClient(X509Certificate[] chain) throws CertificateException {
    trustManager.checkClientTrusted(chain, "UNKNOWN");
  }

  X509Certificate[] acceptedIssuers() {
    return trustManager.getAcceptedIssuers();
  }

  @Override
  public String toString() {
    return "<TrustRoot " + description + ">";
  }
}
