package dev.torsion.it.stress;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.it.builder.ConnectableProtocol;
import dev.torsion.it.builder.TcpBuilder;
import dev.torsion.it.builder.TransportProbe;
import org.testng.annotations.Test;

/**
 * {@code abortConnection} with megabytes still queued: the queue is discarded, the aborting
 * side hears {@code ConnectionAborted}, the peer a {@code ConnectionLost}, and the peer never
 * gets all the bytes.
 */
public class AbortPendingIT extends TcpBuilder {
  private static final int WRITTEN = 32 << 20;

  /** Aborting with 32 MiB unsent discards it; both ends learn how the connection ended. */
  @Test
  public void abortDiscardsPendingData() {
    long[] bufferedAtAbort = {0};
    long[] bufferedAfter = {-1};
    long[] received = {0};
    ConnectableProtocol reader = new ConnectableProtocol() {
      @Override
      public void connectionMade() {
        // Read nothing until the writer has aborted, so its queue stays full.
        transport().pauseProducing();
      }

      @Override
      public void dataReceived(byte[] data) {
        received[0] += data.length;
      }
    };
    ConnectableProtocol writer = new ConnectableProtocol() {
      @Override
      public void connectionMade() {
        for (int i = 0; i < WRITTEN / 65536; i++) {
          transport().write(new byte[65536]);
        }
        reactor().callLater(0.05, () -> {
          bufferedAtAbort[0] = TransportProbe.bufferedBytes(transport());
          tcp().abortConnection();
          bufferedAfter[0] = TransportProbe.bufferedBytes(transport());
          // Only now may the reader read, and find the connection reset.
          reactor().callLater(0.05, () -> reader.transport().resumeProducing());
        });
      }
    };
    runProtocols(reader, writer, V4, 30);
    assertTrue(bufferedAtAbort[0] > 0, "nothing was pending at the abort");
    assertEquals(bufferedAfter[0], 0, "the abort kept its queue");
    assertTrue(received[0] < WRITTEN, "the peer got every byte: " + received[0]);
    assertNotNull(writer.disconnectReason);
    assertNotNull(writer.disconnectReason.check(ConnectionAborted.class),
        writer.disconnectReason.toString());
    assertNotNull(reader.disconnectReason);
    assertNotNull(reader.disconnectReason.check(ConnectionLost.class),
        reader.disconnectReason.toString());
    assertNull(reader.disconnectReason.check(ConnectionAborted.class),
        "the peer did not abort: " + reader.disconnectReason);
  }
}
