package dev.torsion.internet.endpoints;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.IOPump;
import dev.torsion.internet.testing.IOSim;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import dev.torsion.protocols.tls.TLSMemoryBIOProtocol;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Certificates made in-test (EC P-256), PEM files of them, and in-memory handshakes. */
final class TlsEndpointFixtures {
  static final PrivateCertificate CA = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(1, DistinguishedName.of("commonName", "Endpoint Test CA"));
  static final PrivateCertificate OTHER_CA = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(2, DistinguishedName.of("commonName", "Other CA"));
  static final PrivateCertificate SERVER = issue("example.com", 3);
  static final PrivateCertificate CLIENT = issue("client.example.com", 4);

  private TlsEndpointFixtures() {}

  static PrivateCertificate issue(String commonName, long serial) {
    KeyPair key = KeyPair.generate(KeyPair.Type.EC, 256);
    byte[] csr = key.certificateRequest(DistinguishedName.of("commonName", commonName));
    return PrivateCertificate.fromCertificateAndKeyPair(
        CA.signCertificateRequest(csr, dn -> true, serial), key);
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("torsion-tls-endpoints");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String write(Path dir, String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** An application protocol that records the handshake and how the connection ended. */
  static final class Recorder extends Protocol implements IHandshakeListener {
    boolean handshook;
    @Nullable Failure lost;
    final StringBuilder received = new StringBuilder();

    @Override
    public void handshakeCompleted() {
      handshook = true;
    }

    @Override
    public void dataReceived(byte[] data) {
      received.append(new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public void connectionLost(Failure reason) {
      lost = reason;
    }
  }

  /** Runs a handshake in memory between the two creators; returns the client's recorder. */
  static Recorder handshake(ITLSConnectionCreator clientCreator,
      ITLSConnectionCreator serverCreator) {
    Clock clock = new Clock();
    Recorder client = new Recorder();
    Recorder server = new Recorder();
    TLSMemoryBIOProtocol c = new TLSMemoryBIOFactory(clientCreator, true,
        Factory.forProtocol(() -> client), clock).buildProtocol(new IPv4Address("TCP",
            "127.0.0.1", 1));
    TLSMemoryBIOProtocol s = new TLSMemoryBIOFactory(serverCreator, false,
        Factory.forProtocol(() -> server), clock).buildProtocol(new IPv4Address("TCP",
            "127.0.0.1", 2));
    IOPump pump = IOSim.connect(s, IOSim.makeFakeServer(s), c, IOSim.makeFakeClient(c));
    pump.flush();
    return client;
  }
}
