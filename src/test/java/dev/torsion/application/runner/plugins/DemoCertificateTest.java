package dev.torsion.application.runner.plugins;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.ssl.PrivateCertificate;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.testng.annotations.Test;

/** The certificate of {@code --self-signed}: names, key, validity, and its fingerprint line. */
public class DemoCertificateTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  private static final PrivateCertificate CERT = DemoCertificate.generate(NOW);

  @Test
  public void isForLocalhostAndItsLoopbackAddressesOnly() throws Exception {
    X509Certificate x = CERT.original();
    assertEquals(CERT.getSubject().commonName(), "localhost");
    assertEquals(x.getSubjectX500Principal(), x.getIssuerX500Principal(), "self-issued");
    List<String> names = new ArrayList<>();
    for (List<?> san : x.getSubjectAlternativeNames()) {
      names.add(san.get(0) + "=" + san.get(1));
    }
    // Types 2 (dNSName) and 7 (iPAddress); the JDK spells ::1 in full.
    assertEquals(names, List.of("2=localhost", "7=127.0.0.1", "7=0:0:0:0:0:0:0:1"));
    assertEquals(x.getBasicConstraints(), -1, "not a CA");
    assertEquals(x.getExtendedKeyUsage(), List.of("1.3.6.1.5.5.7.3.1"), "serverAuth");
    x.verify(x.getPublicKey()); // signed by its own key
  }

  @Test
  public void hasAnEcdsaP256Key() {
    ECPublicKey key = (ECPublicKey) CERT.getPublicKey();
    assertEquals(key.getParams().getCurve().getField().getFieldSize(), 256);
    assertEquals(CERT.original().getSigAlgName(), "SHA256withECDSA");
    assertEquals(CERT.privateKey().publicKey(), key, "the certificate is for its key pair");
  }

  @Test
  public void isValidFromAnHourAgoForAWeek() {
    X509Certificate x = CERT.original();
    assertEquals(x.getNotBefore().toInstant(), NOW.minus(Duration.ofHours(1)));
    assertEquals(x.getNotAfter().toInstant(), NOW.plus(Duration.ofDays(7)));
  }

  @Test
  public void eachStartMakesANewKeyAndSerialNumber() {
    PrivateCertificate other = DemoCertificate.generate(NOW);
    assertNotEquals(other.getPublicKey(), CERT.getPublicKey());
    assertNotEquals(other.serialNumber(), CERT.serialNumber());
    assertTrue(CERT.serialNumber().signum() > 0, "RFC 5280: positive");
    assertTrue(CERT.serialNumber().bitLength() <= 159, "RFC 5280: at most 20 octets");
  }

  @Test
  public void fingerprintLineIsOpenSslsSha256OfTheDer() throws Exception {
    String line = DemoCertificate.fingerprintLine(CERT);
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(CERT.original().getEncoded());
    assertEquals(line, "sha256 Fingerprint="
        + HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha));
    assertTrue(line.matches("sha256 Fingerprint=([0-9A-F]{2}:){31}[0-9A-F]{2}"), line);
  }
}
