package dev.torsion.internet.ssl;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/** Cipher selection and the OpenSSL cipher-string language, checked against OpenSSL 3.0. */
public class AcceptableCiphersTest {
  static final String TLS13 = "TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256 "
      + "TLS_AES_128_GCM_SHA256 ";

  /** What `openssl ciphers -stdname ALL` (OpenSSL 3.0) prints for the AES/ChaCha20 suites. */
  static final String OPENSSL_ALL = TLS13
      + "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 "
      + "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 "
      + "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256 "
      + "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8 TLS_ECDHE_ECDSA_WITH_AES_256_CCM "
      + "TLS_DHE_RSA_WITH_AES_256_CCM_8 TLS_DHE_RSA_WITH_AES_256_CCM "
      + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 "
      + "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 "
      + "TLS_ECDHE_ECDSA_WITH_AES_128_CCM TLS_DHE_RSA_WITH_AES_128_CCM_8 "
      + "TLS_DHE_RSA_WITH_AES_128_CCM TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 "
      + "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384 TLS_DHE_RSA_WITH_AES_256_CBC_SHA256 "
      + "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 "
      + "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256 TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA "
      + "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA TLS_DHE_RSA_WITH_AES_256_CBC_SHA "
      + "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA "
      + "TLS_DHE_RSA_WITH_AES_128_CBC_SHA TLS_RSA_WITH_AES_256_GCM_SHA384 "
      + "TLS_RSA_WITH_AES_256_CCM_8 TLS_RSA_WITH_AES_256_CCM TLS_RSA_WITH_AES_128_GCM_SHA256 "
      + "TLS_RSA_WITH_AES_128_CCM_8 TLS_RSA_WITH_AES_128_CCM TLS_RSA_WITH_AES_256_CBC_SHA256 "
      + "TLS_RSA_WITH_AES_128_CBC_SHA256 TLS_RSA_WITH_AES_256_CBC_SHA TLS_RSA_WITH_AES_128_CBC_SHA";

  /** Twisted 22.4's defaultCiphers string. */
  static final String TWISTED_DEFAULT = "TLS13-AES-256-GCM-SHA384:"
      + "TLS13-CHACHA20-POLY1305-SHA256:TLS13-AES-128-GCM-SHA256:"
      + "ECDH+AESGCM:ECDH+CHACHA20:DH+AESGCM:DH+CHACHA20:ECDH+AES256:DH+AES256:"
      + "ECDH+AES128:DH+AES:RSA+AESGCM:RSA+AES:!aNULL:!MD5:!DSS";

  /** What OpenSSL 3.0 expands {@link #TWISTED_DEFAULT} to, for the same suites. */
  static final String OPENSSL_TWISTED_DEFAULT = TLS13
      + "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 "
      + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 "
      + "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 "
      + "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 TLS_DHE_RSA_WITH_AES_256_GCM_SHA384 "
      + "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256 "
      + "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8 TLS_ECDHE_ECDSA_WITH_AES_256_CCM "
      + "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384 "
      + "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA "
      + "TLS_DHE_RSA_WITH_AES_256_CCM_8 TLS_DHE_RSA_WITH_AES_256_CCM "
      + "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256 TLS_DHE_RSA_WITH_AES_256_CBC_SHA "
      + "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 TLS_ECDHE_ECDSA_WITH_AES_128_CCM "
      + "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 "
      + "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA "
      + "TLS_DHE_RSA_WITH_AES_128_CCM_8 TLS_DHE_RSA_WITH_AES_128_CCM "
      + "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256 TLS_DHE_RSA_WITH_AES_128_CBC_SHA "
      + "TLS_RSA_WITH_AES_256_GCM_SHA384 TLS_RSA_WITH_AES_128_GCM_SHA256 "
      + "TLS_RSA_WITH_AES_256_CCM_8 TLS_RSA_WITH_AES_256_CCM TLS_RSA_WITH_AES_128_CCM_8 "
      + "TLS_RSA_WITH_AES_128_CCM TLS_RSA_WITH_AES_256_CBC_SHA256 "
      + "TLS_RSA_WITH_AES_128_CBC_SHA256 TLS_RSA_WITH_AES_256_CBC_SHA TLS_RSA_WITH_AES_128_CBC_SHA";

  /** The expected names that this JDK's crypto can run (AES-CCM depends on the provider). */
  static List<String> runnable(String names) {
    return Stream.of(names.split(" ")).filter(CipherSuites.supportedNames()::contains)
        .collect(Collectors.toList());
  }

  static List<String> expand(String cipherString) {
    return OpenSSLCipherString.expand(cipherString).stream().map(Cipher::fullName)
        .collect(Collectors.toList());
  }

  static List<Cipher> ciphers(String... names) {
    return Stream.of(names).map(Cipher::of).collect(Collectors.toList());
  }

  /** twisted.test.test_sslverify.AcceptableCiphersTests.test_selectOnEmptyListReturnsEmptyList */
  @Test
  public void selectOnEmptyListReturnsEmptyList() {
    assertEquals(AcceptableCiphers.of(List.of()).selectCiphers(List.of()), List.of());
    assertEquals(AcceptableCiphers.of(List.of()).selectCiphers(ciphers("A")), List.of());
  }

  /** twisted.test.test_sslverify.AcceptableCiphersTests.test_selectReturnsOnlyFromAvailable */
  @Test
  public void selectReturnsOnlyFromAvailableInAcceptableOrder() {
    AcceptableCiphers ac = AcceptableCiphers.of(ciphers("A", "B"));
    assertEquals(ac.selectCiphers(ciphers("B", "C")), ciphers("B"));
    assertEquals(ac.selectCiphers(ciphers("B", "A")), ciphers("A", "B"));
  }

  /** twisted.test.test_sslverify.AcceptableCiphersTests.test_fromOpenSSLCipherStringExpandsToTupleOfCiphers */
  @Test
  public void fromOpenSSLCipherStringExpandsToCiphers() {
    List<Cipher> all = AcceptableCiphers.fromOpenSSLCipherString("ALL").ciphers();
    assertFalse(all.isEmpty());
    assertTrue(all.stream().allMatch(c -> CipherSuites.supportedNames().contains(c.fullName())),
        "" + all);
  }

  /** twisted.test.test_sslverify.ExpandCipherStringTests.test_returnsTupleOfICiphers */
  @Test
  public void allExpandsToEveryRunnableSuiteInOpenSslOrder() {
    assertEquals(expand("ALL"), runnable(OPENSSL_ALL));
    // `openssl ciphers DEFAULT` is ALL without the CCM suites
    List<String> withoutCcm = runnable(OPENSSL_ALL);
    withoutCcm.removeIf(n -> n.contains("_CCM"));
    assertEquals(expand("DEFAULT"), withoutCcm);
  }

  /** Twisted's own default string selects what OpenSSL selects for it, in OpenSSL's order. */
  @Test
  public void twistedDefaultStringMatchesOpenSsl() {
    assertEquals(expand(TWISTED_DEFAULT), runnable(OPENSSL_TWISTED_DEFAULT));
  }

  /** {@code -} removes, {@code +} moves to the end, {@code +} inside a word intersects. */
  @Test
  public void removeMoveAndIntersect() {
    assertEquals(expand("ECDHE+AES128:-AESGCM:RSA+AES256+SHA256:+ECDSA"), runnable(TLS13
        + "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA "
        + "TLS_RSA_WITH_AES_256_CBC_SHA256 TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 "
        + "TLS_ECDHE_ECDSA_WITH_AES_128_CCM TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 "
        + "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"));
  }

  /** {@code !} bans for good; {@code -} lets a later word add the suites back. */
  @Test
  public void bangIsPermanentMinusIsNot() {
    assertEquals(expand("-kRSA:RSA+AESGCM+AES128"),
        runnable(TLS13 + "TLS_RSA_WITH_AES_128_GCM_SHA256"));
    assertEquals(expand("!kRSA:RSA+AESGCM+AES128"), List.of());
  }

  /** OpenSSL and IANA names select one suite each; @STRENGTH puts 256-bit keys first. */
  @Test
  public void singleNamesAndStrength() {
    assertEquals(expand("ECDHE-RSA-AES128-GCM-SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
        runnable(TLS13 + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 "
            + "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
    assertEquals(expand("ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES256-SHA @STRENGTH"),
        runnable(TLS13 + "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA "
            + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
  }

  /** A string that matches nothing (only unknown or foreign words) expands to nothing. */
  @Test
  public void noMatchIsEmpty() {
    assertEquals(expand(""), List.of());
    assertEquals(expand("CAMELLIA:RC4:PSK:NOT-A-CIPHER"), List.of());
    assertEquals(expand("TLS13-AES-128-GCM-SHA256"), List.of());
  }

  /** The options negotiate what an OpenSSL string selects, and refuse one that selects none. */
  @Test
  public void certificateOptionsTakeAcceptableCiphers() {
    CertificateOptions o = CertificateOptions.builder().lowerMaximumSecurityTo(TLSVersion.TLSv1_2)
        .acceptableCiphers(AcceptableCiphers.fromOpenSSLCipherString("ECDH+CHACHA20:ECDH+AESGCM"))
        .build();
    assertEquals(o.cipherSuiteNames(), runnable(
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 "
        + "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 "
        + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
    IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
        () -> CertificateOptions.builder().acceptableCiphers(
            AcceptableCiphers.of(ciphers("sentinel"))).build());
    assertTrue(e.getMessage().contains("no usable ciphers"), e.getMessage());
  }
}
