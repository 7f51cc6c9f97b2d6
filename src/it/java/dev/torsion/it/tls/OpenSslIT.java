package dev.torsion.it.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.INegotiated;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.ssl.CertificateOptions;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.it.support.ReactorCase;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** Interop with a TLS client no one here wrote: {@code openssl s_client}. Bounded in time. */
public class OpenSslIT extends ReactorCase {
  static final PrivateCertificate CERT = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(1, DistinguishedName.of("CN", "localhost"));

  /** Answers the client's first line with the ALPN protocol, then closes. */
  static final class Greeter extends Protocol implements IHandshakeListener {
    final Deferred<Void> lost = new Deferred<>();
    final StringBuilder received = new StringBuilder();
    @Nullable Failure reason;

    boolean handshake;

    @Override
    public void handshakeCompleted() {
      handshake = true;
    }

    @Override
    public void dataReceived(byte[] data) {
      received.append(new String(data, US_ASCII));
      if (received.indexOf("\n") >= 0 && !disconnecting) {
        disconnecting = true;
        String alpn = ((INegotiated) transport()).negotiatedProtocol();
        transport().write(("torsion-says-hello alpn=" + alpn + "\n").getBytes(US_ASCII));
        transport().loseConnection();
      }
    }

    private boolean disconnecting;

    @Override
    public void connectionLost(Failure why) {
      reason = why;
      lost.callback(null);
    }
  }

  private String sClient(String version, List<String> extra) throws IOException {
    Path dir = Files.createTempDirectory("torsion-openssl");
    Path ca = dir.resolve("ca.pem");
    Path out = dir.resolve("out.txt");
    Files.writeString(ca, dev.torsion.internet.ssl.Certificate.fromX509(CERT.original())
        .dumpPEM());
    Greeter g = new Greeter();
    CertificateOptions opts = CertificateOptions.builder().privateKey(CERT.privateKey())
        .certificate(CERT).acceptableProtocols(List.of("h2", "http/1.1")).build();
    Process[] proc = new Process[1];
    try {
      await(() -> {
        IListeningPort port = reactor.listenTCP(0,
            new TLSMemoryBIOFactory(opts, false, Factory.forProtocol(() -> g), reactor),
            "127.0.0.1");
        int p = ((IPv4Address) port.getHost()).port();
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl", "s_client",
            "-connect", "127.0.0.1:" + p, "-servername", "localhost", "-CAfile", ca.toString(),
            "-verify_return_error", "-ign_eof", version));
        cmd.addAll(extra);
        Deferred<Void> exited = new Deferred<>();
        Thread waiter = new Thread(() -> {
          try {
            proc[0] = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            proc[0].getOutputStream().write("client-says-hi\n".getBytes(US_ASCII));
            proc[0].getOutputStream().flush();
            boolean done = proc[0].waitFor(15, TimeUnit.SECONDS);
            reactor.callFromThread(() -> exited.callback(null));
            if (!done) {
              proc[0].destroyForcibly();
            }
          } catch (IOException | InterruptedException e) {
            reactor.callFromThread(() -> exited.errback(new Failure(e)));
          }
        }, "openssl-s_client");
        waiter.setDaemon(true);
        waiter.start();
        return exited.addCallbackDeferred(x -> g.lost).addCallbackDeferred(
            x -> port.stopListening());
      });
    } finally {
      if (proc[0] != null) {
        proc[0].destroyForcibly();
      }
    }
    String text = Files.readString(out);
    assertTrue(g.handshake, text);
    assertTrue(g.reason != null && g.reason.check(ConnectionDone.class) != null,
        "" + g.reason + "\n" + text);
    assertEquals(g.received.toString(), "client-says-hi\n", text);
    return text;
  }

  /** openssl s_client over TLS 1.3 with ALPN: verified, greeted, closed cleanly. */
  @Test
  public void sClientTls13WithAlpn() throws IOException {
    String text = sClient("-tls1_3", List.of("-alpn", "h2"));
    assertTrue(text.contains("torsion-says-hello alpn=h2"), text);
    assertTrue(text.contains("Verify return code: 0 (ok)"), text);
    assertTrue(text.contains("TLSv1.3"), text);
  }

  /** openssl s_client over TLS 1.2. */
  @Test
  public void sClientTls12() throws IOException {
    String text = sClient("-tls1_2", List.of());
    assertTrue(text.contains("torsion-says-hello alpn=null"), text);
    assertTrue(text.contains("Verify return code: 0 (ok)"), text);
    assertTrue(text.contains("TLSv1.2"), text);
  }
}
