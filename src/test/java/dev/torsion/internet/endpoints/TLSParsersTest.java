package dev.torsion.internet.endpoints;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.ssl.Certificate;
import dev.torsion.internet.ssl.CertificateOptions;
import dev.torsion.internet.ssl.ClientTLSOptions;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.ssl.VerificationError;
import dev.torsion.internet.testing.MemoryReactorClock;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.AfterClass;
import org.testng.annotations.Test;

public class TLSParsersTest {
  private final Path dir = TlsEndpointFixtures.tempDir();
  private final String serverPem = TlsEndpointFixtures.write(dir, "server.pem",
      TlsEndpointFixtures.SERVER.dumpPEM());
  private final String serverCert = TlsEndpointFixtures.write(dir, "cert.pem",
      TlsEndpointFixtures.SERVER.dumpPEM().substring(0,
          TlsEndpointFixtures.SERVER.dumpPEM().indexOf("-----END CERTIFICATE-----") + 25));
  private final String serverKey = TlsEndpointFixtures.write(dir, "key.pem",
      TlsEndpointFixtures.SERVER.privateKey().dumpPEM());
  private final String clientPem = TlsEndpointFixtures.write(dir, "client.pem",
      TlsEndpointFixtures.CLIENT.dumpPEM());
  private final Path cas = mkdir("cas");
  private final Path otherCas = mkdir("othercas");
  private final MemoryReactorClock reactor = new MemoryReactorClock();

  private Path mkdir(String name) {
    try {
      return Files.createDirectory(dir.resolve(name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  {
    TlsEndpointFixtures.write(cas, "ca.PEM", TlsEndpointFixtures.CA.dumpPEM());
    TlsEndpointFixtures.write(cas, "ca-again.pem", TlsEndpointFixtures.CA.dumpPEM());
    TlsEndpointFixtures.write(cas, "garbage.pem", "not a certificate");
    TlsEndpointFixtures.write(cas, "other.txt", TlsEndpointFixtures.OTHER_CA.dumpPEM());
    TlsEndpointFixtures.write(otherCas, "other.pem", TlsEndpointFixtures.OTHER_CA.dumpPEM());
  }

  @AfterClass(alwaysRun = true)
  public void removeFiles() throws IOException {
    TlsEndpointFixtures.delete(dir);
  }

  private static String q(String path) {
    return Endpoints.quoteStringArgument(path);
  }

  private SSL4ServerEndpoint server(String description) {
    return (SSL4ServerEndpoint) Endpoints.serverFromString(reactor, description);
  }

  private static CertificateOptions trusting(Certificate ca) {
    return CertificateOptions.builder().trustRoot(
        dev.torsion.internet.ssl.SSL.trustRootFromCertificates(List.of(ca))).build();
  }

  /** twisted.internet.test.test_endpoints.ServerStringTests.test_ssl */
  @Test
  public void sslServerTakesEveryArgument() {
    SSL4ServerEndpoint s = server("ssl:1234:backlog=12:privateKey=" + q(serverKey)
        + ":certKey=" + q(serverCert) + ":interface=10.0.0.1");
    assertEquals(s.port(), 1234);
    assertEquals(s.backlog(), 12);
    assertEquals(s.iface(), "10.0.0.1");
    TlsEndpointFixtures.Recorder r = TlsEndpointFixtures.handshake(
        dev.torsion.internet.ssl.SSL.optionsForClientTLS("example.com",
            dev.torsion.internet.ssl.SSL.trustRootFromCertificates(
                List.of(TlsEndpointFixtures.CA))), s.sslContextFactory());
    assertTrue(r.handshook, "the server presents the certificate from certKey");
  }

  /** twisted.internet.test.test_endpoints.ServerStringTests.test_sslWithDefaults */
  @Test
  public void sslServerDefaults() {
    SSL4ServerEndpoint s = server("ssl:4321:privateKey=" + q(serverPem));
    assertEquals(s.port(), 4321);
    assertEquals(s.backlog(), 50);
    assertEquals(s.iface(), "");
    CertificateOptions o = (CertificateOptions) s.sslContextFactory();
    assertEquals(o.minimumVersion(), dev.torsion.internet.ssl.SSL.DEFAULT_MINIMUM);
    assertTrue(TlsEndpointFixtures.handshake(trustingClient(), o).handshook);
  }

  private static ClientTLSOptions trustingClient() {
    return dev.torsion.internet.ssl.SSL.optionsForClientTLS("example.com",
        dev.torsion.internet.ssl.SSL.trustRootFromCertificates(List.of(TlsEndpointFixtures.CA)));
  }

  /** twisted.internet.test.test_endpoints.ServerStringTests.test_sslChainLoads */
  @Test
  public void chainFileLoadsInOrder() {
    PrivateCertificate one = TlsEndpointFixtures.issue("one.example.com", 11);
    PrivateCertificate two = TlsEndpointFixtures.issue("two.example.com", 12);
    String chain = TlsEndpointFixtures.write(dir, "chain.pem", one.dumpPEM() + two.dumpPEM());
    assertEquals(TlsFiles.chain(chain), List.of(Certificate.loadPEM(one.dumpPEM()),
        Certificate.loadPEM(two.dumpPEM())));
    SSL4ServerEndpoint s = server("ssl:1234:privateKey=" + q(serverPem) + ":extraCertChain="
        + q(chain));
    assertTrue(s.sslContextFactory() instanceof CertificateOptions);
  }

  /** twisted.internet.test.test_endpoints.ServerStringTests.test_sslChainFileMustContainCert */
  @Test
  public void chainFileWithoutCertificatesIsRefused() {
    String empty = TlsEndpointFixtures.write(dir, "empty.pem", "");
    IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
        () -> server("ssl:1234:privateKey=" + q(serverPem) + ":extraCertChain=" + q(empty)));
    assertTrue(e.getMessage().contains("Specified chain file '" + empty
        + "' doesn't contain any valid certificates in PEM format."), e.getMessage());
  }

  /** twisted.internet.test.test_endpoints.ServerStringTests.test_sslNoTrailingNewlinePem */
  @Test
  public void pemWithoutTrailingNewlineLoads() {
    String cert = Certificate.loadPEM(TlsEndpointFixtures.SERVER.dumpPEM()).dumpPEM().strip();
    String key = TlsEndpointFixtures.SERVER.privateKey().dumpPEM().strip();
    String c = TlsEndpointFixtures.write(dir, "nonl-cert.pem", cert);
    String k = TlsEndpointFixtures.write(dir, "nonl-key.pem", key);
    SSL4ServerEndpoint s = server("ssl:1234:privateKey=" + q(k) + ":certKey=" + q(c));
    assertTrue(TlsEndpointFixtures.handshake(trustingClient(), s.sslContextFactory()).handshook);
  }

  /** twisted.internet.test.test_endpoints.ServerStringTests.test_sslDHparameters */
  @Test
  public void dhParametersAreReadIntoTheOptions() throws IOException {
    byte[] der = new org.bouncycastle.asn1.pkcs.DHParameter(
        org.bouncycastle.crypto.agreement.DHStandardGroups.rfc3526_2048.getP(),
        org.bouncycastle.crypto.agreement.DHStandardGroups.rfc3526_2048.getG(), 0).getEncoded();
    String dh = TlsEndpointFixtures.write(dir, "dh.pem", "-----BEGIN DH PARAMETERS-----\n"
        + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END DH PARAMETERS-----\n");
    SSL4ServerEndpoint s = server("ssl:4321:privateKey=" + q(serverPem) + ":certKey="
        + q(serverPem) + ":dhParameters=" + q(dh));
    CertificateOptions o = (CertificateOptions) s.sslContextFactory();
    assertEquals(o.dhParameters().dhFile(), Path.of(dh));
    assertEquals(o.dhParameters().bitLength(), 2048);
    IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
        () -> server("ssl:4321:privateKey=" + q(serverPem) + ":dhParameters="
            + q(dir.resolve("no-such-dh.pem").toString())));
    assertTrue(e.getMessage().contains("cannot read dhParameters"), e.getMessage());
  }

  @Test
  public void unsupportedServerParametersAreRefusedByName() {
    IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
        () -> server("ssl:1234:privateKey=" + q(serverPem) + ":sslmethod=TLSv1_METHOD"));
    assertTrue(e.getMessage().contains("'sslmethod' is not supported"), e.getMessage());
    expectThrows(IllegalArgumentException.class,
        () -> server("ssl:1234:privateKey=" + q(dir.resolve("missing.pem").toString())));
  }

  private SSL4ClientEndpoint client(String description) {
    return (SSL4ClientEndpoint) Endpoints.clientFromString(reactor, description);
  }

  /** twisted.internet.test.test_endpoints.SSLClientStringTests.test_ssl */
  @Test
  public void sslClientTakesEveryArgument() {
    SSL4ClientEndpoint c = client("ssl:host=example.net:port=4321:privateKey=" + q(clientPem)
        + ":certKey=" + q(clientPem) + ":bindAddress=127.0.0.1:timeout=3:caCertsDir="
        + q(cas.toString()) + ":hostname=example.com");
    assertEquals(c.host(), "example.net");
    assertEquals(c.port(), 4321);
    assertEquals(c.timeout(), 3.0);
    assertEquals(c.bindAddress(), new InetSocketAddress("127.0.0.1", 0));
    ClientTLSOptions o = (ClientTLSOptions) c.sslContextFactory();
    assertEquals(o.hostname(), "example.com");
    // The server asks for a client certificate issued by the CA: the client presents it.
    CertificateOptions demanding = CertificateOptions.builder()
        .privateKey(TlsEndpointFixtures.SERVER.privateKey())
        .certificate(TlsEndpointFixtures.SERVER).verify(true)
        .caCerts(List.of(TlsEndpointFixtures.CA)).build();
    assertTrue(TlsEndpointFixtures.handshake(o, demanding).handshook);
  }

  /** twisted.internet.test.test_endpoints.SSLClientStringTests.test_sslPositionalArgs */
  @Test
  public void sslClientPositionalHostAndPort() {
    SSL4ClientEndpoint c = client("ssl:example.com:4321:caCertsDir=" + q(cas.toString()));
    assertEquals(c.host(), "example.com");
    assertEquals(c.port(), 4321);
    assertTrue(TlsEndpointFixtures.handshake(c.sslContextFactory(),
        TlsEndpointFixtures.SERVER.options()).handshook);
  }

  /** twisted.internet.test.test_endpoints.SSLClientStringTests.test_sslWithDefaults */
  @Test
  public void sslClientDefaults() {
    SSL4ClientEndpoint c = client("ssl:example.net:4321");
    assertEquals(c.timeout(), 30.0);
    assertNull(c.bindAddress());
    assertEquals(((ClientTLSOptions) c.sslContextFactory()).hostname(), "example.net");
  }

  /** twisted.internet.test.test_endpoints.SSLClientStringTests.test_sslSimple */
  @Test
  public void sslClientVerifiesUnlessTheInsecureFlagIsGiven() {
    // Twisted's bare ssl: client does not verify; ours does (against the given CAs here),
    // and only the loud flag turns verification off.
    SSL4ClientEndpoint verifying = client("ssl:host=example.com:port=4321:caCertsDir="
        + q(otherCas.toString()));
    TlsEndpointFixtures.Recorder r = TlsEndpointFixtures.handshake(
        verifying.sslContextFactory(), TlsEndpointFixtures.SERVER.options());
    assertTrue(!r.handshook && r.lost != null && r.lost.value() instanceof VerificationError,
        String.valueOf(r.lost));
    SSL4ClientEndpoint insecure = client(
        "ssl:host=simple.example.org:port=4321:insecurelySkipPeerVerification=yes");
    assertTrue(insecure.sslContextFactory() instanceof CertificateOptions);
    PrivateCertificate stranger = KeyPair.generate(KeyPair.Type.EC, 256)
        .selfSignedCert(9, DistinguishedName.of("commonName", "stranger"));
    assertTrue(TlsEndpointFixtures.handshake(insecure.sslContextFactory(), stranger.options())
        .handshook);
    expectThrows(IllegalArgumentException.class,
        () -> client("ssl:example.com:1:insecurelySkipPeerVerification=maybe"));
  }

  /** twisted.internet.test.test_endpoints.SSLClientStringTests.test_unreadableCertificate */
  @Test
  public void unreadableAndInvalidPemFilesInTheTrustDirectoryAreSkipped() throws IOException {
    Path d = mkdir("unreadable");
    Files.createDirectory(d.resolve("a-directory.pem"));
    TlsEndpointFixtures.write(d, "bad.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n"
        + "-----END CERTIFICATE-----\n");
    TlsEndpointFixtures.write(d, "ca.pem", TlsEndpointFixtures.CA.dumpPEM());
    SSL4ClientEndpoint c = client("ssl:example.com:1:caCertsDir=" + q(d.toString()));
    assertTrue(TlsEndpointFixtures.handshake(c.sslContextFactory(),
        TlsEndpointFixtures.SERVER.options()).handshook);
  }

  private static ClientTLSOptions creatorOf(IStreamClientEndpoint e) {
    TLSMemoryBIOFactory f = (TLSMemoryBIOFactory) ((WrapperClientEndpoint) e)
        .wrapFactory(new Factory());
    return (ClientTLSOptions) f.connectionCreator();
  }

  private static HostnameEndpoint hostnameOf(IStreamClientEndpoint e) {
    return (HostnameEndpoint) ((WrapperClientEndpoint) e).wrappedEndpoint();
  }

  /** twisted.internet.test.test_endpoints.WrapClientTLSParserTests.test_hostnameEndpointConstruction */
  @Test
  public void tlsBuildsAHostnameEndpoint() {
    IStreamClientEndpoint e = Endpoints.clientFromString(reactor,
        "tls:example.com:443:timeout=10:bindAddress=127.0.0.1");
    HostnameEndpoint h = hostnameOf(e);
    assertEquals(h.host(), "example.com");
    assertEquals(h.port(), 443);
    assertEquals(h.timeout(), 10.0);
    assertEquals(h.bindAddress(), new InetSocketAddress("127.0.0.1", 0));
  }

  /** twisted.internet.test.test_endpoints.WrapClientTLSParserTests.test_tls */
  @Test
  public void tlsTakesTrustRootsAndClientCertificate() {
    IStreamClientEndpoint e = Endpoints.clientFromString(reactor, "tls:example.com:443"
        + ":trustRoots=" + q(cas.toString()) + ":certificate=" + q(clientPem)
        + ":privateKey=" + q(clientPem));
    ClientTLSOptions o = creatorOf(e);
    assertEquals(o.hostname(), "example.com");
    CertificateOptions demanding = CertificateOptions.builder()
        .privateKey(TlsEndpointFixtures.SERVER.privateKey())
        .certificate(TlsEndpointFixtures.SERVER).verify(true)
        .caCerts(List.of(TlsEndpointFixtures.CA)).build();
    assertTrue(TlsEndpointFixtures.handshake(o, demanding).handshook);
    IStreamClientEndpoint untrusting = Endpoints.clientFromString(reactor,
        "tls:example.com:443:trustRoots=" + q(otherCas.toString()));
    assertTrue(TlsEndpointFixtures.handshake(creatorOf(untrusting),
        TlsEndpointFixtures.SERVER.options()).lost.value() instanceof VerificationError);
  }

  /** twisted.internet.test.test_endpoints.WrapClientTLSParserTests.test_tlsWithDefaults */
  @Test
  public void tlsDefaults() {
    IStreamClientEndpoint e = Endpoints.clientFromString(reactor, "tls:example.com:443");
    assertEquals(creatorOf(e).hostname(), "example.com");
    assertEquals(hostnameOf(e).host(), "example.com");
    assertEquals(hostnameOf(e).timeout(), 30.0);
    assertNull(hostnameOf(e).bindAddress());
  }

  /** twisted.internet.test.test_endpoints.WrapClientTLSParserTests.test_utf8Encoding */
  @Test
  public void tlsHostIsIdnaForTheConnectionAndTextForVerification() {
    IStreamClientEndpoint e =
        Endpoints.clientFromString(reactor, "tls:\u00e9xample.example.com:443");
    assertEquals(creatorOf(e).hostname(), "\u00e9xample.example.com");
    assertTrue(hostnameOf(e).toString().contains("xn--xample-9ua.example.com"),
        hostnameOf(e).toString());
  }

  @Test
  public void tlsOverAnotherEndpointDescription() {
    IStreamClientEndpoint e = Endpoints.clientFromString(reactor,
        "tls:example.com:443:endpoint=" + q("tcp:127.0.0.1:8443"));
    IStreamClientEndpoint inner = ((WrapperClientEndpoint) e).wrappedEndpoint();
    assertTrue(inner instanceof TCP4ClientEndpoint);
    assertEquals(((TCP4ClientEndpoint) inner).port(), 8443);
    assertEquals(creatorOf(e).hostname(), "example.com");
  }
}
