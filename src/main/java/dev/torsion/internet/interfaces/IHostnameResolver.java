package dev.torsion.internet.interfaces;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Resolves host names to addresses without blocking the reactor thread. The reactor's default
 * asks the JDK's resolver ({@code InetAddress.getAllByName}, the system's getaddrinfo) on the
 * reactor's thread pool.
 *
 * @twisted twisted.internet.interfaces.IHostnameResolver
 */
public interface IHostnameResolver {
  /**
   * Starts resolving {@code hostName}; results reach {@code receiver} on the reactor thread.
   *
   * @param receiver told of the results
   * @param hostName the name, or a literal address (which resolves to itself)
   * @param portNumber the port to put in the resolved addresses
   * @param addressTypes {@code IPv4Address.class} and/or {@code IPv6Address.class}, or null for
   *     both
   * @param transportSemantics {@code "TCP"} or {@code "UDP"}: the type of the addresses
   * @return the resolution under way (the receiver gets it too)
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
   * @twisted twisted.internet.interfaces.IHostnameResolver.resolveHostName
   */
  default IHostResolution resolveHostName(IResolutionReceiver receiver, String hostName,
      int portNumber) {
    return resolveHostName(receiver, hostName, portNumber, null, "TCP");
  }
}
