package dev.torsion.internet.ssl;

import com.google.common.net.InetAddresses;
import dev.torsion.internet.error.CertificateError;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.jspecify.annotations.Nullable;

/** Certificate making with bcpkix over the JDK's signature providers. */
final class Issuing {
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9*]([A-Za-z0-9.-]*[A-Za-z0-9])?");
  private static final Duration VALIDITY = Duration.ofDays(365);

  private Issuing() {}

  static ContentSigner signer(KeyPair key) throws OperatorCreationException {
    String alg = "RSA".equals(key.privateKey().getAlgorithm())
        ? "SHA256withRSA" : "SHA256withECDSA";
    return new JcaContentSignerBuilder(alg).build(key.privateKey());
  }

  static Certificate sign(KeyPair issuerKey, DistinguishedName issuer,
      DistinguishedName subject, PublicKey subjectKey, BigInteger serial, boolean ca) {
    Instant now = Instant.now();
    try {
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer.toX500(), serial,
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)),
          subject.toX500(), subjectKey);
      if (ca) {
        b.addExtension(Extension.basicConstraints, false, new BasicConstraints(true));
      }
      GeneralName alt = altName(subject.commonName());
      if (alt != null) {
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt));
      }
      return new Certificate(new JcaX509CertificateConverter().getCertificate(
          b.build(signer(issuerKey))));
    } catch (IOException | OperatorCreationException | CertificateException e) {
      throw new CertificateError("cannot make a certificate for " + subject, e);
    }
  }

  private static @Nullable GeneralName altName(@Nullable String commonName) {
    if (commonName == null) {
      return null;
    }
    if (InetAddresses.isInetAddress(commonName)) {
      return new GeneralName(GeneralName.iPAddress, commonName);
    }
    if (HOST.matcher(commonName).matches()) {
      return new GeneralName(GeneralName.dNSName, commonName);
    }
    return null;
  }

  /** The JDK knows key factories by name, not by OID: map the two kinds we make. */
  private static PublicKey publicKey(SubjectPublicKeyInfo info)
      throws IOException, java.security.GeneralSecurityException {
    ASN1ObjectIdentifier alg = info.getAlgorithm().getAlgorithm();
    String name = X9ObjectIdentifiers.id_ecPublicKey.equals(alg) ? "EC"
        : PKCSObjectIdentifiers.rsaEncryption.equals(alg) ? "RSA" : alg.getId();
    return KeyFactory.getInstance(name).generatePublic(new X509EncodedKeySpec(info.getEncoded()));
  }

  static Certificate signRequest(KeyPair issuerKey, DistinguishedName issuer, byte[] request,
      Predicate<DistinguishedName> verifyDN, long serial) {
    JcaPKCS10CertificationRequest req;
    PublicKey subjectKey;
    boolean valid;
    try {
      req = new JcaPKCS10CertificationRequest(request);
      subjectKey = publicKey(req.getSubjectPublicKeyInfo());
      valid = req.isSignatureValid(new JcaContentVerifierProviderBuilder().build(subjectKey));
    } catch (IOException | OperatorCreationException | PKCSException
        | java.security.GeneralSecurityException | RuntimeException e) {
      throw new CertificateError("unreadable certificate request", e);
    }
    if (!valid) {
      throw new CertificateError("the certificate request's signature is wrong");
    }
    DistinguishedName subject = DistinguishedName.fromX500(req.getSubject());
    if (!verifyDN.test(subject)) {
      throw new VerificationError("DN callback " + verifyDN + " rejected request DN " + subject);
    }
    return sign(issuerKey, issuer, subject, subjectKey, BigInteger.valueOf(serial), false);
  }
}
