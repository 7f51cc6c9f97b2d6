package dev.torsion.internet.endpoints;

import dev.torsion.internet.interfaces.IReactorCore;
import dev.torsion.internet.interfaces.IReactorUNIX;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import java.util.List;
import java.util.Map;

/**
 * The string parsers for {@code unix:} descriptions, registered through
 * {@code META-INF/services}. Users call {@link Endpoints}; these classes are public only
 * because {@link java.util.ServiceLoader} instantiates them.
 *
 * <p><b>Differences from Twisted.</b> As for {@code tcp:}: unknown or repeated parameters are
 * errors, and the client's timeout may have a fraction.
 *
 * @twisted twisted.internet.endpoints._parseUNIX
 */
public final class UNIXParsers {
  private UNIXParsers() {}

  /**
   * {@code unix:address[:mode[:backlog[:lockfile]]]}, arguments also by name; the mode is
   * octal (default {@code 666}), the backlog 50, and {@code lockfile} an integer, true unless
   * 0 (default 1: a server description holds the lock file unless told not to, as
   * Twisted's).
   *
   * @twisted twisted.internet.endpoints._parseUNIX
   */
  public static final class Server implements StreamServerEndpointStringParser {
    /** For {@link java.util.ServiceLoader}. */
    public Server() {}

    @Override
    public String prefix() {
      return "unix";
    }

    @Override
    public IStreamServerEndpoint parseStreamServer(IReactorCore reactor, List<String> args,
        Map<String, String> kwargs) {
      Map<String, String> a = TCPParsers.bind(List.of("address", "mode", "backlog", "lockfile"),
          args, kwargs);
      return new UNIXServerEndpoint(unix(reactor), path(a, "address"),
          TCPParsers.integer("backlog", a.getOrDefault("backlog", "50")),
          octal(a.getOrDefault("mode", "666")), flag("lockfile", a.getOrDefault("lockfile", "1")));
    }
  }

  /**
   * {@code unix:path[:timeout=t][:lockfile=n]}, the path also by name; {@code lockfile} other
   * than 0 checks the server's lock file (default 0), the timeout defaults to 30 seconds.
   *
   * @twisted twisted.internet.endpoints._parseClientUNIX
   */
  public static final class Client implements StreamClientEndpointStringParser {
    /** For {@link java.util.ServiceLoader}. */
    public Client() {}

    @Override
    public String prefix() {
      return "unix";
    }

    @Override
    public IStreamClientEndpoint parseStreamClient(IReactorCore reactor, List<String> args,
        Map<String, String> kwargs) {
      Map<String, String> a = TCPParsers.bind(List.of("path"),
          List.of("path", "timeout", "lockfile"), args, kwargs);
      return new UNIXClientEndpoint(unix(reactor), path(a, "path"),
          TCPParsers.timeout(a), flag("lockfile", a.getOrDefault("lockfile", "0")));
    }
  }

  private static IReactorUNIX unix(IReactorCore reactor) {
    if (reactor instanceof IReactorUNIX u) {
      return u;
    }
    throw new IllegalArgumentException("the reactor " + reactor + " does not provide UNIX "
        + "sockets");
  }

  private static String path(Map<String, String> a, String name) {
    String path = TCPParsers.required(a, name);
    if (path.isEmpty()) {
      throw new IllegalArgumentException("parameter '" + name + "' is empty");
    }
    return path;
  }

  private static int octal(String value) {
    try {
      int mode = Integer.parseInt(value, 8);
      if (mode < 0 || mode > 07777) {
        throw new IllegalArgumentException("mode '" + value + "' is out of range 0-7777");
      }
      return mode;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("mode '" + value + "' is not an octal number", e);
    }
  }

  private static boolean flag(String name, String value) {
    return TCPParsers.integer(name, value) != 0;
  }
}
