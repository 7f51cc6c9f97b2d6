package dev.torsion.protocols.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.TimeoutError;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.ITCPTransport;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.python.failure.Failure;
import org.testng.annotations.Test;

/** What Torsion does better than Twisted at the ends of a TLS connection. */
public class TLSShutdownTest {
  static final class HalfCloser extends AccumulatingProtocol implements IHalfCloseableProtocol {
    boolean readLost;
    boolean writeLost;
    byte[] answer = new byte[0];

    @Override
    public void readConnectionLost() {
      readLost = true;
      if (answer.length > 0) {
        transport().write(answer);
        transport().loseConnection();
      }
    }

    @Override
    public void writeConnectionLost() {
      writeLost = true;
    }
  }

  static boolean is(Failure f, Class<? extends Throwable> type) {
    return f != null && f.check(type) != null;
  }

  /** Twisted #7926: a peer that never answers close_notify no longer holds the connection. */
  @Test
  public void issue7926CloseTimeoutBoundsAPeerThatNeverAnswersCloseNotify() {
    Clock clock = new Clock();
    AccumulatingProtocol c = new AccumulatingProtocol();
    TlsFixtures.Ends e = TlsFixtures.stringEnds(c, new AccumulatingProtocol(), clock);
    TlsFixtures.flush(e);
    c.transport().loseConnection();
    assertTrue(e.ct().value().length > 0, "close_notify sent");
    clock.advance(TLSMemoryBIOFactory.DEFAULT_CLOSE_TIMEOUT - 0.1);
    assertFalse(e.ct().disconnecting());
    clock.advance(0.2);
    assertTrue(e.ct().disconnecting());
    assertFalse(e.ct().disconnected(), "a clean TCP close, not an abort");
    e.client().connectionLost(new Failure(new ConnectionDone("closed")));
    assertTrue(is(c.closedReason(), ConnectionDone.class));
    assertTrue(clock.getDelayedCalls().isEmpty());
  }

  /** A close timeout of 0 waits for close_notify forever, as Twisted does. */
  @Test
  public void closeTimeoutZeroWaitsForever() {
    Clock clock = new Clock();
    AccumulatingProtocol c = new AccumulatingProtocol();
    TLSMemoryBIOFactory cf = new TLSMemoryBIOFactory(TlsFixtures.clientOptions(), true,
        TlsFixtures.just(c), clock);
    cf.setCloseTimeout(0);
    TLSMemoryBIOFactory sf = new TLSMemoryBIOFactory(TlsFixtures.serverOptions(), false,
        TlsFixtures.just(new AccumulatingProtocol()), clock);
    TlsFixtures.Pair p = TlsFixtures.connect(cf, sf);
    p.pump().flush();
    c.transport().loseConnection();
    assertTrue(clock.getDelayedCalls().isEmpty());
    clock.advance(3600);
    assertFalse(p.clientIO().disconnecting());
  }

  /** A handshake that does not finish in 10 s is aborted with a TimeoutError. */
  @Test
  public void handshakeTimeoutDefaultsToTenSeconds() {
    Clock clock = new Clock();
    AccumulatingProtocol c = new AccumulatingProtocol();
    TlsFixtures.Pair p = TlsFixtures.connect(c, new AccumulatingProtocol(), clock);
    // Nothing is pumped: the server never answers the ClientHello.
    clock.advance(9.9);
    assertFalse(p.clientIO().disconnecting());
    clock.advance(0.2);
    assertTrue(p.clientIO().disconnecting());
    p.pump().flush();
    assertTrue(is(c.closedReason(), TimeoutError.class), "" + c.closedReason());
  }

  /** The handshake timeout is configurable, and cancelled when the handshake ends. */
  @Test
  public void handshakeTimeoutConfigurableAndCancelled() {
    Clock clock = new Clock();
    TLSMemoryBIOFactory cf = new TLSMemoryBIOFactory(TlsFixtures.clientOptions(), true,
        TlsFixtures.just(new AccumulatingProtocol()), clock);
    cf.setHandshakeTimeout(2);
    AccumulatingProtocol s = new AccumulatingProtocol();
    TLSMemoryBIOFactory sf = new TLSMemoryBIOFactory(TlsFixtures.serverOptions(), false,
        TlsFixtures.just(s), clock);
    assertEquals(cf.handshakeTimeout(), 2.0);
    TlsFixtures.Pair p = TlsFixtures.connect(cf, sf);
    assertEquals(clock.getDelayedCalls().size(), 2);
    assertEquals(clock.getDelayedCalls().get(0).getTime(), 2.0);
    p.pump().flush();
    assertTrue(p.client().handshakeDone());
    assertTrue(clock.getDelayedCalls().isEmpty());
  }

  /** A server whose client stops mid-handshake gives up after the timeout. */
  @Test
  public void clientThatStopsMidHandshakeTimesOutOnTheServer() {
    Clock clock = new Clock();
    AccumulatingProtocol s = new AccumulatingProtocol();
    TlsFixtures.Ends e = TlsFixtures.stringEnds(new AccumulatingProtocol(), s, clock);
    byte[] hello = e.ct().value();
    e.server().dataReceived(java.util.Arrays.copyOf(hello, hello.length / 2));
    clock.advance(10);
    assertTrue(e.st().disconnected(), "aborted");
    e.server().connectionLost(new Failure(
        new dev.torsion.internet.error.ConnectionAborted("aborted")));
    assertTrue(is(s.closedReason(), TimeoutError.class), "" + s.closedReason());
  }

  /** Twisted #5341: loseWriteConnection sends close_notify and keeps reading. */
  @Test
  public void issue5341HalfCloseOverTls() {
    HalfCloser c = new HalfCloser();
    HalfCloser s = new HalfCloser();
    s.answer = "the answer".getBytes(US_ASCII);
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    p.pump().flush();
    c.transport().write("question".getBytes(US_ASCII));
    ((ITCPTransport) c.transport()).loseWriteConnection();
    c.transport().write("dropped after half-close".getBytes(US_ASCII));
    assertTrue(c.writeLost);
    p.pump().flush();
    assertEquals(new String(s.data(), US_ASCII), "question");
    assertTrue(s.readLost);
    assertEquals(new String(c.data(), US_ASCII), "the answer");
    assertTrue(is(c.closedReason(), ConnectionDone.class), "" + c.closedReason());
    assertTrue(is(s.closedReason(), ConnectionDone.class), "" + s.closedReason());
  }

  /** A half-close before the handshake is done after the buffered writes. */
  @Test
  public void halfCloseBeforeHandshakeWaitsForBufferedWrites() {
    HalfCloser c = new HalfCloser();
    HalfCloser s = new HalfCloser();
    s.answer = "ok".getBytes(US_ASCII);
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    c.transport().write("early".getBytes(US_ASCII));
    ((ITCPTransport) c.transport()).loseWriteConnection();
    assertFalse(c.writeLost);
    p.pump().flush();
    assertTrue(c.writeLost);
    assertEquals(new String(s.data(), US_ASCII), "early");
    assertEquals(new String(c.data(), US_ASCII), "ok");
  }

  /** A peer that cannot half-close answers close_notify and closes, as Twisted does. */
  @Test
  public void halfCloseAgainstAPeerThatCannotHalfCloseEndsTheConnection() {
    HalfCloser c = new HalfCloser();
    AccumulatingProtocol s = new AccumulatingProtocol();
    TlsFixtures.Pair p = TlsFixtures.connect(c, s, new Clock());
    p.pump().flush();
    ((ITCPTransport) c.transport()).loseWriteConnection();
    p.pump().flush();
    assertTrue(is(s.closedReason(), ConnectionDone.class), "" + s.closedReason());
    assertTrue(is(c.closedReason(), ConnectionDone.class), "" + c.closedReason());
    assertFalse(c.readLost, "the connection ended; no separate read half-close");
  }

  /** Timeouts must be finite and non-negative. */
  @Test
  public void badTimeoutsAreRefused() {
    TLSMemoryBIOFactory f = new TLSMemoryBIOFactory(TlsFixtures.clientOptions(), true,
        TlsFixtures.just(new AccumulatingProtocol()), new Clock());
    for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      try {
        f.setHandshakeTimeout(bad);
        throw new AssertionError("accepted " + bad);
      } catch (IllegalArgumentException expected) {
        // refused
      }
    }
  }
}
