package dev.torsion.it.tcp;

import static dev.torsion.it.support.Addresses.portOf;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.it.support.MyClientFactory;
import dev.torsion.it.support.MyServerFactory;
import dev.torsion.it.support.ReactorCase;
import java.util.List;

/**
 * What the TCP integration tests share: {@link ReactorCase}'s reactor per test, and a connected
 * pair of {@link AccumulatingProtocol}s over 127.0.0.1.
 */
abstract class TcpCase extends ReactorCase {
  /** A server factory listening on 127.0.0.1 and a client factory connected to it. */
  final class Pair {
    final MyServerFactory server;
    final MyClientFactory client;
    /** Fires when the server's protocol loses its connection. */
    final Deferred<Void> serverLost = new Deferred<>();
    /** Fires when the client's protocol loses its connection. */
    final Deferred<Void> clientLost = new Deferred<>();
    IListeningPort port;
    IConnector connector;

    Pair() {
      this(new MyServerFactory(), new MyClientFactory());
    }

    Pair(MyServerFactory server, MyClientFactory client) {
      this.server = server;
      this.client = client;
    }

    /**
     * Listens, connects, and fires with the server's then the client's protocol once both are
     * connected. Call on the reactor thread.
     */
    Deferred<List<AccumulatingProtocol>> connect() {
      port = reactor.listenTCP(0, server, "127.0.0.1");
      return connectTo(port);
    }

    /** Connects once more to {@link #port} (after a restart, say). */
    Deferred<List<AccumulatingProtocol>> connectTo(IListeningPort listening) {
      port = listening;
      Deferred<AccumulatingProtocol> serverMade = new Deferred<>();
      Deferred<AccumulatingProtocol> clientMade = new Deferred<>();
      server.protocolConnectionMade = serverMade;
      server.protocolConnectionLost = serverLost;
      client.protocolConnectionMade = clientMade;
      client.protocolConnectionLost = clientLost;
      connector = reactor.connectTCP("127.0.0.1", portOf(port), client);
      return Defer.gatherResults(List.of(serverMade, clientMade));
    }

    /** Disconnects, waits for both ends to hear it, then stops listening. */
    Deferred<Void> close() {
      connector.disconnect();
      return Defer.gatherResults(List.of(serverLost, clientLost))
          .addCallbackDeferred(x -> port.stopListening());
    }
  }
}
