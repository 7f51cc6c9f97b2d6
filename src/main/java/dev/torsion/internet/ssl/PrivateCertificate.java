package dev.torsion.internet.ssl;

import dev.torsion.internet.error.CertificateError;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A certificate together with its private key: what a server (or a client that authenticates
 * itself) presents. Immutable.
 *
 * <pre>{@code
 * PrivateCertificate server = PrivateCertificate.loadPEM(Files.readString(pemPath));
 * reactor.listenTCP(443, new TLSMemoryBIOFactory(server.options(), false, factory));
 * }</pre>
 *
 * @twisted twisted.internet.ssl.PrivateCertificate
 */
public final class PrivateCertificate extends Certificate {
  private final KeyPair keyPair;

  PrivateCertificate(X509Certificate x509, KeyPair keyPair) {
    super(x509);
    this.keyPair = keyPair;
  }

  /**
   * Loads a certificate and its private key from one PEM text (in either order).
   *
   * @param pem text with a {@code CERTIFICATE} block and a private key block
   * @return the certificate with its key
   * @throws CertificateError if either is missing or they do not belong together
   * @twisted twisted.internet.ssl.PrivateCertificate.loadPEM
   */
  public static PrivateCertificate loadPEM(String pem) {
    return fromCertificateAndKeyPair(Certificate.loadPEM(pem), KeyPair.loadPEM(pem));
  }

  /**
   * Joins a certificate and its key.
   *
   * @param certificate the certificate
   * @param keyPair the key the certificate certifies
   * @return the certificate with its key
   * @throws CertificateError if the certificate's public key is not the key pair's
   * @twisted twisted.internet.ssl.PrivateCertificate.fromCertificateAndKeyPair
   */
  public static PrivateCertificate fromCertificateAndKeyPair(Certificate certificate,
      KeyPair keyPair) {
    if (!Arrays.equals(certificate.getPublicKey().getEncoded(),
        keyPair.publicKey().getEncoded())) {
      throw new CertificateError("the certificate's public key does not match the key pair");
    }
    return new PrivateCertificate(certificate.x509, keyPair);
  }

  /**
   * The key pair.
   *
   * @return the certificate's key
   * @twisted twisted.internet.ssl.PrivateCertificate.privateKey
   */
  public KeyPair privateKey() {
    return keyPair;
  }

  /**
   * The certificate's PEM text followed by the private key's (PKCS#8).
   *
   * @return the text; {@link #loadPEM} reads it back
   * @twisted twisted.internet.ssl.PrivateCertificate.dumpPEM
   */
  @Override
  public String dumpPEM() {
    return super.dumpPEM() + keyPair.dumpPEM();
  }

  /**
   * Server options presenting this certificate. With authorities, clients must present a
   * certificate issued by one of them.
   *
   * @param authorities the certificates trusted to issue client certificates; none to accept
   *     clients without certificates
   * @return the options
   * @twisted twisted.internet.ssl.PrivateCertificate.options
   */
  public CertificateOptions options(Certificate... authorities) {
    CertificateOptions.Builder b = CertificateOptions.builder().privateKey(keyPair)
        .certificate(this);
    if (authorities.length > 0) {
      b.verify(true).caCerts(List.of(authorities));
    }
    return b.build();
  }

  /**
   * A certificate request for this certificate's key and subject.
   *
   * @return the DER-encoded PKCS#10 request
   * @twisted twisted.internet.ssl.PrivateCertificate.certificateRequest
   */
  public byte[] certificateRequest() {
    return keyPair.certificateRequest(getSubject());
  }

  /**
   * Signs a certificate request with this certificate's key, naming this certificate's subject
   * as the issuer.
   *
   * @param requestData a DER-encoded PKCS#10 request
   * @param verifyDN decides whether the requested subject may be certified
   * @param serialNumber the new certificate's serial number
   * @return the new certificate
   * @throws VerificationError if {@code verifyDN} refuses the subject
   * @throws CertificateError if the request is unreadable
   * @twisted twisted.internet.ssl.PrivateCertificate.signCertificateRequest
   */
  public Certificate signCertificateRequest(byte[] requestData,
      Predicate<DistinguishedName> verifyDN, long serialNumber) {
    return keyPair.signCertificateRequest(getSubject(), Objects.requireNonNull(requestData),
        verifyDN, serialNumber);
  }
}
