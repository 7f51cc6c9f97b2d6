package dev.torsion.application;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.internet.task.Task;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A program run in a child JVM by {@link StrportsTest}: each mode listens through a form that
 * defaults to the global reactor, then connects to the port with the running global reactor and
 * prints whether the connection was accepted, which it only is when the global reactor owns
 * the port. The global reactor runs once per process, hence the child.
 */
public final class ApplicationGlobalReactorProbe {
  private static final String LOOPBACK = "tcp:0:interface=127.0.0.1";

  private ApplicationGlobalReactorProbe() {}

  /**
   * Runs the mode named by {@code args[0]}.
   *
   * @param args the mode
   */
  public static void main(String[] args) {
    switch (args[0]) {
      case "strportsService" -> {
        boolean installedBefore = Reactors.installed() != null;
        StreamServerEndpointService svc = Strports.service(LOOPBACK, acceptor());
        System.out.println("installedByService=" + (!installedBefore
            && Reactors.installed() != null));
        probe(reactor -> {
          svc.startService();
          return (IListeningPort) svc.waitingForPort().result();
        });
      }
      case "strportsListen" -> probe(reactor -> Strports.listen(LOOPBACK, acceptor()));
      case "tcpServer" -> probe(reactor -> {
        TCPServer t = new TCPServer(null, 0, acceptor(), 50, "127.0.0.1");
        t.startService();
        return t.port();
      });
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static final Deferred<String> ACCEPTED = new Deferred<>();

  private static Factory acceptor() {
    return Factory.forProtocol(() -> new Protocol() {
      @Override
      public void connectionMade() {
        if (!ACCEPTED.called()) {
          ACCEPTED.callback("yes");
        }
        transport().loseConnection();
      }
    });
  }

  private static void probe(Function<Reactor, @Nullable IListeningPort> listen) {
    Task.react((Reactor reactor, List<String> argv) -> {
      IListeningPort port = listen.apply(reactor);
      int number = ((IPv4Address) port.getHost()).port();
      reactor.connectTCP("127.0.0.1", number, ClientFactory.forProtocol(Protocol::new));
      return ACCEPTED.addTimeout(20, reactor).addCallbackDeferred(accepted -> {
        System.out.println("acceptedByTheGlobalReactor=true");
        return port.stopListening();
      });
    }, List.of());
  }
}
