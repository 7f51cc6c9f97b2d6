package dev.torsion.it.tcp;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.BeforeMethod;

/**
 * What the TCP integration tests share: a fresh reactor per test, a way to run it until a
 * Deferred fires, and the recording protocols and factories of Twisted's {@code test_tcp}.
 */
abstract class TcpCase extends ReactorBuilder {
  protected Reactor reactor;

  @BeforeMethod
  void freshReactor() {
    reactor = buildReactor();
  }

  /**
   * Runs the reactor until the Deferred made by {@code body} (called once running) fires.
   *
   * @return its result
   */
  @SuppressWarnings("unchecked")
  protected <T> T await(Supplier<Deferred<T>> body) {
    Object[] out = new Object[1];
    boolean[] done = {false};
    reactor.callWhenRunning(() -> {
      Deferred<T> d;
      try {
        d = body.get();
      } catch (RuntimeException | Error e) {
        out[0] = new Failure(e);
        done[0] = true;
        reactor.stop();
        return;
      }
      d.addBoth(r -> {
        out[0] = r;
        done[0] = true;
        reactor.stop();
        return null;
      });
    });
    runReactor(reactor, 20);
    if (!done[0]) {
      throw new AssertionError("the reactor stopped before the test's Deferred fired");
    }
    if (out[0] instanceof Failure f) {
      Throwable t = f.value();
      if (t instanceof Error e) {
        throw e;
      }
      throw new AssertionError("the test's Deferred failed: " + f.getTraceback(), t);
    }
    return (T) out[0];
  }

  /** A Deferred fired once {@code condition} holds, checked every turn (Twisted's loopUntil). */
  protected Deferred<Void> loopUntil(BooleanSupplier condition) {
    Deferred<Void> d = new Deferred<>();
    Runnable[] check = new Runnable[1];
    check[0] = () -> {
      if (condition.getAsBoolean()) {
        d.callback(null);
      } else {
        reactor.callLater(0.001, check[0]);
      }
    };
    check[0].run();
    return d;
  }

  static int portOf(IListeningPort p) {
    return portOf(p.getHost());
  }

  static int portOf(IAddress a) {
    return a instanceof IPv4Address v4 ? v4.port() : ((IPv6Address) a).port();
  }

  static String hostOf(IAddress a) {
    return a instanceof IPv4Address v4 ? v4.host() : ((IPv6Address) a).host();
  }

  /** Twisted's AccumulatingProtocol: keeps what it receives and tells its factory of events. */
  static class Accumulating extends Protocol {
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    boolean made;
    boolean closed;
    @Nullable Failure closedReason;
    @Nullable Deferred<Void> closedDeferred;
    @Nullable Deferred<Accumulating> onMade;
    @Nullable Deferred<Accumulating> onLost;

    @Override
    public void connectionMade() {
      made = true;
      Deferred<Accumulating> d = onMade;
      onMade = null;
      if (d != null) {
        d.callback(this);
      }
    }

    @Override
    public void dataReceived(byte[] bytes) {
      data.write(bytes, 0, bytes.length);
    }

    @Override
    public void connectionLost(Failure reason) {
      closed = true;
      closedReason = reason;
      Deferred<Accumulating> d = onLost;
      onLost = null;
      if (d != null) {
        d.callback(this);
      }
      Deferred<Void> c = closedDeferred;
      closedDeferred = null;
      if (c != null) {
        c.callback(null);
      }
    }
  }

  /** Twisted's MyHCProtocol: half-closeable, recording each half. */
  static class HalfCloseable extends Accumulating implements IHalfCloseableProtocol {
    boolean readHalfClosed;
    boolean writeHalfClosed;

    @Override
    public void readConnectionLost() {
      readHalfClosed = true;
    }

    @Override
    public void writeConnectionLost() {
      writeHalfClosed = true;
    }
  }

  /** Twisted's MyServerFactory: remembers the last protocol and the addresses it was given. */
  static class MyServerFactory extends ServerFactory {
    final List<IAddress> peerAddresses = new ArrayList<>();
    @Nullable Accumulating protocol;
    @Nullable Deferred<Accumulating> protocolConnectionMade;
    @Nullable Deferred<Accumulating> protocolConnectionLost;
    Supplier<? extends Accumulating> make = Accumulating::new;

    @Override
    public @Nullable Protocol buildProtocol(IAddress addr) {
      peerAddresses.add(addr);
      Accumulating p = make.get();
      p.setFactory(this);
      p.onMade = protocolConnectionMade;
      p.onLost = protocolConnectionLost;
      protocolConnectionMade = null;
      protocolConnectionLost = null;
      protocol = p;
      return p;
    }
  }

  /** Twisted's MyClientFactory: records failure, loss and stop. */
  static class MyClientFactory extends ClientFactory {
    final List<IAddress> peerAddresses = new ArrayList<>();
    final Deferred<Void> failDeferred = new Deferred<>();
    final Deferred<Void> deferred = new Deferred<>();
    @Nullable Accumulating protocol;
    @Nullable Deferred<Accumulating> protocolConnectionMade;
    @Nullable Deferred<Accumulating> protocolConnectionLost;
    @Nullable Failure reason;
    @Nullable Failure lostReason;
    int failed;
    int stopped;
    Supplier<? extends Accumulating> make = Accumulating::new;

    @Override
    public @Nullable Protocol buildProtocol(IAddress addr) {
      peerAddresses.add(addr);
      Accumulating p = make.get();
      p.setFactory(this);
      p.onMade = protocolConnectionMade;
      p.onLost = protocolConnectionLost;
      protocolConnectionMade = null;
      protocolConnectionLost = null;
      protocol = p;
      return p;
    }

    @Override
    public void clientConnectionFailed(IConnector connector, Failure why) {
      failed++;
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
      stopped++;
    }
  }
}
