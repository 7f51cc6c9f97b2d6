package dev.torsion.internal.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.DNSLookupError;
import dev.torsion.internet.error.NotConnectingError;
import dev.torsion.internet.error.UserError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IHostResolution;
import dev.torsion.internet.interfaces.IHostnameResolver;
import dev.torsion.internet.interfaces.IResolutionReceiver;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class TcpConnectorTest {
  private FakeBackend backend = new FakeBackend();
  private LoopCore core = new LoopCore(backend);
  private Recording factory = new Recording();

  /** A client factory recording its callbacks. */
  static class Recording extends ClientFactory {
    final List<String> events = new ArrayList<>();
    final List<Failure> reasons = new ArrayList<>();
    boolean refuse;

    Recording() {
      setProtocol(Protocol::new);
    }

    @Override
    public void startedConnecting(IConnector connector) {
      events.add("started");
    }

    @Override
    public @Nullable Protocol buildProtocol(IAddress addr) {
      events.add("build " + addr);
      return refuse ? null : super.buildProtocol(addr);
    }

    @Override
    public void clientConnectionFailed(IConnector connector, Failure reason) {
      events.add("failed");
      reasons.add(reason);
    }

    @Override
    public void clientConnectionLost(IConnector connector, Failure reason) {
      events.add("lost");
      reasons.add(reason);
    }
  }

  @BeforeMethod
  void fresh() {
    backend = new FakeBackend();
    core = new LoopCore(backend);
    factory = new Recording();
  }

  private TcpConnector connecting(String host) {
    TcpConnector c = new TcpConnector(core, host, 666, factory, 30, null);
    c.connect();
    return c;
  }

  /** twisted.test.test_internet.ConnectorReprTests.test_tcp_repr */
  @Test
  public void reprNamesTheClassStateAndDestination() {
    TcpConnector c = new TcpConnector(core, "localhost", 666, factory, 0, null);
    assertEquals(c.toString(), "<dev.torsion.internal.transport.TcpConnector instance at 0x"
        + Integer.toHexString(System.identityHashCode(c)) + " disconnected "
        + c.getDestination() + ">");
    assertEquals(c.getDestination(), new IPv4Address("TCP", "localhost", 666));
  }

  @Test
  public void stopConnectingFailsTheAttemptWithUserErrorAtOnce() {
    TcpConnector c = connecting("127.0.0.1");
    assertEquals(factory.numPorts(), 1);
    c.stopConnecting();
    assertEquals(factory.events, List.of("started", "failed"));
    assertNotNull(factory.reasons.get(0).check(UserError.class));
    assertEquals(factory.numPorts(), 0);
    assertThrows(NotConnectingError.class, c::stopConnecting);
    core.iterate(0);
    assertNull(backend.lastConnect, "a stopped attempt never connects");
    assertTrue(core.selectables().isEmpty());
  }

  @Test
  public void connectingTwiceAtOnceIsRefused() {
    TcpConnector c = connecting("127.0.0.1");
    assertThrows(IllegalStateException.class, c::connect);
  }

  @Test
  public void aRefusedConnectIsReportedOnALaterTurn() {
    backend.connectError = new ConnectException("Connection refused");
    connecting("127.0.0.1");
    assertEquals(factory.events, List.of("started"));
    core.iterate(0);
    assertEquals(factory.events, List.of("started", "failed"));
    assertNotNull(factory.reasons.get(0).check(ConnectionRefusedError.class));
  }

  @Test
  public void reconnectingFromClientConnectionFailedKeepsTheFactoryStarted() {
    backend.connectError = new ConnectException("Connection refused");
    int[] starts = {0};
    Recording again = new Recording() {
      @Override
      public void clientConnectionFailed(IConnector connector, Failure reason) {
        super.clientConnectionFailed(connector, reason);
        if (events.size() < 4) {
          connector.connect();
        }
      }

      @Override
      protected void startFactory() {
        starts[0]++;
      }
    };
    new TcpConnector(core, "127.0.0.1", 1, again, 30, null).connect();
    core.iterate(0);
    core.iterate(0);
    assertEquals(again.events, List.of("started", "failed", "started", "failed"));
    assertEquals(starts[0], 1);
    assertEquals(again.numPorts(), 0);
  }

  @Test
  public void aConnectedProtocolIsBuiltWithThePeerAndItsLossIsReported() {
    TcpConnector c = connecting("127.0.0.1");
    core.iterate(0);
    backend.lastConnect.events.connectCompleted(null);
    assertEquals(factory.events.get(1), "build " + new IPv4Address("TCP", "127.0.0.1", 5555));
    StreamTransport t = c.transport();
    assertEquals(t.logPrefix(), "Protocol,client");
    c.disconnect();
    core.iterate(0);
    assertEquals(factory.events.get(2), "lost");
    assertNotNull(factory.reasons.get(0).check(ConnectionDone.class));
    assertEquals(factory.numPorts(), 0);
  }

  @Test
  public void buildProtocolReturningNullClosesTheNewConnection() {
    factory.refuse = true;
    connecting("127.0.0.1");
    core.iterate(0);
    backend.lastConnect.events.connectCompleted(null);
    core.iterate(0);
    assertEquals(factory.events.get(2), "lost");
    assertTrue(backend.lastConnect.closed);
  }

  private void resolverAnswering(IAddress... answers) {
    core.installNameResolver(new IHostnameResolver() {
      @Override
      public IHostResolution resolveHostName(IResolutionReceiver receiver, String hostName,
          int portNumber, @Nullable Set<Class<? extends IAddress>> addressTypes,
          String transportSemantics) {
        IHostResolution r = new IHostResolution() {
          @Override
          public String name() {
            return hostName;
          }

          @Override
          public void cancel() {}
        };
        receiver.resolutionBegan(r);
        for (IAddress a : answers) {
          receiver.addressResolved(a);
        }
        receiver.resolutionComplete();
        return r;
      }
    });
  }

  @Test
  public void aNameTheResolverCannotFindIsDNSLookupError() {
    resolverAnswering();
    connecting("nowhere.invalid");
    core.iterate(0);
    assertNotNull(factory.reasons.get(0).check(DNSLookupError.class));
  }

  @Test
  public void aResolvedNameConnectsToTheFirstAddress() {
    resolverAnswering(new IPv4Address("TCP", "127.0.0.2", 0),
        new IPv4Address("TCP", "127.0.0.3", 0));
    connecting("somewhere.test");
    core.iterate(0);
    assertEquals(backend.lastRemote.getAddress().getHostAddress(), "127.0.0.2");
    assertEquals(backend.lastRemote.getPort(), 666);
  }

  @Test
  public void literalAddressesNeverReachTheResolver() {
    core.installNameResolver(new IHostnameResolver() {
      @Override
      public IHostResolution resolveHostName(IResolutionReceiver receiver, String hostName,
          int portNumber, @Nullable Set<Class<? extends IAddress>> addressTypes,
          String transportSemantics) {
        throw new AssertionError("resolver called for " + hostName);
      }
    });
    connecting("::1");
    core.iterate(0);
    assertEquals(backend.lastRemote.getAddress(), Addresses.literal("::1"));
  }

  @Test
  public void buildProtocolThrowingFailsTheAttemptAndClosesTheSocket() {
    Recording raising = new Recording() {
      @Override
      public @Nullable Protocol buildProtocol(IAddress addr) {
        throw new IllegalStateException("no protocol today");
      }
    };
    TcpConnector c = new TcpConnector(core, "127.0.0.1", 1, raising, 30, null);
    c.connect();
    core.iterate(0);
    backend.lastConnect.events.connectCompleted(null);
    assertEquals(raising.events, List.of("started", "failed"));
    assertEquals(raising.reasons.get(0).type(), IllegalStateException.class);
    assertTrue(backend.lastConnect.closed);
    assertNull(c.transport());
    c.connect();
    assertEquals(raising.events.get(2), "started");
  }
}
