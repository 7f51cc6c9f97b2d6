package dev.torsion.it.stress;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.it.builder.TcpBuilder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.testng.annotations.Test;

/**
 * 1 GiB each way over one loopback connection, written in random sizes (fixed seed) by a push
 * producer that the transport pauses at its high-water mark; CRC32C compared at both ends.
 */
public class BulkTransferIT extends TcpBuilder {
  private static final long TOTAL = 1L << 30;
  private static final int MAX_WRITE = 64 * 1024;
  /** The most a side may hold unsent: the high-water mark plus one write, with slack. */
  private static final long BUFFER_BOUND = 1 << 20;

  /** Sends {@link #TOTAL} bytes as a push producer, checksums what it sends and receives. */
  private final class BulkSide extends PushWriter implements IHalfCloseableProtocol {
    private final SplittableRandom random;
    private final byte[] pattern = new byte[1 << 20];
    private final CRC32C sentSum = new CRC32C();
    private final CRC32C receivedSum = new CRC32C();
    long sent;
    long received;
    boolean readDone;
    boolean writeDone;

    BulkSide(long seed) {
      random = new SplittableRandom(seed);
      random.nextBytes(pattern);
    }

    @Override
    void produce() {
      while (!paused && sent < TOTAL) {
        int len = (int) Math.min(TOTAL - sent, random.nextInt(1, MAX_WRITE + 1));
        int off = random.nextInt(pattern.length - len + 1);
        byte[] chunk = Arrays.copyOfRange(pattern, off, off + len);
        sentSum.update(chunk);
        sent += len;
        write(chunk);
      }
      if (sent == TOTAL && !writeDone) {
        writeDone = true;
        transport().unregisterProducer();
        tcp().loseWriteConnection();
      }
    }

    @Override
    public void dataReceived(byte[] data) {
      receivedSum.update(data);
      received += data.length;
    }

    @Override
    public void readConnectionLost() {
      readDone = true;
      maybeClose();
    }

    @Override
    public void writeConnectionLost() {
      maybeClose();
    }

    private void maybeClose() {
      if (readDone && writeDone) {
        transport().loseConnection();
      }
    }
  }

  /** Both ends send 1 GiB at once; each receives exactly what the other sent. */
  @Test
  public void oneGibibyteEachWayWithChecksums() {
    BulkSide server = new BulkSide(0x5eed_0001L);
    BulkSide client = new BulkSide(0x5eed_0002L);
    long start = System.nanoTime();
    runProtocols(server, client, V4, 180);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("BulkTransferIT: 2 x %d MiB in %.2f s = %.0f MiB/s each way, "
        + "%.0f MiB/s total; pauses client %d server %d; max buffered client %d server %d%n",
        TOTAL >> 20, seconds, (TOTAL >> 20) / seconds, 2 * (TOTAL >> 20) / seconds,
        client.pauses, server.pauses, client.maxBuffered, server.maxBuffered);
    for (BulkSide side : new BulkSide[] {server, client}) {
      assertEquals(side.sent, TOTAL);
      assertEquals(side.received, TOTAL);
      assertTrue(side.maxBuffered <= BUFFER_BOUND, "buffered " + side.maxBuffered);
      assertTrue(side.pauses > 0, "the producer was never paused");
      assertNotNull(side.disconnectReason);
      assertNotNull(side.disconnectReason.check(ConnectionDone.class),
          side.disconnectReason.toString());
    }
    assertEquals(server.receivedSum.getValue(), client.sentSum.getValue(), "client -> server");
    assertEquals(client.receivedSum.getValue(), server.sentSum.getValue(), "server -> client");
  }
}
