package dev.torsion.internet.protocol;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.interfaces.IPullProducer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.testng.annotations.Test;

/** {@link FileWrapper}. */
public class FileWrapperTest {
  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** A stream that fails every write, and counts closes. */
  static final class FailingStream extends OutputStream {
    int closes;

    @Override
    public void write(int b) throws IOException {
      throw new IOException("disk full");
    }

    @Override
    public void close() {
      closes++;
    }
  }

  /** twisted.internet.test.test_protocol.FileWrapperTests.test_write */
  @Test
  public void writeGoesToTheStreamAndAStreamErrorIsNotThrown() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FileWrapper wrapper = new FileWrapper(out);
    wrapper.write(ascii("test1"));
    assertEquals(out.toString(StandardCharsets.US_ASCII), "test1");

    FailingStream failing = new FailingStream();
    FileWrapper broken = new FileWrapper(failing);
    broken.write(ascii("stuff"));
    assertFalse(broken.closed(), "a write error does not close the wrapper");
  }

  /** twisted.internet.test.test_protocol.FileWrapperTests.test_writeSequence */
  @Test
  public void writeSequenceWritesThePiecesInOrder() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FileWrapper wrapper = new FileWrapper(out);
    wrapper.writeSequence(List.of(ascii("test1"), ascii("test2")));
    assertEquals(out.toString(StandardCharsets.US_ASCII), "test1test2");

    FileWrapper broken = new FileWrapper(new FailingStream());
    broken.writeSequence(List.of(ascii("test3"), ascii("test4")));
    assertFalse(broken.closed());
  }

  @Test
  public void loseConnectionClosesTheStreamOnceAndLaterWritesAreIgnored() {
    FailingStream stream = new FailingStream();
    FileWrapper wrapper = new FileWrapper(stream);
    wrapper.loseConnection();
    wrapper.loseConnection();
    wrapper.stopProducing();
    assertTrue(wrapper.closed());
    assertEquals(stream.closes, 1);
    wrapper.write(ascii("late"));
  }

  @Test
  public void aPullProducerIsAskedOnceAtRegistration() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FileWrapper wrapper = new FileWrapper(out);
    int[] resumed = {0};
    IPullProducer producer = new IPullProducer() {
      @Override
      public void resumeProducing() {
        resumed[0]++;
        wrapper.write(ascii("chunk"));
      }

      @Override
      public void stopProducing() {}
    };
    wrapper.registerProducer(producer, false);
    assertEquals(resumed[0], 1);
    assertEquals(out.toString(StandardCharsets.US_ASCII), "chunk");
    assertFalse(wrapper.streamingProducer());
    expectThrows(IllegalStateException.class, () -> wrapper.registerProducer(producer, false));
    wrapper.stopConsuming();
    assertEquals(wrapper.producer(), null);
    assertTrue(wrapper.closed());
  }

  @Test
  public void itsAddressesSayFile() {
    FileWrapper wrapper = new FileWrapper(new ByteArrayOutputStream());
    assertEquals(wrapper.getPeer().toString(), "file");
    assertEquals(wrapper.getHost().toString(), "file");
  }
}
