package dev.torsion.it.tcp;

import static dev.torsion.it.support.Addresses.portOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.it.support.MyClientFactory;
import dev.torsion.it.support.MyServerFactory;
import dev.torsion.python.failure.Failure;
import java.util.List;
import org.testng.annotations.Test;

/** Listening ports: binding, stopping, re-listening, factories and names. */
public class ListeningIT extends TcpCase {
  /** Twisted's test factory whose stopFactory raises. */
  static final class RaisingStop extends MyServerFactory {
    boolean raise = true;

    @Override
    protected void stopFactory() {
      if (raise) {
        throw new IllegalStateException("An error");
      }
    }
  }

  /** twisted.test.test_tcp.ListeningTests.test_listen */
  @Test
  public void listenReturnsAListeningPortWithTheRealPort() {
    IListeningPort p = await(() -> {
      IListeningPort port = reactor.listenTCP(0, new MyServerFactory(), "127.0.0.1");
      return port.stopListening().addCallback(x -> port);
    });
    assertTrue(p instanceof IListeningPort);
  }

  /** twisted.test.test_tcp.ListeningTests.testNumberedInterface */
  @Test
  public void listenOnANumberedInterface() {
    IPv4Address host = await(() -> {
      IListeningPort port = reactor.listenTCP(0, new MyServerFactory(), "127.0.0.1");
      IPv4Address h = (IPv4Address) port.getHost();
      return port.stopListening().addCallback(x -> h);
    });
    assertEquals(host.host(), "127.0.0.1");
    assertEquals(host.type(), "TCP");
    assertTrue(host.port() > 0);
  }

  @Test
  public void listenOnIPv6Loopback() {
    IPv6Address host = await(() -> {
      IListeningPort port = reactor.listenTCP(0, new MyServerFactory(), "::1");
      IPv6Address h = (IPv6Address) port.getHost();
      MyClientFactory cf = new MyClientFactory();
      Deferred<AccumulatingProtocol> made = new Deferred<>();
      cf.protocolConnectionMade = made;
      reactor.connectTCP("::1", h.port(), cf);
      return made.addCallback(p -> {
        assertEquals(p.transport().getPeer(), h);
        p.transport().loseConnection();
        return null;
      }).addCallbackDeferred(x -> port.stopListening()).addCallback(x -> h);
    });
    assertEquals(host.host(), "::1");
  }

  /** twisted.test.test_tcp.ListeningTests.testStopListening */
  @Test
  public void aStoppedPortCanBeBoundAgainAtOnce() {
    MyServerFactory f = new MyServerFactory();
    int again = await(() -> {
      IListeningPort port = reactor.listenTCP(0, f, "127.0.0.1");
      int n = portOf(port);
      return port.stopListening().addCallbackDeferred(x -> {
        IListeningPort second = reactor.listenTCP(n, f, "127.0.0.1");
        return second.stopListening().addCallback(y -> portOf(second));
      });
    });
    assertTrue(again > 0);
  }

  /** twisted.test.test_tcp.ListeningTests.testPortRepr */
  @Test
  public void portReprShowsThePortOnlyWhileListening() {
    String[] reprs = await(() -> {
      IListeningPort port = reactor.listenTCP(0, new MyServerFactory(), "127.0.0.1");
      String listening = port.toString();
      String number = String.valueOf(portOf(port));
      return port.stopListening().addCallback(x -> new String[] {listening, port.toString(),
          number});
    });
    assertTrue(reprs[0].contains(reprs[2]), reprs[0]);
    assertFalse(reprs[1].contains(reprs[2]), reprs[1]);
    assertEquals(reprs[0], "<MyServerFactory on " + reprs[2] + ">");
  }

  /** twisted.test.test_internet.PortStringificationTests.testTCP */
  @Test
  public void portStringContainsItsNumber() {
    String[] s = await(() -> {
      IListeningPort port = reactor.listenTCP(0, new ServerFactory(), "127.0.0.1");
      String[] out = {port.toString(), String.valueOf(portOf(port))};
      return port.stopListening().addCallback(x -> out);
    });
    assertTrue(s[0].contains(s[1]), s[0]);
  }

  /** twisted.test.test_tcp.ListeningTests.test_serverRepr */
  @Test
  public void serverTransportReprNamesProtocolSessionAndRealPort() {
    Pair pair = new Pair();
    String[] out = await(() -> pair.connect().addCallbackDeferred(ps -> {
      String repr = ps.get(0).transport().toString();
      ps.get(0).transport().loseConnection();
      ps.get(1).transport().loseConnection();
      return pair.port.stopListening().addCallback(x -> new String[] {repr,
          "<AccumulatingProtocol #0 on " + portOf(pair.port) + ">"});
    }));
    assertEquals(out[0], out[1]);
  }

  private Deferred<Void> connectAndClose(IListeningPort port, MyServerFactory server) {
    return new Pair(server, new MyClientFactory()).connectTo(port).addCallback(ps -> {
      ps.get(1).transport().loseConnection();
      ps.get(0).transport().loseConnection();
      return null;
    });
  }

  /** twisted.test.test_tcp.ListeningTests.test_restartListening */
  @Test
  public void aStoppedPortCanStartListeningAgainAndServe() {
    MyServerFactory server = new MyServerFactory();
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, server, "127.0.0.1");
      return port.stopListening().addCallbackDeferred(x -> {
        port.startListening();
        return connectAndClose(port, server);
      }).addCallbackDeferred(x -> port.stopListening());
    });
    assertEquals(server.numPorts(), 0);
  }

  /** twisted.test.test_tcp.ListeningTests.test_exceptInStop */
  @Test
  public void stopListeningFailsWithTheErrorFromStopFactory() {
    Failure[] f = new Failure[1];
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, new RaisingStop(), "127.0.0.1");
      return port.stopListening().addErrback(failure -> {
        f[0] = failure;
        return null;
      });
    });
    assertNotNull(f[0]);
    assertEquals(f[0].type(), IllegalStateException.class);
  }

  /** twisted.test.test_tcp.ListeningTests.test_restartAfterExcept */
  @Test
  public void aPortWhoseFactoryRaisedInStopCanListenAgain() {
    RaisingStop server = new RaisingStop();
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, server, "127.0.0.1");
      return port.stopListening().addCallbacks(x -> {
        throw new AssertionError("stopListening should have failed");
      }, failure -> {
        failure.trap(IllegalStateException.class);
        return null;
      }).addCallbackDeferred(x -> {
        server.raise = false;
        port.startListening();
        return connectAndClose(port, server);
      }).addCallbackDeferred(x -> port.stopListening());
    });
  }

  /** twisted.test.test_tcp.ListeningTests.test_directConnectionLostCall */
  @Test
  public void connectionLostCalledDirectlyClosesThePort() {
    MyClientFactory client = new MyClientFactory();
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, new MyServerFactory(), "127.0.0.1");
      int n = portOf(port);
      ((dev.torsion.internal.transport.StreamPort) port).connectionLost();
      // A selector releases a closed socket at its next select: connect after one turn.
      reactor.callLater(0, () -> reactor.connectTCP("127.0.0.1", n, client));
      return client.failDeferred;
    });
    assertNotNull(client.reason.check(ConnectionRefusedError.class));
  }

  /** twisted.test.test_tcp.ListeningTests.test_exceptInConnectionLostCall */
  @Test
  public void connectionLostCalledDirectlyPassesStopFactoryErrorsThrough() {
    IllegalStateException e = await(() -> {
      IListeningPort port = reactor.listenTCP(0, new RaisingStop(), "127.0.0.1");
      return Defer.succeed(expectThrows(IllegalStateException.class,
          () -> ((dev.torsion.internal.transport.StreamPort) port).connectionLost()));
    });
    assertEquals(e.getMessage(), "An error");
  }

  /** twisted.test.test_tcp.CannotBindTests.test_cannotBind */
  @Test
  public void listeningOnAPortInUseIsCannotListenError() {
    await(() -> {
      MyServerFactory f = new MyServerFactory();
      IListeningPort p1 = reactor.listenTCP(0, f, "127.0.0.1");
      IPv4Address dest = (IPv4Address) p1.getHost();
      assertEquals(dest.type(), "TCP");
      assertEquals(dest.host(), "127.0.0.1");
      expectThrows(CannotListenError.class, () -> reactor.listenTCP(dest.port(), f, "127.0.0.1"));
      return p1.stopListening();
    });
  }

  /** twisted.test.test_tcp.FactoryTests.test_serverStartStop */
  @Test
  public void serverFactoryStartsWithTheFirstPortAndStopsWithTheLast() {
    int[] startStop = {0, 0};
    ServerFactory f = new ServerFactory() {
      @Override
      protected void startFactory() {
        startStop[0]++;
      }

      @Override
      protected void stopFactory() {
        startStop[1]++;
      }
    };
    await(() -> {
      IListeningPort p1 = reactor.listenTCP(0, f, "127.0.0.1");
      assertEquals(startStop, new int[] {1, 0});
      IListeningPort p2 = reactor.listenTCP(0, f, "127.0.0.1");
      IListeningPort p3 = reactor.listenTCP(0, f, "127.0.0.1");
      assertEquals(startStop, new int[] {1, 0});
      return Defer.gatherResults(List.of(p1.stopListening(), p2.stopListening()))
          .addCallbackDeferred(x -> {
            assertEquals(startStop, new int[] {1, 0});
            return p3.stopListening();
          });
    });
    assertEquals(startStop, new int[] {1, 1});
  }
}
