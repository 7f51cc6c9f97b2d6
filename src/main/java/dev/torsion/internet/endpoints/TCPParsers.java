package dev.torsion.internet.endpoints;

import dev.torsion.internet.interfaces.IReactorCore;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The string parsers for {@code tcp:} and {@code tcp6:} descriptions, registered through
 * {@code META-INF/services}. Users call {@link Endpoints}; these classes are public only
 * because {@link java.util.ServiceLoader} instantiates them.
 *
 * @twisted twisted.internet.endpoints._parseTCP
 */
public final class TCPParsers {
  private TCPParsers() {}

  /**
   * {@code tcp:port[:interface[:backlog]]}, arguments also by name.
   *
   * @twisted twisted.internet.endpoints._parseTCP
   */
  public static final class Server4 implements StreamServerEndpointStringParser {
    /** For {@link java.util.ServiceLoader}. */
    public Server4() {}

    @Override
    public String prefix() {
      return "tcp";
    }

    @Override
    public IStreamServerEndpoint parseStreamServer(IReactorCore reactor, List<String> args,
        Map<String, String> kwargs) {
      Map<String, String> a = bind(List.of("port", "interface", "backlog"), args, kwargs);
      return new TCP4ServerEndpoint(tcp(reactor), port(required(a, "port")),
          integer("backlog", a.getOrDefault("backlog", "50")), a.getOrDefault("interface", ""));
    }
  }

  /**
   * {@code tcp6:port[:backlog[:interface]]}, arguments also by name; the interface defaults
   * to {@code "::"}. (Twisted's positional order differs from {@code tcp:} here, and is kept.)
   *
   * @twisted twisted.internet.endpoints._TCP6ServerParser
   */
  public static final class Server6 implements StreamServerEndpointStringParser {
    /** For {@link java.util.ServiceLoader}. */
    public Server6() {}

    @Override
    public String prefix() {
      return "tcp6";
    }

    @Override
    public IStreamServerEndpoint parseStreamServer(IReactorCore reactor, List<String> args,
        Map<String, String> kwargs) {
      Map<String, String> a = bind(List.of("port", "backlog", "interface"), args, kwargs);
      return new TCP6ServerEndpoint(tcp(reactor), port(required(a, "port")),
          integer("backlog", a.getOrDefault("backlog", "50")), a.getOrDefault("interface", "::"));
    }
  }

  /**
   * {@code tcp:host:port}, {@code tcp:host=h:port=p:timeout=t:bindAddress=a}, or one positional
   * argument: the port when the host is named, else the host.
   *
   * @twisted twisted.internet.endpoints._parseClientTCP
   */
  public static final class Client4 implements StreamClientEndpointStringParser {
    /** For {@link java.util.ServiceLoader}. */
    public Client4() {}

    @Override
    public String prefix() {
      return "tcp";
    }

    @Override
    public IStreamClientEndpoint parseStreamClient(IReactorCore reactor, List<String> args,
        Map<String, String> kwargs) {
      Map<String, String> a = client(args, kwargs);
      return new TCP4ClientEndpoint(tcp(reactor), a.get("host"), port(a.get("port")),
          timeout(a), bindAddress(a));
    }
  }

  /**
   * {@code tcp6:} with the arguments of {@code tcp:}; the host is an IPv6 literal or a name
   * resolved to its first IPv6 address.
   *
   * @twisted twisted.internet.endpoints.TCP6ClientEndpoint
   */
  public static final class Client6 implements StreamClientEndpointStringParser {
    /** For {@link java.util.ServiceLoader}. */
    public Client6() {}

    @Override
    public String prefix() {
      return "tcp6";
    }

    @Override
    public IStreamClientEndpoint parseStreamClient(IReactorCore reactor, List<String> args,
        Map<String, String> kwargs) {
      Map<String, String> a = client(args, kwargs);
      return new TCP6ClientEndpoint(tcp(reactor), a.get("host"), port(a.get("port")),
          timeout(a), bindAddress(a));
    }
  }

  private static Map<String, String> client(List<String> args, Map<String, String> kwargs) {
    List<String> names;
    if (args.size() == 1 && kwargs.containsKey("host")) {
      names = List.of("port");
    } else {
      names = List.of("host", "port");
    }
    Map<String, String> a =
        bind(names, List.of("host", "port", "timeout", "bindAddress"), args, kwargs);
    required(a, "host");
    required(a, "port");
    return a;
  }

  static Map<String, String> bind(List<String> names, List<String> args,
      Map<String, String> kwargs) {
    return bind(names, names, args, kwargs);
  }

  /** Assigns positional arguments to {@code names} in order, then the allowed keywords. */
  static Map<String, String> bind(List<String> names, List<String> allowed,
      List<String> args, Map<String, String> kwargs) {
    if (args.size() > names.size()) {
      throw new IllegalArgumentException("too many positional arguments: " + args.size()
          + " given, at most " + names.size() + " (" + String.join(", ", names) + ")");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      out.put(names.get(i), args.get(i));
    }
    for (Map.Entry<String, String> e : kwargs.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' (expected "
            + String.join(", ", allowed) + ")");
      }
      if (out.put(e.getKey(), e.getValue()) != null) {
        throw new IllegalArgumentException("parameter '" + e.getKey() + "' given twice");
      }
    }
    return out;
  }

  static String required(Map<String, String> a, String name) {
    String v = a.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing parameter '" + name + "'");
    }
    return v;
  }

  static IReactorTCP tcp(IReactorCore reactor) {
    if (reactor instanceof IReactorTCP t) {
      return t;
    }
    throw new IllegalArgumentException("the reactor " + reactor + " does not provide TCP");
  }

  static int integer(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " '" + value + "' is not an integer", e);
    }
  }

  private static int port(@Nullable String value) {
    int p = integer("port", String.valueOf(value));
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException("port " + p + " is out of range 0-65535");
    }
    return p;
  }

  static double timeout(Map<String, String> a) {
    String v = a.getOrDefault("timeout", "30");
    double t;
    try {
      t = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("timeout '" + v + "' is not a number", e);
    }
    if (!(t >= 0) || Double.isInfinite(t)) {
      throw new IllegalArgumentException("timeout '" + v + "' is not a finite, positive number");
    }
    return t;
  }

  private static @Nullable InetSocketAddress bindAddress(Map<String, String> a) {
    String v = a.get("bindAddress");
    return v == null ? null : new InetSocketAddress(v, 0);
  }
}
