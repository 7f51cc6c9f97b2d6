package dev.torsion.application.runner.plugins;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.application.StreamServerEndpointService;
import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.endpoints.SSL4ServerEndpoint;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.internet.ssl.Certificate;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.internet.ssl.VerificationError;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.internet.testing.IOPump;
import dev.torsion.internet.testing.IOSim;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import dev.torsion.protocols.tls.TLSMemoryBIOProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;
import picocli.CommandLine;

/**
 * The plugins' {@code --listen} with TLS: {@code --self-signed} serves the certificate it
 * prints (checked by a verifying TLS client over an in-memory connection), and key files that
 * cannot be used are one-line {@link IllegalArgumentException}s, which the runner reports as
 * usage errors.
 */
public class ListeningTest {
  private static final IPv4Address PEER = new IPv4Address("TCP", "127.0.0.1", 40000);

  private final List<Reactor> built = new ArrayList<>();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final EchoPlugin echo = new EchoPlugin(
      new PrintStream(printed, true, StandardCharsets.UTF_8));

  @BeforeMethod
  public void clearOutput() {
    printed.reset();
  }

  private Reactor reactor() {
    Reactor r = Reactors.provider("nio").create();
    built.add(r);
    return r;
  }

  @AfterMethod(alwaysRun = true)
  public void releaseReactors() {
    for (Reactor r : built) {
      ((LoopCore) r).backend().close();
    }
    built.clear();
  }

  private StreamServerEndpointService echo(String... args) {
    EchoPlugin.Options o = echo.options();
    new CommandLine(o).parseArgs(args);
    return (StreamServerEndpointService) echo.makeService(reactor(), o);
  }

  private String listenError(String... args) {
    String m = expectThrows(IllegalArgumentException.class, () -> echo(args)).getMessage();
    assertFalse(m.contains("\n"), "one line: " + m);
    return m;
  }

  /** A verifying client of {@code service}, in memory, for {@code host}, trusting {@code ca}. */
  private static AccumulatingProtocol talk(StreamServerEndpointService service, String host,
      Certificate ca, String message) {
    SSL4ServerEndpoint endpoint = (SSL4ServerEndpoint) ((Listening) service.endpoint())
        .endpoint();
    Clock clock = new Clock();
    AccumulatingProtocol app = new AccumulatingProtocol();
    TLSMemoryBIOProtocol client = new TLSMemoryBIOFactory(SSL.optionsForClientTLS(host,
        SSL.trustRootFromCertificates(List.of(ca))), true, Factory.forProtocol(() -> app),
        clock).buildProtocol(PEER);
    TLSMemoryBIOProtocol server = new TLSMemoryBIOFactory(endpoint.sslContextFactory(), false,
        service.factory(), clock).buildProtocol(PEER);
    IOPump pump = IOSim.connect(server, IOSim.makeFakeServer(server), client,
        IOSim.makeFakeClient(client), false, null);
    app.transport().write(message.getBytes(US_ASCII));
    pump.flush();
    if (!app.closed()) {
      assertNotNull(client.getPeerCertificate(), "handshake done");
      assertEquals(Certificate.fromX509(client.getPeerCertificate()), ca);
    }
    return app;
  }

  @Test
  public void selfSignedServesTheCertificateWhoseFingerprintItPrints() {
    StreamServerEndpointService service = echo("--listen", "ssl:0:interface=127.0.0.1",
        "--self-signed");
    SSL4ServerEndpoint endpoint = (SSL4ServerEndpoint) ((Listening) service.endpoint())
        .endpoint();
    assertEquals(endpoint.port(), 0);
    assertEquals(endpoint.iface(), "127.0.0.1");
    String out = printed.toString(StandardCharsets.UTF_8);
    String[] lines = out.split("\n");
    assertTrue(lines[0].startsWith("sha256 Fingerprint="), out);
    assertEquals(lines[1], "-----BEGIN CERTIFICATE-----", out);
    assertFalse(out.contains("PRIVATE KEY"), "the key stays in memory");
    // The whole output, fingerprint line included, reads as the certificate: what
    // "twist ... --self-signed > demo.pem" leaves is a trust file.
    Certificate ca = Certificate.loadPEM(out);
    assertEquals(DemoCertificate.fingerprintLine(ca), lines[0]);
    for (String host : List.of("localhost", "127.0.0.1", "::1")) {
      AccumulatingProtocol app = talk(service, host, ca, "hello " + host);
      assertEquals(new String(app.data(), US_ASCII), "hello " + host, "echoed for " + host);
      assertFalse(app.closed(), host);
    }
  }

  @Test
  public void theSelfSignedCertificateIsForLocalNamesOnly() {
    StreamServerEndpointService service = echo("--listen", "ssl:0", "--self-signed");
    Certificate ca = Certificate.loadPEM(printed.toString(StandardCharsets.UTF_8));
    AccumulatingProtocol app = talk(service, "example.com", ca, "hello");
    assertTrue(app.closed(), "the client refuses it");
    assertNotNull(app.closedReason().check(VerificationError.class),
        String.valueOf(app.closedReason()));
    assertEquals(app.data().length, 0);
  }

  @Test
  public void eachServiceMakesItsOwnCertificate() {
    echo("--listen", "ssl:0", "--self-signed");
    String first = printed.toString(StandardCharsets.UTF_8);
    printed.reset();
    echo("--listen", "ssl:0", "--self-signed");
    assertFalse(first.equals(printed.toString(StandardCharsets.UTF_8)));
  }

  @Test
  public void selfSignedWithoutAnSslEndpointIsRefusedBeforeMakingAKey() {
    String m = listenError("--self-signed");
    assertTrue(m.contains("--self-signed needs an ssl: endpoint"), m);
    assertTrue(m.contains("'tcp:8000'"), m);
    assertTrue(listenError("--listen", "ssl:0:privateKey=k.pem", "--self-signed")
        .contains("names key files"));
    assertEquals(printed.size(), 0, "nothing generated, nothing printed");
  }

  @Test
  public void aMissingKeyFileIsNamed() {
    String m = listenError("--listen", "ssl:0:privateKey=/nonexistent/torsion-key.pem");
    assertTrue(m.startsWith("bad endpoint description 'ssl:0:privateKey="), m);
    assertTrue(m.contains("cannot read '/nonexistent/torsion-key.pem'"), m);
    assertFalse(m.contains("--self-signed"), "a key was given: no demo hint");
  }

  @Test
  public void noKeyGivenSuggestsSelfSigned() {
    // Without privateKey the ssl: parser reads server.pem from the working directory.
    assertFalse(Files.exists(Path.of("server.pem")), "test assumes no ./server.pem");
    String m = listenError("--listen", "ssl:0");
    assertTrue(m.contains("server.pem"), m);
    assertTrue(m.contains("--self-signed makes a certificate"), m);
  }

  @Test
  public void anUnreadablePemIsAUsageErrorNotACrash() throws IOException {
    Path dir = Files.createTempDirectory("torsion-listen");
    try {
      Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a PEM file\n");
      String m = listenError("--listen", "ssl:0:privateKey=" + garbage);
      assertEquals(m, "bad endpoint description 'ssl:0:privateKey=" + garbage
          + "': no certificate in the PEM text");
      PrivateCertificate a = KeyPair.generate(KeyPair.Type.EC, 256).selfSignedCert(1,
          DistinguishedName.of("CN", "a"));
      Path cert = Files.writeString(dir.resolve("cert.pem"), a.dumpPEM());
      Path otherKey = Files.writeString(dir.resolve("key.pem"),
          KeyPair.generate(KeyPair.Type.EC, 256).dumpPEM());
      String mismatch = listenError("--listen",
          "ssl:0:privateKey=" + otherKey + ":certKey=" + cert);
      assertTrue(mismatch.contains("does not match"), mismatch);
      Path noKey = Files.writeString(dir.resolve("nokey.pem"),
          Certificate.fromX509(a.original()).dumpPEM());
      assertTrue(listenError("--listen", "ssl:0:privateKey=" + noKey)
          .endsWith("no private key in the PEM text"));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}
