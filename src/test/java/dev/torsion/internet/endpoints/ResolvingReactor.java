package dev.torsion.internet.endpoints;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IHostResolution;
import dev.torsion.internet.interfaces.IHostnameResolver;
import dev.torsion.internet.interfaces.IReactorPluggableNameResolver;
import dev.torsion.internet.interfaces.IResolutionReceiver;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.testing.MemoryReactorClock;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Twisted's {@code deterministicResolvingReactor} over a {@code MemoryReactorClock}: every name
 * resolves at once, inside {@code resolveHostName}, to the given addresses (literals become
 * IPv4/IPv6 addresses with the asked port; other objects are delivered as they are). Optionally
 * {@code connectTCP} throws, as Twisted's {@code RaisingMemoryReactorWithClock}.
 */
final class ResolvingReactor extends MemoryReactorClock implements IReactorPluggableNameResolver {
  final List<String> resolvedNames = new ArrayList<>();
  final List<@Nullable Set<Class<? extends IAddress>>> resolvedTypes = new ArrayList<>();
  private final List<Object> addresses;
  private final Map<String, List<Object>> hostMap = new HashMap<>();
  private @Nullable RuntimeException connectException;
  private IHostnameResolver resolver = new IHostnameResolver() {
    @Override
    public IHostResolution resolveHostName(IResolutionReceiver receiver, String hostName,
        int portNumber, @Nullable Set<Class<? extends IAddress>> addressTypes,
        String transportSemantics) {
      resolvedNames.add(hostName);
      resolvedTypes.add(addressTypes);
      IHostResolution r = new IHostResolution() {
        @Override
        public String name() {
          return hostName;
        }

        @Override
        public void cancel() {}
      };
      receiver.resolutionBegan(r);
      for (Object a : hostMap.getOrDefault(hostName, addresses)) {
        receiver.addressResolved(a instanceof String s ? literal(s, portNumber) : (IAddress) a);
      }
      receiver.resolutionComplete();
      return r;
    }
  };

  ResolvingReactor(Object... addresses) {
    this.addresses = List.of(addresses);
  }

  ResolvingReactor map(String host, Object... to) {
    hostMap.put(host, List.of(to));
    return this;
  }

  ResolvingReactor raisingOnConnect(RuntimeException e) {
    connectException = e;
    return this;
  }

  private static IAddress literal(String s, int port) {
    return s.contains(":") ? new IPv6Address("TCP", s, port) : new IPv4Address("TCP", s, port);
  }

  @Override
  public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    RuntimeException e = connectException;
    if (e != null) {
      throw e;
    }
    return super.connectTCP(host, port, factory, timeout, bindAddress);
  }

  @Override
  public IHostnameResolver nameResolver() {
    return resolver;
  }

  @Override
  public IHostnameResolver installNameResolver(IHostnameResolver newResolver) {
    IHostnameResolver old = resolver;
    resolver = newResolver;
    return old;
  }
}
