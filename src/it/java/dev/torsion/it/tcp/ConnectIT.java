package dev.torsion.it.tcp;

import static dev.torsion.it.support.Addresses.portOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.transport.StreamTransport;
import dev.torsion.internal.transport.TcpConnector;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectBindError;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ITCPTransport;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.it.support.MyClientFactory;
import dev.torsion.it.support.MyServerFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** Connecting: addresses, factories' callbacks and their order, errors, socket options. */
public class ConnectIT extends TcpCase {
  /** twisted.test.test_tcp.AddressTests.test_buildProtocolClient */
  @Test
  public void clientFactoryIsGivenTheServersAddress() {
    Pair pair = new Pair();
    await(() -> pair.connect().addCallbackDeferred(ps -> {
      IPv4Address serverHost = (IPv4Address) ps.get(0).transport().getHost();
      IPv4Address clientPeer = (IPv4Address) ps.get(1).transport().getPeer();
      assertEquals(pair.client.peerAddresses, List.of(serverHost));
      assertEquals(pair.client.peerAddresses, List.of(clientPeer));
      assertEquals(pair.server.peerAddresses, List.of(ps.get(1).transport().getHost()));
      return pair.close();
    }));
  }

  /** twisted.test.test_tcp.LocalRemoteAddressTests.test_hostAddress */
  @Test
  public void portHostIsTheClientsPeer() {
    Pair pair = new Pair();
    await(() -> pair.connect().addCallbackDeferred(ps -> {
      assertEquals(pair.client.peerAddresses, List.of(pair.port.getHost()));
      assertEquals(ps.get(1).transport().getPeer(), pair.port.getHost());
      return pair.close();
    }));
  }

  /** twisted.test.test_tcp.CallBackOrderTests.test_loseOrder */
  @Test
  public void protocolConnectionLostComesBeforeClientConnectionLost() {
    List<String> order = new ArrayList<>();
    Pair pair = new Pair();
    await(() -> pair.connect().addCallbackDeferred(ps -> {
      pair.clientLost.addCallback(p -> {
        order.add("CL");
        return p;
      });
      pair.client.deferred.addCallback(x -> {
        order.add("CCL");
        return null;
      });
      reactor.callLater(0, () -> ps.get(1).transport().loseConnection());
      return pair.client.deferred;
    }).addCallbackDeferred(x -> pair.close()));
    assertEquals(order, List.of("CL", "CCL"));
  }

  /** twisted.test.test_tcp.LogTests.test_logstrClientSetup */
  @Test
  public void clientLogPrefixIsSetOnceConnected() {
    Pair pair = new Pair();
    String[] prefixes = new String[2];
    await(() -> {
      Deferred<List<AccumulatingProtocol>> d = pair.connect();
      prefixes[0] = String.valueOf(((TcpConnector) pair.connector).transport());
      return d.addCallbackDeferred(ps -> {
        prefixes[1] = ((StreamTransport) ps.get(1).transport()).logPrefix();
        return pair.close();
      });
    });
    assertEquals(prefixes[0], "null", "no transport before the connection is made");
    assertEquals(prefixes[1], "AccumulatingProtocol,client");
  }

  /** twisted.test.test_tcp.LoopbackTests.test_tcpNoDelay */
  @Test
  public void tcpNoDelayCanBeSetOnBothEnds() {
    checkBooleanOptionOnBothEnds(ITCPTransport::getTcpNoDelay, ITCPTransport::setTcpNoDelay);
  }

  /** twisted.test.test_tcp.LoopbackTests.test_tcpKeepAlive */
  @Test
  public void tcpKeepAliveCanBeSetOnBothEnds() {
    checkBooleanOptionOnBothEnds(ITCPTransport::getTcpKeepAlive, ITCPTransport::setTcpKeepAlive);
  }

  /** Checks that a socket option starts off and can be switched on and off again, on each end. */
  private void checkBooleanOptionOnBothEnds(Predicate<ITCPTransport> get,
      BiConsumer<ITCPTransport, Boolean> set) {
    Pair pair = new Pair();
    await(() -> pair.connect().addCallbackDeferred(ps -> {
      for (AccumulatingProtocol p : ps) {
        ITCPTransport t = (ITCPTransport) p.transport();
        assertFalse(get.test(t));
        set.accept(t, true);
        assertTrue(get.test(t));
        set.accept(t, false);
        assertFalse(get.test(t));
      }
      return pair.close();
    }));
  }

  /** twisted.test.test_tcp.PauseProducingTests.test_pauseProducingInConnectionMade */
  @Test
  public void pauseProducingInConnectionMadeStopsReading() {
    Pair pair = new Pair();
    await(() -> {
      Deferred<List<AccumulatingProtocol>> d = pair.connect();
      return d.addCallbackDeferred(ps -> {
        StreamTransport t = (StreamTransport) ps.get(1).transport();
        t.pauseProducing();
        ps.get(0).transport().write(new byte[] {1, 2, 3});
        Deferred<Void> later = new Deferred<>();
        // Several turns pass with the bytes waiting in the socket, unread.
        reactor.callLater(0.05, () -> later.callback(null));
        return later.addCallbackDeferred(x -> {
          assertTrue(t.isReadPaused());
          assertEquals(ps.get(1).data().length, 0);
          t.resumeProducing();
          return loopUntil(() -> ps.get(1).data().length == 3);
        });
      }).addCallbackDeferred(x -> pair.close());
    });
  }

  /** Connects to a port just closed, and returns the client's factory once that fails. */
  private MyClientFactory connectToAClosedPort() {
    MyClientFactory client = new MyClientFactory();
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, new MyServerFactory(), "127.0.0.1");
      int n = portOf(port);
      return port.stopListening().addCallbackDeferred(x -> {
        reactor.connectTCP("127.0.0.1", n, client);
        return client.failDeferred;
      });
    });
    return client;
  }

  /** twisted.test.test_tcp.LoopbackTests.testFailing */
  @Test
  public void connectingToAClosedPortIsRefused() {
    MyClientFactory client = connectToAClosedPort();
    assertNotNull(client.reason.check(ConnectionRefusedError.class));
    assertEquals(client.failed, 1);
  }

  /** twisted.test.test_tcp.LoopbackTests.test_connectionRefusedErrorNumber */
  @Test
  public void refusedErrorCarriesTheSystemsReason() {
    MyClientFactory client = connectToAClosedPort();
    Throwable cause = client.reason.value().getCause();
    assertNotNull(cause);
    assertTrue(String.valueOf(cause.getMessage()).contains("refused"), cause.toString());
  }

  /** twisted.test.test_tcp.LoopbackTests.test_closePortInProtocolFactory */
  @Test
  public void aPortStoppedFromBuildProtocolStillServesThatConnection() {
    MyClientFactory client = new MyClientFactory();
    IListeningPort[] port = new IListeningPort[1];
    List<Deferred<Void>> stopped = new ArrayList<>();
    ServerFactory closing = new ServerFactory() {
      @Override
      public @Nullable Protocol buildProtocol(IAddress addr) {
        stopped.add(port[0].stopListening());
        return new Protocol() {
          @Override
          public void connectionMade() {
            transport().loseConnection();
          }
        };
      }
    };
    await(() -> {
      port[0] = reactor.listenTCP(0, closing, "127.0.0.1");
      reactor.connectTCP("127.0.0.1", portOf(port[0]), client);
      return client.deferred.addCallbackDeferred(x -> stopped.get(0));
    });
    assertTrue(client.protocol.made());
    assertEquals(port[0].toString(), "<" + closing.getClass().getSimpleName()
        + " (not listening)>");
    assertNotNull(client.lostReason.check(ConnectionDone.class));
  }

  /** twisted.test.test_tcp.CannotBindTests.test_clientBind */
  @Test
  public void bindingTheClientToAnAddressInUseIsConnectBindError() {
    Pair pair = new Pair();
    MyClientFactory second = new MyClientFactory();
    await(() -> pair.connect().addCallbackDeferred(ps -> {
      int used = portOf(ps.get(1).transport().getHost());
      reactor.connectTCP("127.0.0.1", portOf(pair.port), second, 30,
          new InetSocketAddress("127.0.0.1", used));
      return second.failDeferred;
    }).addCallbackDeferred(x -> pair.close()));
    assertEquals(second.failed, 1);
    assertNotNull(second.reason.check(ConnectBindError.class));
    assertEquals(second.stopped, 1);
  }

  /** twisted.test.test_tcp.FactoryTests.test_clientStartStop */
  @Test
  public void clientFactoryIsStartedWhileConnectingAndStoppedAfter() {
    int[] startStop = {0, 0};
    ClientFactory f = new ClientFactory() {
      @Override
      protected void startFactory() {
        startStop[0]++;
      }

      @Override
      protected void stopFactory() {
        startStop[1]++;
      }
    };
    f.setProtocol(Protocol::new);
    await(() -> {
      Factory closer = ServerFactory.forProtocol(() -> new Protocol() {
        @Override
        public void connectionMade() {
          transport().loseConnection();
        }
      });
      IListeningPort port = reactor.listenTCP(0, closer, "127.0.0.1");
      reactor.connectTCP("127.0.0.1", portOf(port), f);
      assertEquals(startStop, new int[] {1, 0});
      return loopUntil(() -> startStop[1] == 1).addCallbackDeferred(x -> port.stopListening());
    });
    assertEquals(startStop, new int[] {1, 1});
  }

  @Test
  public void localhostConnectsToLoopback() {
    MyClientFactory client = new MyClientFactory();
    await(() -> {
      MyServerFactory server = new MyServerFactory();
      IListeningPort port = reactor.listenTCP(0, server, "127.0.0.1");
      Deferred<AccumulatingProtocol> made = new Deferred<>();
      client.protocolConnectionMade = made;
      IConnector c = reactor.connectTCP("localhost", portOf(port), client);
      return made.addCallbackDeferred(p -> {
        c.disconnect();
        return client.deferred;
      }).addCallbackDeferred(x -> port.stopListening());
    });
    assertEquals(((IPv4Address) client.peerAddresses.get(0)).host(), "127.0.0.1");
  }

  @Test
  public void stopConnectingBeforeTheConnectIsUserErrorAndNothingConnects() {
    MyClientFactory client = new MyClientFactory();
    MyServerFactory server = new MyServerFactory();
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, server, "127.0.0.1");
      IConnector c = reactor.connectTCP("127.0.0.1", portOf(port), client);
      c.stopConnecting();
      Deferred<Void> later = new Deferred<>();
      reactor.callLater(0.05, () -> later.callback(null));
      return later.addCallbackDeferred(x -> port.stopListening());
    });
    assertNotNull(client.reason.check(dev.torsion.internet.error.UserError.class));
    assertNull(server.protocol);
  }
}
