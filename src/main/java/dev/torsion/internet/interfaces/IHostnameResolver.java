package dev.torsion.internet.interfaces;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Resolves host names to addresses without blocking the reactor thread. The reactor's default
 * asks the JDK's resolver ({@code InetAddress.getAllByName}: the system's getaddrinfo and hosts
 * file) on the reactor's thread pool; install another (a DNS client, a fake for tests) with
 * {@link IReactorPluggableNameResolver#installNameResolver}.
 *
 * <pre>{@code
 * reactor.nameResolver().resolveHostName(receiver, "example.com", 443,
 *     Set.of(IPv4Address.class), "TCP");
 * }</pre>
 *
 * <p><b>Threading.</b> Call it on the reactor thread; the receiver is called on the reactor thread
 * only. {@code resolutionBegan} is called before {@code resolveHostName} returns; the default
 * resolver also delivers a literal address ({@code "127.0.0.1"}, {@code "::1"}) at once, before it
 * returns, without the pool, so a receiver must be ready for its results from the first call on.
 *
 * <p><b>Errors.</b> A name that does not resolve, for any reason (unknown, no network), is a
 * resolution with no addresses: {@code resolutionComplete} with no {@code addressResolved}
 * before it. The caller decides what that means, such as a {@code DNSLookupError} for a
 * connection. Bad arguments (an unknown transport, an address type other than
 * {@code IPv4Address}/{@code IPv6Address}, an empty set of types, a port outside 0–65535) are
 * an {@link IllegalArgumentException}, thrown before anything is called.
 *
 * <p><b>Differences from Twisted.</b> A name with non-ASCII characters is IDNA-encoded before the
 * lookup, as Twisted does; the JDK resolver gives each address once, where getaddrinfo may list
 * one per socket type. Twisted's {@code GAIResolver.cancel} is not implemented; here
 * {@link IHostResolution#cancel} works. There is no timeout: cancel instead.
 *
 * @twisted twisted.internet.interfaces.IHostnameResolver
 */
public interface IHostnameResolver {
  /**
   * Starts resolving {@code hostName}; results reach {@code receiver} on the reactor thread.
   *
   * @param receiver told of the results
   * @param hostName the name, or a literal address (which resolves to itself)
   * @param portNumber the port to put in the resolved addresses, 0 to 65535
   * @param addressTypes {@code IPv4Address.class} and/or {@code IPv6Address.class}, or null for
   *     both
   * @param transportSemantics {@code "TCP"} or {@code "UDP"}: the type of the addresses
   * @return the resolution under way (the receiver gets it too)
   * @throws IllegalArgumentException if an argument is out of range (see Errors above)
   * @twisted twisted.internet.interfaces.IHostnameResolver.resolveHostName
   */
  IHostResolution resolveHostName(IResolutionReceiver receiver, String hostName, int portNumber,
      @Nullable Set<Class<? extends IAddress>> addressTypes, String transportSemantics);

  /**
   * Resolves for TCP, any address type.
   *
   * @param receiver told of the results
   * @param hostName the name
   * @param portNumber the port to put in the resolved addresses
   * @return the resolution under way
   * @throws IllegalArgumentException if the port is out of range
   * @twisted twisted.internet.interfaces.IHostnameResolver.resolveHostName
   */
  default IHostResolution resolveHostName(IResolutionReceiver receiver, String hostName,
      int portNumber) {
    return resolveHostName(receiver, hostName, portNumber, null, "TCP");
  }
}
