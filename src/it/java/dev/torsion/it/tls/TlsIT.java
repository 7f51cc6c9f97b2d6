package dev.torsion.it.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.TimeoutError;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.internet.ssl.VerificationError;
import dev.torsion.it.support.ReactorCase;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import dev.torsion.python.failure.Failure;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** The TLS wrapper over real loopback TCP: bulk data, and peers that misbehave. */
public class TlsIT extends ReactorCase {
  static final PrivateCertificate CERT = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(1, DistinguishedName.of("CN", "127.0.0.1"));
  static final int MIB10 = 10 * 1024 * 1024;

  /** Sends its bytes, digests what it receives, and reports the end. */
  static class Bulk extends Protocol implements IHandshakeListener {
    final byte[] toSend;
    final Tally in;
    final Deferred<Void> lost = new Deferred<>();
    boolean handshake;
    @Nullable Failure reason;

    Bulk(byte[] toSend, long expect) {
      this.toSend = toSend;
      this.in = new Tally(expect);
    }

    @Override
    public void connectionMade() {
      for (int off = 0; off < toSend.length; off += 65536) {
        transport().write(Arrays.copyOfRange(toSend, off, Math.min(toSend.length, off + 65536)));
      }
      if (in.expect == 0) {
        in.gotAll.callback(null);
      }
    }

    @Override
    public void handshakeCompleted() {
      handshake = true;
    }

    @Override
    public void dataReceived(byte[] data) {
      in.take(data);
    }

    @Override
    public void connectionLost(Failure why) {
      reason = why;
      lost.callback(null);
    }
  }

  /** A protocol that takes half-closes quietly and never closes: it never answers close_notify. */
  static final class Mute extends Bulk implements IHalfCloseableProtocol {
    Mute() {
      super(new byte[0], 0);
    }

    @Override
    public void readConnectionLost() {}

    @Override
    public void writeConnectionLost() {}
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] random(long seed) {
    byte[] b = new byte[MIB10];
    new Random(seed).nextBytes(b);
    return b;
  }

  private TLSMemoryBIOFactory server(Protocol p) {
    return new TLSMemoryBIOFactory(CERT.options(), false, Factory.forProtocol(() -> p), reactor);
  }

  private TLSMemoryBIOFactory client(Protocol p, String host) {
    return new TLSMemoryBIOFactory(SSL.optionsForClientTLS(host,
        SSL.trustRootFromCertificates(List.of(CERT))), true,
        Factory.forProtocol(() -> p, ClientFactory::new), reactor);
  }

  private static int port(IListeningPort p) {
    return ((IPv4Address) p.getHost()).port();
  }

  /** 10 MiB each way through TLS 1.3 over real sockets, checked with SHA-256. */
  @Test
  public void tenMiBEachWayWithChecksums() {
    byte[] up = random(1);
    byte[] down = random(2);
    Bulk s = new Bulk(down, up.length);
    Bulk c = new Bulk(up, down.length);
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, server(s), "127.0.0.1");
      reactor.connectTCP("127.0.0.1", port(port), client(c, "127.0.0.1"));
      return Defer.gatherResults(List.of(s.in.gotAll, c.in.gotAll)).addCallbackDeferred(x -> {
        c.transport().loseConnection();
        return Defer.gatherResults(List.of(s.lost, c.lost));
      }).addCallbackDeferred(x -> port.stopListening());
    });
    assertTrue(c.handshake && s.handshake);
    assertEquals(s.in.digest.digest(), sha256().digest(up));
    assertEquals(c.in.digest.digest(), sha256().digest(down));
    assertTrue(c.reason.check(ConnectionDone.class) != null, "" + c.reason);
    assertTrue(s.reason.check(ConnectionDone.class) != null, "" + s.reason);
  }

  /** Twisted #7926: a peer that never answers close_notify is closed after the close timeout. */
  @Test
  public void peerThatNeverAnswersCloseNotify() {
    Mute s = new Mute();
    Bulk c = new Bulk(new byte[0], 0);
    double[] times = new double[2];
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, server(s), "127.0.0.1");
      TLSMemoryBIOFactory cf = client(c, "127.0.0.1");
      cf.setCloseTimeout(0.5);
      reactor.connectTCP("127.0.0.1", port(port), cf);
      return loopUntil(() -> c.handshake && s.handshake).addCallbackDeferred(x -> {
        times[0] = reactor.seconds();
        c.transport().loseConnection();
        return c.lost;
      }).addCallbackDeferred(x -> {
        times[1] = reactor.seconds();
        // The mute server took the close_notify as a half-close and is still open for
        // writing, as a half-closeable TCP protocol stays open after a FIN until it closes.
        s.transport().loseConnection();
        return s.lost;
      }).addCallbackDeferred(x -> port.stopListening());
    });
    assertTrue(times[1] - times[0] >= 0.45, "closed only after the timeout");
    assertTrue(times[1] - times[0] < 5, "bounded");
    assertTrue(c.reason.check(ConnectionDone.class) != null, "" + c.reason);
  }

  /** Sends raw bytes, then waits. */
  static final class Raw extends Protocol {
    final byte[] bytes;
    final Deferred<Void> lost = new Deferred<>();

    Raw(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public void connectionMade() {
      transport().write(bytes);
    }

    @Override
    public void connectionLost(Failure why) {
      lost.callback(null);
    }
  }

  private Failure serverFailureAgainst(Raw raw, double handshakeTimeout) {
    Bulk s = new Bulk(new byte[0], 1);
    await(() -> {
      TLSMemoryBIOFactory sf = server(s);
      sf.setHandshakeTimeout(handshakeTimeout);
      IListeningPort port = reactor.listenTCP(0, sf, "127.0.0.1");
      reactor.connectTCP("127.0.0.1", port(port),
          Factory.forProtocol(() -> raw, ClientFactory::new));
      return Defer.gatherResults(List.of(s.lost, raw.lost))
          .addCallbackDeferred(x -> port.stopListening());
    });
    return s.reason;
  }

  /** A client that stops mid-handshake is dropped when the handshake timeout passes. */
  @Test
  public void clientThatStopsMidHandshake() {
    byte[] partialHello = {0x16, 0x03, 0x01, 0x01, 0x00, 0x01, 0x00, 0x00, (byte) 0xfc, 0x03};
    Failure f = serverFailureAgainst(new Raw(partialHello), 0.5);
    assertTrue(f.check(TimeoutError.class) != null, "" + f);
  }

  /** Garbage instead of a ClientHello ends in the engine's error, at once. */
  @Test
  public void garbageInsteadOfClientHello() {
    Failure f = serverFailureAgainst(new Raw("GET / HTTP/1.0\r\n\r\n".getBytes(US_ASCII)), 10);
    assertTrue(f.check(java.io.IOException.class) != null, "" + f);
  }

  /** A host name the certificate does not cover fails verification over real sockets. */
  @Test
  public void wrongHostName() {
    Bulk s = new Bulk(new byte[0], 1);
    Bulk c = new Bulk(new byte[0], 1);
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, server(s), "127.0.0.1");
      reactor.connectTCP("127.0.0.1", port(port), client(c, "example.com"));
      return Defer.gatherResults(List.of(s.lost, c.lost))
          .addCallbackDeferred(x -> port.stopListening());
    });
    assertTrue(c.reason.check(VerificationError.class) != null, "" + c.reason);
    assertTrue(s.reason != null);
  }
}
