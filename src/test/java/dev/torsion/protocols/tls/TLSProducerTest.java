package dev.torsion.protocols.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.internet.testing.NonStreamingProducer;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** The TLS transport as a consumer: producers through the membrane. */
public class TLSProducerTest {
  /** A producer that records what it was told. */
  static final class HistoryProducer implements IPushProducer {
    final List<String> history = new ArrayList<>();

    @Override
    public void pauseProducing() {
      history.add("pause");
    }

    @Override
    public void resumeProducing() {
      history.add("resume");
    }

    @Override
    public void stopProducing() {
      history.add("stop");
    }
  }

  record Setup(AccumulatingProtocol app, AccumulatingProtocol serverApp, TlsFixtures.Ends ends,
      HistoryProducer producer, Clock clock) {}

  static Setup setup() {
    Clock clock = new Clock();
    AccumulatingProtocol app = new AccumulatingProtocol();
    AccumulatingProtocol serverApp = new AccumulatingProtocol();
    TlsFixtures.Ends e = TlsFixtures.stringEnds(app, serverApp, clock);
    HistoryProducer producer = new HistoryProducer();
    app.transport().registerProducer(producer, true);
    assertTrue(e.ct().streaming());
    return new Setup(app, serverApp, e, producer, clock);
  }

  private static IPushProducer membrane(Setup s) {
    return (IPushProducer) s.ends().ct().producer();
  }

  /** twisted.protocols.test.test_tls.TLSProducerTests.test_streamingProducerPausedInNormalMode */
  @Test
  public void pausedByTheTransportInNormalMode() {
    Setup s = setup();
    TlsFixtures.flush(s.ends());
    membrane(s).pauseProducing();
    assertEquals(s.producer().history, List.of("pause"));
    assertTrue(((ProducerMembrane) membrane(s)).paused());
  }

  /** twisted.protocols.test.test_tls.TLSProducerTests.test_streamingProducerResumedInNormalMode */
  @Test
  public void resumedByTheTransportInNormalMode() {
    Setup s = setup();
    TlsFixtures.flush(s.ends());
    membrane(s).pauseProducing();
    membrane(s).resumeProducing();
    assertEquals(s.producer().history, List.of("pause", "resume"));
    assertFalse(((ProducerMembrane) membrane(s)).paused());
  }

  /** twisted.protocols.test.test_tls.TLSProducerTests.test_streamingProducerPausedInWriteBlockedOnReadMode */
  @Test
  public void pausedByAWriteBeforeTheHandshake() {
    Setup s = setup();
    s.app().transport().write("hello".getBytes(US_ASCII));
    assertEquals(s.producer().history, List.of("pause"));
  }

  /** twisted.protocols.test.test_tls.TLSProducerTests.test_streamingProducerResumedInWriteBlockedOnReadMode */
  @Test
  public void resumedWhenTheHandshakeEnds() {
    Setup s = setup();
    s.app().transport().write("hello world".repeat(32000).getBytes(US_ASCII));
    s.app().transport().write("more".getBytes(US_ASCII));
    assertEquals(s.producer().history, List.of("pause"));
    TlsFixtures.flush(s.ends());
    assertEquals(s.producer().history, List.of("pause", "resume"));
    assertFalse(s.ends().ct().disconnecting());
    assertEquals(s.serverApp().data().length, "hello world".length() * 32000 + 4);
  }

  /** twisted.protocols.test.test_tls.TLSProducerTests.test_streamingProducerTwice */
  @Test
  public void registeringTwiceFails() {
    Setup s = setup();
    Object before = s.ends().ct().producer();
    expectThrows(RuntimeException.class,
        () -> s.app().transport().registerProducer(new HistoryProducer(), true));
    assertEquals(s.ends().ct().producer(), before);
  }

  /** twisted.protocols.test.test_tls.TLSProducerTests.test_streamingProducerUnregister */
  @Test
  public void unregister() {
    Setup s = setup();
    s.app().transport().unregisterProducer();
    assertNull(s.ends().ct().producer());
  }

  /** twisted.protocols.test.test_tls.TLSProducerTests.test_streamingProducerUnregisterTwice */
  @Test
  public void unregisterTwice() {
    Setup s = setup();
    s.app().transport().unregisterProducer();
    s.app().transport().unregisterProducer();
    assertNull(s.ends().ct().producer());
  }

  private void loseConnectionWithProducer(boolean writeBlockedOnRead) {
    Setup s = setup();
    TlsFixtures.Ends e = s.ends();
    if (!writeBlockedOnRead) {
      TlsFixtures.flush(e);
    }
    s.app().transport().write("x ".getBytes(US_ASCII));
    s.app().transport().loseConnection();
    TlsFixtures.flush(e);
    assertFalse(e.ct().disconnecting());
    assertFalse(s.producer().history.contains("stop"));
    s.app().transport().write("hello".getBytes(US_ASCII));
    s.app().transport().writeSequence(List.of(" ".getBytes(US_ASCII),
        "world".getBytes(US_ASCII)));
    s.app().transport().unregisterProducer();
    assertNotEquals(e.ct().value().length, 0);
    assertFalse(e.ct().disconnecting());
    s.app().transport().write("won't".getBytes(US_ASCII));
    s.app().transport().writeSequence(List.of("won't!".getBytes(US_ASCII)));
    TlsFixtures.flush(e);
    assertTrue(e.ct().disconnecting());
    assertEquals(new String(s.serverApp().data(), US_ASCII), "x hello world");
  }

  /** twisted.protocols.test.test_tls.TLSProducerTests.test_streamingProducerLoseConnectionWithProducer */
  @Test
  public void loseConnectionWaitsForTheProducer() {
    loseConnectionWithProducer(false);
  }

  /** twisted.protocols.test.test_tls.TLSProducerTests.test_streamingProducerLoseConnectionWithProducerWBOR */
  @Test
  public void loseConnectionWaitsForTheProducerBeforeTheHandshake() {
    loseConnectionWithProducer(true);
  }

  /** twisted.protocols.test.test_tls.TLSProducerTests.test_streamingProducerBothTransportsDecideToPause */
  @Test
  public void bothLayersPausingGiveOnePause() {
    Setup s = setup();
    membrane(s).pauseProducing(); // the real transport is full
    s.app().transport().write("hello".getBytes(US_ASCII)); // the TLS layer buffers too
    assertEquals(s.producer().history, List.of("pause"));
    membrane(s).resumeProducing();
    assertEquals(s.producer().history, List.of("pause", "resume"));
    TlsFixtures.flush(s.ends());
    assertEquals(s.producer().history, List.of("pause", "resume"));
  }

  /** twisted.protocols.test.test_tls.TLSProducerTests.test_streamingProducerStopProducing */
  @Test
  public void stopProducingReachesTheProducer() {
    Setup s = setup();
    membrane(s).stopProducing();
    assertEquals(s.producer().history, List.of("stop"));
  }

  /** twisted.protocols.test.test_tls.TLSProducerTests.test_nonStreamingProducer */
  @Test
  public void nonStreamingProducerIsDrivenAsStreaming() {
    Clock clock = new Clock();
    AccumulatingProtocol app = new AccumulatingProtocol();
    AccumulatingProtocol serverApp = new AccumulatingProtocol();
    TlsFixtures.Ends e = TlsFixtures.stringEnds(app, serverApp, clock);
    TlsFixtures.flush(e);
    NonStreamingProducer producer = new NonStreamingProducer(app.transport());
    app.transport().registerProducer(producer, false);
    ProducerMembrane m = (ProducerMembrane) e.ct().producer();
    assertTrue(m.producer instanceof PullToPush ptp && ptp.producer() == producer);
    assertTrue(e.ct().streaming());
    for (int i = 0; i < 20; i++) {
      clock.advance(1);
      TlsFixtures.flush(e);
    }
    assertTrue(producer.result().called());
    assertNull(e.ct().producer());
    assertEquals(new String(serverApp.data(), US_ASCII), "0123456789");
  }

  /** twisted.protocols.test.test_tls.TLSProducerTests.test_interface */
  @Test
  public void membraneIsAPushProducer() {
    assertTrue(new ProducerMembrane(new HistoryProducer()) instanceof IPushProducer);
  }

  private void registerAfterConnectionLost(boolean streaming) {
    Clock clock = new Clock();
    AccumulatingProtocol app = new AccumulatingProtocol();
    TlsFixtures.Ends e = TlsFixtures.stringEnds(app, new AccumulatingProtocol(), clock);
    e.client().connectionLost(new Failure(new ConnectionDone("gone")));
    boolean[] stopped = {false};
    IPullProducer producer = new IPushProducerAndPull() {
      @Override
      public void resumeProducing() {
        throw new AssertionError("must never be called");
      }

      @Override
      public void pauseProducing() {
        throw new AssertionError("must never be called");
      }

      @Override
      public void stopProducing() {
        stopped[0] = true;
      }
    };
    e.client().registerProducer(producer, streaming);
    assertTrue(stopped[0]);
    assertNull(e.ct().producer());
  }

  interface IPushProducerAndPull extends IPushProducer, IPullProducer {}

  /** twisted.protocols.test.test_tls.TLSProducerTests.test_streamingProducerAfterConnectionLost */
  @Test
  public void streamingProducerAfterConnectionLostIsStopped() {
    registerAfterConnectionLost(true);
  }

  /** twisted.protocols.test.test_tls.TLSProducerTests.test_nonStreamingProducerAfterConnectionLost */
  @Test
  public void nonStreamingProducerAfterConnectionLostIsStopped() {
    registerAfterConnectionLost(false);
  }
}
