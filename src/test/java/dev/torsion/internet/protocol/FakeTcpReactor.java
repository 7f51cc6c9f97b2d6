package dev.torsion.internet.protocol;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.UNIXAddress;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.interfaces.IReactorUNIX;
import dev.torsion.internet.task.Clock;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A small stand-in for Twisted's {@code MemoryReactorClock}: TCP calls are recorded, not made,
 * and time is a {@link Clock}. Private to these tests (the product's MemoryReactor lives in
 * {@code internet.testing}).
 */
final class FakeTcpReactor implements IReactorTCP, IReactorTime, IReactorUNIX {
  /** One recorded {@code connectTCP} call. */
  record TcpClient(String host, int port, ClientFactory factory, double timeout,
      @Nullable InetSocketAddress bindAddress) {}

  /** One recorded {@code listenTCP} call. */
  record TcpServer(int port, IProtocolFactory factory, int backlog, String iface) {}

  /** One recorded {@code connectUNIX} call. */
  record UnixClient(String address, ClientFactory factory, double timeout, boolean checkPID) {}

  final Deque<UnixClient> unixClients = new ArrayDeque<>();
  final Clock clock = new Clock();
  final Deque<TcpClient> tcpClients = new ArrayDeque<>();
  final Deque<TcpServer> tcpServers = new ArrayDeque<>();
  final Deque<FakeConnector> connectors = new ArrayDeque<>();

  @Override
  public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog,
      String iface) {
    tcpServers.add(new TcpServer(port, factory, backlog, iface));
    IAddress host = new IPv4Address("TCP", "0.0.0.0", port);
    return new IListeningPort() {
      @Override
      public void startListening() {}

      @Override
      public Deferred<Void> stopListening() {
        return Defer.succeed(null);
      }

      @Override
      public IAddress getHost() {
        return host;
      }
    };
  }

  @Override
  public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    tcpClients.add(new TcpClient(host, port, factory, timeout, bindAddress));
    FakeConnector c = new FakeConnector(new IPv4Address("TCP", host, port));
    connectors.add(c);
    return c;
  }

  @Override
  public IListeningPort listenUNIX(String address, IProtocolFactory factory, int backlog,
      int mode, boolean wantPID) {
    throw new UnsupportedOperationException("not used by these tests");
  }

  @Override
  public IConnector connectUNIX(String address, ClientFactory factory, double timeout,
      boolean checkPID) {
    unixClients.add(new UnixClient(address, factory, timeout, checkPID));
    FakeConnector c = new FakeConnector(new UNIXAddress(address));
    connectors.add(c);
    return c;
  }

  @Override
  public double seconds() {
    return clock.seconds();
  }

  @Override
  public IDelayedCall callLater(double delay, Runnable callable) {
    return clock.callLater(delay, callable);
  }

  @Override
  public List<IDelayedCall> getDelayedCalls() {
    return clock.getDelayedCalls();
  }

  /** A connector that records what it was told, as Twisted's {@code _FakeConnector}. */
  static final class FakeConnector implements IConnector {
    private final IAddress destination;
    boolean disconnected;
    boolean stoppedConnecting;
    int connects;

    FakeConnector(IAddress destination) {
      this.destination = destination;
    }

    @Override
    public void stopConnecting() {
      stoppedConnecting = true;
    }

    @Override
    public void disconnect() {
      disconnected = true;
    }

    @Override
    public void connect() {
      connects++;
    }

    @Override
    public IAddress getDestination() {
      return destination;
    }
  }
}
