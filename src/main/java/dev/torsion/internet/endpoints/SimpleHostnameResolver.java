package dev.torsion.internet.endpoints;

import com.google.common.net.InetAddresses;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IHostResolution;
import dev.torsion.internet.interfaces.IHostnameResolver;
import dev.torsion.internet.interfaces.IReactorPluggableNameResolver;
import dev.torsion.internet.interfaces.IReactorThreads;
import dev.torsion.internet.interfaces.IResolutionReceiver;
import dev.torsion.internet.threads.Threads;
import dev.torsion.python.failure.Failure;
import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link IHostnameResolver} over a function that returns a Deferred of socket addresses:
 * what the client endpoints use when their reactor has no pluggable resolver. The default
 * function runs {@code InetAddress.getAllByName} on the reactor's thread pool (Twisted's
 * {@code _fallbackNameResolution}: getaddrinfo in {@code deferToThread}).
 *
 * <p>A failed lookup is logged (with the name and the function) and delivered as no addresses,
 * so the caller reports a {@code DNSLookupError}. Addresses of other families are skipped.
 * The address types and transport asked for are ignored, as Twisted's adapter ignores them.
 *
 * @twisted twisted.internet.endpoints._SimpleHostnameResolver
 */
final class SimpleHostnameResolver implements IHostnameResolver {
  private static final Logger LOG = LoggerFactory.getLogger(SimpleHostnameResolver.class);

  /** Looks a name up: Twisted's {@code nameResolution(host, port)} callable. */
  @FunctionalInterface
  interface NameResolution {
    Deferred<List<InetSocketAddress>> resolve(String hostName, int portNumber);
  }

  private final NameResolution nameResolution;
  private final BiConsumer<String, Failure> errorLog;

  SimpleHostnameResolver(NameResolution nameResolution) {
    this(nameResolution, (name, f) -> LOG.error("while looking up {} with {}", name,
        nameResolution, f.value()));
  }

  SimpleHostnameResolver(NameResolution nameResolution, BiConsumer<String, Failure> errorLog) {
    this.nameResolution = Objects.requireNonNull(nameResolution, "nameResolution");
    this.errorLog = errorLog;
  }

  /**
   * The resolver the endpoints use with {@code reactor}: its own if it has one, else lookups
   * on its thread pool.
   *
   * @throws IllegalArgumentException if the reactor has neither
   */
  static IHostnameResolver forReactor(Object reactor) {
    if (reactor instanceof IReactorPluggableNameResolver r) {
      return r.nameResolver();
    }
    if (reactor instanceof IReactorThreads t) {
      return new SimpleHostnameResolver(fallbackNameResolution(t));
    }
    throw new IllegalArgumentException("the reactor " + reactor + " cannot resolve host names: "
        + "it provides neither IReactorPluggableNameResolver nor IReactorThreads");
  }

  /** {@code InetAddress.getAllByName} on the reactor's pool, the name IDNA-encoded first. */
  static NameResolution fallbackNameResolution(IReactorThreads reactor) {
    return (hostName, port) -> Threads.deferToThread(reactor, () -> {
      List<InetSocketAddress> out = new ArrayList<>();
      for (InetAddress a : InetAddress.getAllByName(IDN.toASCII(hostName))) {
        out.add(new InetSocketAddress(a, port));
      }
      return out;
    });
  }

  @Override
  public IHostResolution resolveHostName(IResolutionReceiver receiver, String hostName,
      int portNumber, @Nullable Set<Class<? extends IAddress>> addressTypes,
      String transportSemantics) {
    Resolution resolution = new Resolution(hostName, receiver);
    receiver.resolutionBegan(resolution);
    Deferred<List<InetSocketAddress>> d;
    try {
      d = nameResolution.resolve(hostName, portNumber);
    } catch (RuntimeException e) {
      d = new Deferred<>();
      d.errback(e);
    }
    d.addCallbacks(found -> {
      for (InetSocketAddress a : found) {
        IAddress address = toAddress(a);
        if (address != null && !resolution.complete) {
          receiver.addressResolved(address);
        }
      }
      return null;
    }, f -> {
      errorLog.accept(hostName, f);
      return null;
    }).addBoth(ignored -> {
      resolution.complete();
      return null;
    });
    return resolution;
  }

  private static @Nullable IAddress toAddress(InetSocketAddress a) {
    InetAddress ip = a.getAddress();
    if (ip instanceof Inet4Address) {
      return new IPv4Address("TCP", ip.getHostAddress(), a.getPort());
    }
    if (ip instanceof Inet6Address ip6) {
      return new IPv6Address("TCP", InetAddresses.toAddrString(ip6), a.getPort(), 0,
          ip6.getScopeId());
    }
    return null;
  }

  @Override
  public String toString() {
    return "<SimpleHostnameResolver " + nameResolution + ">";
  }

  /**
   * One resolution. Cancelling completes it at once; the lookup itself runs to its end (a
   * thread blocked in getaddrinfo cannot be stopped) and its result is dropped.
   */
  private static final class Resolution implements IHostResolution {
    private final String name;
    private final IResolutionReceiver receiver;
    boolean complete;

    Resolution(String name, IResolutionReceiver receiver) {
      this.name = name;
      this.receiver = receiver;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void cancel() {
      complete();
    }

    void complete() {
      if (!complete) {
        complete = true;
        receiver.resolutionComplete();
      }
    }
  }
}
