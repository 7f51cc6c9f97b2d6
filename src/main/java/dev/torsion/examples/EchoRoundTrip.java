package dev.torsion.examples;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientCreator;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.task.Task;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A TCP echo server and a client talking to it over loopback, on the reactor chosen at startup:
 * {@code ./mvnw -q compile exec:java -Dexec.mainClass=dev.torsion.examples.EchoRoundTrip}.
 */
public final class EchoRoundTrip {
  private EchoRoundTrip() {}

  /** Sends back whatever arrives. */
  static final class Echo extends Protocol {
    @Override
    public void dataReceived(byte[] data) {
      transport().write(data);
    }
  }

  /** Says hello, and completes {@code reply} with the first answer. */
  static final class Hello extends Protocol {
    final Deferred<String> reply = new Deferred<>();

    @Override
    public void connectionMade() {
      transport().write("hello, twisted world\n".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void dataReceived(byte[] data) {
      if (!reply.called()) {
        reply.callback(new String(data, StandardCharsets.UTF_8).strip());
      }
      transport().loseConnection();
    }
  }

  /**
   * Listens on a free port, connects, prints the echo, and stops.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Task.react(EchoRoundTrip::roundTrip, List.of(args));
  }

  /**
   * The program, on a given reactor.
   *
   * @param reactor the reactor
   * @param argv ignored
   * @return fires when the round trip is done and the port closed
   */
  public static Deferred<?> roundTrip(Reactor reactor, List<String> argv) {
    IListeningPort port = reactor.listenTCP(0, Factory.forProtocol(Echo::new), "127.0.0.1");
    System.out.println("echo server on " + port.getHost());
    int portNumber = ((IPv4Address) port.getHost()).port();
    return new ClientCreator<>(reactor, Hello::new)
        .connectTCP("127.0.0.1", portNumber)
        .addCallbackDeferred(hello -> hello.reply)
        .addCallback(text -> {
          System.out.println("echoed: " + text);
          return null;
        })
        // Close the port either way; a Failure returned from a callback stays a failure.
        .addBothDeferred(result -> port.stopListening().addCallback(closed -> result));
  }
}
