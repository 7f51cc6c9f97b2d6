package dev.torsion.it.stress;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.it.builder.ConnectableProtocol;
import dev.torsion.it.builder.TcpBuilder;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * Half-close both ways: one end ends its writing, the other hears {@code readConnectionLost}
 * and keeps writing, and everything written after the half-close still arrives.
 */
public class HalfCloseIT extends TcpBuilder {
  private static final int AFTER = 4 << 20;

  /** Writes a request, half-closes, and reads the whole reply. */
  private static final class Closer extends ConnectableProtocol
      implements IHalfCloseableProtocol {
    final List<String> events = new ArrayList<>();
    long received;

    @Override
    public void connectionMade() {
      transport().write("request".getBytes());
      tcp().loseWriteConnection();
    }

    @Override
    public void dataReceived(byte[] data) {
      received += data.length;
    }

    @Override
    public void writeConnectionLost() {
      events.add("writeConnectionLost");
    }

    @Override
    public void readConnectionLost() {
      events.add("readConnectionLost");
      transport().loseConnection();
    }
  }

  /** Reads until the peer's FIN, then keeps writing {@link #AFTER} bytes, then closes. */
  private static final class Replier extends ConnectableProtocol
      implements IHalfCloseableProtocol {
    final List<String> events = new ArrayList<>();
    final StringBuilder request = new StringBuilder();

    @Override
    public void dataReceived(byte[] data) {
      request.append(new String(data));
    }

    @Override
    public void readConnectionLost() {
      events.add("readConnectionLost");
      // The peer can still read: write well past the socket buffers, then close.
      for (int i = 0; i < AFTER / 65536; i++) {
        transport().write(new byte[65536]);
      }
      transport().loseConnection();
    }

    @Override
    public void writeConnectionLost() {
      events.add("writeConnectionLost");
    }
  }

  private void halfClose(boolean clientCloses) {
    Closer closer = new Closer();
    Replier replier = new Replier();
    if (clientCloses) {
      runProtocols(replier, closer, V4, 30);
    } else {
      runProtocols(closer, replier, V4, 30);
    }
    assertEquals(replier.request.toString(), "request");
    assertEquals(replier.events, List.of("readConnectionLost"));
    assertEquals(closer.events, List.of("writeConnectionLost", "readConnectionLost"));
    assertEquals(closer.received, AFTER);
    for (ConnectableProtocol p : List.of(closer, replier)) {
      assertNotNull(p.disconnectReason);
      assertNotNull(p.disconnectReason.check(ConnectionDone.class),
          p.disconnectReason.toString());
    }
  }

  /** The client half-closes; the server reads to the end, then writes 4 MiB more. */
  @Test
  public void clientHalfClosesServerKeepsWriting() {
    halfClose(true);
  }

  /** The server half-closes; the client reads to the end, then writes 4 MiB more. */
  @Test
  public void serverHalfClosesClientKeepsWriting() {
    halfClose(false);
  }
}
