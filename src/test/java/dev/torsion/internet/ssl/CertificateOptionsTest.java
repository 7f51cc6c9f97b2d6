package dev.torsion.internet.ssl;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.util.List;
import org.testng.annotations.Test;

public class CertificateOptionsTest {
  static final PrivateCertificate CERT = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(1, DistinguishedName.of("CN", "example.com"));

  private static CertificateOptions.Builder b() {
    return CertificateOptions.builder();
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_constructorWithOnlyPrivateKey */
  @Test
  public void onlyPrivateKeyIsRefused() {
    expectThrows(IllegalArgumentException.class, () -> b().privateKey(CERT.privateKey()).build());
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_constructorWithOnlyCertificate */
  @Test
  public void onlyCertificateIsRefused() {
    expectThrows(IllegalArgumentException.class, () -> b().certificate(CERT).build());
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_constructorWithCertificateAndPrivateKey */
  @Test
  public void certificateAndPrivateKey() {
    CertificateOptions o = b().privateKey(CERT.privateKey()).certificate(CERT).build();
    assertEquals(o.certificate, CERT);
    assertEquals(o.privateKey, CERT.privateKey());
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_constructorDoesNotAllowVerifyWithoutCACerts */
  @Test
  public void verifyWithoutCaCertsIsRefused() {
    expectThrows(IllegalArgumentException.class,
        () -> b().privateKey(CERT.privateKey()).certificate(CERT).verify(true).build());
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_constructorDoesNotAllowLegacyWithTrustRoot */
  @Test
  public void legacyVerificationWithTrustRootIsRefused() {
    TrustRoot root = SSL.trustRootFromCertificates(List.of(CERT));
    expectThrows(IllegalArgumentException.class,
        () -> b().verify(true).caCerts(List.of(CERT)).trustRoot(root).build());
    expectThrows(IllegalArgumentException.class,
        () -> b().caCerts(List.of(CERT)).trustRoot(root).build());
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_constructorAllowsCACertsWithoutVerify */
  @Test
  public void caCertsWithoutVerifyVerifiesNothingOnTheServer() {
    CertificateOptions o = b().privateKey(CERT.privateKey()).certificate(CERT)
        .caCerts(List.of(CERT)).build();
    assertFalse(o.verify);
    assertEquals(o.trustRoot, null);
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_constructorWithVerifyAndCACerts */
  @Test
  public void verifyWithCaCerts() {
    CertificateOptions o = b().privateKey(CERT.privateKey()).certificate(CERT).verify(true)
        .caCerts(List.of(CERT)).build();
    assertTrue(o.verify);
    assertTrue(o.trustRoot != null);
    assertTrue(o.requireCertificate);
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_constructorDoesNotAllowExtraChainWithoutPrivateKey */
  @Test
  public void extraChainWithoutPrivateKeyIsRefused() {
    expectThrows(IllegalArgumentException.class,
        () -> b().certificate(CERT).extraCertChain(List.of(CERT)).build());
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_constructorDoesNotAllowExtraChainWithOutPrivateKey */
  @Test
  public void extraChainWithNeitherKeyNorCertificateIsRefused() {
    expectThrows(IllegalArgumentException.class,
        () -> b().extraCertChain(List.of(CERT)).build());
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_constructorSetsExtraChain */
  @Test
  public void extraChainIsKept() {
    CertificateOptions o = b().privateKey(CERT.privateKey()).certificate(CERT)
        .extraCertChain(List.of(CERT)).build();
    assertEquals(o.extraCertChain, List.of(CERT));
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_acceptableCiphersAreAlwaysSet */
  @Test
  public void strictCipherSuitesByDefault() {
    List<String> names = b().build().cipherSuiteNames();
    assertEquals(names.get(0), "TLS_AES_128_GCM_SHA256");
    assertTrue(names.contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), "" + names);
    for (String n : names) {
      assertFalse(n.contains("CBC"), n);
      assertFalse(n.startsWith("TLS_RSA_"), n);
      assertFalse(n.startsWith("TLS_DHE_"), n);
    }
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_honorsAcceptableCiphersArgument */
  @Test
  public void acceptableCiphersAreHonoured() {
    CertificateOptions o = b().acceptableCiphers(List.of(
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384")).build();
    assertEquals(o.cipherSuiteNames(), List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_AES_256_GCM_SHA384"));
    expectThrows(IllegalArgumentException.class,
        () -> b().acceptableCiphers(List.of("TLS_NOT_A_SUITE")));
  }

  /** A CBC suite is available only when named. */
  @Test
  public void cbcOnlyWhenAsked() {
    CertificateOptions o = b().acceptableCiphers(List.of(
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256")).build();
    assertEquals(o.cipherSuiteNames(), List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"));
  }

  /** Torsion's minimum is TLS 1.2 (Twisted 22.4: TLS 1.0); TLS 1.3 is the maximum. */
  @Test
  public void tls12MinimumByDefault() {
    CertificateOptions o = b().build();
    assertEquals(o.minimumVersion(), TLSVersion.TLSv1_2);
    assertEquals(o.maximumVersion(), TLSVersion.TLSv1_3);
    assertEquals(SSL.DEFAULT_MINIMUM, TLSVersion.TLSv1_2);
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_tlsProtocolsAtLeastWithMinimum */
  @Test
  public void raiseMinimumAndInsecurelyLowerTogetherAreRefused() {
    expectThrows(IllegalArgumentException.class, () -> b().raiseMinimumTo(TLSVersion.TLSv1_3)
        .insecurelyLowerMinimumTo(TLSVersion.TLSv1_0).build());
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_tlsProtocolsAtLeastAllSecureTLS */
  @Test
  public void raiseMinimumToTls13() {
    CertificateOptions o = b().raiseMinimumTo(TLSVersion.TLSv1_3).build();
    assertEquals(o.minimumVersion(), TLSVersion.TLSv1_3);
    assertFalse(o.cipherSuiteNames().stream().anyMatch(n -> n.startsWith("TLS_ECDHE")));
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_tlsProtocolsAtLeastWillAcceptHigherDefault */
  @Test
  public void raiseMinimumBelowTheDefaultKeepsTheDefault() {
    assertEquals(b().raiseMinimumTo(TLSVersion.TLSv1_0).build().minimumVersion(),
        TLSVersion.TLSv1_2);
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_tlsProtocolsAllSecureTLS */
  @Test
  public void insecurelyLowerMinimumTo() {
    CertificateOptions o = b().insecurelyLowerMinimumTo(TLSVersion.TLSv1_1).build();
    assertEquals(o.minimumVersion(), TLSVersion.TLSv1_1);
    assertEquals(o.maximumVersion(), TLSVersion.TLSv1_3);
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_tlsProtocolsAllModernTLS */
  @Test
  public void tls12AndUp() {
    CertificateOptions o = b().insecurelyLowerMinimumTo(TLSVersion.TLSv1_2).build();
    assertEquals(o.minimumVersion(), TLSVersion.TLSv1_2);
    assertEquals(o.maximumVersion(), TLSVersion.TLSv1_3);
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_tlsProtocolsreduceToMaxWithoutMin */
  @Test
  public void loweringTheMaximumBelowTheDefaultMinimumPullsTheMinimumDown() {
    CertificateOptions o = b().lowerMaximumSecurityTo(TLSVersion.TLSv1_1).build();
    assertEquals(o.minimumVersion(), TLSVersion.TLSv1_1);
    assertEquals(o.maximumVersion(), TLSVersion.TLSv1_1);
  }

  private static void only(TLSVersion v) {
    CertificateOptions o = b().insecurelyLowerMinimumTo(v).lowerMaximumSecurityTo(v).build();
    assertEquals(o.minimumVersion(), v);
    assertEquals(o.maximumVersion(), v);
    assertEquals(o.versions().length, 1);
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_tlsProtocolsTLSv1Point0Only */
  @Test
  public void tls10Only() {
    only(TLSVersion.TLSv1_0);
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_tlsProtocolsTLSv1Point1Only */
  @Test
  public void tls11Only() {
    only(TLSVersion.TLSv1_1);
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_tlsProtocolsTLSv1Point2Only */
  @Test
  public void tls12Only() {
    only(TLSVersion.TLSv1_2);
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_tlsProtocolsSSLv3Only */
  @Test
  public void sslv3IsRefused() {
    expectThrows(IllegalArgumentException.class, () -> b()
        .insecurelyLowerMinimumTo(TLSVersion.SSLv3).lowerMaximumSecurityTo(TLSVersion.SSLv3)
        .build());
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_tlsVersionRangeInOrder */
  @Test
  public void rangeMustBeInOrder() {
    expectThrows(IllegalArgumentException.class, () -> b()
        .insecurelyLowerMinimumTo(TLSVersion.TLSv1_2).lowerMaximumSecurityTo(TLSVersion.TLSv1_0)
        .build());
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_tlsVersionRangeInOrderAtLeast */
  @Test
  public void raisedRangeMustBeInOrder() {
    expectThrows(IllegalArgumentException.class, () -> b()
        .raiseMinimumTo(TLSVersion.TLSv1_3).lowerMaximumSecurityTo(TLSVersion.TLSv1_2).build());
  }

  /** The provider serving AES-GCM is the JDK's own, not Bouncy Castle's. */
  @Test
  public void bulkCipherProviderIsTheJdks() throws Exception {
    Crypto.get();
    assertFalse(Crypto.gcmProviderName().startsWith("BC"), Crypto.gcmProviderName());
    assertEquals(java.security.Security.getProvider("BC"), null, "BC is never installed");
  }

  /** Server options need a certificate. */
  @Test
  public void serverOptionsNeedACertificate() {
    expectThrows(UnsupportedOperationException.class,
        () -> b().build().serverConnectionForTLS(null, null));
    expectThrows(UnsupportedOperationException.class,
        () -> SSL.optionsForClientTLS("example.com").serverConnectionForTLS(null, null));
    expectThrows(IllegalArgumentException.class, () -> SSL.optionsForClientTLS(""));
  }
}
