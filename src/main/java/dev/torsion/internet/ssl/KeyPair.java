package dev.torsion.internet.ssl;

import dev.torsion.internet.error.CertificateError;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Objects;
import java.util.function.Predicate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A private key with its public half, RSA or EC: generate one, load and dump it as PEM, make a
 * self-signed certificate or a certificate request with it, sign other keys' requests.
 * Immutable.
 *
 * <p><b>Differences from Twisted.</b> The kinds are RSA and EC (NIST P-256, P-384, P-521)
 * where Twisted offers RSA and DSA. {@link #dumpPEM()} writes PKCS#8 ({@code PRIVATE KEY});
 * {@link #loadPEM} reads PKCS#8 and the traditional {@code RSA PRIVATE KEY} and
 * {@code EC PRIVATE KEY} forms, unencrypted. Certificates made here get a subjectAltName for
 * their common name when it is a host name or an IP address (see {@link #selfSignedCert}).
 *
 * @twisted twisted.internet.ssl.KeyPair
 */
public final class KeyPair {
  /**
   * The kinds of key {@link #generate(Type, int)} makes.
   *
   * @twisted twisted.internet.ssl.KeyPair (TYPE_RSA, TYPE_DSA)
   */
  public enum Type {
    /** RSA; the size is the modulus length in bits (2048 or more). */
    RSA,
    /** Elliptic curve; the size picks the NIST curve: 256, 384 or 521. */
    EC
  }

  final java.security.KeyPair keys;

  KeyPair(java.security.KeyPair keys) {
    this.keys = keys;
  }

  /**
   * Generates a 2048-bit RSA key pair, as Twisted's default.
   *
   * @return the pair
   * @twisted twisted.internet.ssl.KeyPair.generate
   */
  public static KeyPair generate() {
    return generate(Type.RSA, 2048);
  }

  /**
   * Generates a key pair.
   *
   * @param kind RSA or EC
   * @param size RSA modulus bits (at least 2048), or EC curve size (256, 384, 521)
   * @return the pair
   * @throws IllegalArgumentException for a size this kind does not allow
   * @twisted twisted.internet.ssl.KeyPair.generate
   */
  public static KeyPair generate(Type kind, int size) {
    try {
      KeyPairGenerator g;
      if (kind == Type.RSA) {
        if (size < 2048) {
          throw new IllegalArgumentException("RSA keys must have at least 2048 bits: " + size);
        }
        g = KeyPairGenerator.getInstance("RSA");
        g.initialize(size);
      } else {
        if (size != 256 && size != 384 && size != 521) {
          throw new IllegalArgumentException("EC key size must be 256, 384 or 521: " + size);
        }
        g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp" + size + "r1"));
      }
      return new KeyPair(g.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate " + kind + " keys", e);
    }
  }

  /**
   * Wraps a JDK key pair.
   *
   * @param keys an RSA or EC key pair
   * @return the wrapper
   */
  public static KeyPair fromJdk(java.security.KeyPair keys) {
    Objects.requireNonNull(keys.getPrivate(), "private key");
    Objects.requireNonNull(keys.getPublic(), "public key");
    return new KeyPair(keys);
  }

  /**
   * Loads an unencrypted private key from PEM; the public key is derived from it.
   *
   * @param pem text with a {@code PRIVATE KEY}, {@code RSA PRIVATE KEY} or
   *     {@code EC PRIVATE KEY} block (other blocks, such as certificates, are skipped)
   * @return the pair
   * @throws CertificateError if the text holds no readable key
   * @twisted twisted.internet.ssl.KeyPair.loadPEM
   */
  public static KeyPair loadPEM(String pem) {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PEMKeyPair kp) {
          return new KeyPair(converter.getKeyPair(kp));
        }
        if (o instanceof PrivateKeyInfo info) {
          PrivateKey priv = converter.getPrivateKey(info);
          return new KeyPair(new java.security.KeyPair(derivePublic(priv), priv));
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new CertificateError("unreadable private key in the PEM text", e);
    }
    throw new CertificateError("no private key in the PEM text");
  }

  private static PublicKey derivePublic(PrivateKey priv) throws GeneralSecurityException {
    if (priv instanceof RSAPrivateCrtKey rsa) {
      return KeyFactory.getInstance("RSA").generatePublic(
          new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    }
    if (priv instanceof ECPrivateKey ec) {
      org.bouncycastle.math.ec.ECPoint q = EC5Util.convertSpec(ec.getParams()).getG()
          .multiply(ec.getS()).normalize();
      ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(),
          q.getAffineYCoord().toBigInteger());
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ec.getParams()));
    }
    throw new CertificateError("unsupported private key type: " + priv.getAlgorithm());
  }

  /**
   * The private key.
   *
   * @return the JDK key
   */
  public PrivateKey privateKey() {
    return keys.getPrivate();
  }

  /**
   * The public key.
   *
   * @return the JDK key
   * @twisted twisted.internet.ssl.KeyPair.getPublicKey
   */
  public PublicKey publicKey() {
    return keys.getPublic();
  }

  /**
   * The private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}).
   *
   * @return the text, ending in a newline
   * @twisted twisted.internet.ssl.KeyPair.dump
   */
  public String dumpPEM() {
    return Certificate.pem("PRIVATE KEY", keys.getPrivate().getEncoded());
  }

  /**
   * Makes a certificate for this key signed by itself, valid for a year from an hour ago.
   *
   * @param serialNumber the serial number
   * @param subject the subject, which is also the issuer; a common name that is a host name
   *     or an IP address is also put in the subjectAltName, so host-name checks accept it
   * @return the certificate with this key
   * @twisted twisted.internet.ssl.KeyPair.selfSignedCert
   */
  public PrivateCertificate selfSignedCert(long serialNumber, DistinguishedName subject) {
    Certificate c = Issuing.sign(this, subject, subject, publicKey(),
        BigInteger.valueOf(serialNumber), true);
    return new PrivateCertificate(c.x509, this);
  }

  /**
   * A PKCS#10 certificate request for this key, to be signed with
   * {@link PrivateCertificate#signCertificateRequest}.
   *
   * @param subject the name to request
   * @return the DER-encoded request
   * @twisted twisted.internet.ssl.KeyPair.certificateRequest
   */
  public byte[] certificateRequest(DistinguishedName subject) {
    try {
      PKCS10CertificationRequest req = new JcaPKCS10CertificationRequestBuilder(
          subject.toX500(), publicKey()).build(Issuing.signer(this));
      return req.getEncoded();
    } catch (IOException | OperatorCreationException e) {
      throw new CertificateError("cannot make a certificate request", e);
    }
  }

  /**
   * Signs another key's certificate request with this key.
   *
   * @param issuer the issuer's name to put in the certificate
   * @param requestData a DER-encoded PKCS#10 request
   * @param verifyDN decides whether the requested subject may be certified
   * @param serialNumber the new certificate's serial number
   * @return the new certificate
   * @throws VerificationError if {@code verifyDN} refuses the subject
   * @throws CertificateError if the request is unreadable or its signature is wrong
   * @twisted twisted.internet.ssl.KeyPair.signCertificateRequest
   */
  public Certificate signCertificateRequest(DistinguishedName issuer, byte[] requestData,
      Predicate<DistinguishedName> verifyDN, long serialNumber) {
    return Issuing.signRequest(this, issuer, requestData, verifyDN, serialNumber);
  }

  @Override
  public String toString() {
    return "<KeyPair " + keys.getPrivate().getAlgorithm() + ">";
  }
}
