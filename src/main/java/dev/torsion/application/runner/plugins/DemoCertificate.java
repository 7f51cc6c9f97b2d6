package dev.torsion.application.runner.plugins;

import dev.torsion.internet.error.CertificateError;
import dev.torsion.internet.ssl.Certificate;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate {@code --self-signed} serves: made in memory at start-up, for a demo on this
 * machine only. Its key is ECDSA P-256 and never leaves the process; its subject is
 * {@code CN=localhost} and its subjectAltName {@code DNS:localhost}, {@code IP:127.0.0.1} and
 * {@code IP:::1}, so a verifying client that trusts it connects to any of those names; it is
 * valid from an hour ago (clock skew) for {@link #VALIDITY}.
 *
 * <p>{@code KeyPair.selfSignedCert} makes a year-long certificate whose subjectAltName is its
 * common name only; this one needs three names and a short life, so it is built here with
 * bcpkix, over the JDK's signature provider, as {@code internet.ssl} builds its own.
 */
final class DemoCertificate {
  /** Long enough for a demo left running over a weekend; a copy is soon worthless. */
  static final Duration VALIDITY = Duration.ofDays(7);
  static final String COMMON_NAME = "localhost";

  private static final SecureRandom RANDOM = new SecureRandom();

  private DemoCertificate() {}

  /** A new key and certificate, valid from {@code now} minus an hour. */
  static PrivateCertificate generate(Instant now) {
    KeyPair key = KeyPair.generate(KeyPair.Type.EC, 256);
    X500Name name = new X500Name("CN=" + COMMON_NAME);
    // RFC 5280 wants a positive serial of at most 20 octets; a random one never repeats.
    BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE);
    try {
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial,
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), name,
          key.publicKey());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      b.addExtension(Extension.subjectKeyIdentifier, false,
          ext.createSubjectKeyIdentifier(key.publicKey()));
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
          new GeneralName[] {
              new GeneralName(GeneralName.dNSName, COMMON_NAME),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.iPAddress, "::1")}));
      Certificate cert = Certificate.fromX509(new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.privateKey()))));
      return PrivateCertificate.fromCertificateAndKeyPair(cert, key);
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new CertificateError("cannot make the demo certificate", e);
    }
  }

  /**
   * The line {@code openssl x509 -noout -fingerprint -sha256} prints for {@code cert}
   * (OpenSSL 3's spelling), so a user can compare the two character for character.
   */
  static String fingerprintLine(Certificate cert) {
    return "sha256 Fingerprint=" + cert.digest("SHA-256");
  }
}
