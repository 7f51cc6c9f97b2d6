package dev.torsion.internet.protocol;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.interfaces.IReactorUNIX;
import dev.torsion.python.failure.Failure;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Makes one client connection without writing a factory: {@link #connectTCP} returns a Deferred
 * that fires with the connected protocol. For when connections share no state and need no
 * reconnecting; otherwise use a {@link ClientFactory}, or an endpoint.
 *
 * <pre>{@code
 * new ClientCreator<>(reactor, Greeter::new).connectTCP("127.0.0.1", 8000)
 *     .addCallback(greeter -> greeter.sayHello());
 * }</pre>
 *
 * <p><b>Lifecycle.</b> Each {@code connect} call builds one protocol from the supplier and
 * starts one connection attempt. Once the protocol's {@code connectionMade} has run, the
 * Deferred fires with it, on the next pass of the reactor (a zero-delay {@code callLater}), as
 * Twisted orders it; a failed attempt fails the Deferred the same way, with the connect error
 * ({@code ConnectionRefusedError}, {@code TimeoutError}, {@code DNSLookupError}…).
 *
 * <p><b>Errors.</b> Cancelling the Deferred before it fires stops the attempt (the connector's
 * {@code disconnect()}, which also closes a connection made but not yet reported), cancels the
 * pending zero-delay call, and fails the Deferred with {@code CancelledError}. Should the
 * connection still complete after cancellation, the protocol is refused and the connection
 * closed.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> The protocol comes from a {@code Supplier} (Twisted's
 * {@code ClientCreator(reactor, P, *args)} is {@code new ClientCreator<>(reactor,
 * () -> new P(args))}), and the Deferred is typed with the protocol's class. The bind address is
 * an {@link InetSocketAddress}. {@code connectUNIX} needs a reactor that also provides
 * {@link IReactorUNIX} (any Torsion reactor does) and throws {@code UnsupportedOperationException}
 * otherwise. {@code connectSSL} arrives with the TLS transport.
 *
 * @param <P> the protocol type
 * @twisted twisted.internet.protocol.ClientCreator
 */
public final class ClientCreator<P extends Protocol> {
  private final IReactorTCP tcp;
  private final IReactorTime time;
  private final Supplier<? extends P> protocol;

  /**
   * A creator connecting through {@code reactor}.
   *
   * @param reactor the reactor, or a fake providing TCP and time
   * @param protocol makes the protocol of each connection
   * @param <R> the reactor type
   * @twisted twisted.internet.protocol.ClientCreator.__init__
   */
  public <R extends IReactorTCP & IReactorTime> ClientCreator(R reactor,
      Supplier<? extends P> protocol) {
    Objects.requireNonNull(reactor, "reactor");
    this.tcp = reactor;
    this.time = reactor;
    this.protocol = Objects.requireNonNull(protocol, "protocol");
  }

  /**
   * Connects over TCP with a 30-second timeout and any local address.
   *
   * @param host a host name or literal address
   * @param port the port
   * @return a cancellable Deferred of the connected protocol
   * @twisted twisted.internet.protocol.ClientCreator.connectTCP
   */
  public Deferred<P> connectTCP(String host, int port) {
    return connectTCP(host, port, 30, null);
  }

  /**
   * Connects over TCP; the arguments are {@link IReactorTCP#connectTCP}'s, less the factory.
   *
   * @param host a host name or literal address
   * @param port the port
   * @param timeout seconds before the attempt fails with {@code TimeoutError}
   * @param bindAddress the local address to bind, or null for any
   * @return a cancellable Deferred of the connected protocol
   * @twisted twisted.internet.protocol.ClientCreator.connectTCP
   */
  public Deferred<P> connectTCP(String host, int port, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    return connect(f -> tcp.connectTCP(host, port, f, timeout, bindAddress));
  }

  /**
   * Connects to a UNIX domain socket with a 30-second timeout and no PID check.
   *
   * @param address the server's socket file
   * @return a cancellable Deferred of the connected protocol
   * @throws UnsupportedOperationException if the reactor does not provide {@link IReactorUNIX}
   * @twisted twisted.internet.protocol.ClientCreator.connectUNIX
   */
  public Deferred<P> connectUNIX(String address) {
    return connectUNIX(address, 30, false);
  }

  /**
   * Connects to a UNIX domain socket; the arguments are {@link IReactorUNIX#connectUNIX}'s, less
   * the factory.
   *
   * @param address the server's socket file
   * @param timeout seconds before the attempt fails with {@code TimeoutError}
   * @param checkPID whether to fail unless a live process holds {@code address + ".lock"}
   * @return a cancellable Deferred of the connected protocol
   * @throws UnsupportedOperationException if the reactor does not provide {@link IReactorUNIX}
   * @twisted twisted.internet.protocol.ClientCreator.connectUNIX
   */
  public Deferred<P> connectUNIX(String address, double timeout, boolean checkPID) {
    if (!(tcp instanceof IReactorUNIX unix)) {
      throw new UnsupportedOperationException(tcp + " does not provide IReactorUNIX");
    }
    return connect(f -> unix.connectUNIX(address, f, timeout, checkPID));
  }

  private Deferred<P> connect(Function<ClientFactory, IConnector> method) {
    InstanceFactory<P> f = new InstanceFactory<>(time,
        Objects.requireNonNull(protocol.get(), "the protocol supplier returned null"));
    Deferred<P> d = new Deferred<>(ignored -> f.cancel());
    f.deferred = d;
    f.connector = method.apply(f);
    return d;
  }

  /** Where a connection attempt stands, as the Deferred sees it. */
  private enum State {
    CONNECTING, REPORTING, DONE, CANCELLED
  }

  /** The factory behind one connection attempt: it hands over its single protocol. */
  private static final class InstanceFactory<P extends Protocol> extends ClientFactory {
    private final IReactorTime time;
    private final P instance;
    private @Nullable Deferred<P> deferred;
    private @Nullable IConnector connector;
    private @Nullable IDelayedCall pending;
    private State state = State.CONNECTING;

    InstanceFactory(IReactorTime time, P instance) {
      this.time = time;
      this.instance = instance;
      setNoisy(false);
    }

    @Override
    public @Nullable Protocol buildProtocol(IAddress addr) {
      if (state != State.CONNECTING) {
        // Cancelled while the connection completed: refusing closes it at once.
        return null;
      }
      state = State.REPORTING;
      Deferred<P> d = Objects.requireNonNull(deferred);
      pending = time.callLater(0, () -> fire(() -> d.callback(instance)));
      return instance;
    }

    @Override
    public void clientConnectionFailed(IConnector connector, Failure reason) {
      if (state != State.CONNECTING) {
        return;
      }
      state = State.REPORTING;
      Deferred<P> d = Objects.requireNonNull(deferred);
      pending = time.callLater(0, () -> fire(() -> d.errback(reason)));
    }

    private void fire(Runnable report) {
      pending = null;
      state = State.DONE;
      report.run();
    }

    void cancel() {
      state = State.CANCELLED;
      IConnector c = connector;
      if (c != null) {
        c.disconnect();
      }
      IDelayedCall p = pending;
      pending = null;
      if (p != null && p.active()) {
        p.cancel();
      }
    }

    @Override
    public String toString() {
      return "<ClientCreator factory: " + instance + ">";
    }
  }
}
