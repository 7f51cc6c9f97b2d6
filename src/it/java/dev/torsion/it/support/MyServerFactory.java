package dev.torsion.it.support;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.testing.AccumulatingProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Twisted's {@code MyServerFactory}: builds {@link AccumulatingProtocol}s, remembers the last
 * one and the addresses it was given, and hands the next protocol the Deferreds set here.
 */
public class MyServerFactory extends ServerFactory {
  /** Fired with the next protocol built, once it connects; taken by that protocol. */
  public @Nullable Deferred<AccumulatingProtocol> protocolConnectionMade;
  /** Fired when the next protocol built loses its connection; taken by that protocol. */
  public @Nullable Deferred<@Nullable Void> protocolConnectionLost;
  /** The protocol built last. */
  public @Nullable AccumulatingProtocol protocol;
  /** How many protocols were built. */
  public int called;
  /** The addresses given to {@code buildProtocol}. */
  public final List<IAddress> peerAddresses = new ArrayList<>();
  /** Makes each protocol: an {@link AccumulatingProtocol} unless a test wants another kind. */
  public Supplier<? extends AccumulatingProtocol> make = AccumulatingProtocol::new;

  /** A quiet factory. */
  public MyServerFactory() {
    setNoisy(false);
  }

  @Override
  public Protocol buildProtocol(IAddress addr) {
    peerAddresses.add(addr);
    called++;
    AccumulatingProtocol p = make.get();
    p.setFactory(this);
    p.setMadeDeferred(protocolConnectionMade);
    p.setClosedDeferred(protocolConnectionLost);
    protocolConnectionMade = null;
    protocolConnectionLost = null;
    protocol = p;
    return p;
  }
}
