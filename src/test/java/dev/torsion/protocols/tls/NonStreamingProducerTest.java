package dev.torsion.protocols.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.task.Cooperator;
import dev.torsion.internet.testing.NonStreamingProducer;
import dev.torsion.internet.testing.StringTransport;
import java.util.function.IntConsumer;
import org.testng.annotations.Test;

/** The pull-to-push adapter the TLS wrapper uses for non-streaming producers. */
public class NonStreamingProducerTest {
  /** Runs {@code onWrite} with the write count; stops the streaming on unregister. */
  static final class Consumer extends StringTransport {
    int writes;
    IntConsumer onWrite = n -> { };
    PullToPush streaming;
    boolean unregisterRaises;

    @Override
    public void write(byte[] data) {
      writes++;
      super.write(data);
      onWrite.accept(writes);
    }

    @Override
    public void unregisterProducer() {
      super.unregisterProducer();
      if (streaming != null) {
        streaming.stopStreaming();
      }
      if (unregisterRaises) {
        throw new IllegalStateException("unregister failed");
      }
    }
  }

  private static void run(Clock clock, int ticks) {
    for (int i = 0; i < ticks; i++) {
      clock.advance(1);
    }
  }

  private static PullToPush adapt(Consumer consumer, NonStreamingProducerLike producer,
      Clock clock) {
    PullToPush p = new PullToPush(producer.pull(), consumer, new Cooperator(clock));
    consumer.streaming = p;
    consumer.registerProducer(p, true);
    return p;
  }

  /** Names the producer under test. */
  interface NonStreamingProducerLike {
    dev.torsion.internet.interfaces.IPullProducer pull();
  }

  /** twisted.protocols.test.test_tls.NonStreamingProducerTests.test_writeUntilDone */
  @Test
  public void writeUntilDone() {
    Clock clock = new Clock();
    Consumer consumer = new Consumer();
    NonStreamingProducer ns = new NonStreamingProducer(consumer);
    PullToPush p = adapt(consumer, () -> ns, clock);
    p.startStreaming();
    run(clock, 20);
    assertEquals(new String(consumer.value(), US_ASCII), "0123456789");
    assertNull(consumer.producer());
    assertTrue(p.finished());
  }

  /** twisted.protocols.test.test_tls.NonStreamingProducerTests.test_pause */
  @Test
  public void pauseStopsTheCalls() {
    Clock clock = new Clock();
    Consumer consumer = new Consumer();
    NonStreamingProducer ns = new NonStreamingProducer(consumer);
    PullToPush p = adapt(consumer, () -> ns, clock);
    consumer.onWrite = n -> {
      if (n == 3) {
        ((IPushProducer) consumer.producer()).pauseProducing();
      }
    };
    p.startStreaming();
    run(clock, 20);
    assertEquals(new String(consumer.value(), US_ASCII), "012");
    assertFalse(p.finished());
  }

  /** twisted.protocols.test.test_tls.NonStreamingProducerTests.test_resume */
  @Test
  public void resumeStartsTheCallsAgain() {
    Clock clock = new Clock();
    Consumer consumer = new Consumer();
    NonStreamingProducer ns = new NonStreamingProducer(consumer);
    PullToPush p = adapt(consumer, () -> ns, clock);
    consumer.onWrite = n -> {
      if (n == 3) {
        ((IPushProducer) consumer.producer()).pauseProducing();
        ((IPushProducer) consumer.producer()).resumeProducing();
      }
    };
    p.startStreaming();
    run(clock, 20);
    assertEquals(new String(consumer.value(), US_ASCII), "0123456789");
    assertTrue(p.finished());
  }

  /** twisted.protocols.test.test_tls.NonStreamingProducerTests.test_stopProducing */
  @Test
  public void stopProducingStopsTheProducerAndTheStreaming() {
    Clock clock = new Clock();
    Consumer consumer = new Consumer();
    NonStreamingProducer ns = new NonStreamingProducer(consumer);
    PullToPush p = adapt(consumer, () -> ns, clock);
    consumer.onWrite = n -> {
      if (n == 3) {
        consumer.producer().stopProducing();
      }
    };
    p.startStreaming();
    run(clock, 20);
    assertEquals(new String(consumer.value(), US_ASCII), "012");
    assertTrue(ns.stopped());
    assertTrue(p.finished());
  }

  /** twisted.protocols.test.test_tls.NonStreamingProducerTests.test_stopStreamingTwice */
  @Test
  public void stopStreamingTwiceIsHarmless() {
    Clock clock = new Clock();
    Consumer consumer = new Consumer();
    NonStreamingProducer ns = new NonStreamingProducer(consumer);
    PullToPush p = adapt(consumer, () -> ns, clock);
    p.startStreaming();
    p.stopStreaming();
    p.stopStreaming();
    assertTrue(p.finished());
    run(clock, 5);
    assertEquals(consumer.value().length, 0);
  }

  private void raising(boolean unregisterRaises) {
    Clock clock = new Clock();
    Consumer consumer = new Consumer();
    consumer.unregisterRaises = unregisterRaises;
    final int[] calls = {0};
    dev.torsion.internet.interfaces.IPullProducer thrower =
        new dev.torsion.internet.interfaces.IPullProducer() {
          @Override
          public void resumeProducing() {
            if (calls[0]++ == 2) {
              throw new ArithmeticException("/ by zero");
            }
            consumer.write(Integer.toString(calls[0] - 1).getBytes(US_ASCII));
          }

          @Override
          public void stopProducing() {}
        };
    PullToPush p = adapt(consumer, () -> thrower, clock);
    p.startStreaming();
    run(clock, 10);
    assertEquals(new String(consumer.value(), US_ASCII), "01");
    assertNull(consumer.producer(), "the failed producer was unregistered");
    assertTrue(p.finished());
    assertEquals(calls[0], 3, "never called again after raising");
  }

  /** twisted.protocols.test.test_tls.NonStreamingProducerTests.test_resumeProducingRaises */
  @Test
  public void resumeProducingRaisesIsLoggedAndUnregisters() {
    raising(false);
  }

  /** twisted.protocols.test.test_tls.NonStreamingProducerTests.test_resumeProducingRaiseAndUnregisterProducerRaises */
  @Test
  public void resumeProducingAndUnregisterBothRaise() {
    raising(true);
  }

  /** twisted.protocols.test.test_tls.NonStreamingProducerTests.test_interface */
  @Test
  public void isAPushProducer() {
    Consumer consumer = new Consumer();
    assertTrue(new PullToPush(new NonStreamingProducer(consumer), consumer,
        new Cooperator(new Clock())) instanceof IPushProducer);
  }
}
