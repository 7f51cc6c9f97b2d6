package dev.torsion.it.runner;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.ssl.Certificate;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.it.ReactorBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.testng.annotations.Test;

/**
 * {@code twist} plugins on TLS endpoints in child JVMs on the reactor under test, against
 * clients no one here wrote: the JDK's {@link SSLSocket} (verifying host name and chain, or
 * pinning the printed fingerprint) and {@code openssl s_client}. Every wait is bounded.
 */
public class TwistTlsIT extends ReactorBuilder {
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration STOP = Duration.ofSeconds(20);
  private static final int TIMEOUT_MS = 30_000;
  private static final Pattern FINGERPRINT =
      Pattern.compile("sha256 Fingerprint=((?:[0-9A-F]{2}:){31}[0-9A-F]{2})");

  /**
   * {@code --self-signed}: openssl sees a certificate whose fingerprint line is, character for
   * character, the one twist printed and logged; a client pinning that fingerprint gets its
   * bytes echoed; the printed PEM is that certificate, for localhost.
   */
  @Test
  public void selfSignedEchoPresentsThePrintedFingerprint() throws Exception {
    buildReactor(); // skips, with its reason, a reactor this machine cannot run
    String logged;
    try (TwistProcess echo = TwistProcess.start("--reactor", reactorName(), "echo",
        "--listen", "ssl:0:interface=127.0.0.1", "--self-signed")) {
      int port = echo.awaitPort(START);
      // Logged (WARN) before "listening on", so it is already read.
      String warning = echo.stderrLines().stream().filter(l -> l.contains("SELF-SIGNED"))
          .findFirst().orElseThrow(() -> new AssertionError("no warning:\n" + echo.stderr()));
      assertTrue(warning.contains("#warn]"), warning);
      Matcher m = FINGERPRINT.matcher(warning);
      assertTrue(m.find(), warning);
      logged = m.group();
      assertEquals(openSslFingerprint(port), logged);
      try (SSLSocket s = connect(port, pinning(m.group(1)), false)) {
        assertEchoes(s, 256 * 1024);
        assertEquals(s.getSession().getProtocol(), "TLSv1.3");
      }
      echo.terminate();
      assertEquals(echo.waitFor(STOP), 0, echo.stderr());
      String out = echo.stdout();
      assertEquals(out.lines().findFirst().orElse(""), logged, out);
      Certificate printed = Certificate.loadPEM(out);
      assertEquals("sha256 Fingerprint=" + printed.digest("SHA-256"), logged);
      assertEquals(printed.getSubject().commonName(), "localhost");
      assertTrue(!out.contains("PRIVATE KEY"), out);
    }
  }

  /**
   * {@code ssl:} with key files: the JDK client verifies chain and host name; a
   * {@code portforward} listening with {@code --self-signed} forwards through a verifying
   * {@code tls:} client endpoint to it; with a {@code tls:} endpoint that does not trust it, the
   * forwarded connection is closed without a byte.
   */
  @Test
  public void echoWithKeyFilesBehindATlsPortforward() throws Exception {
    buildReactor();
    Path dir = Files.createTempDirectory("torsion-twist-tls");
    try {
      PrivateCertificate cert = writeKeyFiles(dir);
      Path key = dir.resolve("key.pem");
      Path crt = dir.resolve("cert.pem");
      try (TwistProcess echo = TwistProcess.start("--reactor", reactorName(), "echo",
          "--listen", "ssl:0:privateKey=" + key + ":certKey=" + crt + ":interface=127.0.0.1")) {
        int echoPort = echo.awaitPort(START);
        try (SSLSocket s = connect(echoPort, trusting(cert), true)) {
          assertEchoes(s, 64 * 1024);
        }
        try (TwistProcess forward = TwistProcess.start("--reactor", reactorName(),
            "portforward", "--listen", "ssl:0:interface=127.0.0.1", "--self-signed",
            "--connect", "tls:localhost:" + echoPort + ":trustRoots=" + dir);
             TwistProcess untrusting = TwistProcess.start("--reactor", reactorName(),
            "portforward", "--listen", "tcp:0:interface=127.0.0.1",
            "--connect", "tls:localhost:" + echoPort)) {
          int forwardPort = forward.awaitPort(START);
          Matcher m = FINGERPRINT.matcher(forward.stderr());
          assertTrue(m.find(), forward.stderr());
          try (SSLSocket s = connect(forwardPort, pinning(m.group(1)), false)) {
            assertEchoes(s, 300 * 1024);
          }
          int refusingPort = untrusting.awaitPort(START);
          try (Socket plain = new Socket()) {
            plain.setSoTimeout(TIMEOUT_MS);
            plain.connect(new InetSocketAddress("127.0.0.1", refusingPort), TIMEOUT_MS);
            plain.getOutputStream().write("never delivered\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(plain.getInputStream().read(), -1, "closed: the echo is not trusted");
          }
          forward.terminate();
          untrusting.terminate();
          assertEquals(forward.waitFor(STOP), 0, forward.stderr());
          assertEquals(untrusting.waitFor(STOP), 0, untrusting.stderr());
        }
        echo.terminate();
        assertEquals(echo.waitFor(STOP), 0, echo.stderr());
      }
    } finally {
      for (String f : List.of("key.pem", "cert.pem")) {
        Files.deleteIfExists(dir.resolve(f));
      }
      Files.delete(dir);
    }
  }

  /** The chat on {@code ssl:}: two verifying TLS clients talk. */
  @Test
  public void chatOverTls() throws Exception {
    buildReactor();
    Path dir = Files.createTempDirectory("torsion-twist-tls");
    try {
      PrivateCertificate cert = writeKeyFiles(dir);
      try (TwistProcess chat = TwistProcess.start("--reactor", reactorName(), "chat",
          "--listen", "ssl:0:privateKey=" + dir.resolve("key.pem") + ":certKey="
              + dir.resolve("cert.pem") + ":interface=127.0.0.1")) {
        int port = chat.awaitPort(START);
        try (SSLSocket alice = connect(port, trusting(cert), true);
             SSLSocket bob = connect(port, trusting(cert), true)) {
          await(alice, "What's your name?");
          send(alice, "alice");
          await(alice, "Welcome, alice! You are alone here. Type /quit to leave.");
          await(bob, "What's your name?");
          send(bob, "bob");
          await(alice, "* bob has joined");
          send(alice, "hi bob, over TLS");
          await(bob, "Welcome, bob! Here: alice. Type /quit to leave.");
          await(bob, "<alice> hi bob, over TLS");
          send(bob, "/quit");
          await(bob, "Bye!");
          assertEquals(bob.getInputStream().read(), -1, "closed after Bye!");
          await(alice, "* bob has left");
        }
        chat.terminate();
        assertEquals(chat.waitFor(STOP), 0, chat.stderr());
      }
    } finally {
      for (String f : List.of("key.pem", "cert.pem")) {
        Files.deleteIfExists(dir.resolve(f));
      }
      Files.delete(dir);
    }
  }

  /** A certificate for localhost (with a matching subjectAltName) and its key, as PEM files. */
  private static PrivateCertificate writeKeyFiles(Path dir) throws IOException {
    PrivateCertificate cert = KeyPair.generate(KeyPair.Type.EC, 256)
        .selfSignedCert(7, DistinguishedName.of("CN", "localhost"));
    Files.writeString(dir.resolve("key.pem"), cert.privateKey().dumpPEM());
    Files.writeString(dir.resolve("cert.pem"),
        Certificate.fromX509(cert.original()).dumpPEM());
    return cert;
  }

  /** What {@code openssl x509 -noout -fingerprint -sha256} says of the server's certificate. */
  private static String openSslFingerprint(int port) throws IOException, InterruptedException {
    Path out = Files.createTempFile("torsion-fingerprint", ".txt");
    Process p = new ProcessBuilder("/bin/sh", "-c", "/usr/bin/timeout 20 /usr/bin/openssl"
        + " s_client -connect 127.0.0.1:" + port + " -servername localhost </dev/null 2>/dev/null"
        + " | /usr/bin/openssl x509 -noout -fingerprint -sha256").redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    try {
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "openssl still running");
      return Files.readString(out, StandardCharsets.US_ASCII).strip();
    } finally {
      p.destroyForcibly();
      Files.delete(out);
    }
  }

  /** Trusts exactly the certificate with this SHA-256 fingerprint (colon-separated hex). */
  private static X509TrustManager pinning(String fingerprint) {
    return new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType)
          throws CertificateException {
        throw new CertificateException("no client certificates here");
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType)
          throws CertificateException {
        try {
          byte[] d = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
          String seen = HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
          if (!seen.equals(fingerprint)) {
            throw new CertificateException("fingerprint " + seen + ", pinned " + fingerprint);
          }
        } catch (GeneralSecurityException e) {
          throw new CertificateException(e);
        }
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
  }

  /** The JDK's PKIX trust manager with {@code cert} as its only anchor. */
  private static X509TrustManager trusting(PrivateCertificate cert)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("server", cert.original());
    TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
    f.init(store);
    return (X509TrustManager) f.getTrustManagers()[0];
  }

  /** A TLS connection to 127.0.0.1:port for the name localhost, handshake done. */
  private static SSLSocket connect(int port, X509TrustManager trust, boolean verifyHostName)
      throws IOException, GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {trust}, null);
    Socket raw = new Socket();
    try {
      raw.setSoTimeout(TIMEOUT_MS);
      raw.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
      SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "localhost", port,
          true);
      if (verifyHostName) {
        SSLParameters params = s.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(params);
      }
      s.startHandshake();
      return s;
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Sends {@code size} random bytes from another thread and reads them back in order. */
  private static void assertEchoes(SSLSocket s, int size) throws Exception {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    OutputStream out = s.getOutputStream();
    Thread writer = new Thread(() -> {
      try {
        out.write(data);
        out.flush();
      } catch (IOException e) {
        // the reader then fails with its own bounded timeout or EOF
      }
    }, "tls-echo-writer");
    writer.setDaemon(true);
    writer.start();
    InputStream in = s.getInputStream();
    byte[] back = in.readNBytes(size);
    writer.join(TIMEOUT_MS);
    assertEquals(back.length, size, "echoed bytes");
    assertTrue(Arrays.equals(back, data), "echoed bytes differ");
  }

  private static void send(SSLSocket s, String line) throws IOException {
    s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().flush();
  }

  /** Reads lines (each at most 4 KiB) until {@code expected}; fails on EOF or timeout. */
  private static void await(SSLSocket s, String expected) throws IOException {
    InputStream in = s.getInputStream();
    StringBuilder seen = new StringBuilder();
    while (true) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0 || line.size() > 4096) {
          throw new AssertionError("no \"" + expected + "\"; saw:\n" + seen + line);
        }
        line.write(b);
      }
      String text = line.toString(StandardCharsets.UTF_8).replaceFirst("\r$", "");
      if (text.equals(expected)) {
        return;
      }
      seen.append(text).append('\n');
    }
  }
}
