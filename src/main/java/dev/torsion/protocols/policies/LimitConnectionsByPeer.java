package dev.torsion.protocols.policies;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IProtocolFactory;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A wrapping factory that refuses a connection when its peer host already has
 * {@link #maxConnectionsPerPeer()} connections open (5 by default).
 *
 * <p>Peers are told apart by host ({@code IPv4Address.host()}, {@code IPv6Address.host()});
 * any other address type counts as a peer of its own value.
 *
 * <p><b>Lifecycle.</b> The counts are cleared when the factory starts.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code unregisterProtocol} reads the peer
 * with {@code p.getPeer()[1]}, which fails for address objects, and forgets to call the base
 * class; here each wrapper remembers the host it was counted under, and the base class's
 * bookkeeping runs. A connection the wrapped factory refuses is not counted.
 *
 * @twisted twisted.protocols.policies.LimitConnectionsByPeer
 */
public final class LimitConnectionsByPeer extends WrappingFactory {
  private final Map<Object, Integer> peerConnections = new HashMap<>();
  private final Map<ProtocolWrapper, Object> peerOf = new IdentityHashMap<>();
  private int maxConnectionsPerPeer = 5;

  /**
   * Limits the connections of {@code wrappedFactory} per peer host.
   *
   * @param wrappedFactory the factory whose protocols to wrap
   */
  public LimitConnectionsByPeer(IProtocolFactory wrappedFactory) {
    super(wrappedFactory);
  }

  /**
   * The limit per peer host.
   *
   * @return the most connections one host may have open
   * @twisted twisted.protocols.policies.LimitConnectionsByPeer.maxConnectionsPerPeer
   */
  public int maxConnectionsPerPeer() {
    return maxConnectionsPerPeer;
  }

  /**
   * Sets the limit per peer host.
   *
   * @param maxConnectionsPerPeer the most connections one host may have open
   * @throws IllegalArgumentException if negative
   * @twisted twisted.protocols.policies.LimitConnectionsByPeer.maxConnectionsPerPeer
   */
  public void setMaxConnectionsPerPeer(int maxConnectionsPerPeer) {
    if (maxConnectionsPerPeer < 0) {
      throw new IllegalArgumentException("maxConnectionsPerPeer must be >= 0");
    }
    this.maxConnectionsPerPeer = maxConnectionsPerPeer;
  }

  /**
   * The open connections per peer host.
   *
   * @return an unmodifiable live view, host to count; hosts with none are absent
   * @twisted twisted.protocols.policies.LimitConnectionsByPeer.peerConnections
   */
  public Map<Object, Integer> peerConnections() {
    return Collections.unmodifiableMap(peerConnections);
  }

  @Override
  protected void startFactory() {
    peerConnections.clear();
    peerOf.clear();
    super.startFactory();
  }

  /**
   * Refuses the connection if {@code addr}'s host is at the limit, else counts it and builds it.
   *
   * @param addr the peer's address
   * @return the wrapper, or null when refused
   * @twisted twisted.protocols.policies.LimitConnectionsByPeer.buildProtocol
   */
  @Override
  public @Nullable ProtocolWrapper buildProtocol(IAddress addr) {
    Object peer = peerKey(addr);
    int count = peerConnections.getOrDefault(peer, 0);
    if (count >= maxConnectionsPerPeer) {
      return null;
    }
    ProtocolWrapper p = super.buildProtocol(addr);
    if (p != null) {
      peerConnections.put(peer, count + 1);
      peerOf.put(p, peer);
    }
    return p;
  }

  /**
   * Uncounts {@code p}'s peer host.
   *
   * @param p the wrapper whose connection was lost
   * @twisted twisted.protocols.policies.LimitConnectionsByPeer.unregisterProtocol
   */
  @Override
  public void unregisterProtocol(ProtocolWrapper p) {
    super.unregisterProtocol(p);
    Object peer = peerOf.remove(p);
    if (peer != null) {
      peerConnections.computeIfPresent(peer, (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  private static Object peerKey(IAddress addr) {
    if (addr instanceof IPv4Address a) {
      return a.host();
    }
    if (addr instanceof IPv6Address a) {
      return a.host();
    }
    return addr;
  }
}
