package dev.torsion.it.builder;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The protocols and factories of {@code twisted.test.test_tcp} and {@code connectionmixins}
 * that the ported tests share: {@code AccumulatingProtocol}, {@code MyServerFactory},
 * {@code MyClientFactory}, {@code ClientStartStopFactory}, {@code ClosingFactory},
 * {@code ClosingProtocol} and {@code Stop}.
 */
public final class TcpFixtures {
  private TcpFixtures() {}

  /**
   * The port number of a TCP address.
   *
   * @param address an {@link IPv4Address} or {@link IPv6Address}
   * @return its port
   */
  public static int portOf(IAddress address) {
    if (address instanceof IPv4Address a) {
      return a.port();
    }
    if (address instanceof IPv6Address a) {
      return a.port();
    }
    throw new AssertionError("not a TCP address: " + address);
  }

  /**
   * The host of a TCP address.
   *
   * @param address an {@link IPv4Address} or {@link IPv6Address}
   * @return its host
   */
  public static String hostOf(IAddress address) {
    if (address instanceof IPv4Address a) {
      return a.host();
    }
    if (address instanceof IPv6Address a) {
      return a.host();
    }
    throw new AssertionError("not a TCP address: " + address);
  }

  /** Where an {@link AccumulatingProtocol} reports that it connected. */
  public interface MadeHook {
    /**
     * Takes the Deferred to fire on the next connection, leaving none.
     *
     * @return the Deferred, or null
     */
    @Nullable Deferred<AccumulatingProtocol> takeConnectionMade();
  }

  /** Twisted's {@code AccumulatingProtocol}: collects bytes, reports connect and loss. */
  public static class AccumulatingProtocol extends Protocol {
    /** 1 once connected. */
    public int made;
    /** 1 once disconnected. */
    public int closed;
    /** The reason given to {@code connectionLost}. */
    public @Nullable Failure closedReason;
    /** Fired (once) when the connection is lost. */
    public @Nullable Deferred<@Nullable Void> closedDeferred;
    /** Every byte received. */
    public final ByteArrayOutputStream data = new ByteArrayOutputStream();

    /** A fresh protocol. */
    public AccumulatingProtocol() {}

    @Override
    public void connectionMade() {
      made = 1;
      if (factory instanceof MadeHook h) {
        Deferred<AccumulatingProtocol> d = h.takeConnectionMade();
        if (d != null) {
          d.callback(this);
        }
      }
    }

    @Override
    public void dataReceived(byte[] bytes) {
      data.writeBytes(bytes);
    }

    @Override
    public void connectionLost(Failure reason) {
      closed = 1;
      closedReason = reason;
      Deferred<@Nullable Void> d = closedDeferred;
      if (d != null) {
        closedDeferred = null;
        d.callback(null);
      }
    }
  }

  /** Twisted's {@code MyServerFactory}: builds {@link AccumulatingProtocol}s. */
  public static class MyServerFactory extends ServerFactory implements MadeHook {
    /** Fired with the next protocol to connect. */
    public @Nullable Deferred<AccumulatingProtocol> protocolConnectionMade;
    /** Given to the next protocol built as its {@code closedDeferred}. */
    public @Nullable Deferred<@Nullable Void> protocolConnectionLost;
    /** The protocol built last. */
    public @Nullable AccumulatingProtocol protocol;
    /** How many protocols were built. */
    public int called;
    /** The addresses given to {@code buildProtocol}. */
    public final List<IAddress> peerAddresses = new ArrayList<>();

    /** A fresh factory. */
    public MyServerFactory() {
      setNoisy(false);
    }

    @Override
    public @Nullable Deferred<AccumulatingProtocol> takeConnectionMade() {
      Deferred<AccumulatingProtocol> d = protocolConnectionMade;
      protocolConnectionMade = null;
      return d;
    }

    @Override
    public Protocol buildProtocol(IAddress addr) {
      peerAddresses.add(addr);
      called++;
      AccumulatingProtocol p = new AccumulatingProtocol();
      p.setFactory(this);
      p.closedDeferred = protocolConnectionLost;
      protocolConnectionLost = null;
      protocol = p;
      return p;
    }
  }

  /** Twisted's {@code MyClientFactory}: builds {@link AccumulatingProtocol}s, records ends. */
  public static class MyClientFactory extends ClientFactory implements MadeHook {
    /** Fired with the next protocol to connect. */
    public @Nullable Deferred<AccumulatingProtocol> protocolConnectionMade;
    /** Given to the next protocol built as its {@code closedDeferred}. */
    public @Nullable Deferred<@Nullable Void> protocolConnectionLost;
    /** The protocol built last. */
    public @Nullable AccumulatingProtocol protocol;
    /** Fired by {@code clientConnectionLost}. */
    public final Deferred<@Nullable Void> deferred = new Deferred<>();
    /** Fired by {@code clientConnectionFailed}. */
    public final Deferred<@Nullable Void> failDeferred = new Deferred<>();
    /** 1 once the connection failed. */
    public int failed;
    /** 1 once stopped. */
    public int stopped;
    /** Why the connection failed. */
    public @Nullable Failure reason;
    /** Why the connection was lost. */
    public @Nullable Failure lostReason;

    /** A fresh factory. */
    public MyClientFactory() {
      setNoisy(false);
    }

    @Override
    public @Nullable Deferred<AccumulatingProtocol> takeConnectionMade() {
      Deferred<AccumulatingProtocol> d = protocolConnectionMade;
      protocolConnectionMade = null;
      return d;
    }

    @Override
    public Protocol buildProtocol(IAddress addr) {
      AccumulatingProtocol p = new AccumulatingProtocol();
      p.setFactory(this);
      p.closedDeferred = protocolConnectionLost;
      protocolConnectionLost = null;
      protocol = p;
      return p;
    }

    @Override
    public void clientConnectionFailed(IConnector connector, Failure why) {
      failed = 1;
      reason = why;
      failDeferred.callback(null);
    }

    @Override
    public void clientConnectionLost(IConnector connector, Failure why) {
      lostReason = why;
      deferred.callback(null);
    }

    @Override
    protected void stopFactory() {
      stopped = 1;
    }
  }

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
