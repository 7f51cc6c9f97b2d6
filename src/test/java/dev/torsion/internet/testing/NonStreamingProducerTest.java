package dev.torsion.internet.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.interfaces.IConsumer;
import dev.torsion.internet.interfaces.IProducer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

public class NonStreamingProducerTest {
  /** A consumer that only records, as Twisted's TestConsumer. */
  static final class RecordingConsumer implements IConsumer {
    final List<String> writes = new ArrayList<>();
    @Nullable IProducer producer;
    @Nullable Boolean streaming;

    @Override
    public void registerProducer(IProducer p, boolean s) {
      producer = p;
      streaming = s;
    }

    @Override
    public void unregisterProducer() {
      producer = null;
      streaming = null;
    }

    @Override
    public void write(byte[] data) {
      writes.add(new String(data, US_ASCII));
    }
  }

  /** twisted.internet.test.test_testing.NonStreamingProducerTests.test_producesOnly10Times */
  @Test
  public void producesTenTimesThenUnregistersAndRefusesMore() {
    RecordingConsumer consumer = new RecordingConsumer();
    NonStreamingProducer producer = new NonStreamingProducer(consumer);
    consumer.registerProducer(producer, false);
    assertSame(consumer.producer, producer);
    assertSame(producer.consumer(), consumer);
    assertEquals(consumer.streaming, Boolean.FALSE);
    for (int i = 0; i < 10; i++) {
      producer.resumeProducing();
    }
    assertNull(consumer.producer);
    assertNull(consumer.streaming);
    assertNull(producer.consumer());
    assertEquals(consumer.writes, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    assertTrue(producer.result().called());
    assertThrows(IllegalStateException.class, producer::resumeProducing);
  }

  /** twisted.internet.test.test_testing.NonStreamingProducerTests.test_cannotPauseProduction */
  @Test
  public void pausingThrows() {
    RecordingConsumer consumer = new RecordingConsumer();
    NonStreamingProducer producer = new NonStreamingProducer(consumer);
    consumer.registerProducer(producer, false);
    producer.resumeProducing();
    assertThrows(IllegalStateException.class, producer::pauseProducing);
  }

  @Test
  public void stopProducingFiresTheResultAndStops() {
    NonStreamingProducer producer = new NonStreamingProducer(new RecordingConsumer());
    assertFalse(producer.result().called());
    producer.stopProducing();
    assertTrue(producer.stopped());
    assertTrue(producer.result().called());
    assertThrows(IllegalStateException.class, producer::resumeProducing);
  }
}
