package dev.torsion.it.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.it.support.ReactorCase;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import dev.torsion.protocols.tls.TLSMemoryBIOProtocol;
import dev.torsion.python.failure.Failure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Interop with a TLS server no one here wrote: {@code openssl s_server -rev} (it answers each
 * line reversed), serving a certificate and key Torsion generated and dumped as PEM.
 */
public class OpenSslServerIT extends ReactorCase {
  static final PrivateCertificate CERT = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(1, DistinguishedName.of("CN", "localhost"));

  /** Sends one line after the handshake, closes once the reversed line is back. */
  static final class Asker extends Protocol implements IHandshakeListener {
    final Deferred<Void> lost = new Deferred<>();
    final StringBuilder received = new StringBuilder();
    @Nullable String version;
    @Nullable Failure reason;

    @Override
    public void handshakeCompleted() {
      version = ((TLSMemoryBIOProtocol) transport()).negotiatedVersion();
      transport().write("torsion\n".getBytes(US_ASCII));
    }

    @Override
    public void dataReceived(byte[] data) {
      received.append(new String(data, US_ASCII));
      if (received.indexOf("noisrot") >= 0) {
        transport().loseConnection();
      }
    }

    @Override
    public void connectionLost(Failure why) {
      reason = why;
      lost.callback(null);
    }
  }

  private Asker ask(String version) throws Exception {
    Path pem = Files.createTempFile("torsion-s_server", ".pem");
    Files.writeString(pem, CERT.dumpPEM());
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl", "s_server", "-accept",
        "127.0.0.1:0", "-cert", pem.toString(), "-key", pem.toString(), "-naccept", "1",
        "-rev", version));
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(proc.getInputStream(),
          US_ASCII));
      int port = CompletableFuture.supplyAsync(() -> {
        try {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("ACCEPT ")) {
              return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
            }
          }
          return -1;
        } catch (IOException e) {
          return -1;
        }
      }).get(10, TimeUnit.SECONDS);
      assertTrue(port > 0, "s_server did not say where it listens");
      Thread drain = new Thread(() -> {
        try {
          while (out.readLine() != null) {
            // discard the server's chatter so it never blocks on a full pipe
          }
        } catch (IOException e) {
          // the process ended
        }
      }, "openssl-s_server-output");
      drain.setDaemon(true);
      drain.start();
      Asker a = new Asker();
      await(() -> {
        TLSMemoryBIOFactory f = new TLSMemoryBIOFactory(SSL.optionsForClientTLS("localhost",
            SSL.trustRootFromCertificates(List.of(CERT))), true,
            Factory.forProtocol(() -> a, ClientFactory::new), reactor);
        f.setCloseTimeout(2);
        reactor.connectTCP("127.0.0.1", port, f);
        return a.lost;
      });
      return a;
    } finally {
      proc.destroyForcibly();
      proc.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Torsion's client against openssl s_server, TLS 1.3, verifying a Torsion-made PEM. */
  @Test
  public void sServerTls13() throws Exception {
    Asker a = ask("-tls1_3");
    assertEquals(a.version, "TLSv1.3");
    assertTrue(a.received.toString().contains("noisrot"), a.received.toString());
    assertTrue(a.reason != null, "closed");
  }

  /** The same over TLS 1.2. */
  @Test
  public void sServerTls12() throws Exception {
    Asker a = ask("-tls1_2");
    assertEquals(a.version, "TLSv1.2");
    assertTrue(a.received.toString().contains("noisrot"), a.received.toString());
  }
}
