package dev.torsion.it.builder;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.UserError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.it.builder.TcpFixtures.ClientStartStopFactory;
import dev.torsion.it.builder.TcpFixtures.ClosingFactory;
import dev.torsion.it.support.Addresses;
import dev.torsion.it.support.MyClientFactory;
import dev.torsion.it.support.MyServerFactory;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.testng.annotations.Test;

/**
 * The bodies of Twisted's {@code TCPConnectorTestsBuilder}: the {@link IConnector} that
 * {@code connectTCP} returns. Run by {@link TCP4ConnectorTestsBuilderIT} and
 * {@link TCP6ConnectorTestsBuilderIT}.
 *
 * <p>The tests live here once; TestNG runs them under each concrete class's name, which is the
 * name the Failsafe reports (and so the conformance manifest) use. Each test's Javadoc names
 * the Twisted id it checks for every concrete class, one line each.
 */
public abstract class TcpConnectorTestsBase extends TcpBuilder {
  /**
   * The loopback address of the family under test.
   *
   * @return 127.0.0.1 or ::1
   */
  protected abstract String iface();

  /**
   * The host of an address of the family under test.
   *
   * @param a the address
   * @return its host
   */
  protected String hostOf(IAddress a) {
    return Addresses.hostOf(a);
  }

  /** Listens on {@link #iface()} with Twisted's {@code ClosingFactory}. */
  private IListeningPort listenClosing(Reactor reactor) {
    ClosingFactory serverFactory = new ClosingFactory();
    serverFactory.port = reactor.listenTCP(0, serverFactory, iface());
    return serverFactory.port;
  }

  /**
   * twisted.internet.test.test_tcp.TCP4ConnectorTestsBuilder_EPollReactorTests.test_connectorIdentity
   * twisted.internet.test.test_tcp.TCP6ConnectorTestsBuilder_EPollReactorTests.test_connectorIdentity
   */
  @Test
  public void connectorIdentityTest() {
    Reactor reactor = buildReactor();
    IListeningPort tcpPort = listenClosing(reactor);
    int portNumber = Addresses.portOf(tcpPort.getHost());
    List<IConnector> seenConnectors = new ArrayList<>();
    List<Failure> seenFailures = new ArrayList<>();
    ClientStartStopFactory clientFactory = new ClientStartStopFactory() {
      @Override
      public void startedConnecting(IConnector connector) {
        seenConnectors.add(connector);
      }

      @Override
      public void clientConnectionLost(IConnector connector, Failure reason) {
        seenConnectors.add(connector);
        seenFailures.add(reason);
      }
    };
    IConnector connector = reactor.connectTCP(iface(), portNumber, clientFactory);
    IAddress dest = connector.getDestination();
    assertEquals(hostOf(dest), iface());
    assertEquals(Addresses.portOf(dest), portNumber);
    assertEquals(dest.getClass(), tcpPort.getHost().getClass(), "type TCP, same family");
    clientFactory.whenStopped.addBoth(stopping(reactor));
    run(reactor);
    assertEquals(seenFailures.size(), 1);
    assertNotNull(seenFailures.get(0).check(ConnectionDone.class), seenFailures.toString());
    assertEquals(seenConnectors, List.of(connector, connector));
  }

  /**
   * twisted.internet.test.test_tcp.TCP4ConnectorTestsBuilder_EPollReactorTests.test_userFail
   * twisted.internet.test.test_tcp.TCP6ConnectorTestsBuilder_EPollReactorTests.test_userFail
   */
  @Test
  public void userFailTest() {
    MyServerFactory serverFactory = new MyServerFactory();
    Reactor reactor = buildReactor();
    IListeningPort tcpPort = reactor.listenTCP(0, serverFactory, iface());
    int portNumber = Addresses.portOf(tcpPort.getHost());
    ClientStartStopFactory clientFactory = new ClientStartStopFactory() {
      @Override
      public void startedConnecting(IConnector connector) {
        checking(connector::stopConnecting);
      }
    };
    clientFactory.whenStopped.addBoth(stopping(reactor));
    reactor.callWhenRunning(() -> reactor.connectTCP(iface(), portNumber, clientFactory));
    run(reactor);
    Failure reason = Objects.requireNonNull(clientFactory.reason, "clientConnectionFailed");
    assertNotNull(reason.check(UserError.class), reason.toString());
    assertEquals(clientFactory.failed, 1);
  }

  /**
   * twisted.internet.test.test_tcp.TCP4ConnectorTestsBuilder_EPollReactorTests.test_reconnect
   * twisted.internet.test.test_tcp.TCP6ConnectorTestsBuilder_EPollReactorTests.test_reconnect
   */
  @Test
  public void reconnectTest() {
    Reactor reactor = buildReactor();
    IListeningPort tcpPort = listenClosing(reactor);
    int portNumber = Addresses.portOf(tcpPort.getHost());
    MyClientFactory clientFactory = new MyClientFactory() {
      @Override
      public void clientConnectionLost(IConnector connector, Failure why) {
        connector.connect();
      }
    };
    reactor.connectTCP(iface(), portNumber, clientFactory);
    List<List<Boolean>> protocolMadeAndClosed = new ArrayList<>();
    clientFactory.failDeferred.addCallback(ignored -> {
      AccumulatingProtocol p = Objects.requireNonNull(clientFactory.protocol);
      protocolMadeAndClosed.add(List.of(p.made(), p.closed()));
      stopQuietly(reactor);
      return null;
    });
    run(reactor);
    Failure reason = Objects.requireNonNull(clientFactory.reason, "clientConnectionFailed");
    assertNotNull(reason.check(ConnectionRefusedError.class), reason.toString());
    assertEquals(protocolMadeAndClosed, List.of(List.of(true, true)));
  }
}
