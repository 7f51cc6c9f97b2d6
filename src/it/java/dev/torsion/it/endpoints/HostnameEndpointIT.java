package dev.torsion.it.endpoints;

import static dev.torsion.it.support.Addresses.portOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.HostnameAddress;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.internet.endpoints.HostnameEndpoint;
import dev.torsion.internet.endpoints.TCP4ServerEndpoint;
import dev.torsion.internet.endpoints.TCP6ClientEndpoint;
import dev.torsion.internet.endpoints.TCP6ServerEndpoint;
import dev.torsion.internet.error.ConnectingCancelledError;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.DNSLookupError;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IHostnameResolver;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IReactorThreads;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.support.Addresses;
import dev.torsion.it.support.ReactorCase;
import dev.torsion.python.threadpool.ThreadPool;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** HostnameEndpoint and TCP6ClientEndpoint connecting on loopback. */
public class HostnameEndpointIT extends ReactorCase {
  /** Records the server side's connections (TestNG shares the instance: reset per method). */
  private List<Protocol> accepted = new ArrayList<>();

  @BeforeMethod
  public void resetAccepted() {
    accepted = new ArrayList<>();
  }

  private IProtocolFactory serverFactory() {
    return Factory.forProtocol(() -> {
      Protocol p = new Protocol();
      accepted.add(p);
      return p;
    });
  }

  /** Listens, connects through the endpoint made for the port, and closes both ends. */
  private Deferred<IProtocol> connectVia(Deferred<IListeningPort> listening,
      Function<Integer, IStreamClientEndpoint> endpoint) {
    return listening.addCallbackDeferred(port -> endpoint.apply(portOf(port))
        .connect(Factory.forProtocol(Protocol::new))
        .addCallbackDeferred(p -> {
          ((Protocol) p).transport().loseConnection();
          return port.stopListening().addCallback(x -> p);
        }));
  }

  @Test
  public void connectsToIPv4Literal() {
    IProtocol p = await(() -> connectVia(new TCP4ServerEndpoint(reactor, 0, 50, "127.0.0.1")
        .listen(serverFactory()), port -> new HostnameEndpoint(reactor, "127.0.0.1", port)));
    assertTrue(p instanceof Protocol);
    assertEquals(accepted.size(), 1);
  }

  @Test
  public void connectsToIPv6Literal() {
    IProtocol p = await(() -> connectVia(new TCP6ServerEndpoint(reactor, 0, 50, "::1")
        .listen(serverFactory()), port -> new HostnameEndpoint(reactor, "::1", port)));
    assertTrue(((Protocol) p).transport().getPeer().toString().contains("::1"));
  }

  /** localhost may resolve to ::1 first, where nothing listens: that refusal is fast. */
  @Test
  public void connectsToLocalhostWhateverItsAddressOrder() {
    double[] elapsed = new double[1];
    await(() -> {
      double start = reactor.seconds();
      return connectVia(new TCP4ServerEndpoint(reactor, 0, 50, "127.0.0.1")
          .listen(serverFactory()), port -> new HostnameEndpoint(reactor, "localhost", port,
              30, null, 5.0)).addCallback(p -> {
                elapsed[0] = reactor.seconds() - start;
                return p;
              });
    });
    assertEquals(accepted.size(), 1);
    assertTrue(elapsed[0] < 5.0, "a refused attempt did not wait for attemptDelay: "
        + elapsed[0]);
  }

  @Test
  public void refusedOnEveryAddressFailsWithTheRefusal() {
    int port = Addresses.findFreePort("127.0.0.1");
    Throwable f = await(() -> new HostnameEndpoint(reactor, "127.0.0.1", port)
        .connect(Factory.forProtocol(Protocol::new))
        .addCallbacks(p -> (Throwable) null, failure -> failure.value()));
    assertTrue(f instanceof ConnectionRefusedError, f.toString());
  }

  /** An empty name resolves to nothing at once (no DNS server is asked). */
  @Test
  public void unresolvableNameIsDnsLookupError() {
    Throwable f = await(() -> new HostnameEndpoint(reactor, "", 80)
        .connect(Factory.forProtocol(Protocol::new))
        .addCallbacks(p -> (Throwable) null, failure -> failure.value()));
    assertTrue(f instanceof DNSLookupError, f.toString());
  }

  @Test
  public void cancelBeforeConnectingLeavesNothingBehind() {
    int[] timers = new int[2];
    Throwable f = await(() -> new TCP4ServerEndpoint(reactor, 0, 50, "127.0.0.1")
        .listen(serverFactory()).addCallbackDeferred(port -> {
          timers[0] = reactor.getDelayedCalls().size();
          Deferred<IProtocol> d = new HostnameEndpoint(reactor, "127.0.0.1", portOf(port))
              .connect(Factory.forProtocol(Protocol::new));
          d.cancel();
          Deferred<Throwable> out =
              d.addCallbacks(p -> (Throwable) null, failure -> failure.value());
          // Give a connection that should not happen the time to be accepted.
          Deferred<Void> later = new Deferred<>();
          reactor.callLater(0.2, () -> {
            // The connector's next-turn start has run (and done nothing) by now.
            timers[1] = reactor.getDelayedCalls().size();
            later.callback(null);
          });
          return later.addCallbackDeferred(x -> port.stopListening())
              .addCallbackDeferred(x -> out);
        }));
    ConnectingCancelledError e = (ConnectingCancelledError) f;
    assertTrue(e.address() instanceof HostnameAddress, String.valueOf(e.address()));
    assertEquals(accepted.size(), 0, "the cancelled attempt never connected");
    assertEquals(timers[1], timers[0], "no timer left behind (the 0.2 s wait is running)");
  }

  /** The reactor's resolver, replaced by one that knows the name, is the one asked. */
  @Test
  public void tcp6ClientResolvesANameToIPv6() {
    IHostnameResolver system = reactor.nameResolver();
    reactor.installNameResolver((receiver, name, port, types, semantics) ->
        system.resolveHostName(receiver, name.equals("ipv6.test") ? "::1" : name, port, types,
            semantics));
    IProtocol p = await(() -> connectVia(new TCP6ServerEndpoint(reactor, 0, 50, "::1")
        .listen(serverFactory()), port -> new TCP6ClientEndpoint(reactor, "ipv6.test", port)));
    assertTrue(p instanceof Protocol);
    assertEquals(accepted.size(), 1);
  }

  @Test
  public void clientFromStringTcpConnects() {
    IProtocol p = await(() -> connectVia(new TCP4ServerEndpoint(reactor, 0, 50, "127.0.0.1")
        .listen(serverFactory()), port -> Endpoints.clientFromString(reactor,
            "tcp:host=127.0.0.1:port=" + port + ":timeout=5")));
    assertTrue(p instanceof Protocol);
  }

  /** A reactor without a pluggable resolver: names are looked up on its thread pool. */
  private record NoResolver(Reactor r) implements IReactorTCP, IReactorTime, IReactorThreads {
    @Override
    public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog,
        String iface) {
      return r.listenTCP(port, factory, backlog, iface);
    }

    @Override
    public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
        @Nullable InetSocketAddress bindAddress) {
      return r.connectTCP(host, port, factory, timeout, bindAddress);
    }

    @Override
    public double seconds() {
      return r.seconds();
    }

    @Override
    public IDelayedCall callLater(double delay, Runnable callable) {
      return r.callLater(delay, callable);
    }

    @Override
    public List<IDelayedCall> getDelayedCalls() {
      return r.getDelayedCalls();
    }

    @Override
    public ThreadPool getThreadPool() {
      return r.getThreadPool();
    }

    @Override
    public void suggestThreadPoolSize(int size) {
      r.suggestThreadPoolSize(size);
    }

    @Override
    public void callFromThread(Runnable callable) {
      r.callFromThread(callable);
    }

    @Override
    public void callInThread(Runnable callable) {
      r.callInThread(callable);
    }
  }

  @Test
  public void fallbackResolutionOnTheThreadPoolConnects() {
    NoResolver plain = new NoResolver(reactor);
    IProtocol p = await(() -> connectVia(new TCP4ServerEndpoint(reactor, 0, 50, "127.0.0.1")
        .listen(serverFactory()), port -> new HostnameEndpoint(plain, "127.0.0.1", port)));
    assertTrue(p instanceof Protocol);
    assertEquals(accepted.size(), 1);
  }
}
