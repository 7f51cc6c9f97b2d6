package dev.torsion.protocols.basic;

import static dev.torsion.protocols.basic.Feeds.b;
import static dev.torsion.protocols.basic.Feeds.s;
import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.testng.annotations.Test;

public class FileSenderTest {
  private static InputStream source() {
    return new ByteArrayInputStream(b("Test content"));
  }

  /** twisted.protocols.test.test_basic.FileSenderTests.test_interface */
  @Test
  public void isAPullProducer() {
    Object sender = new FileSender();
    assertTrue(sender instanceof IProducer);
    assertTrue(sender instanceof IPullProducer);
  }

  /** twisted.protocols.test.test_basic.FileSenderTests.test_producerRegistered */
  @Test
  public void producerRegistered() {
    StringTransport consumer = new StringTransport();
    FileSender sender = new FileSender();
    sender.beginFileTransfer(source(), consumer);
    assertSame(consumer.producer(), sender);
    assertFalse(consumer.streaming());
  }

  /** twisted.protocols.test.test_basic.FileSenderTests.test_transfer */
  @Test
  public void transfer() {
    StringTransport consumer = new StringTransport();
    FileSender sender = new FileSender();
    Deferred<byte[]> d = sender.beginFileTransfer(source(), consumer);
    sender.resumeProducing();
    // The transfer only finishes once a read finds the end of the stream.
    sender.resumeProducing();
    assertNull(consumer.producer());
    assertEquals(s(successResultOf(d)), "t");
    assertEquals(s(consumer.value()), "Test content");
  }

  /** twisted.protocols.test.test_basic.FileSenderTests.test_transferMultipleChunks */
  @Test
  public void transferMultipleChunks() {
    StringTransport consumer = new StringTransport();
    FileSender sender = new FileSender();
    sender.setChunkSize(4);
    Deferred<byte[]> d = sender.beginFileTransfer(source(), consumer);
    sender.resumeProducing();
    assertEquals(s(consumer.value()), "Test");
    sender.resumeProducing();
    assertEquals(s(consumer.value()), "Test con");
    sender.resumeProducing();
    assertEquals(s(consumer.value()), "Test content");
    assertFalse(d.called());
    sender.resumeProducing();
    assertEquals(s(successResultOf(d)), "t");
    assertEquals(s(consumer.value()), "Test content");
  }

  /** twisted.protocols.test.test_basic.FileSenderTests.test_transferWithTransform */
  @Test
  public void transferWithTransform() {
    StringTransport consumer = new StringTransport();
    FileSender sender = new FileSender();
    Deferred<byte[]> d = sender.beginFileTransfer(source(), consumer, chunk -> {
      byte[] out = chunk.clone();
      for (int i = 0; i < out.length; i++) {
        char c = (char) out[i];
        out[i] = (byte) (Character.isUpperCase(c) ? Character.toLowerCase(c)
            : Character.toUpperCase(c));
      }
      return out;
    });
    sender.resumeProducing();
    sender.resumeProducing();
    assertEquals(s(successResultOf(d)), "T");
    assertEquals(s(consumer.value()), "tEST CONTENT");
  }

  /** twisted.protocols.test.test_basic.FileSenderTests.test_abortedTransfer */
  @Test
  public void abortedTransfer() {
    StringTransport consumer = new StringTransport();
    FileSender sender = new FileSender();
    Deferred<byte[]> d = sender.beginFileTransfer(source(), consumer);
    sender.stopProducing();
    Failure failure = failureResultOf(d, Exception.class);
    assertEquals(failure.value().getMessage(), "Consumer asked us to stop producing");
  }

  /** An empty stream fires with no last byte. */
  @Test
  public void emptyStream() {
    StringTransport consumer = new StringTransport();
    FileSender sender = new FileSender();
    Deferred<byte[]> d = sender.beginFileTransfer(new ByteArrayInputStream(new byte[0]), consumer);
    sender.resumeProducing();
    assertEquals(successResultOf(d).length, 0);
    assertNull(consumer.producer());
  }

  /** A read error unregisters the sender and fails the Deferred with it. */
  @Test
  public void readErrorFailsTheDeferred() {
    StringTransport consumer = new StringTransport();
    FileSender sender = new FileSender();
    IOException boom = new IOException("disk gone");
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw boom;
      }
    };
    Deferred<byte[]> d = sender.beginFileTransfer(broken, consumer);
    sender.resumeProducing();
    assertSame(failureResultOf(d, IOException.class).value(), boom);
    assertNull(consumer.producer());
  }
}
