package dev.torsion.it.builder;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.support.MyClientFactory;
import dev.torsion.python.failure.Failure;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The protocols and factories of {@code twisted.test.test_tcp} and {@code connectionmixins}
 * that only the builder tests use: {@code ClientStartStopFactory}, {@code ClosingFactory},
 * {@code ClosingProtocol} and {@code Stop} (the shared ones are in
 * {@link dev.torsion.it.support}).
 */
public final class TcpFixtures {
  private TcpFixtures() {}

  /** Twisted's {@code ClientStartStopFactory}: start and stop exactly once each. */
  public static class ClientStartStopFactory extends MyClientFactory {
    /** 1 once started. */
    public int started;
    /** Fired when the factory stops. */
    public final Deferred<Boolean> whenStopped = new Deferred<>();

    /** A fresh factory. */
    public ClientStartStopFactory() {}

    @Override
    protected void startFactory() {
      if (started != 0 || stopped != 0) {
        throw new IllegalStateException("started twice");
      }
      started = 1;
    }

    @Override
    protected void stopFactory() {
      if (started == 0 || stopped != 0) {
        throw new IllegalStateException("stopped without start, or twice");
      }
      stopped = 1;
      whenStopped.callback(true);
    }
  }

  /** Twisted's {@code ClosingProtocol}: closes as soon as it connects. */
  public static class ClosingProtocol extends Protocol {
    /** A fresh protocol. */
    public ClosingProtocol() {}

    @Override
    public void connectionMade() {
      transport().loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
      if (reason.check(ConnectionDone.class) == null) {
        throw new AssertionError("ClosingProtocol lost its connection uncleanly: " + reason);
      }
    }
  }

  /** Twisted's {@code ClosingFactory}: stops listening on the first connection, then closes it. */
  public static class ClosingFactory extends ServerFactory {
    /** The port to stop; set after {@code listenTCP}. */
    public @Nullable IListeningPort port;
    private @Nullable Deferred<@Nullable Void> cleanerUpper;

    /** A fresh factory. */
    public ClosingFactory() {
      setNoisy(false);
    }

    @Override
    public Protocol buildProtocol(IAddress addr) {
      cleanerUpper = Objects.requireNonNull(port, "port").stopListening();
      ClosingProtocol p = new ClosingProtocol();
      p.setFactory(this);
      return p;
    }

    /**
     * Waits for the port to stop listening.
     *
     * @return the Deferred of {@code stopListening}
     */
    public Deferred<? extends @Nullable Void> cleanUp() {
      Deferred<@Nullable Void> d = cleanerUpper;
      return d != null ? d : Objects.requireNonNull(port, "port").stopListening();
    }
  }

  /** Twisted's {@code connectionmixins.Stop}: stops the reactor when connecting fails. */
  public static class Stop extends ClientFactory {
    private final Reactor reactor;
    /** Why connecting failed, if it did. */
    public @Nullable Failure failReason;

    /**
     * A factory stopping {@code reactor} on failure.
     *
     * @param reactor the reactor
     */
    public Stop(Reactor reactor) {
      this.reactor = reactor;
      setNoisy(false);
    }

    @Override
    public void clientConnectionFailed(IConnector connector, Failure reason) {
      failReason = reason;
      TcpBuilder.stopQuietly(reactor);
    }
  }
}
