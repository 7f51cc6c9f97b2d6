package dev.torsion.protocols.loopback;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Twisted's test_loopback {@code SimpleProtocol}: a tiny {@code \r\n} line splitter (standing
 * in for {@code LineReceiver}, which test_loopback uses only to frame lines) that records its
 * lines and connection losses, and fires {@link #conn} from {@code connectionMade}.
 */
class SimpleProtocol extends Protocol {
  private static final byte[] DELIMITER = {'\r', '\n'};

  final Deferred<@Nullable Void> conn = new Deferred<>();
  final List<String> lines = new ArrayList<>();
  final List<Failure> connLost = new ArrayList<>();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  @Override
  public void connectionMade() {
    conn.callback(null);
  }

  @Override
  public void dataReceived(byte[] data) {
    buffer.writeBytes(data);
    byte[] all = buffer.toByteArray();
    int start = 0;
    for (int i = 0; i + 1 < all.length; i++) {
      if (all[i] == DELIMITER[0] && all[i + 1] == DELIMITER[1]) {
        byte[] line = Arrays.copyOfRange(all, start, i);
        start = i + 2;
        i++;
        lineReceived(new String(line, StandardCharsets.US_ASCII));
        if (!connected) {
          break;
        }
      }
    }
    buffer.reset();
    buffer.write(all, start, all.length - start);
  }

  void lineReceived(String line) {
    lines.add(line);
  }

  void sendLine(String line) {
    transport().write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public void connectionLost(Failure reason) {
    connected = false;
    connLost.add(reason);
  }
}
