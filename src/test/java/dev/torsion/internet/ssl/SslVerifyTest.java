package dev.torsion.internet.ssl;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.error.CertificateError;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.internet.testing.IOPump;
import dev.torsion.internet.testing.IOSim;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import dev.torsion.protocols.tls.TLSMemoryBIOProtocol;
import java.net.IDN;
import java.util.List;
import org.testng.annotations.Test;

/** Verification of peers, end to end over an in-memory connection. */
public class SslVerifyTest {
  static final IPv4Address ADDR = new IPv4Address("TCP", "127.0.0.1", 1);
  static final PrivateCertificate CA = selfSigned("Test CA");
  static final PrivateCertificate OTHER_CA = selfSigned("Other CA");
  static final PrivateCertificate SERVER = issue(CA, "example.com", 2);
  static final PrivateCertificate CLIENT = issue(CA, "client", 3);
  static final TrustRoot TRUST = SSL.trustRootFromCertificates(List.of(CA));

  static PrivateCertificate selfSigned(String cn) {
    return KeyPair.generate(KeyPair.Type.EC, 256).selfSignedCert(1, DistinguishedName.of("CN", cn));
  }

  static PrivateCertificate issue(PrivateCertificate ca, String cn, long serial) {
    KeyPair key = KeyPair.generate(KeyPair.Type.EC, 256);
    byte[] csr = key.certificateRequest(DistinguishedName.of("CN", cn));
    return PrivateCertificate.fromCertificateAndKeyPair(
        ca.signCertificateRequest(csr, dn -> true, serial), key);
  }

  record Conn(AccumulatingProtocol c, AccumulatingProtocol s, TLSMemoryBIOProtocol ct,
      TLSMemoryBIOProtocol st) {
    boolean ok() {
      return ct.handshakeDone() && st.handshakeDone() && !c.closed() && !s.closed();
    }

    boolean clientFailedWith(Class<? extends Throwable> t) {
      return c.closed() && c.closedReason().check(t) != null;
    }
  }

  static Conn connect(ITLSConnectionCreator client, ITLSConnectionCreator server) {
    Clock clock = new Clock();
    AccumulatingProtocol c = new AccumulatingProtocol();
    AccumulatingProtocol s = new AccumulatingProtocol();
    TLSMemoryBIOProtocol ct = new TLSMemoryBIOFactory(client, true,
        Factory.forProtocol(() -> c), clock).buildProtocol(ADDR);
    TLSMemoryBIOProtocol st = new TLSMemoryBIOFactory(server, false,
        Factory.forProtocol(() -> s), clock).buildProtocol(ADDR);
    IOPump pump = IOSim.connect(st, IOSim.makeFakeServer(st), ct, IOSim.makeFakeClient(ct),
        false, null);
    c.transport().write("ping".getBytes(US_ASCII));
    pump.flush();
    return new Conn(c, s, ct, st);
  }

  static ClientTLSOptions client(String host, PrivateCertificate... trusted) {
    return SSL.optionsForClientTLS(host, SSL.trustRootFromCertificates(List.of(trusted)));
  }

  /** twisted.test.test_sslverify.MultipleCertificateTrustRootTests.test_trustRootCertificateAuthorityTrustsConnection */
  @Test
  public void trustedAuthority() {
    Conn k = connect(client("example.com", CA), SERVER.options());
    assertTrue(k.ok());
    assertEquals(new String(k.s().data(), US_ASCII), "ping");
  }

  /** twisted.test.test_sslverify.MultipleCertificateTrustRootTests.test_trustRootSelfSignedServerCertificate */
  @Test
  public void trustedSelfSignedServer() {
    PrivateCertificate self = selfSigned("example.com");
    assertTrue(connect(client("example.com", self), self.options()).ok());
  }

  /** twisted.test.test_sslverify.MultipleCertificateTrustRootTests.test_trustRootFromCertificatesPrivatePublic */
  @Test
  public void trustRootFromPrivateOrPublicCertificates() {
    Certificate publicCa = Certificate.loadPEM(new Certificate(CA.original()).dumpPEM());
    assertTrue(connect(SSL.optionsForClientTLS("example.com",
        SSL.trustRootFromCertificates(List.of(publicCa))), SERVER.options()).ok());
    assertTrue(connect(client("example.com", CA), SERVER.options()).ok());
  }

  /** twisted.test.test_sslverify.MultipleCertificateTrustRootTests.test_trustRootFromCertificatesOpenSSLObjects */
  @Test
  public void trustRootFromJdkCertificates() {
    Certificate wrapped = Certificate.fromX509(CA.original());
    assertTrue(connect(SSL.optionsForClientTLS("example.com",
        SSL.trustRootFromCertificates(List.of(wrapped))), SERVER.options()).ok());
  }

  /** twisted.test.test_sslverify.MultipleCertificateTrustRootTests.test_trustRootFromCertificatesUntrusted */
  @Test
  public void untrustedAuthority() {
    Conn k = connect(client("example.com", OTHER_CA), SERVER.options());
    assertTrue(k.clientFailedWith(VerificationError.class), "" + k.c().closedReason());
    assertTrue(k.s().closed());
    assertEquals(k.s().data().length, 0);
  }

  /** twisted.test.test_sslverify.ServiceIdentityTests.test_validHostname */
  @Test
  public void validHostname() {
    assertTrue(connect(client("example.com", CA), SERVER.options()).ok());
  }

  /** twisted.test.test_sslverify.ServiceIdentityTests.test_invalidHostname */
  @Test
  public void invalidHostname() {
    Conn k = connect(client("wrong-host.com", CA), SERVER.options());
    assertTrue(k.clientFailedWith(VerificationError.class));
    assertTrue(k.c().closedReason().value().getMessage().contains("wrong-host.com"));
    assertTrue(k.s().closed());
  }

  /** twisted.test.test_sslverify.ServiceIdentityTests.test_validHostnameInvalidCertificate */
  @Test
  public void validHostnameUntrustedCertificate() {
    Conn k = connect(client("example.com", OTHER_CA), SERVER.options());
    assertTrue(k.clientFailedWith(VerificationError.class));
  }

  /** twisted.test.test_sslverify.ServiceIdentityTests.test_realCAsBetterNotSignOurBogusTestCerts */
  @Test
  public void platformTrustRejectsTestCertificates() {
    Conn k = connect(SSL.optionsForClientTLS("example.com"), SERVER.options());
    assertTrue(k.clientFailedWith(VerificationError.class));
  }

  /** twisted.test.test_sslverify.ServiceIdentityTests.test_butIfTheyDidItWouldWork */
  @Test
  public void butIfTheyDidItWouldWork() {
    assertTrue(connect(SSL.optionsForClientTLS("example.com", TRUST), SERVER.options()).ok());
  }

  /** twisted.test.test_sslverify.ServiceIdentityTests.test_clientPresentsCertificate */
  @Test
  public void clientPresentsCertificate() {
    ClientTLSOptions opts = SSL.optionsForClientTLS("example.com", TRUST, CLIENT, List.of(),
        null);
    Conn k = connect(opts, SERVER.options(CA));
    assertTrue(k.ok());
    assertEquals(k.st().getPeerCertificate(), CLIENT.original());
  }

  /** twisted.test.test_sslverify.ServiceIdentityTests.test_clientPresentsBadCertificate */
  @Test
  public void clientPresentsBadCertificate() {
    PrivateCertificate bad = issue(OTHER_CA, "client", 4);
    Conn k = connect(SSL.optionsForClientTLS("example.com", TRUST, bad, List.of(), null),
        SERVER.options(CA));
    assertTrue(k.s().closed());
    assertTrue(k.s().closedReason().check(VerificationError.class) != null,
        "" + k.s().closedReason());
    assertTrue(k.c().closed());
    assertEquals(k.s().data().length, 0);
  }

  /** twisted.test.test_sslverify.ServiceIdentityTests.test_hostnameIsIndicated */
  @Test
  public void hostnameIsSentAsSni() {
    Conn k = connect(client("example.com", CA), SERVER.options());
    assertEquals(k.st().requestedServerName(), "example.com");
  }

  /** twisted.test.test_sslverify.ServiceIdentityTests.test_hostnameEncoding */
  @Test
  public void idnHostnameIsEncoded() {
    String host = "h\u00e9ll\u00f6.example.com";
    PrivateCertificate idn = issue(CA, IDN.toASCII(host), 5);
    Conn k = connect(client(host, CA), idn.options());
    assertTrue(k.ok(), "" + k.c().closedReason());
    assertEquals(k.st().requestedServerName(), IDN.toASCII(host));
  }

  /** twisted.test.test_sslverify.ClientOptionsTests.test_dNSNameHostname */
  @Test
  public void dnsNameHostnameSendsSni() {
    assertEquals(connect(client("example.com", CA), SERVER.options()).st()
        .requestedServerName(), "example.com");
  }

  /** twisted.test.test_sslverify.ClientOptionsTests.test_IPv4AddressHostname */
  @Test
  public void ipv4HostnameIsVerifiedWithoutSni() {
    PrivateCertificate ip = issue(CA, "127.0.0.1", 6);
    Conn k = connect(client("127.0.0.1", CA), ip.options());
    assertTrue(k.ok());
    assertNull(k.st().requestedServerName());
  }

  /** twisted.test.test_sslverify.ClientOptionsTests.test_IPv6AddressHostname */
  @Test
  public void ipv6HostnameIsVerifiedWithoutSni() {
    PrivateCertificate ip = issue(CA, "::1", 7);
    Conn k = connect(client("::1", CA), ip.options());
    assertTrue(k.ok());
    assertNull(k.st().requestedServerName());
  }

  /** twisted.test.test_sslverify.ClientOptionsTests.test_extraKeywords */
  @Test
  public void extraCertificateOptions() {
    ClientTLSOptions opts = SSL.optionsForClientTLS("example.com", TRUST, null, List.of(),
        CertificateOptions.builder().lowerMaximumSecurityTo(TLSVersion.TLSv1_2));
    assertEquals(opts.certificateOptions().maximumVersion(), TLSVersion.TLSv1_2);
    Conn k = connect(opts, SERVER.options());
    assertEquals(k.ct().negotiatedVersion(), "TLSv1.2");
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsECDHIntegrationTests.test_ellipticCurveDiffieHellman */
  @Test
  public void tls12UsesEcdhe() {
    CertificateOptions.Builder b = CertificateOptions.builder()
        .lowerMaximumSecurityTo(TLSVersion.TLSv1_2);
    Conn k = connect(SSL.optionsForClientTLS("example.com", TRUST, null, List.of(), b),
        SERVER.options());
    assertTrue(k.ok());
    assertEquals(k.ct().negotiatedVersion(), "TLSv1.2");
    List<String> offered = b.build().cipherSuiteNames();
    assertFalse(offered.isEmpty());
    assertTrue(offered.stream().allMatch(n -> n.startsWith("TLS_ECDHE_")), "" + offered);
  }

  /** twisted.test.test_sslverify.ConstructorsTests.test_peerFromSSLTransport */
  @Test
  public void peerFromTransport() {
    Conn k = connect(client("example.com", CA), SERVER.options());
    assertEquals(Certificate.peerFromTransport(k.ct()), SERVER);
  }

  /** twisted.test.test_sslverify.ConstructorsTests.test_peerFromBlankSSLTransport */
  @Test
  public void peerFromTransportWithoutCertificate() {
    Conn k = connect(client("example.com", CA), SERVER.options());
    CertificateError e = expectThrows(CertificateError.class,
        () -> Certificate.peerFromTransport(k.st()));
    assertTrue(e.getMessage().startsWith("TLS"), e.getMessage());
  }

  /** twisted.test.test_sslverify.ConstructorsTests.test_hostFromSSLTransport */
  @Test
  public void hostFromTransport() {
    Conn k = connect(client("example.com", CA), SERVER.options());
    assertEquals(Certificate.hostFromTransport(k.st()), SERVER);
  }

  /** twisted.test.test_sslverify.ConstructorsTests.test_hostFromBlankSSLTransport */
  @Test
  public void hostFromTransportWithoutCertificate() {
    Conn k = connect(client("example.com", CA), SERVER.options());
    CertificateError e = expectThrows(CertificateError.class,
        () -> Certificate.hostFromTransport(k.ct()));
    assertTrue(e.getMessage().startsWith("TLS"), e.getMessage());
  }

  /** twisted.test.test_sslverify.ALPNTests.test_nextProtocolMechanismsALPNIsSupported */
  @Test
  public void alpnIsSupported() {
    assertTrue(SSL.protocolNegotiationMechanisms().contains(ProtocolNegotiationSupport.ALPN));
    assertFalse(SSL.protocolNegotiationMechanisms().contains(ProtocolNegotiationSupport.NPN));
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_allowedAnonymousClientConnection */
  @Test
  public void anonymousClientAllowedWhenNotRequired() {
    CertificateOptions server = CertificateOptions.builder().privateKey(SERVER.privateKey())
        .certificate(SERVER).verify(true).caCerts(List.of(CA)).requireCertificate(false).build();
    assertTrue(connect(client("example.com", CA), server).ok());
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_refusedAnonymousClientConnection */
  @Test
  public void anonymousClientRefusedWhenRequired() {
    Conn k = connect(client("example.com", CA), SERVER.options(CA));
    assertTrue(k.s().closed());
    assertTrue(k.c().closed());
    assertEquals(k.s().data().length, 0);
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_failedCertificateVerification */
  @Test
  public void failedVerification() {
    Conn k = connect(CertificateOptions.builder().trustRoot(
        SSL.trustRootFromCertificates(List.of(OTHER_CA))).build(), SERVER.options());
    assertTrue(k.clientFailedWith(VerificationError.class));
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_successfulCertificateVerification */
  @Test
  public void successfulVerification() {
    assertTrue(connect(CertificateOptions.builder().trustRoot(TRUST).build(),
        SERVER.options()).ok());
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_successfulSymmetricSelfSignedCertificateVerification */
  @Test
  public void symmetricSelfSignedVerification() {
    PrivateCertificate a = selfSigned("a.example.com");
    PrivateCertificate b = selfSigned("b.example.com");
    CertificateOptions clientSide = CertificateOptions.builder().privateKey(a.privateKey())
        .certificate(a).verify(true).caCerts(List.of(b)).build();
    Conn k = connect(clientSide, b.options(a));
    assertTrue(k.ok());
    assertEquals(k.st().getPeerCertificate(), a.original());
    assertEquals(k.ct().getPeerCertificate(), b.original());
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_verification */
  @Test
  public void mutualVerificationThroughAnAuthority() {
    CertificateOptions clientSide = CertificateOptions.builder().privateKey(CLIENT.privateKey())
        .certificate(CLIENT).trustRoot(TRUST).build();
    assertTrue(connect(clientSide, SERVER.options(CA)).ok());
  }

  /** twisted.test.test_sslverify.TrustRootTests.test_caCertsPlatformDefaults */
  @Test
  public void clientOptionsWithoutTrustRootUseThePlatformStore() {
    Conn k = connect(CertificateOptions.builder().build(), SERVER.options());
    assertTrue(k.clientFailedWith(VerificationError.class));
  }

  /** twisted.test.test_sslverify.TrustRootTests.test_trustRootPlatformRejectsUntrustedCA */
  @Test
  public void platformTrustRejectsAnUntrustedAuthority() {
    Conn k = connect(CertificateOptions.builder().trustRoot(SSL.platformTrust()).build(),
        SERVER.options());
    assertTrue(k.clientFailedWith(VerificationError.class));
  }

  /** twisted.test.test_sslverify.TrustRootTests.test_trustRootSpecificCertificate */
  @Test
  public void trustRootSpecificCertificate() {
    PrivateCertificate self = selfSigned("whatever");
    assertTrue(connect(CertificateOptions.builder()
        .trustRoot(SSL.trustRootFromCertificates(List.of(self))).build(), self.options()).ok());
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_extraChainFilesAreAddedIfSupplied */
  @Test
  public void extraCertChainIsSentSoTheClientCanBuildThePath() {
    KeyPair interKey = KeyPair.generate(KeyPair.Type.EC, 256);
    DistinguishedName interName = DistinguishedName.of("CN", "Intermediate CA");
    Certificate inter = Issuing.sign(CA.privateKey(), CA.getSubject(), interName,
        interKey.publicKey(), java.math.BigInteger.TEN, true);
    KeyPair leafKey = KeyPair.generate(KeyPair.Type.EC, 256);
    Certificate leaf = Issuing.sign(interKey, interName, DistinguishedName.of("CN", "example.com"),
        leafKey.publicKey(), java.math.BigInteger.valueOf(11), false);
    CertificateOptions.Builder server = CertificateOptions.builder().privateKey(leafKey)
        .certificate(leaf);
    Conn without = connect(client("example.com", CA), server.build());
    assertTrue(without.clientFailedWith(VerificationError.class), "no path without the chain");
    Conn with = connect(client("example.com", CA),
        server.extraCertChain(List.of(inter)).build());
    assertTrue(with.ok(), "" + with.c().closedReason());
  }

  /** The loud escape hatch accepts any server. */
  @Test
  public void insecurelySkipPeerVerification() {
    Conn k = connect(CertificateOptions.builder().insecurelySkipPeerVerification().build(),
        issue(OTHER_CA, "anything", 8).options());
    assertTrue(k.ok());
    assertFalse(k.c().closed());
  }
}
