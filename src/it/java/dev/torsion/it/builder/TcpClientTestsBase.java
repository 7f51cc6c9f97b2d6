package dev.torsion.it.builder;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectBindError;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.it.builder.TcpFixtures.ClosingProtocol;
import dev.torsion.it.support.Addresses;
import dev.torsion.it.support.MyServerFactory;
import dev.torsion.it.builder.TcpFixtures.Stop;
import dev.torsion.python.failure.Failure;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * The bodies of Twisted's {@code TCPClientTestsBase} (with {@code ConnectionTestsMixin} and
 * {@code StreamClientTestsMixin}), run by {@link TCP4ClientTestsBuilderIT} over 127.0.0.1 and
 * {@link TCP6ClientTestsBuilderIT} over ::1.
 *
 * <p>The tests live here once; TestNG runs them under each concrete class's name, which is the
 * name the Failsafe reports (and so the conformance manifest) use. Each test's Javadoc names
 * the Twisted id it checks for every concrete class, one line each.
 */
public abstract class TcpClientTestsBase extends ConnectionTestsBase {
  /**
   * The loopback address of the family under test.
   *
   * @return 127.0.0.1 or ::1
   */
  protected abstract String iface();

  /**
   * The name {@code test_addresses} connects to: a fake domain for IPv4, the literal for IPv6
   * (as Twisted, whose resolver cannot return IPv6 addresses).
   *
   * @return the name
   */
  protected abstract String fakeDomainName();

  /**
   * Twisted's {@code addressClass}.
   *
   * @param host the host
   * @param port the port
   * @return an IPv4Address or IPv6Address
   */
  protected abstract IAddress address(String host, int port);

  private IListeningPort listen(Reactor reactor, Factory factory) {
    return reactor.listenTCP(0, factory, iface());
  }

  /**
   * twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_buildProtocolReturnsNone
   * twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_buildProtocolReturnsNone
   */
  @Test
  public void buildProtocolReturnsNoneTest() {
    Reactor reactor = buildReactor();
    MyServerFactory serverFactory = new MyServerFactory();
    Deferred<@Nullable Void> serverLost = new Deferred<>();
    serverFactory.protocolConnectionLost = serverLost;
    IListeningPort port = listen(reactor, serverFactory);
    List<Failure> clientEnds = new ArrayList<>();
    ClientFactory noneFactory = new ClientFactory() {
      @Override
      public @Nullable Protocol buildProtocol(IAddress addr) {
        return null;
      }

      @Override
      public void clientConnectionFailed(IConnector connector, Failure reason) {
        clientEnds.add(reason);
      }

      @Override
      public void clientConnectionLost(IConnector connector, Failure reason) {
        clientEnds.add(reason);
      }
    };
    reactor.callWhenRunning(
        () -> reactor.connectTCP(iface(), Addresses.portOf(port.getHost()), noneFactory));
    serverLost.addCallback(stopping(reactor)).addErrback(err());
    run(reactor);
    AccumulatingProtocol server = Objects.requireNonNull(serverFactory.protocol);
    assertTrue(server.made());
    Failure closedReason = Objects.requireNonNull(server.closedReason());
    // The client closed gracefully: the server sees a clean close.
    assertNotNull(closedReason.check(ConnectionDone.class), closedReason.toString());
  }

  /**
   * twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_addresses
   * twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_addresses
   */
  @Test
  public void addressesTest() {
    Reactor reactor = buildReactor();
    reactor.installNameResolver(new FakeResolver(fakeDomainName(), iface()));
    IListeningPort server = reactor.listenTCP(0, ServerFactory.forProtocol(Protocol::new),
        iface());
    int serverPort = Addresses.portOf(server.getHost());
    AtomicReference<@Nullable ITransport> seen = new AtomicReference<>();
    Stop clientFactory = new Stop(reactor);
    clientFactory.setProtocol(() -> new Protocol() {
      @Override
      public void makeConnection(ITransport transport) {
        seen.set(transport);
        stopQuietly(reactor);
      }
    });
    int[] boundPort = {0};
    reactor.callWhenRunning(() -> {
      for (int attempt = 0; attempt < 10; attempt++) {
        int port = Addresses.findFreePort(iface());
        try {
          reactor.connectTCP(fakeDomainName(), serverPort, clientFactory, 30,
              new InetSocketAddress(iface(), port));
          boundPort[0] = port;
          return;
        } catch (ConnectBindError taken) {
          // Someone took the port since it was probed; probe again.
        }
      }
      record(new AssertionError("no free port to bind to after 10 tries"));
      stopQuietly(reactor);
    });
    run(reactor);
    if (clientFactory.failReason != null) {
      throw new AssertionError(clientFactory.failReason.getTraceback());
    }
    ITransport t = Objects.requireNonNull(seen.get(), "never connected");
    assertEquals(t.getHost(), address(iface(), boundPort[0]));
    assertEquals(t.getPeer(), address(iface(), serverPort));
    // Twisted's repr: "<tcp.Client to ('127.0.0.1', 8000) at 7f…>", naming the address dialled.
    assertTrue(t.toString().matches("<\\S+ to .*" + serverPort + ".* at [0-9a-f]+>"),
        t.toString());
  }

  /**
   * twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_clientConnectionFailedStopsReactor
   * twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_clientConnectionFailedStopsReactor
   */
  @Test
  public void clientConnectionFailedStopsReactorTest() {
    Reactor reactor = buildReactor();
    int port = Addresses.findFreePort(iface());
    Stop factory = new Stop(reactor);
    reactor.callWhenRunning(() -> reactor.connectTCP(iface(), port, factory));
    run(reactor);
    assertNotNull(factory.failReason, "the reactor stopped for another reason");
  }

  /**
   * twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_connectEvent
   * twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_connectEvent
   */
  @Test
  public void connectEventTest() {
    Reactor reactor = buildReactor();
    IListeningPort port = listen(reactor, ServerFactory.forProtocol(Protocol::new));
    List<Protocol> connections = new ArrayList<>();
    Stop clientFactory = new Stop(reactor);
    clientFactory.setProtocol(() -> new Protocol() {
      @Override
      public void connectionMade() {
        connections.add(this);
        stopQuietly(reactor);
      }
    });
    reactor.callWhenRunning(() -> reactor.connectTCP(iface(),
        Addresses.portOf(port.getHost()), clientFactory));
    run(reactor);
    assertEquals(connections.size(), 1);
  }

  /**
   * twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_interface
   * twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_interface
   */
  @Test
  public void interfaceReturnsConnectorTest() {
    Reactor reactor = buildReactor();
    int port = Addresses.findFreePort(iface());
    IConnector connector = reactor.connectTCP(iface(), port, new ClientFactory());
    assertNotNull(connector);
    assertEquals(connector.getDestination(), address(iface(), port));
  }

  /**
   * twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_unregisterProducerAfterDisconnect
   * twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_unregisterProducerAfterDisconnect
   */
  @Test
  public void unregisterProducerAfterDisconnectTest() {
    Reactor reactor = buildReactor();
    IListeningPort port = listen(reactor, ServerFactory.forProtocol(ClosingProtocol::new));
    Deferred<@Nullable Void> finished = new Deferred<>();
    finished.addErrback(err()).addCallback(stopping(reactor));
    List<Boolean> writing = new ArrayList<>();
    ClientFactory clientFactory = ClientFactory.forClientProtocol(() -> new Protocol() {
      @Override
      public void connectionMade() {
        ITransport t = transport();
        t.registerProducer((IPullProducer) new IPullProducer() {
          @Override
          public void resumeProducing() {
            t.write(new byte[] {'x'});
          }

          @Override
          public void stopProducing() {}
        }, false);
        t.loseConnection();
      }

      @Override
      public void connectionLost(Failure reason) {
        ITransport t = transport();
        t.unregisterProducer();
        // Twisted asks "is the transport among the reactor's writers?"; here: does the reactor
        // still hold it, or does it still have bytes waiting for a writable socket?
        reactor.callLater(0, () -> {
          writing.add(((LoopCore) reactor).selectables().contains(t)
              || TransportProbe.bufferedBytes(t) > 0);
          finished.callback(null);
        });
      }
    });
    clientFactory.setNoisy(false);
    reactor.connectTCP(iface(), Addresses.portOf(port.getHost()), clientFactory);
    run(reactor);
    assertEquals(writing, List.of(false), "Transport was writing after unregisterProducer.");
  }

  /**
   * twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_disconnectWhileProducing
   * twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_disconnectWhileProducing
   */
  @Test
  public void disconnectWhileProducingTest() {
    Reactor reactor = buildReactor();
    IListeningPort port = listen(reactor, ServerFactory.forProtocol(Protocol::new));
    Deferred<@Nullable Void> finished = new Deferred<>();
    finished.addErrback(err()).addCallback(stopping(reactor));
    List<IDelayedCall> deadline = new ArrayList<>();
    ClientFactory clientFactory = ClientFactory.forClientProtocol(() -> new Protocol() {
      @Override
      public void connectionMade() {
        transport().registerProducer((IPullProducer) new IPullProducer() {
          @Override
          public void resumeProducing() {}

          @Override
          public void stopProducing() {}
        }, false);
        transport().loseConnection();
        // Let the reactor tick over, so unregistering is not the same as never registering.
        reactor.callLater(0, () -> reactor.callLater(0, this::unregister));
      }

      void unregister() {
        transport().unregisterProducer();
        deadline.add(reactor.callLater(1.0,
            () -> finished.errback(new AssertionError("Connection was not lost"))));
      }

      @Override
      public void connectionLost(Failure reason) {
        for (IDelayedCall d : deadline) {
          if (d.active()) {
            d.cancel();
          }
        }
        finished.callback(null);
      }
    });
    clientFactory.setNoisy(false);
    reactor.connectTCP(iface(), Addresses.portOf(port.getHost()), clientFactory);
    run(reactor);
    assertTrue(finished.called());
  }

  /**
   * twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_logPrefix
   * twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_logPrefix
   */
  @Test
  public void logPrefixTest() {
    checkLogPrefix(iface());
  }

  /**
   * twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_writeAfterDisconnect
   * twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_writeAfterDisconnect
   */
  @Test
  public void writeAfterDisconnectTest() {
    checkWriteAfterDisconnect(iface());
  }

  /**
   * twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_protocolGarbageAfterLostConnection
   * twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_protocolGarbageAfterLostConnection
   */
  @Test
  public void protocolGarbageAfterLostConnectionTest() {
    checkProtocolGarbageAfterLostConnection(iface());
  }
}
