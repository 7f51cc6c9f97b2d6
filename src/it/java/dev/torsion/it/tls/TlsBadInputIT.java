package dev.torsion.it.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.error.TimeoutError;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.ssl.Certificate;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.internet.ssl.VerificationError;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.task.Task;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.it.support.Addresses;
import dev.torsion.it.support.ReactorCase;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * The TLS attack surface over real loopback sockets, on every reactor: malformed bytes from a
 * raw-socket peer ({@link RawTlsPeer}), floods before the handshake ends, a client that stalls,
 * and certificates that must not verify. Each case must end in a clear Failure reaching
 * {@code connectionLost} exactly once within its bound, the peer must see the connection
 * closed, and nothing may be left behind: no descriptor (counted in {@code /proc/self/fd}), no
 * thread, no timer in the reactor.
 */
public class TlsBadInputIT extends ReactorCase {
  static final PrivateCertificate CERT = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(1, DistinguishedName.of("CN", "127.0.0.1"));
  static final PrivateCertificate STRANGER = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(2, DistinguishedName.of("CN", "127.0.0.1"));
  /** More than a server could be asked to buffer: the flood must be cut off long before. */
  static final long FLOOD_BYTES = 64L << 20;

  /** The server's application protocol: records every connectionLost. */
  static final class Recorder extends Protocol implements IHandshakeListener {
    final IReactorTime clock;
    final Deferred<Void> lostOnce = new Deferred<>();
    int lost;
    double lostAt;
    boolean handshake;
    @Nullable Failure reason;

    Recorder(IReactorTime clock) {
      this.clock = clock;
    }

    @Override
    public void handshakeCompleted() {
      handshake = true;
    }

    @Override
    public void connectionLost(Failure why) {
      lost++;
      reason = why;
      if (lost == 1) {
        lostAt = clock.seconds();
        lostOnce.callback(null);
      }
    }
  }

  /** What one exchange left: the server's record, the peer, and the timing. */
  record Outcome(Recorder server, @Nullable RawTlsPeer peer, double seconds,
      int delayedCallsLeft) {}

  private Outcome againstRawPeer(byte[] first, byte[] unit, long floodBytes, boolean halfClose,
      double handshakeTimeout) throws Exception {
    Leftovers[] before = new Leftovers[1];
    Recorder s = new Recorder(reactor);
    TLSMemoryBIOFactory f = new TLSMemoryBIOFactory(CERT.options(), false,
        Factory.forProtocol(() -> s), reactor);
    f.setHandshakeTimeout(handshakeTimeout);
    RawTlsPeer[] peer = new RawTlsPeer[1];
    double[] start = new double[1];
    int[] delayed = new int[2];
    try {
      await(() -> {
        IListeningPort port = reactor.listenTCP(0, f, "127.0.0.1");
        // After listening: a reactor may open descriptors of its own with its first channel.
        before[0] = Leftovers.take();
        delayed[0] = reactor.getDelayedCalls().size();
        start[0] = reactor.seconds();
        peer[0] = new RawTlsPeer(reactor, Addresses.portOf(port), first, unit, floodBytes,
            halfClose);
        return Defer.gatherResults(List.of(s.lostOnce, peer[0].start()))
            // A second connectionLost would come soon after the first: give it the chance.
            .addCallbackDeferred(x -> Task.deferLater(reactor, 0.1))
            .addCallbackDeferred(x -> {
              delayed[1] = reactor.getDelayedCalls().size() - delayed[0];
              before[0].assertNoDescriptorAdded();
              return port.stopListening();
            });
      });
    } finally {
      if (peer[0] != null) {
        peer[0].close();
      }
    }
    before[0].assertNoThreadAdded(peer[0]);
    return new Outcome(s, peer[0], s.lostAt - start[0], delayed[1]);
  }

  /** Checks the common promises, and that the server failed with {@code type} in time. */
  private static void assertClearFailure(Outcome o, Class<? extends Throwable> type,
      double boundSeconds) {
    Recorder s = o.server();
    assertEquals(s.lost, 1, "connectionLost calls");
    assertNotNull(s.reason);
    assertNotNull(s.reason.check(type), "expected " + type.getSimpleName() + ", got "
        + s.reason.getTraceback());
    assertTrue(s.reason.check(ConnectionDone.class) == null, "not a clean close: " + s.reason);
    assertTrue(o.seconds() < boundSeconds, "failed after " + o.seconds() + " s");
    assertEquals(o.delayedCallsLeft(), 0, "timers left in the reactor");
    RawTlsPeer p = o.peer();
    if (p != null) {
      assertTrue(p.ending == RawTlsPeer.Ending.EOF || p.ending == RawTlsPeer.Ending.RESET,
          "the peer saw " + p.ending);
      assertTrue(!s.handshake, "no handshake with a raw peer");
    }
  }

  private static void assertAlert(Outcome o, short description) {
    Throwable t = o.server().reason.value();
    assertTrue(t instanceof TlsFatalAlert a && a.getAlertDescription() == description,
        "expected alert " + AlertDescription.getText(description) + ", got " + t);
  }

  /** Garbage instead of a ClientHello: the engine's error at once. */
  @Test
  public void garbageInsteadOfClientHello() throws Exception {
    Outcome o = againstRawPeer("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII),
        new byte[0], 0, false, 10);
    assertClearFailure(o, IOException.class, 5);
  }

  /** A record cut short by the end of the input: truncation is ConnectionLost. */
  @Test
  public void truncatedRecord() throws Exception {
    byte[] hello = clientHello();
    Outcome o = againstRawPeer(Arrays.copyOf(hello, hello.length - 20), new byte[0], 0, true,
        10);
    assertClearFailure(o, ConnectionLost.class, 5);
  }

  /** A record whose length field exceeds 2^14 + 2048: record_overflow, not a wait for it. */
  @Test
  public void oversizedRecord() throws Exception {
    byte[] first = new byte[5 + 1000];
    System.arraycopy(new byte[] {0x16, 3, 3, 0x48, 0x01}, 0, first, 0, 5);
    Outcome o = againstRawPeer(first, new byte[0], 0, false, 10);
    assertClearFailure(o, TlsFatalAlert.class, 5);
    assertAlert(o, AlertDescription.record_overflow);
  }

  /** Warning alerts, forever, instead of a ClientHello: cut off, not kept until the timeout. */
  @Test
  public void warningAlertFloodBeforeClientHello() throws Exception {
    byte[] warning = {0x15, 3, 3, 0, 2, 1, 90};
    Outcome o = againstRawPeer(new byte[0], repeat(warning, 2048), FLOOD_BYTES, false, 10);
    assertClearFailure(o, TlsFatalAlert.class, 5);
    assertAlert(o, AlertDescription.unexpected_message);
    assertTrue(o.peer().written < FLOOD_BYTES, "the server stopped reading the flood");
  }

  /** change_cipher_spec records after a TLS 1.3 ClientHello, which the engine would ignore. */
  @Test
  public void changeCipherSpecFloodAfterClientHello() throws Exception {
    byte[] ccs = {0x14, 3, 3, 0, 1, 1};
    Outcome o = againstRawPeer(clientHello(), repeat(ccs, 2048), FLOOD_BYTES, false, 10);
    assertClearFailure(o, TlsFatalAlert.class, 5);
    assertAlert(o, AlertDescription.unexpected_message);
    assertTrue(o.peer().written < FLOOD_BYTES, "the server stopped reading the flood");
  }

  /** Megabytes of a ClientHello that claims 16 MiB: refused at its header, not buffered. */
  @Test
  public void byteFloodIntoAHugeHandshakeMessage() throws Exception {
    byte[] record = new byte[5 + 16384];
    System.arraycopy(new byte[] {0x16, 3, 1, 0x40, 0}, 0, record, 0, 5);
    byte[] first = record.clone();
    System.arraycopy(new byte[] {1, (byte) 0xff, (byte) 0xff, (byte) 0xff}, 0, first, 5, 4);
    Outcome o = againstRawPeer(first, record, FLOOD_BYTES, false, 10);
    assertClearFailure(o, TlsFatalAlert.class, 5);
    assertTrue(o.peer().written < FLOOD_BYTES, "the server stopped reading the flood");
  }

  /** A client that stops mid-handshake: the configured handshake timeout ends it. */
  @Test
  public void clientStopsMidHandshake() throws Exception {
    byte[] hello = clientHello();
    Outcome o = againstRawPeer(Arrays.copyOf(hello, hello.length / 2), new byte[0], 0, false,
        0.5);
    assertClearFailure(o, TimeoutError.class, 5);
    assertTrue(o.seconds() >= 0.45, "not before the timeout: " + o.seconds());
  }

  /** Both ends Torsion, over listenSSL/connectSSL; the client must refuse the server. */
  private Outcome[] refusedByClient(PrivateCertificate served, ITLSConnectionCreator client)
      throws Exception {
    Leftovers[] before = new Leftovers[1];
    Recorder s = new Recorder(reactor);
    Recorder c = new Recorder(reactor);
    double[] start = new double[1];
    int[] delayed = new int[2];
    await(() -> {
      IListeningPort port = reactor.listenSSL(0, Factory.forProtocol(() -> s),
          served.options(), 50, "127.0.0.1");
      before[0] = Leftovers.take();
      delayed[0] = reactor.getDelayedCalls().size();
      start[0] = reactor.seconds();
      reactor.connectSSL("127.0.0.1", Addresses.portOf(port),
          Factory.forProtocol(() -> c, ClientFactory::new), client);
      return Defer.gatherResults(List.of(s.lostOnce, c.lostOnce))
          .addCallbackDeferred(x -> Task.deferLater(reactor, 0.1))
          .addCallbackDeferred(x -> {
            delayed[1] = reactor.getDelayedCalls().size() - delayed[0];
            before[0].assertNoDescriptorAdded();
            return port.stopListening();
          });
    });
    before[0].assertNoThreadAdded(null);
    return new Outcome[] {new Outcome(c, null, c.lostAt - start[0], delayed[1]),
        new Outcome(s, null, s.lostAt - start[0], delayed[1])};
  }

  private void assertRefused(Outcome[] o) {
    assertClearFailure(o[0], VerificationError.class, 5);
    assertClearFailure(o[1], Throwable.class, 5);
    assertTrue(!o[0].server().handshake, "the client did not complete the handshake");
  }

  /** A certificate past its notAfter date. */
  @Test
  public void expiredCertificate() throws Exception {
    PrivateCertificate expired = expired("127.0.0.1");
    assertRefused(refusedByClient(expired, SSL.optionsForClientTLS("127.0.0.1",
        SSL.trustRootFromCertificates(List.of(expired)))));
  }

  /** A certificate for another name than the one the client asked for. */
  @Test
  public void wrongHostName() throws Exception {
    assertRefused(refusedByClient(CERT, SSL.optionsForClientTLS("example.com",
        SSL.trustRootFromCertificates(List.of(CERT)))));
  }

  /** A certificate no trusted root vouches for. */
  @Test
  public void untrustedRoot() throws Exception {
    assertRefused(refusedByClient(CERT, SSL.optionsForClientTLS("127.0.0.1",
        SSL.trustRootFromCertificates(List.of(STRANGER)))));
  }

  /** A real TLS 1.3 ClientHello for 127.0.0.1, as Torsion's client sends it. */
  static byte[] clientHello() {
    ClientFactory app = Factory.forProtocol(Protocol::new, ClientFactory::new);
    TLSMemoryBIOFactory f = new TLSMemoryBIOFactory(SSL.optionsForClientTLS("127.0.0.1",
        SSL.trustRootFromCertificates(List.of(CERT))), true, app, new Clock());
    StringTransport t = new StringTransport();
    f.buildProtocol(new IPv4Address("TCP", "127.0.0.1", 0)).makeConnection(t);
    return t.value();
  }

  static byte[] repeat(byte[] unit, int times) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < times; i++) {
      out.write(unit, 0, unit.length);
    }
    return out.toByteArray();
  }

  /** A self-signed certificate for {@code cn} that expired a day ago. */
  static PrivateCertificate expired(String cn) throws Exception {
    KeyPair key = KeyPair.generate(KeyPair.Type.EC, 256);
    X500Name name = new X500Name("CN=" + cn);
    long now = System.currentTimeMillis();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
        new Date(now - 30L * 86_400_000), new Date(now - 86_400_000), name, key.publicKey());
    X509Certificate x = new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.privateKey())));
    return PrivateCertificate.fromCertificateAndKeyPair(Certificate.fromX509(x), key);
  }
}
