package dev.torsion.it.builder;

import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Callback;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.error.ReactorNotRunning;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import dev.torsion.it.support.Addresses;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;

/**
 * The TCP half of Twisted's {@code ReactorBuilder} helpers ({@code runProtocolsWithReactor},
 * {@code needsRunningReactor}, {@code log.err} as a test failure), shared by the builder and
 * stress suites.
 *
 * <p>Exceptions thrown inside reactor callbacks are logged by the reactor, not propagated, so
 * a check made there records its failure with {@link #record}; {@link #run} rethrows the first
 * one after the reactor stops, as trial fails a test that logged an error. A reactor that a
 * test built but never ran is run once at teardown, so its shutdown closes its ports.
 */
public abstract class TcpBuilder extends ReactorBuilder {
  /** The IPv4 loopback address, the only IPv4 address these tests use. */
  public static final String V4 = "127.0.0.1";
  /** The IPv6 loopback address, the only IPv6 address these tests use. */
  public static final String V6 = "::1";
  /** The default bound on one reactor run, in seconds. */
  public static final double TIMEOUT = 20;

  private final List<Throwable> problems = Collections.synchronizedList(new ArrayList<>());
  private final Set<Reactor> unrun = Collections.newSetFromMap(new IdentityHashMap<>());

  @BeforeMethod(alwaysRun = true)
  protected void resetProblems() {
    problems.clear();
  }

  @Override
  protected Reactor buildReactor() {
    Reactor r = super.buildReactor();
    unrun.add(r);
    return r;
  }

  /**
   * Notes a failed check made inside a reactor callback; {@link #run} rethrows it.
   *
   * @param t the failure
   */
  protected final void record(Throwable t) {
    problems.add(t);
  }

  /**
   * An errback that records the failure, as Twisted tests use {@code log.err}.
   *
   * @param <T> the Deferred's type
   * @return the errback; it returns null
   */
  protected final <T> Callback<Failure, @Nullable T> err() {
    return f -> {
      record(f.value());
      return null;
    };
  }

  /**
   * Runs a check inside a callback, recording what it throws.
   *
   * @param check the check
   */
  protected final void checking(Check check) {
    try {
      check.run();
    } catch (Throwable t) {
      record(t);
    }
  }

  /** A check that may throw. */
  @FunctionalInterface
  public interface Check {
    /**
     * Runs the check.
     *
     * @throws Throwable when the check fails
     */
    void run() throws Throwable;
  }

  /**
   * Runs {@code reactor} within {@link #TIMEOUT}, then fails with the first recorded problem.
   *
   * @param reactor the reactor
   */
  protected final void run(Reactor reactor) {
    run(reactor, TIMEOUT);
  }

  /**
   * Runs {@code reactor} within {@code timeoutSeconds}, then fails with the first problem.
   *
   * @param reactor the reactor
   * @param timeoutSeconds the bound
   */
  protected final void run(Reactor reactor, double timeoutSeconds) {
    unrun.remove(reactor);
    runReactor(reactor, timeoutSeconds);
    assertNoProblems();
  }

  /** Fails with the first recorded problem, if any. */
  protected final void assertNoProblems() {
    synchronized (problems) {
      if (!problems.isEmpty()) {
        Throwable first = problems.get(0);
        throw new AssertionError(problems.size() + " problem(s) in reactor callbacks; first: "
            + first, first);
      }
    }
  }

  /**
   * Stops {@code reactor} unless it is already stopping, as Twisted tests guard with
   * {@code if reactor.running}.
   *
   * @param reactor the reactor
   */
  public static void stopQuietly(Reactor reactor) {
    try {
      reactor.stop();
    } catch (ReactorNotRunning alreadyStopping) {
      // The other side's event stopped it first.
    }
  }

  /**
   * A callback that stops {@code reactor} (unless it is already stopping) whatever the result:
   * for the Deferred whose firing ends a test's run.
   *
   * @param reactor the reactor
   * @return the callback; it returns null
   */
  protected static Callback<@Nullable Object, @Nullable Void> stopping(Reactor reactor) {
    return ignored -> {
      stopQuietly(reactor);
      return null;
    };
  }

  /**
   * Twisted's {@code runProtocolsWithReactor}: listens on {@code iface} with a factory that
   * always returns {@code server}, connects {@code client} to it once the reactor runs, and
   * stops the reactor when both have lost their connection.
   *
   * @param server the server protocol
   * @param client the client protocol
   * @param iface the loopback address to listen on and connect to
   * @return the reactor, already run and stopped
   */
  protected final Reactor runProtocols(ConnectableProtocol server, ConnectableProtocol client,
      String iface) {
    return runProtocols(server, client, iface, TIMEOUT);
  }

  /**
   * {@link #runProtocols(ConnectableProtocol, ConnectableProtocol, String)} with a bound.
   *
   * @param server the server protocol
   * @param client the client protocol
   * @param iface the loopback address to listen on and connect to
   * @param timeoutSeconds the bound on the reactor run
   * @return the reactor, already run and stopped
   */
  protected final Reactor runProtocols(ConnectableProtocol server, ConnectableProtocol client,
      String iface, double timeoutSeconds) {
    Reactor reactor = buildReactor();
    server.setAttributes(reactor);
    client.setAttributes(reactor);
    IListeningPort port = listen(reactor, new SingleProtocolFactory(server), iface);
    int portNumber = Addresses.portOf(port.getHost());
    SingleProtocolFactory clientFactory = new SingleProtocolFactory(client) {
      @Override
      public void clientConnectionFailed(IConnector connector, Failure reason) {
        record(new AssertionError("connection setup failed: " + reason, reason.value()));
        stopQuietly(reactor);
      }
    };
    reactor.callWhenRunning(() -> connect(reactor, iface, portNumber, clientFactory));
    Defer.gatherResults(List.of(server.done(), client.done()))
        .addCallback(stopping(reactor))
        .addErrback(err());
    run(reactor, timeoutSeconds);
    return reactor;
  }

  /**
   * How {@link #runProtocols} listens, as Twisted's {@code endpoints.server}: TCP here, TLS in
   * a subclass that runs the same tests over {@code listenSSL}.
   *
   * @param reactor the reactor
   * @param factory the server factory
   * @param iface the loopback address
   * @return the listening port
   */
  protected IListeningPort listen(Reactor reactor, Factory factory, String iface) {
    return reactor.listenTCP(0, factory, iface);
  }

  /**
   * How {@link #runProtocols} connects, as Twisted's {@code endpoints.client}.
   *
   * @param reactor the reactor
   * @param iface the loopback address
   * @param port the port
   * @param factory the client factory
   */
  protected void connect(Reactor reactor, String iface, int port, ClientFactory factory) {
    reactor.connectTCP(iface, port, factory);
  }

  /**
   * Twisted's {@code test_startedListeningLogMessage}: opening a port logs its factory's prefix
   * and number, as {@code "Crazy Factory starting on 1234"}.
   *
   * @param listen opens a port on 127.0.0.1 for the given factory
   * @param kind what follows the prefix: {@code ""} for TCP, {@code " (TLS)"} for TLS
   */
  protected final void checkStartedListeningLogMessage(
      BiFunction<Reactor, Factory, IListeningPort> listen, String kind) {
    ServerFactory factory = new ServerFactory() {
      @Override
      public String logPrefix() {
        return "Crazy Factory";
      }
    };
    try (LogCapture log = LogCapture.start()) {
      IListeningPort p = listen.apply(buildReactor(), factory);
      String expected = "Crazy Factory" + kind + " starting on " + Addresses.portOf(p.getHost());
      assertTrue(log.text().contains(expected), "no \"" + expected + "\" in:\n" + log.text());
    }
  }

  /**
   * Twisted's {@code test_connectionLostLogMsg}: stopping a port logs that it closed, as
   * {@code "(TCP Port 1234 Closed)"}.
   *
   * @param listen opens the port on {@code reactor}
   * @param kind the port's kind in the message: {@code TCP} or {@code TLS}
   */
  protected final void checkConnectionLostLogMsg(Function<Reactor, IListeningPort> listen,
      String kind) {
    try (LogCapture log = LogCapture.start()) {
      Reactor reactor = buildReactor();
      IListeningPort p = listen.apply(reactor);
      String expected = "(" + kind + " Port " + Addresses.portOf(p.getHost()) + " Closed)";
      reactor.callWhenRunning(
          () -> p.stopListening().addCallback(stopping(reactor)).addErrback(err()));
      run(reactor);
      assertTrue(log.text().contains(expected), "no \"" + expected + "\" in:\n" + log.text());
    }
  }

  /** Twisted's {@code _SingleProtocolFactory}: one connection, one given protocol. */
  static class SingleProtocolFactory extends ClientFactory {
    private final Protocol protocol;

    SingleProtocolFactory(Protocol protocol) {
      this.protocol = protocol;
      setNoisy(false);
    }

    @Override
    public Protocol buildProtocol(IAddress addr) {
      protocol.setFactory(this);
      return protocol;
    }
  }

  @AfterMethod(alwaysRun = true)
  protected void closeUnrunReactors() {
    // Shutdown closes what a reactor holds open; a reactor never run still holds its ports.
    for (Reactor r : new ArrayList<>(unrun)) {
      r.callWhenRunning(() -> stopQuietly(r));
      try {
        runReactor(r, 5);
      } catch (RuntimeException | AssertionError e) {
        // Teardown only; the test's own outcome stands.
      }
    }
    unrun.clear();
  }
}
