package dev.torsion.internet.ssl;

import dev.torsion.internet.error.CertificateError;
import dev.torsion.internet.interfaces.ISSLTransport;
import dev.torsion.internet.interfaces.ITransport;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.jspecify.annotations.Nullable;

/**
 * An X.509 certificate: load it from PEM or DER, dump it, read its subject, issuer, serial
 * number, public key and digest. Immutable; equal certificates have equal DER encodings.
 *
 * <p><b>Differences from Twisted.</b> The certificate is the JDK's {@link X509Certificate}
 * ({@link #original()}) rather than pyOpenSSL's {@code X509}. {@link #digest(String)} takes a
 * JDK {@link MessageDigest} name ({@code "SHA-256"}; OpenSSL spellings such as
 * {@code "sha256"} and {@code "md5"} are accepted too).
 *
 * @twisted twisted.internet.ssl.Certificate
 */
public class Certificate {
  private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String END = "-----END CERTIFICATE-----";

  final X509Certificate x509;

  Certificate(X509Certificate x509) {
    this.x509 = Objects.requireNonNull(x509, "x509");
  }

  /**
   * Wraps a JDK certificate.
   *
   * @param x509 the certificate
   * @return the wrapper
   * @twisted twisted.internet.ssl.Certificate.__init__
   */
  public static Certificate fromX509(X509Certificate x509) {
    return new Certificate(x509);
  }

  /**
   * Loads the first certificate of a PEM text.
   *
   * @param pem text with a {@code BEGIN CERTIFICATE} block (a trailing newline is optional)
   * @return the certificate
   * @throws CertificateError if the text holds no readable certificate
   * @twisted twisted.internet.ssl.Certificate.loadPEM
   */
  public static Certificate loadPEM(String pem) {
    List<X509Certificate> all = parseAll(pem);
    if (all.isEmpty()) {
      throw new CertificateError("no certificate in the PEM text");
    }
    return new Certificate(all.get(0));
  }

  /**
   * Loads a certificate from its DER encoding.
   *
   * @param der the encoded certificate
   * @return the certificate
   * @throws CertificateError if the bytes are not a certificate
   * @twisted twisted.internet.ssl.Certificate.load
   */
  public static Certificate load(byte[] der) {
    try {
      return new Certificate((X509Certificate) factory().generateCertificate(
          new ByteArrayInputStream(der)));
    } catch (CertificateException | ClassCastException e) {
      throw new CertificateError("not a DER-encoded X.509 certificate", e);
    }
  }

  /**
   * The certificate the peer of a TLS transport presented.
   *
   * <p>Takes any transport, as Twisted does, so a protocol can pass its own
   * {@code transport()} without a cast.
   *
   * @param transport the transport; a TLS one ({@link ISSLTransport})
   * @return the peer's certificate
   * @throws CertificateError if the transport is not a TLS transport (the message starts with
   *     "non-TLS"), or the peer presented no certificate (yet; it starts with "TLS")
   * @twisted twisted.internet.ssl.Certificate.peerFromTransport
   */
  public static Certificate peerFromTransport(ITransport transport) {
    X509Certificate c = tls(transport).getPeerCertificate();
    if (c == null) {
      throw new CertificateError("TLS transport " + transport + " did not give a peer certificate");
    }
    return new Certificate(c);
  }

  /**
   * The certificate this end of a TLS transport presented.
   *
   * @param transport the transport; a TLS one ({@link ISSLTransport})
   * @return this end's certificate
   * @throws CertificateError if the transport is not a TLS transport (the message starts with
   *     "non-TLS"), or this end presented no certificate (it starts with "TLS")
   * @twisted twisted.internet.ssl.Certificate.hostFromTransport
   */
  public static Certificate hostFromTransport(ITransport transport) {
    X509Certificate c = tls(transport).getHostCertificate();
    if (c == null) {
      throw new CertificateError("TLS transport " + transport + " did not give a host certificate");
    }
    return new Certificate(c);
  }

  private static ISSLTransport tls(ITransport transport) {
    if (!(transport instanceof ISSLTransport)) {
      throw new CertificateError("non-TLS transport " + transport + " has no certificates");
    }
    return (ISSLTransport) transport;
  }

  static List<X509Certificate> parseAll(String pem) {
    List<X509Certificate> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int begin = pem.indexOf(BEGIN, from);
      if (begin < 0) {
        return out;
      }
      int end = pem.indexOf(END, begin);
      if (end < 0) {
        throw new CertificateError("unterminated certificate block in the PEM text");
      }
      String block = pem.substring(begin, end + END.length()) + "\n";
      try {
        out.add((X509Certificate) factory().generateCertificate(
            new ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII))));
      } catch (CertificateException e) {
        throw new CertificateError("unreadable certificate in the PEM text", e);
      }
      from = end + END.length();
    }
  }

  private static CertificateFactory factory() throws CertificateException {
    return CertificateFactory.getInstance("X.509");
  }

  /**
   * The JDK certificate.
   *
   * @return the certificate
   * @twisted twisted.internet.ssl.Certificate.original
   */
  public final X509Certificate original() {
    return x509;
  }

  /**
   * The DER encoding.
   *
   * @return a fresh copy of the encoded certificate
   * @twisted twisted.internet.ssl.Certificate.dump
   */
  public final byte[] dump() {
    try {
      return x509.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new CertificateError("certificate cannot be encoded", e);
    }
  }

  /**
   * The PEM text of the certificate alone, ending in a newline.
   *
   * @return the text
   * @twisted twisted.internet.ssl.Certificate.dumpPEM
   */
  public String dumpPEM() {
    return pem("CERTIFICATE", dump());
  }

  static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  /**
   * The subject's name.
   *
   * @return the name
   * @twisted twisted.internet.ssl.Certificate.getSubject
   */
  public final DistinguishedName getSubject() {
    return DistinguishedName.fromX500(X500Name.getInstance(
        x509.getSubjectX500Principal().getEncoded()));
  }

  /**
   * The issuer's name.
   *
   * @return the name
   * @twisted twisted.internet.ssl.Certificate.getIssuer
   */
  public final DistinguishedName getIssuer() {
    return DistinguishedName.fromX500(X500Name.getInstance(
        x509.getIssuerX500Principal().getEncoded()));
  }

  /**
   * The serial number.
   *
   * @return the number
   * @twisted twisted.internet.ssl.Certificate.serialNumber
   */
  public final BigInteger serialNumber() {
    return x509.getSerialNumber();
  }

  /**
   * The subject's public key.
   *
   * @return the key
   * @twisted twisted.internet.ssl.Certificate.getPublicKey
   */
  public final PublicKey getPublicKey() {
    return x509.getPublicKey();
  }

  /**
   * The digest of the DER encoding, as upper-case hex pairs joined by colons
   * ({@code "AB:CD:..."}), the form {@code openssl x509 -fingerprint} prints.
   *
   * @param method a digest name: {@code "SHA-256"}, or OpenSSL's {@code "sha256"}, {@code "md5"}
   * @return the fingerprint
   * @throws IllegalArgumentException for an unknown digest
   * @twisted twisted.internet.ssl.Certificate.digest
   */
  public final String digest(String method) {
    String name = method.toUpperCase(Locale.ROOT);
    if (name.startsWith("SHA") && !name.startsWith("SHA-") && name.length() > 3) {
      name = "SHA-" + name.substring(3);
    }
    try {
      byte[] d = MessageDigest.getInstance(name).digest(dump());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("unknown digest: " + method, e);
    }
  }

  /**
   * A multi-line description: subject, issuer, serial number, SHA-256 digest and public key.
   *
   * @return the text
   * @twisted twisted.internet.ssl.Certificate.inspect
   */
  public String inspect() {
    return "Certificate For Subject:\n" + indent(getSubject().inspect())
        + "\n\nIssuer:\n" + indent(getIssuer().inspect())
        + "\n\nSerial Number: " + serialNumber()
        + "\nDigest: " + digest("SHA-256")
        + "\nPublic Key with Hash: " + getPublicKey().getAlgorithm();
  }

  private static String indent(String s) {
    return "  " + s.replace("\n", "\n  ");
  }

  @Override
  public final boolean equals(@Nullable Object o) {
    return o instanceof Certificate c && Arrays.equals(dump(), c.dump());
  }

  @Override
  public final int hashCode() {
    return Arrays.hashCode(dump());
  }

  @Override
  public String toString() {
    return "<" + getClass().getSimpleName() + " Subject=" + getSubject().commonName()
        + " Issuer=" + getIssuer().commonName() + ">";
  }
}
