package dev.torsion.it.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.internet.endpoints.SSL4ClientEndpoint;
import dev.torsion.internet.endpoints.SSL4ServerEndpoint;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.internet.ssl.VerificationError;
import dev.torsion.it.support.ReactorCase;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** listenSSL/connectSSL, the SSL4 endpoints and the ssl:/tls: strings over real loopback TCP. */
public class SslEndpointsIT extends ReactorCase {
  static final PrivateCertificate CERT = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(1, DistinguishedName.of("CN", "127.0.0.1"));
  static final PrivateCertificate STRANGER = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(2, DistinguishedName.of("CN", "127.0.0.1"));

  /** Echoes what it receives. */
  static final class Echo extends Protocol {
    @Override
    public void dataReceived(byte[] data) {
      transport().write(data);
    }
  }

  /** Sends a greeting, closes when it comes back, and records the handshake and the end. */
  static final class Greeter extends Protocol implements IHandshakeListener {
    final Deferred<Void> lost = new Deferred<>();
    final StringBuilder echoed = new StringBuilder();
    boolean handshake;
    @Nullable Failure reason;

    @Override
    public void connectionMade() {
      transport().write("hello tls".getBytes(US_ASCII));
    }

    @Override
    public void handshakeCompleted() {
      handshake = true;
    }

    @Override
    public void dataReceived(byte[] data) {
      echoed.append(new String(data, US_ASCII));
      if (echoed.toString().equals("hello tls")) {
        transport().loseConnection();
      }
    }

    @Override
    public void connectionLost(Failure why) {
      reason = why;
      lost.callback(null);
    }
  }

  private static int port(IListeningPort p) {
    return ((IPv4Address) p.getHost()).port();
  }

  private static Factory echo() {
    return Factory.forProtocol(Echo::new);
  }

  @Test
  public void listenSslAndConnectSslEchoThroughVerifiedTls() {
    Greeter g = new Greeter();
    await(() -> {
      IListeningPort port = reactor.listenSSL(0, echo(), CERT.options(), 50, "127.0.0.1");
      reactor.connectSSL("127.0.0.1", port(port), Factory.forProtocol(() -> g,
          ClientFactory::new), SSL.optionsForClientTLS("127.0.0.1",
          SSL.trustRootFromCertificates(List.of(CERT))), 10, null);
      return g.lost.addCallbackDeferred(x -> port.stopListening());
    });
    assertTrue(g.handshake);
    assertEquals(g.echoed.toString(), "hello tls");
  }

  @Test
  public void connectSslToAnUntrustedServerFailsVerification() {
    Greeter g = new Greeter();
    await(() -> {
      IListeningPort port = reactor.listenSSL(0, echo(), STRANGER.options(), 50, "127.0.0.1");
      reactor.connectSSL("127.0.0.1", port(port), Factory.forProtocol(() -> g,
          ClientFactory::new), SSL.optionsForClientTLS("127.0.0.1",
          SSL.trustRootFromCertificates(List.of(CERT))));
      return g.lost.addCallbackDeferred(x -> port.stopListening());
    });
    assertTrue(!g.handshake && g.reason.check(VerificationError.class) != null, "" + g.reason);
  }

  @Test
  public void sslEndpointsConnect() {
    Greeter g = new Greeter();
    await(() -> new SSL4ServerEndpoint(reactor, 0, CERT.options(), 50, "127.0.0.1")
        .listen(echo()).addCallbackDeferred(port -> {
          IStreamClientEndpoint c = new SSL4ClientEndpoint(reactor, "127.0.0.1", port(port),
              SSL.optionsForClientTLS("127.0.0.1",
                  SSL.trustRootFromCertificates(List.of(CERT))));
          Deferred<IProtocol> connected = Endpoints.connectProtocol(c, g);
          return connected.addCallbackDeferred(p -> g.lost)
              .addCallbackDeferred(x -> port.stopListening());
        }));
    assertTrue(g.handshake);
    assertEquals(g.echoed.toString(), "hello tls");
  }

  @Test
  public void sslServerStringAndTlsClientStringConnect() throws IOException {
    Path dir = Files.createTempDirectory("torsion-ssl-it");
    try {
      Path key = Files.writeString(dir.resolve("server.pem"), CERT.dumpPEM(), US_ASCII);
      Path cas = Files.createDirectory(dir.resolve("cas"));
      Files.writeString(cas.resolve("ca.pem"), CERT.dumpPEM(), US_ASCII);
      Greeter g = new Greeter();
      await(() -> Endpoints.serverFromString(reactor, "ssl:0:interface=127.0.0.1:privateKey="
          + Endpoints.quoteStringArgument(key.toString())).listen(echo())
          .addCallbackDeferred(port -> {
            IStreamClientEndpoint c = Endpoints.clientFromString(reactor, "tls:127.0.0.1:"
                + port(port) + ":trustRoots=" + Endpoints.quoteStringArgument(cas.toString()));
            return Endpoints.connectProtocol(c, g).addCallbackDeferred(p -> g.lost)
                .addCallbackDeferred(x -> port.stopListening());
          }));
      assertTrue(g.handshake);
      assertEquals(g.echoed.toString(), "hello tls");
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Test
  public void sslClientStringVerifiesByDefault() {
    Greeter g = new Greeter();
    await(() -> {
      IListeningPort port = reactor.listenSSL(0, echo(), STRANGER.options(), 50, "127.0.0.1");
      IStreamClientEndpoint c = Endpoints.clientFromString(reactor,
          "ssl:127.0.0.1:" + port(port));
      return Endpoints.connectProtocol(c, g).addCallbackDeferred(p -> g.lost)
          .addCallbackDeferred(x -> port.stopListening());
    });
    assertTrue(!g.handshake && g.reason.check(VerificationError.class) != null, "" + g.reason);
  }
}
