package dev.torsion.internet.ssl;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.error.CertificateError;
import dev.torsion.internet.testing.StringTransport;
import java.math.BigInteger;
import org.testng.annotations.Test;

public class CertificateTest {
  static final KeyPair KEY = KeyPair.generate(KeyPair.Type.EC, 256);
  static final PrivateCertificate SELF = KEY.selfSignedCert(7, DistinguishedName.of(
      "commonName", "example.com", "organizationName", "Torsion", "countryName", "NL"));

  /** twisted.test.test_sslverify.KeyPairTests.test_noTrailingNewlinePemCert */
  @Test
  public void pemWithoutTrailingNewlineLoads() {
    String pem = SELF.original() == null ? "" : new Certificate(SELF.original()).dumpPEM();
    assertTrue(pem.endsWith("\n"));
    Certificate again = Certificate.loadPEM(pem.substring(0, pem.length() - 1));
    assertEquals(again, new Certificate(SELF.original()));
  }

  /** PEM and DER round trips; a private certificate's PEM carries its key. */
  @Test
  public void dumpAndLoad() {
    assertEquals(Certificate.load(SELF.dump()).serialNumber(), BigInteger.valueOf(7));
    PrivateCertificate back = PrivateCertificate.loadPEM(SELF.dumpPEM());
    assertEquals(back, SELF);
    assertEquals(back.privateKey().publicKey(), KEY.publicKey());
    KeyPair rsa = KeyPair.generate();
    assertEquals(KeyPair.loadPEM(rsa.dumpPEM()).publicKey(), rsa.publicKey());
    assertEquals(KeyPair.loadPEM(KEY.dumpPEM()).publicKey(), KEY.publicKey());
  }

  /** Bad input gets a clear error. */
  @Test
  public void badInputIsACertificateError() {
    expectThrows(CertificateError.class, () -> Certificate.loadPEM("no pem here"));
    expectThrows(CertificateError.class, () -> Certificate.load(new byte[] {1, 2, 3}));
    expectThrows(CertificateError.class, () -> KeyPair.loadPEM(SELF.dumpPEM().substring(0,
        SELF.dumpPEM().indexOf("-----BEGIN PRIVATE KEY"))));
    expectThrows(CertificateError.class, () -> PrivateCertificate.fromCertificateAndKeyPair(
        SELF, KeyPair.generate(KeyPair.Type.EC, 256)));
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_publicKeyMatching */
  @Test
  public void publicKeyMatching() {
    assertEquals(SELF.getPublicKey(), KEY.publicKey());
    assertNotEquals(SELF.getPublicKey(), KeyPair.generate(KeyPair.Type.EC, 256).publicKey());
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.testInspectDistinguishedName */
  @Test
  public void inspectDistinguishedName() {
    DistinguishedName dn = DistinguishedName.of("commonName", "common name",
        "organizationName", "organization name", "organizationalUnitName", "unit",
        "localityName", "locality", "stateOrProvinceName", "state", "countryName", "C",
        "emailAddress", "email");
    String s = dn.inspect();
    for (String want : new String[] {"Common Name: common name",
        "Organization Name: organization name", "Organizational Unit Name: unit",
        "Locality Name: locality", "State Or Province Name: state", "Country Name: C",
        "Email Address: email"}) {
      assertTrue(s.contains(want), s);
    }
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.testInspectDistinguishedNameWithoutAllFields */
  @Test
  public void inspectDistinguishedNameWithoutAllFields() {
    String s = DistinguishedName.of("localityName", "locality name").inspect();
    assertEquals(s, "Locality Name: locality name");
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_abbreviatingDistinguishedNames */
  @Test
  public void abbreviatedNames() {
    DistinguishedName dn = DistinguishedName.of("CN", "a", "O", "b", "OU", "c", "L", "d",
        "ST", "e", "C", "f", "E", "g");
    assertEquals(dn, DistinguishedName.of("commonName", "a", "organizationName", "b",
        "organizationalUnitName", "c", "localityName", "d", "stateOrProvinceName", "e",
        "countryName", "f", "emailAddress", "g"));
    assertEquals(dn.get("CN"), "a");
    expectThrows(IllegalArgumentException.class, () -> DistinguishedName.of("XX", "y"));
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_inspectCertificate */
  @Test
  public void inspectCertificate() {
    String s = SELF.inspect();
    assertTrue(s.startsWith("Certificate For Subject:\n"), s);
    assertTrue(s.contains("Common Name: example.com"), s);
    assertTrue(s.contains("Serial Number: 7"), s);
    assertTrue(s.contains("Digest: " + SELF.digest("sha256")), s);
    assertEquals(SELF.getSubject(), SELF.getIssuer());
    assertEquals(SELF.getSubject().get("organizationName"), "Torsion");
  }

  /** The digest is the upper-case colon-joined hex openssl prints. */
  @Test
  public void digestLooksLikeOpenSsl() {
    String d = SELF.digest("SHA-256");
    assertEquals(d, SELF.digest("sha256"));
    assertTrue(d.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), d);
    assertEquals(SELF.digest("md5").length(), 16 * 3 - 1);
    expectThrows(IllegalArgumentException.class, () -> SELF.digest("nope"));
  }

  /** Signing a request: the callback decides, the issuer is named. */
  @Test
  public void signCertificateRequest() {
    KeyPair k = KeyPair.generate(KeyPair.Type.EC, 256);
    byte[] csr = k.certificateRequest(DistinguishedName.of("CN", "leaf.example.com"));
    Certificate leaf = SELF.signCertificateRequest(csr, dn -> true, 99);
    assertEquals(leaf.getIssuer().commonName(), "example.com");
    assertEquals(leaf.getSubject().commonName(), "leaf.example.com");
    expectThrows(VerificationError.class,
        () -> SELF.signCertificateRequest(csr, dn -> false, 100));
    expectThrows(CertificateError.class,
        () -> SELF.signCertificateRequest(new byte[] {0x30, 0}, dn -> true, 101));
  }

  /** RSA keys below 2048 bits and unknown EC sizes are refused. */
  @Test
  public void weakKeysAreRefused() {
    expectThrows(IllegalArgumentException.class, () -> KeyPair.generate(KeyPair.Type.RSA, 1024));
    expectThrows(IllegalArgumentException.class, () -> KeyPair.generate(KeyPair.Type.EC, 128));
  }

  /** twisted.test.test_sslverify.ConstructorsTests.test_peerFromNonSSLTransport */
  @Test
  public void peerFromNonTlsTransportIsRefused() {
    CertificateError e = expectThrows(CertificateError.class,
        () -> Certificate.peerFromTransport(new StringTransport()));
    assertTrue(e.getMessage().startsWith("non-TLS"), e.getMessage());
  }

  /** twisted.test.test_sslverify.ConstructorsTests.test_hostFromNonSSLTransport */
  @Test
  public void hostFromNonTlsTransportIsRefused() {
    CertificateError e = expectThrows(CertificateError.class,
        () -> Certificate.hostFromTransport(new StringTransport()));
    assertTrue(e.getMessage().startsWith("non-TLS"), e.getMessage());
  }
}
