package dev.torsion.it.support;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Twisted's {@code MyClientFactory}: builds {@link AccumulatingProtocol}s and records how the
 * connection failed, ended and when the factory stopped.
 */
public class MyClientFactory extends ClientFactory {
  /** Fired with the next protocol built, once it connects; taken by that protocol. */
  public @Nullable Deferred<AccumulatingProtocol> protocolConnectionMade;
  /** Fired when the next protocol built loses its connection; taken by that protocol. */
  public @Nullable Deferred<@Nullable Void> protocolConnectionLost;
  /** The protocol built last. */
  public @Nullable AccumulatingProtocol protocol;
  /** The addresses given to {@code buildProtocol}. */
  public final List<IAddress> peerAddresses = new ArrayList<>();
  /** Fired by {@code clientConnectionLost}. */
  public final Deferred<@Nullable Void> deferred = new Deferred<>();
  /** Fired by {@code clientConnectionFailed}. */
  public final Deferred<@Nullable Void> failDeferred = new Deferred<>();
  /** How many times connecting failed. */
  public int failed;
  /** How many times the factory stopped. */
  public int stopped;
  /** Why connecting failed. */
  public @Nullable Failure reason;
  /** Why the connection was lost. */
  public @Nullable Failure lostReason;
  /** Makes each protocol: an {@link AccumulatingProtocol} unless a test wants another kind. */
  public Supplier<? extends AccumulatingProtocol> make = AccumulatingProtocol::new;

  /** A quiet factory. */
  public MyClientFactory() {
    setNoisy(false);
  }

  @Override
  public Protocol buildProtocol(IAddress addr) {
    peerAddresses.add(addr);
    AccumulatingProtocol p = make.get();
    p.setFactory(this);
    p.setMadeDeferred(protocolConnectionMade);
    p.setClosedDeferred(protocolConnectionLost);
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
