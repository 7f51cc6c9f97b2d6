package dev.torsion.it.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.torsion.internet.ssl.PrivateCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A peer on a plain blocking socket, on its own thread, that reads and writes the clear part of
 * a STARTTLS conversation byte by byte and then speaks TLS over the same socket with the JDK's
 * own engine (JSSE), trusting and presenting one certificate. Every socket wait is bounded.
 */
final class JssePeer implements AutoCloseable {
  private static final int TIMEOUT_MS = 20_000;

  /** What the peer does on its thread; answers a summary for the test to compare. */
  interface Script {
    String run(JssePeer peer) throws Exception;
  }

  private final SSLContext context;
  private final @Nullable ServerSocket server;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "jsse-peer");
    t.setDaemon(true);
    return t;
  });
  private @Nullable Socket socket;

  private JssePeer(PrivateCertificate cert, boolean listen) throws Exception {
    char[] password = "test".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("key", cert.privateKey().privateKey(), password,
        new X509Certificate[] {cert.original()});
    keys.setCertificateEntry("trusted", cert.original());
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keys);
    context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    if (listen) {
      ServerSocket s = new ServerSocket();
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      s.setSoTimeout(TIMEOUT_MS);
      server = s;
    } else {
      server = null;
    }
  }

  /** A peer listening on 127.0.0.1 that will be the TLS server. */
  static JssePeer server(PrivateCertificate cert) throws Exception {
    return new JssePeer(cert, true);
  }

  /** A peer that connects and will be the TLS client. */
  static JssePeer client(PrivateCertificate cert) throws Exception {
    return new JssePeer(cert, false);
  }

  int port() {
    return java.util.Objects.requireNonNull(server).getLocalPort();
  }

  /** Runs {@code script} on the peer's thread; an exception completes the future with it. */
  CompletableFuture<String> run(Script script) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return script.run(this);
      } catch (Exception e) {
        return "failed: " + e;
      }
    }, thread);
  }

  /**
   * Accepts one connection, reads {@code line} and CRLF in clear, then a TLS record header,
   * then goes on as the TLS server: reads a line, answers {@code pong}, reads to the end.
   */
  String serveAfterClearLine(String line) throws IOException {
    Socket s = java.util.Objects.requireNonNull(server).accept();
    socket = s;
    s.setSoTimeout(TIMEOUT_MS);
    InputStream in = s.getInputStream();
    String clear = new String(in.readNBytes(line.length() + 2), US_ASCII);
    if (!clear.equals(line + "\r\n")) {
      return "clear bytes were " + clear;
    }
    byte[] header = in.readNBytes(5);
    if (header.length < 5 || header[0] != 22 || header[1] != 3) {
      return "no TLS handshake record after the clear line: " + Arrays.toString(header);
    }
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(s,
        new ByteArrayInputStream(header), true);
    tls.setUseClientMode(false);
    tls.startHandshake();
    String got = readLine(tls.getInputStream());
    OutputStream out = tls.getOutputStream();
    out.write("pong\n".getBytes(US_ASCII));
    out.flush();
    // The client closes on the pong: read to its close_notify, then answer with ours.
    tls.getInputStream().readAllBytes();
    tls.close();
    return "clear " + line + ", then record " + header[0] + "; read " + got;
  }

  /**
   * Connects, says STARTTLS, reads GO in clear, then as the TLS client sends {@code send} and
   * reads {@code expect} bytes, and closes.
   */
  String startTlsAsClient(int port, String send, int expect) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    socket = s;
    s.setSoTimeout(TIMEOUT_MS);
    s.getOutputStream().write("STARTTLS\r\n".getBytes(US_ASCII));
    String answer = new String(s.getInputStream().readNBytes(4), US_ASCII);
    if (!answer.equals("GO\r\n")) {
      return "clear answer was " + answer;
    }
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(s, "localhost", port,
        true);
    tls.setUseClientMode(true);
    tls.startHandshake();
    tls.getOutputStream().write(send.getBytes(US_ASCII));
    tls.getOutputStream().flush();
    String got = new String(tls.getInputStream().readNBytes(expect), US_ASCII);
    tls.close();
    return "GO in clear; read " + got;
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n' && b.length() < 1000; c = in.read()) {
      b.append((char) c);
    }
    return b.toString();
  }

  @Override
  public void close() throws IOException {
    thread.shutdownNow();
    Socket s = socket;
    if (s != null) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }
}
