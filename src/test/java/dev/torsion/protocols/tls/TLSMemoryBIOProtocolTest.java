package dev.torsion.protocols.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.interfaces.INegotiated;
import dev.torsion.internet.interfaces.ISSLTransport;
import dev.torsion.internet.interfaces.ITCPTransport;
import dev.torsion.internet.ssl.CertificateOptions;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.internet.ssl.TLSVersion;
import dev.torsion.internet.ssl.VerificationError;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.python.failure.Failure;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.testng.annotations.Test;

public class TLSMemoryBIOProtocolTest {
  /** Records the handshake and, optionally, writes a greeting or aborts at the handshake. */
  static class Listener extends AccumulatingProtocol implements IHandshakeListener {
    int handshakes;
    boolean madeBeforeHandshake;
    byte[] greeting = new byte[0];
    boolean abortOnHandshake;

    @Override
    public void connectionMade() {
      super.connectionMade();
      madeBeforeHandshake = handshakes == 0;
      if (greeting.length > 0) {
        transport().write(greeting);
      }
    }

    @Override
    public void handshakeCompleted() {
      handshakes++;
      if (abortOnHandshake) {
        ((ITCPTransport) transport()).abortConnection();
      }
    }
  }

  static boolean is(Failure f, Class<? extends Throwable> type) {
    return f != null && f.check(type) != null;
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_handshake */
  @Test
  public void handshake() {
    Clock clock = new Clock();
    Listener c = new Listener();
    Listener s = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, clock);
    p.pump().flush();
    assertEquals(c.handshakes, 1);
    assertEquals(s.handshakes, 1);
    assertEquals(p.client().negotiatedVersion(), "TLSv1.3");
    assertTrue(p.client().handshakeDone());
    c.transport().loseConnection();
    p.pump().flush();
    assertTrue(is(c.closedReason(), ConnectionDone.class), "" + c.closedReason());
    assertTrue(is(s.closedReason(), ConnectionDone.class), "" + s.closedReason());
    assertTrue(clock.getDelayedCalls().isEmpty());
  }

  /** twisted.protocols.test.test_tls.DeterministicTLSMemoryBIOTests.test_handshakeNotification */
  @Test
  public void handshakeNotificationAfterConnectionMadeBeforeData() {
    Listener c = new Listener();
    Listener s = new Listener();
    s.greeting = "early".getBytes(US_ASCII);
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    assertEquals(c.handshakes, 0);
    p.pump().flush();
    assertEquals(c.handshakes, 1);
    assertEquals(new String(c.data(), US_ASCII), "early");
  }

  /** twisted.protocols.test.test_tls.DeterministicTLSMemoryBIOTests.test_handshakeStopWriting */
  @Test
  public void abortInHandshakeCompletedKeepsBufferedWritesFromThePeer() {
    Listener c = new Listener();
    c.greeting = "untrustworthy".getBytes(US_ASCII);
    c.abortOnHandshake = true;
    Listener s = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    p.pump().flush();
    assertEquals(s.data().length, 0);
    assertTrue(c.closed());
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_interfaces */
  @Test
  public void interfaces() {
    TLSMemoryBIOProtocol p = new TLSMemoryBIOFactory(TlsFixtures.clientOptions(), true,
        TlsFixtures.just(new AccumulatingProtocol()), new Clock()).buildProtocol(TlsFixtures.ADDR);
    assertTrue(p instanceof ISSLTransport);
    assertTrue(p instanceof INegotiated);
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_wrappedProtocolInterfaces */
  @Test
  public void theWrapperIsATcpTransportForwardingToTheRealOne() {
    Listener c = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, new Listener(), new Clock());
    ITCPTransport t = (ITCPTransport) c.transport();
    t.setTcpNoDelay(true);
    assertTrue(p.clientIO().getTcpNoDelay());
    assertSame(t.getPeer(), p.clientIO().getPeer());
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_getHandle */
  @Test
  public void getHandleIsTheEngine() {
    TlsFixtures.Pair p = TlsFixtures.connect(new Listener(), new Listener(), new Clock());
    assertNotNull(p.client().getHandle());
    assertTrue(p.client().getHandle() instanceof org.bouncycastle.tls.TlsClientProtocol);
    assertTrue(p.server().getHandle() instanceof org.bouncycastle.tls.TlsServerProtocol);
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_makeConnection */
  @Test
  public void makeConnectionConnectsTheWrappedProtocolToTheWrapperBeforeTheHandshake() {
    Listener c = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, new Listener(), new Clock());
    assertSame(c.transport(), p.client());
    assertTrue(c.madeBeforeHandshake);
    assertFalse(p.client().handshakeDone());
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_handshakeFailure */
  @Test
  public void handshakeFailureReachesBothEnds() {
    Listener c = new Listener();
    Listener s = new Listener();
    // The client trusts only a CA that did not sign the server's certificate.
    var otherCa = TlsFixtures.issue("other.example.com", 9);
    var opts = SSL.optionsForClientTLS("example.com",
        SSL.trustRootFromCertificates(List.of(otherCa)));
    TlsFixtures.Pair p = TlsFixtures.connect(opts, c, TlsFixtures.serverOptions(), s,
        new Clock());
    p.pump().flush();
    assertTrue(is(c.closedReason(), VerificationError.class), "" + c.closedReason());
    assertTrue(s.closed());
    assertTrue(is(s.closedReason(), org.bouncycastle.tls.TlsFatalAlertReceived.class),
        "" + s.closedReason());
    assertEquals(c.handshakes, 0);
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_getPeerCertificate */
  @Test
  public void getPeerCertificate() {
    Listener c = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, new Listener(), new Clock());
    assertNull(p.client().getPeerCertificate());
    p.pump().flush();
    assertEquals(p.client().getPeerCertificate(), TlsFixtures.SERVER.original());
    assertNull(p.server().getPeerCertificate(), "the client was not asked for a certificate");
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_writeAfterHandshake */
  @Test
  public void writeAfterHandshake() {
    Listener c = new Listener();
    Listener s = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    p.pump().flush();
    c.transport().write("x".repeat(100).getBytes(US_ASCII));
    p.pump().flush();
    assertEquals(new String(s.data(), US_ASCII), "x".repeat(100));
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_writeBeforeHandshake */
  @Test
  public void writeBeforeHandshakeIsSentAfterIt() {
    Listener c = new Listener();
    c.greeting = "before".getBytes(US_ASCII);
    Listener s = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    p.pump().flush();
    assertEquals(new String(s.data(), US_ASCII), "before");
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_writeSequence */
  @Test
  public void writeSequence() {
    Listener c = new Listener();
    Listener s = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    p.pump().flush();
    c.transport().writeSequence(List.of("a".getBytes(US_ASCII), "bc".getBytes(US_ASCII)));
    p.pump().flush();
    assertEquals(new String(s.data(), US_ASCII), "abc");
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_writeAfterLoseConnection */
  @Test
  public void writeAfterLoseConnectionIsDropped() {
    Listener c = new Listener();
    Listener s = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    p.pump().flush();
    c.transport().write("kept".getBytes(US_ASCII));
    c.transport().loseConnection();
    c.transport().write("dropped".getBytes(US_ASCII));
    p.pump().flush();
    assertEquals(new String(s.data(), US_ASCII), "kept");
    assertTrue(s.closed());
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_multipleWrites */
  @Test
  public void multipleWritesArriveInOrder() {
    Listener c = new Listener();
    Listener s = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    StringBuilder want = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      c.transport().write(("w" + i + ",").getBytes(US_ASCII));
      want.append("w").append(i).append(',');
    }
    p.pump().flush();
    assertEquals(new String(s.data(), US_ASCII), want.toString());
  }

  private void hugeWrite(CertificateOptions.Builder clientSide, TLSVersion version) {
    Listener c = new Listener();
    Listener s = new Listener();
    var copts = SSL.optionsForClientTLS("example.com", TlsFixtures.TRUST, null, List.of(),
        clientSide);
    TlsFixtures.Pair p = TlsFixtures.connect(copts, c, TlsFixtures.serverOptions(), s,
        new Clock());
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(big);
    c.transport().write(big);
    p.pump().flush();
    assertEquals(p.client().negotiatedVersion(), version.name().replace("_", "."));
    assertTrue(Arrays.equals(s.data(), big));
  }

  private void hugeWriteLegacy(TLSVersion version) {
    List<String> cbc = List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA");
    CertificateOptions server = CertificateOptions.builder()
        .privateKey(TlsFixtures.SERVER.privateKey()).certificate(TlsFixtures.SERVER)
        .insecurelyLowerMinimumTo(version).lowerMaximumSecurityTo(version)
        .acceptableCiphers(cbc).build();
    Listener c = new Listener();
    Listener s = new Listener();
    var copts = SSL.optionsForClientTLS("example.com", TlsFixtures.TRUST, null, List.of(),
        CertificateOptions.builder().insecurelyLowerMinimumTo(version)
            .lowerMaximumSecurityTo(version).acceptableCiphers(cbc));
    TlsFixtures.Pair p = TlsFixtures.connect(copts, c, server, s, new Clock());
    byte[] big = new byte[1024 * 1024 + 3];
    new Random(7).nextBytes(big);
    c.transport().write(big);
    p.pump().flush();
    assertEquals(p.client().negotiatedVersion(), version.name().replace("_", "."),
        "" + c.closedReason());
    assertTrue(Arrays.equals(s.data(), big));
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_hugeWrite_TLSv1 */
  @Test
  public void hugeWriteTls10WhenInsecurelyAllowed() {
    hugeWriteLegacy(TLSVersion.TLSv1_0);
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_hugeWrite_TLSv1_1 */
  @Test
  public void hugeWriteTls11WhenInsecurelyAllowed() {
    hugeWriteLegacy(TLSVersion.TLSv1_1);
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_errorWriting */
  @Test
  public void errorWritingReachesConnectionLost() throws Exception {
    Listener c = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, new Listener(), new Clock());
    p.pump().flush();
    p.client().getHandle().close(); // the engine fails under the wrapper
    c.transport().write("doomed".getBytes(US_ASCII));
    p.pump().flush();
    assertTrue(c.closed());
    assertTrue(is(c.closedReason(), RuntimeException.class)
        || is(c.closedReason(), java.io.IOException.class), "" + c.closedReason());
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_hugeWrite_TLSv1_2 */
  @Test
  public void hugeWriteTls12() {
    hugeWrite(CertificateOptions.builder().lowerMaximumSecurityTo(TLSVersion.TLSv1_2),
        TLSVersion.TLSv1_2);
  }

  /** A 3 MiB write over TLS 1.3 arrives whole. */
  @Test
  public void hugeWriteTls13() {
    hugeWrite(CertificateOptions.builder(), TLSVersion.TLSv1_3);
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_disorderlyShutdown */
  @Test
  public void disorderlyShutdownIsConnectionLost() {
    Listener c = new Listener();
    Listener s = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    p.pump().flush();
    p.clientIO().loseConnection(); // TCP close under TLS: no close_notify
    p.pump().flush();
    assertTrue(is(s.closedReason(), ConnectionLost.class), "" + s.closedReason());
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_unexpectedEOF */
  @Test
  public void truncationIsConnectionLostNotConnectionDone() {
    Listener c = new Listener();
    Listener s = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    p.pump().flush();
    c.transport().write("partial".getBytes(US_ASCII));
    p.pump().flush();
    p.server().connectionLost(new Failure(new ConnectionDone("clean TCP close")));
    assertEquals(new String(s.data(), US_ASCII), "partial");
    assertTrue(is(s.closedReason(), ConnectionLost.class), "" + s.closedReason());
    assertFalse(is(s.closedReason(), ConnectionDone.class));
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_loseConnectionAfterHandshake */
  @Test
  public void loseConnectionAfterHandshakeSendsCloseNotifyAndBothSeeConnectionDone() {
    Listener c = new Listener();
    Listener s = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    p.pump().flush();
    s.transport().write("bye".getBytes(US_ASCII));
    s.transport().loseConnection();
    p.pump().flush();
    assertEquals(new String(c.data(), US_ASCII), "bye");
    assertTrue(is(c.closedReason(), ConnectionDone.class), "" + c.closedReason());
    assertTrue(is(s.closedReason(), ConnectionDone.class), "" + s.closedReason());
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_connectionLostOnlyAfterUnderlyingCloses */
  @Test
  public void connectionLostOnlyAfterTheTransportCloses() {
    Listener c = new Listener();
    TlsFixtures.Ends e = TlsFixtures.stringEnds(c, new Listener(), new Clock());
    TlsFixtures.flush(e);
    c.transport().loseConnection();
    TlsFixtures.flush(e);
    assertTrue(e.ct().disconnecting());
    assertFalse(c.closed());
    e.client().connectionLost(new Failure(new ConnectionLost("ono")));
    assertTrue(is(c.closedReason(), ConnectionLost.class));
    assertEquals(c.closedReason().value().getMessage(), "ono");
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_loseConnectionTwice */
  @Test
  public void loseConnectionTwiceSendsOneCloseNotify() {
    Listener c = new Listener();
    TlsFixtures.Ends e = TlsFixtures.stringEnds(c, new Listener(), new Clock());
    TlsFixtures.flush(e);
    c.transport().loseConnection();
    byte[] first = e.ct().value();
    assertTrue(first.length > 0);
    c.transport().loseConnection();
    assertEquals(e.ct().value(), first);
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOTests.test_loseConnectionAfterConnectionLost */
  @Test
  public void loseConnectionAfterConnectionLostDoesNothing() {
    Listener c = new Listener();
    TlsFixtures.Ends e = TlsFixtures.stringEnds(c, new Listener(), new Clock());
    TlsFixtures.flush(e);
    e.client().connectionLost(new Failure(new ConnectionDone("x")));
    e.ct().clear();
    e.client().loseConnection();
    assertEquals(e.ct().value().length, 0);
    assertFalse(e.ct().disconnecting());
  }

  /** loseConnection before the handshake, with nothing buffered, aborts. */
  @Test
  public void loseConnectionBeforeHandshakeWithNothingBufferedAborts() {
    Listener c = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, new Listener(), new Clock());
    c.transport().loseConnection();
    assertTrue(p.clientIO().disconnecting());
    p.pump().flush();
    assertTrue(c.closed());
    assertTrue(is(c.closedReason(), dev.torsion.internet.error.ConnectionAborted.class),
        "" + c.closedReason());
  }

  /** loseConnection before the handshake with writes buffered sends them, then closes. */
  @Test
  public void loseConnectionBeforeHandshakeWithBufferedWritesFlushesThenCloses() {
    Listener c = new Listener();
    Listener s = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    c.transport().write("last words".getBytes(US_ASCII));
    c.transport().loseConnection();
    p.pump().flush();
    assertEquals(new String(s.data(), US_ASCII), "last words");
    assertTrue(is(c.closedReason(), ConnectionDone.class), "" + c.closedReason());
    assertTrue(is(s.closedReason(), ConnectionDone.class), "" + s.closedReason());
  }

  /** abortConnection drops the connection at once; no more data reaches the application. */
  @Test
  public void abortConnection() {
    Listener c = new Listener();
    Listener s = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    p.pump().flush();
    s.transport().write("late".getBytes(US_ASCII));
    ((ITCPTransport) c.transport()).abortConnection();
    p.pump().flush();
    assertEquals(c.data().length, 0);
    assertTrue(is(c.closedReason(), dev.torsion.internet.error.ConnectionAborted.class));
    assertTrue(is(s.closedReason(), ConnectionLost.class), "" + s.closedReason());
  }

  /** failVerification aborts with the given reason. */
  @Test
  public void failVerificationGivesItsReason() {
    Listener c = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, new Listener(), new Clock());
    p.pump().flush();
    p.client().failVerification(new Failure(new VerificationError("nope")));
    p.pump().flush();
    assertTrue(is(c.closedReason(), VerificationError.class));
  }

  /** Received bytes fed one at a time give the same result as whole. */
  @Test
  public void oneByteAtATime() {
    Listener c = new Listener();
    Listener s = new Listener();
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    p.pump().setChunkSize(1);
    c.transport().write("hello, one byte at a time".getBytes(US_ASCII));
    p.pump().flush();
    assertEquals(new String(s.data(), US_ASCII), "hello, one byte at a time");
  }

  /** TLS over TLS: a TLS end whose transport is another TLS end. */
  @Test
  public void tlsOverTls() {
    Listener c = new Listener();
    Listener s = new Listener();
    Clock clock = new Clock();
    TLSMemoryBIOFactory innerC = new TLSMemoryBIOFactory(TlsFixtures.clientOptions(), true,
        TlsFixtures.just(c), clock);
    TLSMemoryBIOFactory innerS = new TLSMemoryBIOFactory(TlsFixtures.serverOptions(), false,
        TlsFixtures.just(s), clock);
    TLSMemoryBIOFactory outerC = new TLSMemoryBIOFactory(TlsFixtures.clientOptions(), true,
        innerC, clock);
    TLSMemoryBIOFactory outerS = new TLSMemoryBIOFactory(TlsFixtures.serverOptions(), false,
        innerS, clock);
    TlsFixtures.Pair p = TlsFixtures.connect(outerC, outerS);
    c.transport().write("inner".getBytes(US_ASCII));
    p.pump().flush();
    assertEquals(c.handshakes, 1);
    assertEquals(new String(s.data(), US_ASCII), "inner");
    assertTrue(c.transport() instanceof TLSMemoryBIOProtocol inner
        && inner.transport() instanceof TLSMemoryBIOProtocol);
    c.transport().loseConnection();
    p.pump().flush();
    assertTrue(is(c.closedReason(), ConnectionDone.class), "" + c.closedReason());
    assertTrue(is(s.closedReason(), ConnectionDone.class), "" + s.closedReason());
  }

  /** Garbage instead of a ClientHello ends the server end with the engine's error. */
  @Test
  public void garbageInsteadOfClientHello() {
    Listener s = new Listener();
    TlsFixtures.Ends e = TlsFixtures.stringEnds(new Listener(), s, new Clock());
    e.server().dataReceived("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
    assertTrue(e.st().disconnecting());
    e.server().connectionLost(new Failure(new ConnectionDone("x")));
    assertTrue(is(s.closedReason(), java.io.IOException.class), "" + s.closedReason());
  }
}
