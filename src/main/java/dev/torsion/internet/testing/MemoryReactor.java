package dev.torsion.internet.testing;

import com.google.common.net.InetAddresses;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.address.UNIXAddress;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ReactorAlreadyRunning;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IFileDescriptor;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorCore;
import dev.torsion.internet.interfaces.IReactorFDSet;
import dev.torsion.internet.interfaces.IReactorSSL;
import dev.torsion.internet.interfaces.IReactorSocket;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IReactorUNIX;
import dev.torsion.internet.interfaces.IReadDescriptor;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.interfaces.IWriteDescriptor;
import dev.torsion.internet.protocol.ClientFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reactor that records what it is asked to do and does no I/O: {@code listenTCP} and
 * {@code connectTCP} are remembered and answered with a {@link FakePort} or a
 * {@link FakeConnector}, triggers and {@code callWhenRunning} hooks are kept for the test to
 * inspect. Connection attempts never succeed on their own; a test completes them by hand, or
 * with {@link ConnectionCompleter}.
 *
 * <pre>{@code
 * MemoryReactor reactor = new MemoryReactor();
 * new Server(reactor).start();                      // calls reactor.listenTCP(8080, factory)
 * MemoryReactor.TcpServer s = reactor.tcpServers().get(0);
 * assertEquals(s.port(), 8080);
 * AccumulatingProtocol p = (AccumulatingProtocol) s.factory().buildProtocol(new FakeAddress());
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link #run()} marks the reactor running, runs the
 * {@code callWhenRunning} hooks in order, then {@link #stop()}s it and returns. It fires no
 * system event; {@link #fireSystemEvent} runs the recorded triggers of an event when a test asks.
 *
 * <p><b>Threading.</b> Not thread-safe: use it from the test's thread.
 *
 * <p><b>Differences from Twisted.</b> The records are typed ({@link TcpServer},
 * {@link TcpClient}, {@link UnixServer}, {@link UnixClient}, {@link AdoptedPort}, {@link AdoptedConnection}, {@link Trigger}) instead of
 * tuples, and are read through methods returning the live lists (tests may remove entries, as
 * Twisted's {@code ConnectionCompleter} does). {@code hasRun}, {@code hasStopped} and
 * {@code hasCrashed} start false (Twisted's start true, which makes them useless). Twisted's
 * {@code iterate}, {@code fireSystemEvent} and {@code removeSystemEventTrigger} raise
 * {@code NotImplementedError}; here {@link #iterate} counts its calls and the other two work on
 * the records. SSL and datagram adoption are not offered: Torsion has no such reactor facets
 * yet. Adopting takes channels, as {@link IReactorSocket} does. As {@link IReactorFDSet} it
 * only records readers and writers (in the order added) and never calls them; its
 * {@code removeAll} returns what it removed (Twisted's returns None).
 *
 * @twisted twisted.internet.testing.MemoryReactor
 */
public class MemoryReactor implements IReactorCore, IReactorTCP, IReactorUNIX, IReactorSocket,
    IReactorSSL, IReactorFDSet {
  /**
   * One call to {@code listenTCP}.
   *
   * @param port the port asked for
   * @param factory the factory given
   * @param backlog the backlog given
   * @param iface the interface given
   * @twisted twisted.internet.testing.MemoryReactor.tcpServers
   */
  public record TcpServer(int port, IProtocolFactory factory, int backlog, String iface) {}

  /**
   * One call to {@code connectTCP}.
   *
   * @param host the host given
   * @param port the port given
   * @param factory the factory given
   * @param timeout the timeout given, in seconds
   * @param bindAddress the bind address given, or null
   * @twisted twisted.internet.testing.MemoryReactor.tcpClients
   */
  public record TcpClient(String host, int port, ClientFactory factory, double timeout,
      @Nullable InetSocketAddress bindAddress) {}

  /**
   * One call to {@code listenUNIX}.
   *
   * @param address the socket file given
   * @param factory the factory given
   * @param backlog the backlog given
   * @param mode the permission bits given
   * @param wantPID the lock-file flag given
   * @twisted twisted.internet.testing.MemoryReactor.unixServers
   */
  public record UnixServer(String address, IProtocolFactory factory, int backlog, int mode,
      boolean wantPID) {}

  /**
   * One call to {@code connectUNIX}.
   *
   * @param address the socket file given
   * @param factory the factory given
   * @param timeout the timeout given, in seconds
   * @param checkPID the PID-check flag given
   * @twisted twisted.internet.testing.MemoryReactor.unixClients
   */
  public record UnixClient(String address, ClientFactory factory, double timeout,
      boolean checkPID) {}

  /**
   * One call to {@code adoptStreamPort}.
   *
   * @param channel the channel given (the reactor does not touch it)
   * @param factory the factory given
   * @twisted twisted.internet.testing.MemoryReactor.adoptedPorts
   */
  public record AdoptedPort(ServerSocketChannel channel, IProtocolFactory factory) {}

  /**
   * One call to {@code adoptStreamConnection}.
   *
   * @param channel the channel given (the reactor does not touch it)
   * @param factory the factory given
   * @twisted twisted.internet.testing.MemoryReactor.adoptedStreamConnections
   */
  public record AdoptedConnection(SocketChannel channel, IProtocolFactory factory) {}

  /**
   * One system event trigger or {@code callWhenRunning} hook; also its id.
   *
   * @param phase {@code "before"}, {@code "during"} or {@code "after"}; {@code "after"} for a
   *     {@code callWhenRunning} hook
   * @param eventType the event; {@code "startup"} for a {@code callWhenRunning} hook
   * @param callable the trigger
   * @twisted twisted.internet.testing.MemoryReactor.triggers
   */
  public record Trigger(String phase, String eventType,
      Defer.Call<? extends @Nullable Deferred<?>> callable) implements TriggerId {}

  private final List<TcpServer> tcpServers = new ArrayList<>();
  private final List<TcpClient> tcpClients = new ArrayList<>();
  private final List<MemoryReactorSslServer> sslServers = new ArrayList<>();
  private final List<MemoryReactorSslClient> sslClients = new ArrayList<>();
  private final List<UnixServer> unixServers = new ArrayList<>();
  private final List<UnixClient> unixClients = new ArrayList<>();
  private final List<FakeConnector> connectors = new ArrayList<>();
  private final List<AdoptedPort> adoptedPorts = new ArrayList<>();
  private final List<AdoptedConnection> adoptedStreamConnections = new ArrayList<>();
  private final FdSetRecords fdSet = new FdSetRecords();
  private final TriggerRecords records = new TriggerRecords();
  private boolean running;
  private boolean hasRun;
  private boolean hasStopped;
  private boolean hasCrashed;
  private int iterations;

  /** A reactor with nothing recorded. */
  public MemoryReactor() {}

  /**
   * Every {@code listenTCP} call, oldest first.
   *
   * @return the live list
   * @twisted twisted.internet.testing.MemoryReactor.tcpServers
   */
  public final List<TcpServer> tcpServers() {
    return tcpServers;
  }

  /**
   * Every {@code connectTCP} call, oldest first.
   *
   * @return the live list
   * @twisted twisted.internet.testing.MemoryReactor.tcpClients
   */
  public final List<TcpClient> tcpClients() {
    return tcpClients;
  }

  /**
   * Every {@code listenSSL} call, oldest first.
   *
   * @return the live list
   * @twisted twisted.internet.testing.MemoryReactor.sslServers
   */
  public final List<MemoryReactorSslServer> sslServers() {
    return sslServers;
  }

  /**
   * Every {@code connectSSL} call, oldest first.
   *
   * @return the live list
   * @twisted twisted.internet.testing.MemoryReactor.sslClients
   */
  public final List<MemoryReactorSslClient> sslClients() {
    return sslClients;
  }

  /**
   * Every {@code listenUNIX} call, oldest first.
   *
   * @return the live list
   * @twisted twisted.internet.testing.MemoryReactor.unixServers
   */
  public final List<UnixServer> unixServers() {
    return unixServers;
  }

  /**
   * Every {@code connectUNIX} call, oldest first.
   *
   * @return the live list
   * @twisted twisted.internet.testing.MemoryReactor.unixClients
   */
  public final List<UnixClient> unixClients() {
    return unixClients;
  }

  /**
   * The connector of each {@code connectTCP} and {@code connectUNIX} call, in call order.
   *
   * @return the live list
   * @twisted twisted.internet.testing.MemoryReactor.connectors
   */
  public final List<FakeConnector> connectors() {
    return connectors;
  }

  /**
   * Every {@code adoptStreamPort} call, oldest first.
   *
   * @return the live list
   * @twisted twisted.internet.testing.MemoryReactor.adoptedPorts
   */
  public final List<AdoptedPort> adoptedPorts() {
    return adoptedPorts;
  }

  /**
   * Every {@code adoptStreamConnection} call, oldest first.
   *
   * @return the live list
   * @twisted twisted.internet.testing.MemoryReactor.adoptedStreamConnections
   */
  public final List<AdoptedConnection> adoptedStreamConnections() {
    return adoptedStreamConnections;
  }

  /**
   * Every system event trigger added and not removed, oldest first.
   *
   * @return the live list
   * @twisted twisted.internet.testing.MemoryReactor.triggers
   */
  public final List<Trigger> triggers() {
    return records.triggers;
  }

  /**
   * The triggers of one phase of one event, oldest first.
   *
   * @param phase {@code "before"}, {@code "during"} or {@code "after"}
   * @param eventType the event
   * @return a new list
   * @twisted twisted.internet.testing.MemoryReactor.triggers
   */
  public final List<Trigger> triggers(String phase, String eventType) {
    return records.of(phase, eventType);
  }

  /**
   * Every {@code callWhenRunning} hook not removed, oldest first.
   *
   * @return the live list
   * @twisted twisted.internet.testing.MemoryReactor.whenRunningHooks
   */
  public final List<Trigger> whenRunningHooks() {
    return records.whenRunningHooks;
  }

  /**
   * Whether {@link #run()} was called.
   *
   * @return true once run
   * @twisted twisted.internet.testing.MemoryReactor.hasRun
   */
  public final boolean hasRun() {
    return hasRun;
  }

  /**
   * Whether {@link #stop()} was called (as {@link #run()} does).
   *
   * @return true once stopped
   * @twisted twisted.internet.testing.MemoryReactor.hasStopped
   */
  public final boolean hasStopped() {
    return hasStopped;
  }

  /**
   * Whether {@link #crash()} was called.
   *
   * @return true once crashed
   * @twisted twisted.internet.testing.MemoryReactor.hasCrashed
   */
  public final boolean hasCrashed() {
    return hasCrashed;
  }

  /**
   * How many times {@link #iterate} was called.
   *
   * @return the count
   */
  public final int iterations() {
    return iterations;
  }

  @Override
  public boolean running() {
    return running;
  }

  /**
   * Marks the reactor running, runs the {@code callWhenRunning} hooks in order (a hook that
   * throws propagates, so the test sees it), then {@link #stop()}s.
   *
   * @throws ReactorAlreadyRunning if it is running
   */
  @Override
  public void run() {
    if (running) {
      throw new ReactorAlreadyRunning();
    }
    running = true;
    hasRun = true;
    records.runHooks();
    stop();
  }

  /** Marks the reactor stopped; never throws. */
  @Override
  public void stop() {
    running = false;
    hasStopped = true;
  }

  /** Marks the reactor crashed and not running. */
  @Override
  public void crash() {
    running = false;
    hasCrashed = true;
  }

  /** Counts the call; there is nothing to do. */
  @Override
  public void iterate(double delay) {
    if (!(delay >= 0)) {
      throw new IllegalArgumentException("delay must be >= 0, not " + delay);
    }
    iterations++;
  }

  /**
   * Runs the recorded triggers of {@code eventType}: <i>before</i>, then once every Deferred
   * they returned has fired, <i>during</i> and <i>after</i>. A trigger that throws propagates.
   */
  @Override
  public void fireSystemEvent(String eventType) {
    records.fire(eventType);
  }

  @Override
  public TriggerId addSystemEventTrigger(String phase, String eventType,
      Defer.Call<? extends @Nullable Deferred<?>> callable) {
    return records.add(phase, eventType, callable);
  }

  /** Removes a trigger or a {@code callWhenRunning} hook from the records. */
  @Override
  public void removeSystemEventTrigger(TriggerId triggerId) {
    records.remove(triggerId);
  }

  /**
   * Records the hook for {@link #run()}, even while running (as Twisted's).
   *
   * @return the hook's id, for {@link #removeSystemEventTrigger}
   */
  @Override
  public TriggerId callWhenRunning(Runnable callable) {
    return records.addHook(callable);
  }

  /**
   * Records the call; the port reports {@code iface} if it is an IPv6 literal, else
   * {@code 0.0.0.0}, with the port asked for.
   */
  @Override
  public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String iface) {
    tcpServers.add(new TcpServer(port, factory, backlog, iface));
    return new FakePort(isIPv6Address(iface)
        ? new IPv6Address("TCP", iface, port) : new IPv4Address("TCP", "0.0.0.0", port));
  }

  /** Records the call and the connector, and tells the factory {@code startedConnecting}. */
  @Override
  public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    tcpClients.add(new TcpClient(host, port, factory, timeout, bindAddress));
    IAddress address = isIPv6Address(host)
        ? new IPv6Address("TCP", host, port) : new IPv4Address("TCP", host, port);
    return connectFake(address, factory);
  }

  /** Records the call; the port reports an address as {@code listenTCP}'s does. */
  @Override
  public IListeningPort listenSSL(int port, IProtocolFactory factory,
      ITLSConnectionCreator contextFactory, int backlog, String iface) {
    sslServers.add(new MemoryReactorSslServer(port, factory, contextFactory, backlog, iface));
    return new FakePort(isIPv6Address(iface)
        ? new IPv6Address("TCP", iface, port) : new IPv4Address("TCP", "0.0.0.0", port));
  }

  /** Records the call and the connector, and tells the factory {@code startedConnecting}. */
  @Override
  public IConnector connectSSL(String host, int port, ClientFactory factory,
      ITLSConnectionCreator contextFactory, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    sslClients.add(
        new MemoryReactorSslClient(host, port, factory, contextFactory, timeout, bindAddress));
    return connectFake(isIPv6Address(host)
        ? new IPv6Address("TCP", host, port) : new IPv4Address("TCP", host, port), factory);
  }

  /** Records the call; the port reports the socket file as a {@link UNIXAddress}. */
  @Override
  public IListeningPort listenUNIX(String address, IProtocolFactory factory, int backlog,
      int mode, boolean wantPID) {
    unixServers.add(new UnixServer(address, factory, backlog, mode, wantPID));
    return new FakePort(new UNIXAddress(address));
  }

  /** Records the call and the connector, and tells the factory {@code startedConnecting}. */
  @Override
  public IConnector connectUNIX(String address, ClientFactory factory, double timeout,
      boolean checkPID) {
    unixClients.add(new UnixClient(address, factory, timeout, checkPID));
    return connectFake(new UNIXAddress(address), factory);
  }

  private FakeConnector connectFake(IAddress address, ClientFactory factory) {
    FakeConnector connector = new FakeConnector(address);
    factory.startedConnecting(connector);
    connectors.add(connector);
    return connector;
  }

  /**
   * Records the call; the port reports the channel's local address if it is bound, otherwise
   * {@code 0.0.0.0:1234} as Twisted's.
   */
  @Override
  public IListeningPort adoptStreamPort(ServerSocketChannel channel, IProtocolFactory factory) {
    adoptedPorts.add(new AdoptedPort(channel, factory));
    IAddress address = new IPv4Address("TCP", "0.0.0.0", 1234);
    try {
      SocketAddress local = channel.getLocalAddress();
      if (local instanceof InetSocketAddress inet) {
        String host = InetAddresses.toAddrString(inet.getAddress());
        address = host.contains(":") ? new IPv6Address("TCP", host, inet.getPort())
            : new IPv4Address("TCP", host, inet.getPort());
      }
    } catch (IOException e) {
      // A closed channel has no address; keep the default, as the reactor never uses it.
    }
    return new FakePort(address);
  }

  /** Records the call. */
  @Override
  public void adoptStreamConnection(SocketChannel channel, IProtocolFactory factory) {
    adoptedStreamConnections.add(new AdoptedConnection(channel, factory));
  }

  @Override
  public void addReader(IReadDescriptor reader) {
    fdSet.readers.add(reader);
  }

  @Override
  public void addWriter(IWriteDescriptor writer) {
    fdSet.writers.add(writer);
  }

  @Override
  public void removeReader(IReadDescriptor reader) {
    fdSet.readers.remove(reader);
  }

  @Override
  public void removeWriter(IWriteDescriptor writer) {
    fdSet.writers.remove(writer);
  }

  @Override
  public List<IFileDescriptor> removeAll() {
    return fdSet.removeAll();
  }

  @Override
  public List<IReadDescriptor> getReaders() {
    return new ArrayList<>(fdSet.readers);
  }

  @Override
  public List<IWriteDescriptor> getWriters() {
    return new ArrayList<>(fdSet.writers);
  }

  /** Whether {@code s} is an IPv6 literal, with or without a {@code %scope}. */
  static boolean isIPv6Address(String s) {
    int percent = s.indexOf('%');
    String bare = percent < 0 ? s : s.substring(0, percent);
    return bare.contains(":") && InetAddresses.isInetAddress(bare);
  }
}
