package dev.torsion.protocols.policies;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.python.failure.Failure;
import java.nio.charset.StandardCharsets;

/** The protocols and factories test_policies shares between its tests. */
final class Helpers {
  private Helpers() {}

  static final IPv4Address ADDR = new IPv4Address("TCP", "127.0.0.1", 35);

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Records connection and disconnection, and the bytes received. */
  static class SimpleProtocol extends Protocol {
    boolean made;
    boolean disconnected;
    final StringBuilder buffer = new StringBuilder();

    @Override
    public void connectionMade() {
      made = true;
    }

    @Override
    public void connectionLost(Failure reason) {
      disconnected = true;
    }

    @Override
    public void dataReceived(byte[] data) {
      buffer.append(new String(data, StandardCharsets.ISO_8859_1));
    }
  }

  /** Echoes; a push producer that remembers whether it is paused. */
  static class EchoProtocol extends Protocol implements IPushProducer {
    boolean paused;

    @Override
    public void pauseProducing() {
      paused = true;
    }

    @Override
    public void resumeProducing() {
      paused = false;
    }

    @Override
    public void stopProducing() {}

    @Override
    public void dataReceived(byte[] data) {
      transport().write(data);
    }
  }

  /** A server factory of EchoProtocol, named as Twisted's test names it. */
  static final class Server extends ServerFactory {
    Server() {
      setProtocol(EchoProtocol::new);
    }
  }
}
