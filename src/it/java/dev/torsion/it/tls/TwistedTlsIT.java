package dev.torsion.it.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.ssl.Certificate;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.it.support.ReactorCase;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import dev.torsion.python.failure.Failure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Interop with Twisted 22.4 and pyOpenSSL ({@code /usr/bin/python3}): a Twisted TLS echo
 * server for a Torsion client, and a Twisted TLS client for a Torsion echo server, each with a
 * certificate Torsion generated and dumped as PEM. Each Python process is bounded and killed.
 */
public class TwistedTlsIT extends ReactorCase {
  static final PrivateCertificate CERT = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(1, DistinguishedName.of("CN", "localhost"));
  static final int SIZE = 1024 * 1024;

  static final String SERVER = String.join("\n",
      "import sys",
      "from twisted.internet import reactor, ssl, protocol",
      "class Echo(protocol.Protocol):",
      "    def dataReceived(self, data):",
      "        self.transport.write(data)",
      "cert = ssl.PrivateCertificate.loadPEM(open(sys.argv[1]).read())",
      "port = reactor.listenSSL(0, protocol.Factory.forProtocol(Echo), cert.options(),",
      "                         interface='127.0.0.1')",
      "print('PORT', port.getHost().port, flush=True)",
      "reactor.callLater(30, reactor.stop)",
      "reactor.run()", "");

  static final String CLIENT = String.join("\n",
      "import sys, hashlib",
      "from twisted.internet import reactor, ssl, protocol",
      "DATA = bytes(range(256)) * 4096",
      "class C(protocol.Protocol):",
      "    buf = b''",
      "    def connectionMade(self):",
      "        self.transport.write(DATA)",
      "    def dataReceived(self, d):",
      "        self.buf += d",
      "        if len(self.buf) == len(DATA):",
      "            print('ECHO', self.buf == DATA, flush=True)",
      "            self.transport.loseConnection()",
      "    def connectionLost(self, reason):",
      "        print('LOST', reason.type.__name__, flush=True)",
      "        reactor.stop()",
      "ca = ssl.Certificate.loadPEM(open(sys.argv[1]).read())",
      "opts = ssl.optionsForClientTLS('localhost', trustRoot=ca)",
      "reactor.connectSSL('127.0.0.1', int(sys.argv[2]), protocol.ClientFactory.forProtocol(C),",
      "                   opts)",
      "reactor.callLater(30, reactor.stop)",
      "reactor.run()", "");

  /** Runs a Python script, its output lines going to a queue. */
  static final class Python implements AutoCloseable {
    final Process process;
    final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Python(String script, String... args) throws IOException {
      Path file = Files.createTempFile("torsion-twisted", ".py");
      Files.writeString(file, script);
      List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/python3", file.toString()));
      cmd.addAll(List.of(args));
      process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      Thread t = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
            process.getInputStream(), US_ASCII))) {
          for (String l = r.readLine(); l != null; l = r.readLine()) {
            lines.add(l);
          }
        } catch (IOException e) {
          lines.add("IOError " + e);
        }
      }, "twisted-output");
      t.setDaemon(true);
      t.start();
    }

    /** The first line starting with {@code prefix}, waiting at most 20 s. */
    String expect(String prefix) throws InterruptedException {
      StringBuilder seen = new StringBuilder();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < end) {
        String l = lines.poll(100, TimeUnit.MILLISECONDS);
        if (l != null && l.startsWith(prefix)) {
          return l;
        }
        if (l != null) {
          seen.append(l).append('\n');
        }
      }
      throw new AssertionError("no line starting with " + prefix + "; output:\n" + seen);
    }

    @Override
    public void close() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  static Path pem(String text) throws IOException {
    Path p = Files.createTempFile("torsion-cert", ".pem");
    Files.writeString(p, text);
    return p;
  }

  /** Counts and digests what comes back, closing when all of it has. */
  static final class Sender extends Protocol {
    final byte[] data;
    final MessageDigest digest;
    final Deferred<Void> lost = new Deferred<>();
    long received;
    @Nullable Failure reason;

    Sender(byte[] data) throws Exception {
      this.data = data;
      this.digest = MessageDigest.getInstance("SHA-256");
    }

    @Override
    public void connectionMade() {
      transport().write(data.clone());
    }

    @Override
    public void dataReceived(byte[] bytes) {
      digest.update(bytes);
      received += bytes.length;
      if (received == data.length) {
        transport().loseConnection();
      }
    }

    @Override
    public void connectionLost(Failure why) {
      reason = why;
      lost.callback(null);
    }
  }

  /** A Torsion client sends 1 MiB through a Twisted (pyOpenSSL) TLS echo server. */
  @Test
  public void torsionClientTwistedServer() throws Exception {
    byte[] data = new byte[SIZE];
    new Random(3).nextBytes(data);
    Sender s = new Sender(data);
    try (Python py = new Python(SERVER, pem(CERT.dumpPEM()).toString())) {
      int port = Integer.parseInt(py.expect("PORT ").substring(5).trim());
      await(() -> {
        reactor.connectTCP("127.0.0.1", port, new TLSMemoryBIOFactory(
            SSL.optionsForClientTLS("localhost", SSL.trustRootFromCertificates(List.of(CERT))),
            true, Factory.forProtocol(() -> s, ClientFactory::new), reactor));
        return s.lost;
      });
    }
    assertEquals(s.received, SIZE);
    assertEquals(s.digest.digest(), MessageDigest.getInstance("SHA-256").digest(data));
    assertTrue(s.reason.check(ConnectionDone.class) != null, "" + s.reason);
  }

  /** Echoes. */
  static final class Echo extends Protocol {
    final Deferred<Void> lost = new Deferred<>();
    @Nullable Failure reason;

    @Override
    public void dataReceived(byte[] data) {
      transport().write(data);
    }

    @Override
    public void connectionLost(Failure why) {
      reason = why;
      lost.callback(null);
    }
  }

  /** A Twisted client (optionsForClientTLS, service_identity) against a Torsion echo server. */
  @Test
  public void twistedClientTorsionServer() throws Exception {
    Echo e = new Echo();
    Path ca = pem(Certificate.fromX509(CERT.original()).dumpPEM());
    Python[] py = new Python[1];
    try {
      await(() -> {
        IListeningPort port = reactor.listenTCP(0, new TLSMemoryBIOFactory(CERT.options(), false,
            Factory.forProtocol(() -> e), reactor), "127.0.0.1");
        try {
          py[0] = new Python(CLIENT, ca.toString(),
              Integer.toString(((IPv4Address) port.getHost()).port()));
        } catch (IOException x) {
          throw new IllegalStateException(x);
        }
        return e.lost.addCallbackDeferred(x -> port.stopListening());
      });
      assertEquals(CompletableFuture.supplyAsync(() -> {
        try {
          return py[0].expect("ECHO ");
        } catch (InterruptedException x) {
          return "interrupted";
        }
      }).get(25, TimeUnit.SECONDS), "ECHO True");
      assertEquals(py[0].expect("LOST "), "LOST ConnectionDone");
      assertTrue(e.reason.check(ConnectionDone.class) != null, "" + e.reason);
    } finally {
      if (py[0] != null) {
        py[0].close();
      }
    }
  }
}
