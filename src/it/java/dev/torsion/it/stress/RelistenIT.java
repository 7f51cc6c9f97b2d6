package dev.torsion.it.stress;

import static org.testng.Assert.assertEquals;

import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.builder.TcpBuilder;
import dev.torsion.it.support.Addresses;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * {@code stopListening}'s Deferred fires once the port is really closed: listening again on the
 * same port number at once works, even after a connection was served on it.
 */
public class RelistenIT extends TcpBuilder {
  /** Serve one connection, stop listening, listen on the same port, serve another. */
  @Test
  public void stopListeningFreesThePortAtOnce() {
    Reactor reactor = buildReactor();
    List<String> served = new ArrayList<>();
    ServerFactory f = new ServerFactory();
    f.setNoisy(false);
    f.setProtocol(() -> new Protocol() {
      @Override
      public void connectionMade() {
        served.add("served");
        transport().write("hi".getBytes());
        transport().loseConnection();
      }
    });
    IListeningPort first = reactor.listenTCP(0, f, V4);
    int portNumber = Addresses.portOf(first.getHost());
    List<Integer> relistenedOn = new ArrayList<>();
    Runnable[] connectThen = new Runnable[1];
    ClientFactory cf = new ClientFactory() {
      @Override
      public void clientConnectionLost(dev.torsion.internet.interfaces.IConnector c,
          Failure reason) {
        connectThen[0].run();
      }

      @Override
      public void clientConnectionFailed(dev.torsion.internet.interfaces.IConnector c,
          Failure reason) {
        record(new AssertionError("could not connect: " + reason, reason.value()));
        stopQuietly(reactor);
      }
    };
    cf.setNoisy(false);
    cf.setProtocol(Protocol::new);
    connectThen[0] = () -> first.stopListening().addCallback(ignored -> {
      IListeningPort second = reactor.listenTCP(portNumber, f, V4);
      relistenedOn.add(Addresses.portOf(second.getHost()));
      connectThen[0] = () -> second.stopListening().addCallback(stopping(reactor));
      reactor.connectTCP(V4, portNumber, cf);
      return null;
    }).addErrback(e -> {
      record(e.value());
      stopQuietly(reactor);
      return null;
    });
    reactor.callWhenRunning(() -> reactor.connectTCP(V4, portNumber, cf));
    run(reactor);
    assertEquals(relistenedOn, List.of(portNumber));
    assertEquals(served, List.of("served", "served"));
  }
}
