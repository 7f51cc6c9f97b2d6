package dev.torsion.protocols.tls;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.ssl.CertificateOptions;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.internet.ssl.TrustRoot;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.FakeTransport;
import dev.torsion.internet.testing.IOPump;
import dev.torsion.internet.testing.IOSim;
import dev.torsion.internet.testing.StringTransport;
import java.util.List;

/** Certificates made once per test JVM (EC P-256: fast), and in-memory TLS connections. */
final class TlsFixtures {
  static final IPv4Address ADDR = new IPv4Address("TCP", "127.0.0.1", 12345);
  static final PrivateCertificate CA = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(1, DistinguishedName.of("commonName", "Torsion Test CA"));
  static final PrivateCertificate SERVER = issue("example.com", 2);
  static final PrivateCertificate CLIENT = issue("client.example.com", 3);
  static final TrustRoot TRUST = SSL.trustRootFromCertificates(List.of(CA));

  private TlsFixtures() {}

  static PrivateCertificate issue(String commonName, long serial) {
    KeyPair key = KeyPair.generate(KeyPair.Type.EC, 256);
    byte[] csr = key.certificateRequest(DistinguishedName.of("commonName", commonName));
    return PrivateCertificate.fromCertificateAndKeyPair(
        CA.signCertificateRequest(csr, dn -> true, serial), key);
  }

  static CertificateOptions serverOptions() {
    return SERVER.options();
  }

  static ITLSConnectionCreator clientOptions() {
    return SSL.optionsForClientTLS("example.com", TRUST);
  }

  /** A factory handing out one protocol instance. */
  static Factory just(Protocol p) {
    return Factory.forProtocol(() -> p);
  }

  /** Two TLS ends over an IOPump; nothing is pumped yet. */
  record Pair(TLSMemoryBIOProtocol client, TLSMemoryBIOProtocol server, IOPump pump,
      FakeTransport clientIO, FakeTransport serverIO) {}

  static Pair connect(ITLSConnectionCreator clientCreator, Protocol clientApp,
      ITLSConnectionCreator serverCreator, Protocol serverApp, Clock clock) {
    TLSMemoryBIOFactory cf = new TLSMemoryBIOFactory(clientCreator, true, just(clientApp), clock);
    TLSMemoryBIOFactory sf = new TLSMemoryBIOFactory(serverCreator, false, just(serverApp),
        clock);
    return connect(cf, sf);
  }

  static Pair connect(TLSMemoryBIOFactory cf, TLSMemoryBIOFactory sf) {
    TLSMemoryBIOProtocol client = cf.buildProtocol(ADDR);
    TLSMemoryBIOProtocol server = sf.buildProtocol(ADDR);
    FakeTransport cio = IOSim.makeFakeClient(client);
    FakeTransport sio = IOSim.makeFakeServer(server);
    IOPump pump = IOSim.connect(server, sio, client, cio, false, null);
    return new Pair(client, server, pump, cio, sio);
  }

  static Pair connect(Protocol clientApp, Protocol serverApp, Clock clock) {
    return connect(clientOptions(), clientApp, serverOptions(), serverApp, clock);
  }

  /** Two TLS ends over StringTransports, moved by hand with {@link #flush}. */
  record Ends(TLSMemoryBIOProtocol client, TLSMemoryBIOProtocol server, StringTransport ct,
      StringTransport st) {}

  static Ends stringEnds(Protocol clientApp, Protocol serverApp, Clock clock) {
    TLSMemoryBIOProtocol client = new TLSMemoryBIOFactory(clientOptions(), true,
        just(clientApp), clock).buildProtocol(ADDR);
    TLSMemoryBIOProtocol server = new TLSMemoryBIOFactory(serverOptions(), false,
        just(serverApp), clock).buildProtocol(ADDR);
    StringTransport ct = new StringTransport();
    StringTransport st = new StringTransport();
    server.makeConnection(st);
    client.makeConnection(ct);
    return new Ends(client, server, ct, st);
  }

  /** Moves bytes both ways until both transports are quiet (at most 10 rounds). */
  static void flush(Ends e) {
    for (int i = 0; i < 10; i++) {
      byte[] c = e.ct().value();
      e.ct().clear();
      if (c.length > 0) {
        e.server().dataReceived(c);
      }
      byte[] s = e.st().value();
      e.st().clear();
      if (s.length > 0) {
        e.client().dataReceived(s);
      }
      if (c.length == 0 && s.length == 0) {
        return;
      }
    }
  }

  static IProtocol wrapped(TLSMemoryBIOProtocol p) {
    return java.util.Objects.requireNonNull(p.wrappedProtocol());
  }
}
