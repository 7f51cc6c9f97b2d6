package dev.torsion.it.application;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.application.ClientService;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.endpoints.TCP4ClientEndpoint;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.it.support.ReactorCase;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** {@link ClientService} against real loopback servers: reconnecting, giving up, stopping. */
public class ClientServiceIT extends ReactorCase {
  /** Server side: the first connection is dropped at once, the later ones kept. */
  static final class DropFirst extends Protocol {
    private final List<DropFirst> accepted;
    final Deferred<Boolean> lost = new Deferred<>();

    DropFirst(List<DropFirst> accepted) {
      this.accepted = accepted;
    }

    @Override
    public void connectionMade() {
      accepted.add(this);
      if (accepted.size() == 1) {
        transport().loseConnection();
      }
    }

    @Override
    public void connectionLost(Failure reason) {
      lost.callback(true);
    }
  }

  @Test
  public void reconnectsAfterTheServerDropsTheConnectionAndStopClosesIt() {
    List<DropFirst> accepted = new ArrayList<>();
    List<IProtocol> connected = new ArrayList<>();
    await(() -> {
      IListeningPort port = reactor.listenTCP(0,
          Factory.forProtocol(() -> new DropFirst(accepted)), 50, "127.0.0.1");
      int number = ((IPv4Address) port.getHost()).port();
      ClientService service = new ClientService(
          new TCP4ClientEndpoint(reactor, "127.0.0.1", number),
          Factory.forProtocol(Protocol::new), attempt -> 0.01, reactor, null);
      service.startService();
      return service.whenConnected().addCallbackDeferred(first -> {
        connected.add(first);
        return accepted.get(0).lost;
      }).addCallbackDeferred(x -> loopUntil(() -> accepted.size() == 2))
          .addCallbackDeferred(x -> service.whenConnected())
          .addCallbackDeferred(second -> {
            connected.add(second);
            return service.stopService();
          })
          .addCallbackDeferred(stopped -> accepted.get(1).lost)
          .addCallbackDeferred(x -> port.stopListening());
    });
    assertEquals(accepted.size(), 2);
    assertNotSame(connected.get(0), connected.get(1));
    assertTrue(((Protocol) connected.get(1)).transport() != null);
  }

  @Test
  public void whenConnectedGivesUpAfterTheRefusalsAskedFor() {
    Throwable reason = await(() -> {
      IListeningPort closed = reactor.listenTCP(0, Factory.forProtocol(Protocol::new), 50,
          "127.0.0.1");
      int number = ((IPv4Address) closed.getHost()).port();
      return closed.stopListening().addCallbackDeferred(x -> {
        int[] attempts = {0};
        ClientService service = new ClientService(
            new TCP4ClientEndpoint(reactor, "127.0.0.1", number),
            Factory.forProtocol(Protocol::new), attempt -> {
              attempts[0] = attempt;
              return 0.01;
            }, reactor, null);
        service.startService();
        Deferred<Throwable> outcome = new Deferred<>();
        service.whenConnected(2).addCallbacks(p -> {
          outcome.errback(new AssertionError("connected to a closed port"));
          return null;
        }, failure -> {
          assertEquals(attempts[0], 2);
          outcome.callback(failure.value());
          return null;
        });
        return outcome.addCallbackDeferred(
            error -> service.stopService().addCallback(stopped -> error));
      });
    });
    assertTrue(reason instanceof ConnectionRefusedError, String.valueOf(reason));
  }
}
