package dev.torsion.internal.reactor;

import com.google.common.net.InetAddresses;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IHostResolution;
import dev.torsion.internet.interfaces.IHostnameResolver;
import dev.torsion.internet.interfaces.IReactorFromThreads;
import dev.torsion.internet.interfaces.IResolutionReceiver;
import dev.torsion.python.threadpool.ThreadPool;
import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default resolver: the JDK's {@code InetAddress.getAllByName} (the system's getaddrinfo and
 * hosts file) on the reactor's thread pool, results handed back with {@code callFromThread}.
 *
 * <p>A literal address, an empty name or one too long to be a host name are answered at once,
 * inside {@code resolveHostName}, without the pool. A non-ASCII name is IDNA-encoded first, as
 * Twisted does. A failed lookup (unknown name, no network) is no addresses, logged at DEBUG only:
 * name lookups fail routinely and the caller decides what that means (a {@code DNSLookupError}
 * for a connection attempt).
 */
final class GaiResolver implements IHostnameResolver {
  private static final Logger LOG = LoggerFactory.getLogger(GaiResolver.class);
  private static final int MAX_NAME_LENGTH = 253;

  /** The blocking lookup, replaceable in tests. */
  @FunctionalInterface
  interface Lookup {
    InetAddress[] getAllByName(String host) throws UnknownHostException;
  }

  private final IReactorFromThreads reactor;
  private final Supplier<ThreadPool> pool;
  private final Lookup lookup;

  GaiResolver(LoopCore core) {
    this(core, core::getThreadPool, InetAddress::getAllByName);
  }

  GaiResolver(IReactorFromThreads reactor, Supplier<ThreadPool> pool, Lookup lookup) {
    this.reactor = reactor;
    this.pool = pool;
    this.lookup = lookup;
  }

  @Override
  public IHostResolution resolveHostName(IResolutionReceiver receiver, String hostName,
      int portNumber, @Nullable Set<Class<? extends IAddress>> addressTypes,
      String transportSemantics) {
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(hostName, "hostName");
    Objects.requireNonNull(transportSemantics, "transportSemantics");
    if (!transportSemantics.equals("TCP") && !transportSemantics.equals("UDP")) {
      throw new IllegalArgumentException(
          "transportSemantics must be TCP or UDP, not " + transportSemantics);
    }
    if (portNumber < 0 || portNumber > 65535) {
      throw new IllegalArgumentException("port out of range 0-65535: " + portNumber);
    }
    boolean v4 = addressTypes == null || addressTypes.contains(IPv4Address.class);
    boolean v6 = addressTypes == null || addressTypes.contains(IPv6Address.class);
    if (addressTypes != null) {
      for (Class<? extends IAddress> c : addressTypes) {
        if (c != IPv4Address.class && c != IPv6Address.class) {
          throw new IllegalArgumentException("addressTypes may hold only IPv4Address.class and "
              + "IPv6Address.class, not " + c.getName());
        }
      }
      if (addressTypes.isEmpty()) {
        throw new IllegalArgumentException("addressTypes is empty: no address could match");
      }
    }
    Resolution r = new Resolution(hostName, receiver, portNumber, v4, v6, transportSemantics);
    receiver.resolutionBegan(r);
    if (InetAddresses.isInetAddress(hostName)) {
      InetAddress literal;
      try {
        literal = InetAddresses.forString(hostName);
      } catch (IllegalArgumentException e) {
        literal = null; // A scope naming no interface here: let the system resolver judge.
      }
      if (literal != null) {
        r.deliver(new InetAddress[] {literal});
        return r;
      }
    }
    String ascii = toAscii(hostName);
    if (ascii.isEmpty() || ascii.length() > MAX_NAME_LENGTH) {
      r.deliver(new InetAddress[0]);
      return r;
    }
    pool.get().callInThread(() -> {
      if (r.cancelled) {
        return; // No one waits for it: skip the blocking call.
      }
      InetAddress[] found = lookupQuietly(ascii);
      reactor.callFromThread(() -> r.deliver(found));
    });
    return r;
  }

  private InetAddress[] lookupQuietly(String ascii) {
    try {
      return lookup.getAllByName(ascii);
    } catch (UnknownHostException | RuntimeException e) {
      LOG.debug("lookup of {} failed: {}", ascii, e.toString());
      return new InetAddress[0];
    }
  }

  private static String toAscii(String hostName) {
    for (int i = 0; i < hostName.length(); i++) {
      if (hostName.charAt(i) > 0x7f) {
        try {
          return IDN.toASCII(hostName);
        } catch (IllegalArgumentException e) {
          return hostName; // Not a valid IDN: the lookup will say it is unknown.
        }
      }
    }
    return hostName;
  }

  /** One resolution; every field but {@code cancelled} belongs to the reactor thread. */
  private static final class Resolution implements IHostResolution {
    private final String name;
    private final IResolutionReceiver receiver;
    private final int port;
    private final boolean v4;
    private final boolean v6;
    private final String type;
    volatile boolean cancelled;
    private boolean complete;

    Resolution(String name, IResolutionReceiver receiver, int port, boolean v4, boolean v6,
        String type) {
      this.name = name;
      this.receiver = receiver;
      this.port = port;
      this.v4 = v4;
      this.v6 = v6;
      this.type = type;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void cancel() {
      if (complete) {
        return;
      }
      cancelled = true;
      complete = true;
      receiver.resolutionComplete();
    }

    void deliver(InetAddress[] found) {
      if (complete) {
        return;
      }
      complete = true;
      for (IAddress a : convert(found)) {
        receiver.addressResolved(a);
      }
      receiver.resolutionComplete();
    }

    private List<IAddress> convert(InetAddress[] found) {
      List<IAddress> out = new ArrayList<>(found.length);
      for (InetAddress a : found) {
        if (a instanceof Inet4Address && v4) {
          out.add(new IPv4Address(type, a.getHostAddress(), port));
        } else if (a instanceof Inet6Address a6 && v6) {
          String host = InetAddresses.toAddrString(a6);
          int scope = a6.getScopeId();
          if (a6.getScopedInterface() != null) {
            host += "%" + a6.getScopedInterface().getName();
          } else if (scope != 0) {
            host += "%" + scope;
          }
          out.add(new IPv6Address(type, host, port, 0, scope));
        }
      }
      return out;
    }

    @Override
    public String toString() {
      return "<HostResolution name=" + name + (complete ? " complete" : "") + ">";
    }
  }
}
