package dev.torsion.it.stress;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.it.builder.ConnectableProtocol;
import dev.torsion.it.builder.TcpBuilder;
import org.testng.annotations.Test;

/**
 * A fast push-producing writer against a reader that pauses its transport after every read
 * and resumes on a timer: the writer's queue stays bounded because its producer is paused and
 * resumed, and every byte arrives.
 */
public class SlowReaderIT extends TcpBuilder {
  private static final long TOTAL = 16L << 20;
  private static final int WRITE = 16 * 1024;
  private static final long BOUND = 256 * 1024;

  /** The writer: writes while not paused, records its queue after every write. */
  private static final class FastWriter extends PushWriter {
    long sent;

    @Override
    void produce() {
      while (!paused && sent < TOTAL) {
        write(new byte[WRITE]);
        sent += WRITE;
      }
      if (sent == TOTAL) {
        transport().unregisterProducer();
        transport().loseConnection();
        sent++;
      }
    }
  }

  /** The reader: pauses after each read, resumes 2 ms later. */
  private static final class SlowReader extends ConnectableProtocol {
    long received;
    int readPauses;

    @Override
    public void dataReceived(byte[] data) {
      received += data.length;
      readPauses++;
      transport().pauseProducing();
      reactor().callLater(0.002, () -> transport().resumeProducing());
    }
  }

  /** The writer's producer is paused and resumed and its queue stays under the bound. */
  @Test
  public void slowReaderPausesFastWriter() {
    FastWriter writer = new FastWriter();
    SlowReader reader = new SlowReader();
    long start = System.nanoTime();
    runProtocols(reader, writer, V4, 90);
    System.out.printf("SlowReaderIT: %d MiB in %.2f s, writer paused %d resumed %d times, "
        + "max queued %d bytes, reader paused %d times%n", TOTAL >> 20,
        (System.nanoTime() - start) / 1e9, writer.pauses, writer.resumes, writer.maxBuffered,
        reader.readPauses);
    assertEquals(reader.received, TOTAL);
    assertTrue(writer.pauses > 0, "never paused");
    assertTrue(writer.resumes > 0, "never resumed");
    assertTrue(writer.maxBuffered <= BOUND, "queued " + writer.maxBuffered);
  }
}
