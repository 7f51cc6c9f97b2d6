package dev.torsion.internet.endpoints;

import static org.testng.Assert.assertEquals;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.it.support.Addresses;
import dev.torsion.it.support.Echo;
import dev.torsion.it.support.ReactorCase;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.testng.annotations.Test;

/** Endpoints made from strings, on real loopback sockets. */
public class EndpointsIT extends ReactorCase {
  private static final byte[] MESSAGE = "hello, endpoints".getBytes(StandardCharsets.US_ASCII);

  /** Collects what the echo server sends back; fires once all of it has arrived. */
  static final class Collector extends Protocol {
    final ByteArrayOutputStream got = new ByteArrayOutputStream();
    final Deferred<String> done = new Deferred<>();

    @Override
    public void dataReceived(byte[] data) {
      got.write(data, 0, data.length);
      if (got.size() >= MESSAGE.length) {
        transport().loseConnection();
      }
    }

    @Override
    public void connectionLost(Failure reason) {
      done.callback(got.toString(StandardCharsets.US_ASCII));
    }
  }

  @Test
  public void echoThroughStringEndpoints() {
    IListeningPort[] port = new IListeningPort[1];
    Collector client = new Collector();
    String echoed = await(() -> {
      Deferred<String> text = Endpoints.serverFromString(reactor, "tcp:0:interface=127.0.0.1")
          .listen(Factory.forProtocol(Echo::new))
          .addCallbackDeferred(p -> {
            port[0] = p;
            String description = "tcp:host=127.0.0.1:port=" + Addresses.portOf(p) + ":timeout=5";
            return Endpoints.connectProtocol(Endpoints.clientFromString(reactor, description),
                client);
          })
          .addCallbackDeferred(p -> {
            client.transport().write(MESSAGE);
            return client.done;
          });
      // A failed run leaves the port to the reactor's shutdown, which closes it.
      return text.addCallbackDeferred(s -> port[0].stopListening().addCallback(ignored -> s));
    });
    assertEquals(echoed, new String(MESSAGE, StandardCharsets.US_ASCII));
  }
}
