package dev.torsion.internet.testing;

import com.google.common.net.InetAddresses;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ReactorAlreadyRunning;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorCore;
import dev.torsion.internet.interfaces.IReactorSocket;
import dev.torsion.internet.interfaces.IReactorTCP;
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
 * {@link TcpClient}, {@link AdoptedPort}, {@link AdoptedConnection}, {@link Trigger}) instead of
 * tuples, and are read through methods returning the live lists (tests may remove entries, as
 * Twisted's {@code ConnectionCompleter} does). {@code hasRun}, {@code hasStopped} and
 * {@code hasCrashed} start false (Twisted's start true, which makes them useless). Twisted's
 * {@code iterate}, {@code fireSystemEvent} and {@code removeSystemEventTrigger} raise
 * {@code NotImplementedError}; here {@link #iterate} counts its calls and the other two work on
 * the records. SSL, UNIX sockets, datagram adoption and {@code IReactorFDSet} (readers, writers)
 * are not offered: Torsion has no such reactor facets yet, and readiness registration is
 * internal to its backends. Adopting takes channels, as {@link IReactorSocket} does.
 *
 * @twisted twisted.internet.testing.MemoryReactor
 */
public class MemoryReactor implements IReactorCore, IReactorTCP, IReactorSocket {
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
  private final List<FakeConnector> connectors = new ArrayList<>();
  private final List<AdoptedPort> adoptedPorts = new ArrayList<>();
  private final List<AdoptedConnection> adoptedStreamConnections = new ArrayList<>();
  private final List<Trigger> triggers = new ArrayList<>();
  private final List<Trigger> whenRunningHooks = new ArrayList<>();
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
   * The connector of each {@code connectTCP} call, in the same order as {@link #tcpClients()}.
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
    return triggers;
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
    List<Trigger> out = new ArrayList<>();
    for (Trigger t : triggers) {
      if (t.phase().equals(phase) && t.eventType().equals(eventType)) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Every {@code callWhenRunning} hook not removed, oldest first.
   *
   * @return the live list
   * @twisted twisted.internet.testing.MemoryReactor.whenRunningHooks
   */
  public final List<Trigger> whenRunningHooks() {
    return whenRunningHooks;
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
    for (Trigger hook : new ArrayList<>(whenRunningHooks)) {
      callTrigger(hook);
    }
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
    List<Deferred<?>> waits = new ArrayList<>();
    for (Trigger t : triggers("before", eventType)) {
      Deferred<?> d = callTrigger(t);
      if (d != null) {
        waits.add(d);
      }
    }
    int[] left = {waits.size() + 1};
    Runnable rest = () -> {
      if (--left[0] == 0) {
        for (Trigger t : triggers("during", eventType)) {
          callTrigger(t);
        }
        for (Trigger t : triggers("after", eventType)) {
          callTrigger(t);
        }
      }
    };
    for (Deferred<?> d : waits) {
      d.addBoth(ignored -> {
        rest.run();
        return null;
      });
    }
    rest.run();
  }

  private static @Nullable Deferred<?> callTrigger(Trigger t) {
    try {
      return t.callable().call();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("trigger " + t + " threw", e);
    }
  }

  @Override
  public TriggerId addSystemEventTrigger(String phase, String eventType,
      Defer.Call<? extends @Nullable Deferred<?>> callable) {
    if (!phase.equals("before") && !phase.equals("during") && !phase.equals("after")) {
      throw new IllegalArgumentException("Invalid phase " + phase);
    }
    Trigger t = new Trigger(phase, Objects.requireNonNull(eventType, "eventType"),
        Objects.requireNonNull(callable, "callable"));
    triggers.add(t);
    return t;
  }

  /** Removes a trigger or a {@code callWhenRunning} hook from the records. */
  @Override
  public void removeSystemEventTrigger(TriggerId triggerId) {
    // By identity: two triggers with equal fields are still two triggers.
    if (!removeSame(triggers, triggerId) && !removeSame(whenRunningHooks, triggerId)) {
      throw new IllegalArgumentException("no trigger " + triggerId);
    }
  }

  private static boolean removeSame(List<Trigger> list, TriggerId id) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == id) {
        list.remove(i);
        return true;
      }
    }
    return false;
  }

  /**
   * Records the hook for {@link #run()}, even while running (as Twisted's).
   *
   * @return the hook's id, for {@link #removeSystemEventTrigger}
   */
  @Override
  public TriggerId callWhenRunning(Runnable callable) {
    Objects.requireNonNull(callable, "callable");
    Trigger t = new Trigger("after", "startup", () -> {
      callable.run();
      return null;
    });
    whenRunningHooks.add(t);
    return t;
  }

  /**
   * Records the call; the port reports {@code iface} if it is an IPv6 literal, else
   * {@code 0.0.0.0}, with the port asked for.
   */
  @Override
  public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String iface) {
    tcpServers.add(new TcpServer(port, factory, backlog, iface));
    IAddress address = isIPv6Address(iface)
        ? new IPv6Address("TCP", iface, port) : new IPv4Address("TCP", "0.0.0.0", port);
    return new FakePort(address);
  }

  /**
   * Records the call and the connector, and tells the factory {@code startedConnecting}.
   */
  @Override
  public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    tcpClients.add(new TcpClient(host, port, factory, timeout, bindAddress));
    IAddress address = isIPv6Address(host)
        ? new IPv6Address("TCP", host, port) : new IPv4Address("TCP", host, port);
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
      if (local instanceof InetSocketAddress) {
        InetSocketAddress inet = (InetSocketAddress) local;
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

  /** Whether {@code s} is an IPv6 literal, with or without a {@code %scope}. */
  static boolean isIPv6Address(String s) {
    int percent = s.indexOf('%');
    String bare = percent < 0 ? s : s.substring(0, percent);
    return bare.contains(":") && InetAddresses.isInetAddress(bare);
  }
}
