package dev.torsion.protocols.policies;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A server factory that limits how many of its connections are open at once. Below the limit it
 * builds {@link #protocol()}; at the limit it builds the overflow protocol if one is set (to tell
 * the client to go away politely), or refuses the connection. Overflow connections count towards
 * the total too.
 *
 * <pre>{@code
 * LimitTotalConnectionsFactory f = new LimitTotalConnectionsFactory();
 * f.setProtocol(Echo::new);
 * f.setConnectionLimit(100);
 * f.setOverflowProtocol(Busy::new);
 * }</pre>
 *
 * <p>Each protocol is connected through a {@link ProtocolWrapper}, so the count falls when its
 * connection is lost. The protocols' {@code factory()} is this factory.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> The {@code connectionLimit} and
 * {@code overflowProtocol} class attributes are setters; {@code connectionCount} is read with
 * {@link #connectionCount()}.
 *
 * @twisted twisted.protocols.policies.LimitTotalConnectionsFactory
 */
public final class LimitTotalConnectionsFactory extends ServerFactory {
  private final WrapperRegistry registry = new WrapperRegistry() {
    @Override
    public void registerProtocol(ProtocolWrapper p) {}

    @Override
    public void unregisterProtocol(ProtocolWrapper p) {
      connectionCount--;
    }
  };
  private int connectionCount;
  private @Nullable Integer connectionLimit;
  private @Nullable Supplier<? extends Protocol> overflowProtocol;

  /** A factory with no limit; set the protocol with {@code setProtocol}. */
  public LimitTotalConnectionsFactory() {}

  /**
   * How many connections built by this factory are open (or built and not yet lost).
   *
   * @return the count
   * @twisted twisted.protocols.policies.LimitTotalConnectionsFactory.connectionCount
   */
  public int connectionCount() {
    return connectionCount;
  }

  /**
   * The limit.
   *
   * @return the most connections served by {@link #protocol()}, or null for no limit
   * @twisted twisted.protocols.policies.LimitTotalConnectionsFactory.connectionLimit
   */
  public @Nullable Integer connectionLimit() {
    return connectionLimit;
  }

  /**
   * Sets the limit.
   *
   * @param connectionLimit the most connections served by {@link #protocol()}, or null for none
   * @throws IllegalArgumentException if negative
   * @twisted twisted.protocols.policies.LimitTotalConnectionsFactory.connectionLimit
   */
  public void setConnectionLimit(@Nullable Integer connectionLimit) {
    if (connectionLimit != null && connectionLimit < 0) {
      throw new IllegalArgumentException("connectionLimit must be >= 0, not " + connectionLimit);
    }
    this.connectionLimit = connectionLimit;
  }

  /**
   * Sets the protocol built for connections over the limit.
   *
   * @param overflowProtocol its supplier, or null to refuse such connections
   * @twisted twisted.protocols.policies.LimitTotalConnectionsFactory.overflowProtocol
   */
  public void setOverflowProtocol(@Nullable Supplier<? extends Protocol> overflowProtocol) {
    this.overflowProtocol = overflowProtocol;
  }

  /**
   * Builds {@link #protocol()} below the limit, else the overflow protocol, wrapped so that its
   * end is counted.
   *
   * @param addr the peer's address
   * @return the wrapper, or null at the limit when there is no overflow protocol
   * @twisted twisted.protocols.policies.LimitTotalConnectionsFactory.buildProtocol
   */
  @Override
  public @Nullable ProtocolWrapper buildProtocol(IAddress addr) {
    Supplier<? extends Protocol> chosen;
    Integer limit = connectionLimit;
    if (limit == null || connectionCount < limit) {
      chosen = protocol();
      if (chosen == null) {
        throw new IllegalStateException(this + " has no protocol to build");
      }
    } else if (overflowProtocol != null) {
      chosen = overflowProtocol;
    } else {
      return null;
    }
    Protocol wrapped = Objects.requireNonNull(chosen.get(), "the protocol supplier returned null");
    wrapped.setFactory(this);
    ProtocolWrapper p = new ProtocolWrapper(this, registry, wrapped);
    connectionCount++;
    return p;
  }
}
