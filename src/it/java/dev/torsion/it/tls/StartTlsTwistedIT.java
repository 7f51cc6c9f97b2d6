package dev.torsion.it.tls;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.ssl.Certificate;
import dev.torsion.it.tls.TwistedTlsIT.Python;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.testng.annotations.Test;

/**
 * STARTTLS with Twisted 22.4 and pyOpenSSL ({@code src/it/python/starttls_peer.py}), both ways:
 * a Twisted line protocol switches with {@code transport.startTLS} while Torsion's does with
 * {@code ITLSTransport.startTLS}, then 10 MiB go each way, compared by SHA-256 on both sides.
 * Each Python process ends on its own after its lifetime, and is killed after the test.
 */
public class StartTlsTwistedIT extends StartTlsCase {
  private static final String SIZE = Integer.toString(MIB10);

  static String script() throws IOException {
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    return Files.readString(base.resolve("src/it/python/starttls_peer.py"));
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  /** A Torsion client says STARTTLS to a Twisted server; 10 MiB each way after the switch. */
  @Test
  public void torsionClientTwistedServer() throws Exception {
    byte[] up = TlsIT.random(21);
    Switcher c = new Switcher(true, clientOptions(), up, MIB10);
    try (Python py = new Python(script(), "server", TwistedTlsIT.pem(CERT.dumpPEM()).toString(),
        SIZE)) {
      int port = Integer.parseInt(py.expect("PORT ").substring(5).trim());
      awaitLong(() -> {
        reactor.connectTCP("127.0.0.1", port, Factory.forProtocol(() -> c, ClientFactory::new));
        return c.lost;
      });
      String sent = py.expect("SENT ").substring(5).trim();
      String received = py.expect("RECEIVED ").substring(9).trim();
      assertEquals(py.expect("LOST "), "LOST ConnectionDone");
      assertEquals(hex(c.in.digest.digest()), sent, "what Twisted sent is what Torsion read");
      assertEquals(received, MIB10 + " " + hex(sha256().digest(up)));
    }
    assertEquals(c.in.received, MIB10);
    assertNotNull(c.reason.check(ConnectionDone.class), "" + c.reason);
  }

  /** A Twisted client says STARTTLS to a Torsion server; 10 MiB each way after the switch. */
  @Test
  public void twistedClientTorsionServer() throws Exception {
    byte[] down = TlsIT.random(22);
    Switcher s = new Switcher(false, CERT.options(), down, MIB10);
    Path ca = TwistedTlsIT.pem(Certificate.fromX509(CERT.original()).dumpPEM());
    String text = script();
    Python[] py = new Python[1];
    try {
      awaitLong(() -> {
        IListeningPort port = reactor.listenTCP(0, Factory.forProtocol(() -> s), "127.0.0.1");
        try {
          py[0] = new Python(text, "client", ca.toString(), Integer.toString(port(port)), SIZE);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return s.lost.addCallbackDeferred(x -> port.stopListening());
      });
      String sent = py[0].expect("SENT ").substring(5).trim();
      String received = py[0].expect("RECEIVED ").substring(9).trim();
      assertEquals(py[0].expect("LOST "), "LOST ConnectionDone");
      assertEquals(hex(s.in.digest.digest()), sent, "what Twisted sent is what Torsion read");
      assertEquals(received, MIB10 + " " + hex(sha256().digest(down)));
    } finally {
      if (py[0] != null) {
        py[0].close();
      }
    }
    assertEquals(s.in.received, MIB10);
    assertNotNull(s.reason.check(ConnectionDone.class), "" + s.reason);
  }
}
