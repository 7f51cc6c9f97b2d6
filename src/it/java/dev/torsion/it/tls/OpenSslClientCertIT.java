package dev.torsion.it.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ISSLTransport;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.ssl.Certificate;
import dev.torsion.internet.ssl.CertificateOptions;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.internet.ssl.VerificationError;
import dev.torsion.it.support.ReactorCase;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import dev.torsion.python.failure.Failure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Client certificates with peers no one here wrote, TLS 1.2 and 1.3: a Torsion server that
 * requires and verifies one, against {@code openssl s_client -cert}; a Torsion client that
 * presents one, against {@code openssl s_server -Verify}. A missing or untrusted client
 * certificate must fail the handshake cleanly: a Failure, other than a clean close, reaching
 * {@code connectionLost} once, and both processes gone within the bound.
 */
public class OpenSslClientCertIT extends ReactorCase {
  static final PrivateCertificate CA = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(1, DistinguishedName.of("CN", "Torsion Test CA"));
  static final PrivateCertificate SERVER = issue(CA, "localhost", 2);
  static final PrivateCertificate CLIENT = issue(CA, "torsion-client", 3);
  static final PrivateCertificate STRANGER = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(4, DistinguishedName.of("CN", "stranger-client"));

  static PrivateCertificate issue(PrivateCertificate ca, String cn, long serial) {
    KeyPair key = KeyPair.generate(KeyPair.Type.EC, 256);
    byte[] csr = key.certificateRequest(DistinguishedName.of("CN", cn));
    return PrivateCertificate.fromCertificateAndKeyPair(
        ca.signCertificateRequest(csr, dn -> true, serial), key);
  }

  /** Either end's application: records the handshake, the peer's certificate and the end. */
  static final class App extends Protocol implements IHandshakeListener {
    final Deferred<Void> lost = new Deferred<>();
    final StringBuilder received = new StringBuilder();
    final boolean isServer;
    int lostCalls;
    boolean handshake;
    @Nullable X509Certificate peer;
    @Nullable Failure reason;

    App(boolean isServer) {
      this.isServer = isServer;
    }

    @Override
    public void handshakeCompleted() {
      handshake = true;
      peer = ((ISSLTransport) transport()).getPeerCertificate();
      if (!isServer) {
        transport().write("torsion\n".getBytes(US_ASCII));
      }
    }

    @Override
    public void dataReceived(byte[] data) {
      received.append(new String(data, US_ASCII));
      boolean line = received.indexOf("\n") >= 0;
      if (isServer && line) {
        String cn = peer == null ? "none" : peer.getSubjectX500Principal().getName();
        transport().write(("hello " + cn + "\n").getBytes(US_ASCII));
        transport().loseConnection();
      } else if (!isServer && received.indexOf("noisrot") >= 0) {
        transport().loseConnection();
      }
    }

    @Override
    public void connectionLost(Failure why) {
      lostCalls++;
      reason = why;
      if (lostCalls == 1) {
        lost.callback(null);
      }
    }
  }

  private static Path pem(String name, String text) throws IOException {
    Path p = Files.createTempFile("torsion-" + name, ".pem");
    p.toFile().deleteOnExit();
    Files.writeString(p, text);
    return p;
  }

  private static String certPem(PrivateCertificate c) {
    return Certificate.fromX509(c.original()).dumpPEM();
  }

  // ---- Torsion server, openssl s_client -cert ----

  /** Runs s_client against a Torsion server that requires a client certificate. */
  private String sClient(String version, @Nullable PrivateCertificate presented, App server)
      throws Exception {
    Path ca = pem("ca", certPem(CA));
    Path out = Files.createTempFile("torsion-s_client", ".txt");
    CertificateOptions opts = CertificateOptions.builder().privateKey(SERVER.privateKey())
        .certificate(SERVER).trustRoot(SSL.trustRootFromCertificates(List.of(CA)))
        .requireCertificate(true).build();
    Process[] proc = new Process[1];
    try {
      await(() -> {
        IListeningPort port = reactor.listenTCP(0, new TLSMemoryBIOFactory(opts, false,
            Factory.forProtocol(() -> server), reactor), "127.0.0.1");
        int p = ((IPv4Address) port.getHost()).port();
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl", "s_client",
            "-connect", "127.0.0.1:" + p, "-servername", "localhost", "-CAfile", ca.toString(),
            "-verify_return_error", "-ign_eof", version));
        if (presented != null) {
          try {
            Path key = pem("client", presented.dumpPEM());
            cmd.addAll(List.of("-cert", key.toString(), "-key", key.toString()));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
        Deferred<Void> exited = new Deferred<>();
        Thread waiter = new Thread(() -> {
          try {
            proc[0] = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
            proc[0].getOutputStream().write("client-says-hi\n".getBytes(US_ASCII));
            proc[0].getOutputStream().flush();
            boolean done = proc[0].waitFor(15, TimeUnit.SECONDS);
            if (!done) {
              proc[0].destroyForcibly();
            }
            reactor.callFromThread(() -> exited.callback(null));
          } catch (IOException | InterruptedException e) {
            reactor.callFromThread(() -> exited.errback(new Failure(e)));
          }
        }, "openssl-s_client");
        waiter.setDaemon(true);
        waiter.start();
        return exited.addCallbackDeferred(x -> server.lost)
            .addCallbackDeferred(x -> port.stopListening());
      });
    } finally {
      if (proc[0] != null) {
        proc[0].destroyForcibly();
      }
    }
    String text = Files.readString(out);
    Files.deleteIfExists(out);
    return text;
  }

  private void assertServerAccepted(String version, String negotiated) throws Exception {
    App server = new App(true);
    String text = sClient(version, CLIENT, server);
    assertTrue(server.handshake, text);
    assertNotNull(server.peer, text);
    assertEquals(server.peer.getSubjectX500Principal().getName(), "CN=torsion-client");
    assertTrue(text.contains("hello CN=torsion-client"), text);
    assertTrue(text.contains(negotiated), text);
    assertEquals(server.lostCalls, 1);
    assertNotNull(server.reason.check(ConnectionDone.class), "" + server.reason);
  }

  /** The failure must be {@code type}, and name {@code alert} (such as "unknown_ca(48)"). */
  private static void assertFailure(@Nullable Failure reason, Class<? extends Throwable> type,
      @Nullable String alert, String context) {
    assertNotNull(reason, context);
    assertNotNull(reason.check(type), "expected " + type.getSimpleName() + ": " + reason
        + "\n" + context);
    assertTrue(alert == null || reason.value().toString().contains(alert),
        "expected alert " + alert + ": " + reason + "\n" + context);
  }

  private void assertServerRefused(String version, @Nullable PrivateCertificate presented,
      Class<? extends Throwable> type, @Nullable String alert) throws Exception {
    App server = new App(true);
    String text = sClient(version, presented, server);
    assertEquals(server.lostCalls, 1, text);
    assertFailure(server.reason, type, alert, text);
    assertTrue(!text.contains("hello CN="), "no application data went out:\n" + text);
  }

  /** A Torsion server verifies openssl's client certificate over TLS 1.3. */
  @Test
  public void serverVerifiesClientCertificateTls13() throws Exception {
    assertServerAccepted("-tls1_3", "TLSv1.3");
  }

  /** The same over TLS 1.2. */
  @Test
  public void serverVerifiesClientCertificateTls12() throws Exception {
    assertServerAccepted("-tls1_2", "TLSv1.2");
  }

  /** A client with no certificate is refused, TLS 1.3 (the check comes after its Finished). */
  @Test
  public void serverRefusesMissingClientCertificateTls13() throws Exception {
    assertServerRefused("-tls1_3", null, TlsFatalAlert.class, "certificate_required(116)");
  }

  /** A client with no certificate is refused, TLS 1.2. */
  @Test
  public void serverRefusesMissingClientCertificateTls12() throws Exception {
    assertServerRefused("-tls1_2", null, TlsFatalAlert.class, "handshake_failure(40)");
  }

  /** A client certificate no trusted authority signed is refused, TLS 1.3. */
  @Test
  public void serverRefusesUntrustedClientCertificateTls13() throws Exception {
    assertServerRefused("-tls1_3", STRANGER, VerificationError.class, null);
  }

  /** A client certificate no trusted authority signed is refused, TLS 1.2. */
  @Test
  public void serverRefusesUntrustedClientCertificateTls12() throws Exception {
    assertServerRefused("-tls1_2", STRANGER, VerificationError.class, null);
  }

  // ---- Torsion client, openssl s_server -Verify ----

  /** Connects a Torsion client presenting {@code presented} to s_server -Verify. */
  private String sServer(String version, @Nullable PrivateCertificate presented, App client)
      throws Exception {
    Path key = pem("server", SERVER.dumpPEM());
    Path ca = pem("ca", certPem(CA));
    List<String> cmd = List.of("/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:0",
        "-cert", key.toString(), "-key", key.toString(), "-CAfile", ca.toString(),
        "-Verify", "1", "-verify_return_error", "-naccept", "1", "-rev", version);
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StringBuffer text = new StringBuffer();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(proc.getInputStream(),
          US_ASCII));
      int port = CompletableFuture.supplyAsync(() -> {
        try {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            text.append(line).append('\n');
            if (line.startsWith("ACCEPT ")) {
              return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
            }
          }
          return -1;
        } catch (IOException e) {
          return -1;
        }
      }).get(10, TimeUnit.SECONDS);
      assertTrue(port > 0, "s_server did not say where it listens: " + text);
      Thread drain = new Thread(() -> {
        try {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            text.append(line).append('\n');
          }
        } catch (IOException e) {
          // the process ended
        }
      }, "openssl-s_server-output");
      drain.setDaemon(true);
      drain.start();
      await(() -> {
        TLSMemoryBIOFactory f = new TLSMemoryBIOFactory(SSL.optionsForClientTLS("localhost",
            SSL.trustRootFromCertificates(List.of(CA)), presented, List.of(), null), true,
            Factory.forProtocol(() -> client, ClientFactory::new), reactor);
        f.setCloseTimeout(2);
        reactor.connectTCP("127.0.0.1", port, f);
        return client.lost;
      });
      proc.waitFor(5, TimeUnit.SECONDS);
      drain.join(5000);
      return text.toString();
    } finally {
      proc.destroyForcibly();
      proc.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** openssl s_server verifies a Torsion client's certificate, TLS 1.3. */
  @Test
  public void clientCertificateVerifiedByOpensslTls13() throws Exception {
    App c = new App(false);
    String text = sServer("-tls1_3", CLIENT, c);
    assertTrue(c.received.toString().contains("noisrot"), c.received + "\n" + text);
    assertTrue(text.contains("CN = torsion-client"), text);
    assertEquals(c.lostCalls, 1);
  }

  /** The same over TLS 1.2. */
  @Test
  public void clientCertificateVerifiedByOpensslTls12() throws Exception {
    App c = new App(false);
    String text = sServer("-tls1_2", CLIENT, c);
    assertTrue(c.received.toString().contains("noisrot"), c.received + "\n" + text);
    assertTrue(text.contains("CN = torsion-client"), text);
    assertEquals(c.lostCalls, 1);
  }

  private void assertClientRefused(String version, @Nullable PrivateCertificate presented,
      String alert) throws Exception {
    App c = new App(false);
    String text = sServer(version, presented, c);
    assertEquals(c.lostCalls, 1, text);
    assertFailure(c.reason, TlsFatalAlertReceived.class, alert, text);
    assertTrue(!c.received.toString().contains("noisrot"), text);
  }

  /** A Torsion client without a certificate is refused by s_server -Verify, TLS 1.3. */
  @Test
  public void missingClientCertificateRefusedByOpensslTls13() throws Exception {
    assertClientRefused("-tls1_3", null, "certificate_required(116)");
  }

  /** A Torsion client without a certificate is refused by s_server -Verify, TLS 1.2. */
  @Test
  public void missingClientCertificateRefusedByOpensslTls12() throws Exception {
    assertClientRefused("-tls1_2", null, "handshake_failure(40)");
  }

  /** A Torsion client certificate s_server does not trust is refused, TLS 1.3. */
  @Test
  public void untrustedClientCertificateRefusedByOpensslTls13() throws Exception {
    assertClientRefused("-tls1_3", STRANGER, "unknown_ca(48)");
  }

  /** A Torsion client certificate s_server does not trust is refused, TLS 1.2. */
  @Test
  public void untrustedClientCertificateRefusedByOpensslTls12() throws Exception {
    assertClientRefused("-tls1_2", STRANGER, "unknown_ca(48)");
  }
}
