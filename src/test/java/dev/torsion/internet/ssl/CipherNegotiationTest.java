package dev.torsion.internet.ssl;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.interfaces.ISSLTransport;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.asn1.pkcs.DHParameter;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClient;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsDHGroupVerifier;
import org.bouncycastle.tls.TlsServer;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.DHGroup;
import org.bouncycastle.tls.crypto.DHStandardGroups;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** Which suite and which key-exchange group a handshake ends with. */
public class CipherNegotiationTest {
  static final PrivateCertificate RSA_SERVER = KeyPair.generate()
      .selfSignedCert(9, DistinguishedName.of("CN", "example.com"));

  /** Server options that remember the engine configuration they hand out. */
  static final class Recording implements ITLSConnectionCreator {
    final CertificateOptions options;
    @Nullable ServerPeer server;

    Recording(CertificateOptions options) {
      this.options = options;
    }

    @Override
    public TlsClient clientConnectionForTLS(ISSLTransport t, @Nullable List<String> alpn) {
      return options.clientConnectionForTLS(t, alpn);
    }

    @Override
    public TlsServer serverConnectionForTLS(ISSLTransport t, @Nullable List<String> alpn) {
      server = (ServerPeer) options.serverConnectionForTLS(t, alpn);
      return server;
    }
  }

  static String negotiated(List<String> serverOrder, List<String> clientOrder,
      TLSVersion version) {
    Recording server = new Recording(CertificateOptions.builder()
        .privateKey(SslVerifyTest.SERVER.privateKey()).certificate(SslVerifyTest.SERVER)
        .acceptableCiphers(serverOrder).build());
    CertificateOptions.Builder client = CertificateOptions.builder()
        .raiseMinimumTo(version).lowerMaximumSecurityTo(version).acceptableCiphers(clientOrder);
    SslVerifyTest.Conn k = SslVerifyTest.connect(SSL.optionsForClientTLS("example.com",
        SslVerifyTest.TRUST, null, List.of(), client), server);
    assertTrue(k.ok());
    return server.server.negotiatedCipherSuite();
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_basicSecurityOptionsAreSet */
  @Test
  public void serverCipherPreferenceWins() {
    String a128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    String a256 = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
    TLSVersion v12 = TLSVersion.TLSv1_2;
    assertEquals(negotiated(List.of(a128, a256), List.of(a256, a128), v12), a128);
    assertEquals(negotiated(List.of(a256, a128), List.of(a128, a256), v12), a256);
    String b128 = "TLS_AES_128_GCM_SHA256";
    String b256 = "TLS_AES_256_GCM_SHA384";
    TLSVersion v13 = TLSVersion.TLSv1_3;
    assertEquals(negotiated(List.of(b128, b256), List.of(b256, b128), v13), b128);
    assertEquals(negotiated(List.of(b256, b128), List.of(b128, b256), v13), b256);
  }

  static Path writeDhParams(DHGroup group) throws IOException {
    Path file = Files.createTempFile("dh", ".pem");
    file.toFile().deleteOnExit();
    byte[] der = new DHParameter(group.getP(), group.getG(), 0).getEncoded();
    Files.writeString(file, Certificate.pem("DH PARAMETERS", der));
    return file;
  }

  /** twisted.test.test_sslverify.DiffieHellmanParametersTests.test_fromFile */
  @Test
  public void fromFileLoadsTheGroupAndKeepsThePath() throws IOException {
    Path file = writeDhParams(DHStandardGroups.rfc3526_2048);
    DiffieHellmanParameters dh = DiffieHellmanParameters.fromFile(file);
    assertEquals(dh.dhFile(), file);
    assertEquals(dh.bitLength(), 2048);
    assertEquals(dh.group().getP(), DHStandardGroups.rfc3526_2048.getP());
    assertEquals(dh.group().getG(), DHStandardGroups.rfc3526_2048.getG());
  }

  /** Bad parameter files fail at once with a clear error. */
  @Test
  public void badDhFilesAreRefused() throws IOException {
    Path empty = Files.createTempFile("dh", ".pem");
    empty.toFile().deleteOnExit();
    expectThrows(IllegalArgumentException.class, () -> DiffieHellmanParameters.fromFile(empty));
    Files.writeString(empty, "-----BEGIN DH PARAMETERS-----\nAAAA\n-----END DH PARAMETERS-----\n");
    expectThrows(IllegalArgumentException.class, () -> DiffieHellmanParameters.fromFile(empty));
    Path small = writeDhParams(new DHGroup(BigInteger.valueOf(23), null, BigInteger.TWO, 0));
    expectThrows(IllegalArgumentException.class, () -> DiffieHellmanParameters.fromFile(small));
    expectThrows(IOException.class,
        () -> DiffieHellmanParameters.fromFile(empty.resolveSibling("no-such-dh-file.pem")));
  }

  /** A TLS 1.2 client that offers only one DHE suite and records the server's group. */
  static final class DheClient extends DefaultTlsClient {
    @Nullable DHGroup seen;

    DheClient() {
      super(Crypto.get());
    }

    @Override
    protected int[] getSupportedCipherSuites() {
      return new int[] {CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256};
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return ProtocolVersion.TLSv12.only();
    }

    @Override
    public TlsDHGroupVerifier getDHGroupVerifier() {
      return group -> {
        seen = group;
        return true;
      };
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new TlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate certificate) {}

        @Override
        public @Nullable TlsCredentials getClientCredentials(CertificateRequest request) {
          return null;
        }
      };
    }
  }

  static ITLSConnectionCreator clientOnly(TlsClient client) {
    return new ITLSConnectionCreator() {
      @Override
      public TlsClient clientConnectionForTLS(ISSLTransport t, @Nullable List<String> alpn) {
        return client;
      }

      @Override
      public TlsServer serverConnectionForTLS(ISSLTransport t, @Nullable List<String> alpn) {
        throw new UnsupportedOperationException();
      }
    };
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_dhParams */
  @Test
  public void dhParametersAreUsedForDheHandshakes() throws IOException {
    DiffieHellmanParameters dh = DiffieHellmanParameters.fromFile(
        writeDhParams(DHStandardGroups.rfc3526_2048));
    Recording server = new Recording(CertificateOptions.builder()
        .privateKey(RSA_SERVER.privateKey()).certificate(RSA_SERVER).dhParameters(dh).build());
    DheClient client = new DheClient();
    SslVerifyTest.Conn k = SslVerifyTest.connect(clientOnly(client), server);
    assertTrue(k.ok());
    assertEquals(server.server.negotiatedCipherSuite(), "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
    assertNotNull(client.seen);
    assertEquals(client.seen.getP(), DHStandardGroups.rfc3526_2048.getP());
  }

  /** Without parameters the strict default server offers no DHE suite at all. */
  @Test
  public void noDheWithoutDhParameters() {
    SslVerifyTest.Conn k = SslVerifyTest.connect(clientOnly(new DheClient()), RSA_SERVER.options());
    assertFalse(k.ok());
    assertTrue(k.c().closed());
  }

  /**
   * ChaCha20-Poly1305 runs on the JDK's cipher at TLS 1.3 and 1.2: both Finished messages and the
   * client's data are sealed with it and opened by the other end.
   */
  @Test
  public void chacha20Poly1305IsNegotiatedAndCarriesData() {
    String[][] cases = {
      {"TLS_CHACHA20_POLY1305_SHA256", "TLSv1_3"},
      {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLSv1_2"},
    };
    for (String[] c : cases) {
      assertTrue(CipherSuites.supportedNames().contains(c[0]), c[0]);
      Recording server = new Recording(CertificateOptions.builder()
          .privateKey(SslVerifyTest.SERVER.privateKey()).certificate(SslVerifyTest.SERVER)
          .acceptableCiphers(List.of(c[0])).build());
      TLSVersion v = TLSVersion.valueOf(c[1]);
      SslVerifyTest.Conn k = SslVerifyTest.connect(SSL.optionsForClientTLS("example.com",
          SslVerifyTest.TRUST, null, List.of(), CertificateOptions.builder().raiseMinimumTo(v)
              .lowerMaximumSecurityTo(v).acceptableCiphers(List.of(c[0]))), server);
      assertTrue(k.ok(), c[0]);
      assertEquals(server.server.negotiatedCipherSuite(), c[0]);
      assertEquals(new String(k.s().data(), java.nio.charset.StandardCharsets.US_ASCII), "ping");
    }
  }
}
