package dev.torsion.it.tcp;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import dev.torsion.it.support.Echo;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.testng.annotations.Test;

/** A server echoing what a client sends, over loopback. */
public class EchoIT extends ReactorBuilder {
  @Test
  public void clientReceivesItsBytesBackThenClosesCleanly() {
    Reactor reactor = buildReactor();
    IListeningPort port = reactor.listenTCP(0, Factory.forProtocol(Echo::new), 50, "127.0.0.1");
    int portNumber = ((dev.torsion.internet.address.IPv4Address) port.getHost()).port();
    byte[] message = "hello, torsion".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    Failure[] reason = new Failure[1];
    ClientFactory cf = ClientFactory.forClientProtocol(() -> new Protocol() {
      @Override
      public void connectionMade() {
        transport().write(message);
      }

      @Override
      public void dataReceived(byte[] data) {
        got.write(data, 0, data.length);
        if (got.size() == message.length) {
          transport().loseConnection();
        }
      }

      @Override
      public void connectionLost(Failure r) {
        reason[0] = r;
        port.stopListening().addCallback(ignored -> {
          reactor.stop();
          return null;
        });
      }
    });
    reactor.callWhenRunning(() -> reactor.connectTCP("127.0.0.1", portNumber, cf));
    runReactor(reactor, 10);
    assertEquals(got.toByteArray(), message);
    assertTrue(reason[0].check(ConnectionDone.class) != null, reason[0].toString());
  }
}
