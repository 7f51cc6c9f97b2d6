package dev.torsion.internal.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internal.transport.StreamTransportTest.DummyProducer;
import dev.torsion.internal.transport.StreamTransportTest.Recorder;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.protocols.policies.ProtocolWrapper;
import dev.torsion.protocols.policies.WrappingFactory;
import dev.torsion.protocols.tls.TLSMemoryBIOProtocol;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerProtocol;
import org.testng.annotations.Test;

/** {@code startTLS} on the shared transport, with two ends joined by hand over fake sockets. */
public class StreamTransportTlsTest {
  static final PrivateCertificate CERT = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(1, DistinguishedName.of("CN", "example.com"));

  private final FakeBackend backend = new FakeBackend();
  private final LoopCore core = new LoopCore(backend);

  /** A recorder that also hears the handshake's end. */
  static final class Listener extends Recorder implements IHandshakeListener {
    @Override
    public void handshakeCompleted() {
      events.add("handshake");
    }
  }

  static ITLSConnectionCreator clientOptions() {
    return SSL.optionsForClientTLS("example.com", SSL.trustRootFromCertificates(List.of(CERT)));
  }

  /** Two transports over fake sockets; {@link #pump} moves bytes between them. */
  final class Pair {
    final FakeBackend.FakeStream cs = backend.new FakeStream();
    final FakeBackend.FakeStream ss = backend.new FakeStream();
    final StreamTransport client = new StreamTransport(core, cs, false, 1024);
    final StreamTransport server = new StreamTransport(core, ss, false, 1024);
    int clientSent;
    int serverSent;
    boolean clientEof;
    boolean serverEof;

    Pair(IProtocol c, IProtocol s) {
      client.markClient();
      client.begin(c);
      server.begin(s);
    }

    /** Moves what each side sent to the other, and FINs as EOFs, until both are quiet. */
    void pump() {
      for (int i = 0; i < 50; i++) {
        core.iterate(0);
        byte[] c = cs.sent.toByteArray();
        byte[] s = ss.sent.toByteArray();
        boolean moved = false;
        if (c.length > clientSent) {
          byte[] chunk = Arrays.copyOfRange(c, clientSent, c.length);
          clientSent = c.length;
          ss.events.dataReceived(chunk);
          moved = true;
        }
        if (s.length > serverSent) {
          byte[] chunk = Arrays.copyOfRange(s, serverSent, s.length);
          serverSent = s.length;
          cs.events.dataReceived(chunk);
          moved = true;
        }
        if ((cs.closed || cs.outputShut) && !serverEof && !ss.closed) {
          serverEof = true;
          ss.events.readEOF();
          moved = true;
        }
        if ((ss.closed || ss.outputShut) && !clientEof && !cs.closed) {
          clientEof = true;
          cs.events.readEOF();
          moved = true;
        }
        if (!moved && backend.drainRequests.isEmpty()) {
          return;
        }
      }
    }

    void startBoth() {
      server.startTLS(CERT.options());
      client.startTLS(clientOptions());
      pump();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  public void bytesQueuedBeforeStartTlsLeaveInClearBeforeTheClientHello() {
    Pair p = new Pair(new Recorder(), new Recorder());
    p.cs.capacity = 0; // the socket takes nothing yet: "STARTTLS" stays queued
    p.client.write(bytes("STARTTLS\r\n"));
    p.client.startTLS(clientOptions());
    assertTrue(p.client.bufferedBytes() > 10, "the ClientHello is queued behind the clear bytes");
    p.cs.capacity = Long.MAX_VALUE;
    p.cs.doWrite();
    byte[] wire = p.cs.sent.toByteArray();
    assertEquals(new String(wire, 0, 10, StandardCharsets.US_ASCII), "STARTTLS\r\n");
    assertEquals(wire[10], 0x16, "a TLS handshake record follows");
    assertEquals(wire[11], 0x03);
  }

  @Test
  public void bothEndsSwitchAndLaterWritesAreEncrypted() {
    Listener c = new Listener();
    Listener s = new Listener();
    Pair p = new Pair(c, s);
    p.client.write(bytes("clear"));
    p.pump();
    assertEquals(s.data.toString(), "clear");
    p.startBoth();
    assertEquals(c.events, List.of("made", "handshake"));
    assertEquals(s.events, List.of("made", "handshake"));
    int before = p.cs.sent.size();
    p.client.write(bytes("secret message"));
    p.client.writeSequence(List.of(bytes(" and"), bytes(" more")));
    p.server.write(bytes("answer"));
    p.pump();
    assertEquals(s.data.toString(), "clearsecret message and more");
    assertEquals(c.data.toString(), "answer");
    byte[] after = Arrays.copyOfRange(p.cs.sent.toByteArray(), before, p.cs.sent.size());
    assertFalse(contains(after, bytes("secret")), "the plaintext is not on the wire");
    assertEquals(after[0], 0x17, "an application data record");
  }

  @Test
  public void theConnectingEndIsTheClientUnlessNormalIsFalse() {
    Pair p = new Pair(new Recorder(), new Recorder());
    p.client.startTLS(clientOptions());
    p.server.startTLS(CERT.options());
    assertTrue(((TLSMemoryBIOProtocol) p.client.sslTransport()).getHandle()
        instanceof TlsClientProtocol);
    assertTrue(((TLSMemoryBIOProtocol) p.server.sslTransport()).getHandle()
        instanceof TlsServerProtocol);
    Pair q = new Pair(new Recorder(), new Recorder());
    q.client.startTLS(CERT.options(), false);
    q.server.startTLS(clientOptions(), false);
    assertTrue(((TLSMemoryBIOProtocol) q.client.sslTransport()).getHandle()
        instanceof TlsServerProtocol);
    q.pump();
    assertTrue(((TLSMemoryBIOProtocol) q.server.sslTransport()).handshakeDone());
    assertEquals(q.server.getPeerCertificate(), CERT.original());
  }

  @Test
  public void startTlsTwiceIsAClearError() {
    Pair p = new Pair(new Recorder(), new Recorder());
    p.client.startTLS(clientOptions());
    IllegalStateException e = expectThrows(IllegalStateException.class,
        () -> p.client.startTLS(clientOptions()));
    assertTrue(e.getMessage().contains("already"), e.getMessage());
  }

  @Test
  public void startTlsOnAClosingConnectionIsAClearError() {
    Pair p = new Pair(new Recorder(), new Recorder());
    p.client.loseWriteConnection();
    IllegalStateException e = expectThrows(IllegalStateException.class,
        () -> p.client.startTLS(clientOptions()));
    assertTrue(e.getMessage().contains("write closing"), e.getMessage());
    assertNull(p.client.sslTransport());
  }

  @Test
  public void aCreatorThatCannotMakeThisEndLeavesTheConnectionInClear() {
    Recorder s = new Recorder();
    Pair p = new Pair(new Recorder(), s);
    assertThrows(UnsupportedOperationException.class, () -> p.server.startTLS(clientOptions()));
    assertNull(p.server.sslTransport());
    assertNull(p.server.getPeerCertificate());
    p.client.write(bytes("still clear"));
    p.pump();
    assertEquals(s.data.toString(), "still clear");
  }

  @Test
  public void peerCertificateAndSslTransportAppearAfterStartTls() {
    Pair p = new Pair(new Recorder(), new Recorder());
    assertNull(p.client.sslTransport());
    assertNull(p.client.getPeerCertificate());
    p.startBoth();
    assertNotNull(p.client.sslTransport());
    assertEquals(p.client.getPeerCertificate(), CERT.original());
    assertNull(p.server.getPeerCertificate(), "the client sent no certificate");
  }

  @Test
  public void loseConnectionSendsCloseNotifyAndConnectionLostFiresOnce() {
    Recorder c = new Recorder();
    Recorder s = new Recorder();
    Pair p = new Pair(c, s);
    p.startBoth();
    p.client.loseConnection();
    assertTrue(p.client.disconnecting(), "disconnecting while close_notify is answered");
    p.client.loseConnection();
    p.pump();
    assertEquals(c.events, List.of("made", "lost"));
    assertEquals(s.events, List.of("made", "lost"));
    assertNotNull(c.lost.get(0).check(ConnectionDone.class), c.lost.toString());
    assertNotNull(s.lost.get(0).check(ConnectionDone.class), s.lost.toString());
    p.client.write(bytes("dropped"));
    p.client.writeSequence(List.of(bytes("dropped")));
    assertTrue(p.cs.closed);
  }

  @Test
  public void abortAfterStartTlsIsConnectionAborted() {
    Recorder c = new Recorder();
    Pair p = new Pair(c, new Recorder());
    p.startBoth();
    p.client.abortConnection();
    core.iterate(0);
    assertEquals(c.events, List.of("made", "lost"));
    assertNotNull(c.lost.get(0).check(ConnectionAborted.class), c.lost.toString());
    assertTrue(p.cs.aborted);
  }

  @Test
  public void writeSequenceOfNonBytesIsRefusedAfterStartTls() {
    Pair p = new Pair(new Recorder(), new Recorder());
    p.startBoth();
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<byte[]> bad = (List) List.of(bytes("a"), "b");
    assertThrows(IllegalArgumentException.class, () -> p.client.writeSequence(bad));
  }

  @Test
  public void aRegisteredProducerMovesToTheTlsLayer() {
    Recorder s = new Recorder();
    Pair p = new Pair(new Recorder(), s);
    DummyProducer producer = new DummyProducer();
    p.client.registerProducer(producer, true);
    p.startBoth();
    assertThrows(IllegalStateException.class,
        () -> p.client.registerProducer(new DummyProducer(), true));
    p.client.write(bytes("produced"));
    p.pump();
    assertEquals(s.data.toString(), "produced");
    p.client.unregisterProducer();
    p.client.registerProducer(new DummyProducer(), true);
    p.client.loseConnection();
    p.pump();
    assertEquals(producer.events, List.of(), "moving the producer told it nothing");
  }

  @Test
  public void aProducerPausedByAFullQueueIsResumedWhenItDrainsAfterStartTls() {
    Pair p = new Pair(new Recorder(), new Recorder());
    DummyProducer producer = new DummyProducer();
    p.client.registerProducer(producer, true);
    p.cs.capacity = 0;
    p.client.write(new byte[2000]);
    assertEquals(producer.events, List.of("pause"));
    p.client.startTLS(clientOptions());
    p.cs.capacity = Long.MAX_VALUE;
    p.cs.doWrite();
    assertEquals(producer.events.get(producer.events.size() - 1), "resume", "" + producer.events);
  }

  @Test
  public void writesDuringTheHandshakeWaitAndPauseTheProducer() {
    Recorder s = new Recorder();
    Pair p = new Pair(new Recorder(), s);
    DummyProducer producer = new DummyProducer();
    p.client.registerProducer(producer, true);
    p.client.startTLS(clientOptions());
    p.client.write(bytes("early"));
    assertEquals(producer.events, List.of("pause"));
    p.server.startTLS(CERT.options());
    p.pump();
    assertEquals(s.data.toString(), "early");
    assertEquals(producer.events, List.of("pause", "resume"));
  }

  /**
   * A protocol behind a policy wrapper starts TLS through it, as Twisted's wrapper forwards
   * {@code startTLS} to the real transport; the wrapper then shows the TLS layer's results.
   */
  @Test
  public void startTlsThroughAProtocolWrapper() {
    Recorder c = new Recorder();
    Recorder s = new Recorder();
    ProtocolWrapper clientWrapper =
        new ProtocolWrapper(new WrappingFactory(Factory.forProtocol(Recorder::new)), c);
    Pair p = new Pair(clientWrapper, s);
    p.server.startTLS(CERT.options());
    clientWrapper.startTLS(clientOptions());
    p.pump();
    assertNotNull(clientWrapper.sslTransport());
    assertEquals(clientWrapper.getPeerCertificate(), CERT.original());
    int before = p.cs.sent.size();
    clientWrapper.write(bytes("through the wrapper"));
    p.server.write(bytes("back"));
    p.pump();
    assertEquals(s.data.toString(), "through the wrapper");
    assertEquals(c.data.toString(), "back");
    byte[] after = Arrays.copyOfRange(p.cs.sent.toByteArray(), before, p.cs.sent.size());
    assertFalse(contains(after, bytes("wrapper")), "the plaintext is not on the wire");
  }

  /** The TLS layer refuses a second TLS; a wrapper over a transport without TLS says so. */
  @Test
  public void startTlsOnTheTlsLayerOrWithoutTlsIsAClearError() {
    Pair p = new Pair(new Recorder(), new Recorder());
    p.startBoth();
    TLSMemoryBIOProtocol layer = (TLSMemoryBIOProtocol) p.client.sslTransport();
    assertTrue(layer.sslTransport() == layer);
    IllegalStateException e = expectThrows(IllegalStateException.class,
        () -> layer.startTLS(clientOptions()));
    assertTrue(e.getMessage().contains("already"), e.getMessage());
    ProtocolWrapper w =
        new ProtocolWrapper(new WrappingFactory(Factory.forProtocol(Recorder::new)),
            new Recorder());
    w.makeConnection(new StringTransport());
    assertNull(w.sslTransport());
    UnsupportedOperationException u = expectThrows(UnsupportedOperationException.class,
        () -> w.startTLS(clientOptions()));
    assertTrue(u.getMessage().contains("ITLSTransport"), u.getMessage());
  }
}
