package dev.torsion.internet.endpoints;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorCore;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * The module functions of {@code twisted.internet.endpoints}: endpoints from description
 * strings, and connecting a single protocol instance.
 *
 * <p>A description is a prefix naming the endpoint type, then colon-separated arguments, each
 * either positional or {@code name=value}: {@code "tcp:8080:interface=127.0.0.1:backlog=10"},
 * {@code "tcp:host=example.com:port=80:timeout=5"}. A backslash makes the next character
 * literal ({@code "tcp6:80:interface=\\:\\:1"}); {@link #quoteStringArgument} adds them. An
 * {@code =} after the first in an argument is literal. Prefixes are matched ignoring case.
 * Parsers come from {@link StreamServerEndpointStringParser} and
 * {@link StreamClientEndpointStringParser} providers found by {@link ServiceLoader}; this
 * library registers {@code tcp}, {@code tcp6} and {@code unix} for both
 * ({@code "unix:/run/app.sock:mode=660"}, {@code "unix:path=/run/app.sock:timeout=5"}).
 *
 * <p><b>Threading.</b> Parsing may run on any thread; the endpoints made are used on the
 * reactor thread. {@code connectProtocol} is reactor-thread only.
 *
 * <p><b>Errors.</b> A description that cannot be parsed throws one
 * {@link IllegalArgumentException} naming the description and the problem: an unknown prefix,
 * a missing, unknown, repeated or malformed parameter, too many positional arguments, a
 * trailing backslash.
 *
 * <p><b>Differences from Twisted.</b> A bare port ({@code "8080"}) is an unknown endpoint type,
 * as in Twisted 22.4 (its old strports default is gone). Twisted's server {@code "TCP:80"}
 * fails (its built-in server parsers are case-sensitive) where this accepts it. Twisted has no
 * {@code tcp6:} client parser; this one takes the arguments of {@code tcp:}. A parameter
 * given twice is an error (Python keeps the last), and a timeout may have a fraction.
 *
 * @twisted twisted.internet.endpoints
 */
public final class Endpoints {
  private Endpoints() {}

  /**
   * Makes a server endpoint from a description such as {@code "tcp:8080"} or
   * {@code "tcp6:0:interface=\\:\\:1"}.
   *
   * @param reactor the reactor the endpoint will listen with
   * @param description the description
   * @return the endpoint; nothing listens until its {@code listen} is called
   * @throws IllegalArgumentException if the description cannot be parsed
   * @twisted twisted.internet.endpoints.serverFromString
   */
  public static IStreamServerEndpoint serverFromString(IReactorCore reactor,
      String description) {
    Objects.requireNonNull(reactor, "reactor");
    Parsed p = parse(description);
    try {
      for (StreamServerEndpointStringParser parser
          : ServiceLoader.load(StreamServerEndpointStringParser.class, loader())) {
        if (parser.prefix().equalsIgnoreCase(p.prefix())) {
          return parser.parseStreamServer(reactor, p.args(), p.kwargs());
        }
      }
      throw new IllegalArgumentException("unknown endpoint type '" + p.prefix() + "'");
    } catch (IllegalArgumentException e) {
      throw problem(description, e);
    }
  }

  /**
   * Makes a client endpoint from a description such as {@code "tcp:example.com:80"} or
   * {@code "tcp:host=127.0.0.1:port=80:timeout=5:bindAddress=127.0.0.1"}.
   *
   * @param reactor the reactor the endpoint will connect with
   * @param description the description
   * @return the endpoint; nothing connects until its {@code connect} is called
   * @throws IllegalArgumentException if the description cannot be parsed
   * @twisted twisted.internet.endpoints.clientFromString
   */
  public static IStreamClientEndpoint clientFromString(IReactorCore reactor,
      String description) {
    Objects.requireNonNull(reactor, "reactor");
    Parsed p = parse(description);
    try {
      for (StreamClientEndpointStringParser parser
          : ServiceLoader.load(StreamClientEndpointStringParser.class, loader())) {
        if (parser.prefix().equalsIgnoreCase(p.prefix())) {
          return parser.parseStreamClient(reactor, p.args(), p.kwargs());
        }
      }
      throw new IllegalArgumentException("unknown endpoint type '" + p.prefix() + "'");
    } catch (IllegalArgumentException e) {
      throw problem(description, e);
    }
  }

  /**
   * Escapes backslashes and colons so {@code argument} reads back as one literal argument.
   *
   * @param argument the text to pass through a description
   * @return the quoted text
   * @twisted twisted.internet.endpoints.quoteStringArgument
   */
  public static String quoteStringArgument(String argument) {
    return argument.replace("\\", "\\\\").replace(":", "\\:");
  }

  /**
   * Connects one protocol instance through a client endpoint, without writing a factory.
   *
   * @param endpoint where to connect
   * @param protocol the protocol to connect; it is used for one connection only
   * @return what {@code endpoint.connect} returns: fires with {@code protocol} once connected
   * @twisted twisted.internet.endpoints.connectProtocol
   */
  public static Deferred<IProtocol> connectProtocol(IStreamClientEndpoint endpoint,
      IProtocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    return endpoint.connect(new OneShotFactory(protocol));
  }

  /** The factory of {@link #connectProtocol}: always the same protocol. */
  static final class OneShotFactory implements IProtocolFactory {
    private final IProtocol protocol;

    OneShotFactory(IProtocol protocol) {
      this.protocol = protocol;
    }

    @Override
    public IProtocol buildProtocol(IAddress addr) {
      return protocol;
    }

    @Override
    public void doStart() {}

    @Override
    public void doStop() {}

    @Override
    public String toString() {
      return "<OneShotFactory of " + protocol + ">";
    }
  }

  private static @Nullable ClassLoader loader() {
    return Endpoints.class.getClassLoader();
  }

  private static IllegalArgumentException problem(String description,
      IllegalArgumentException e) {
    return new IllegalArgumentException("bad endpoint description '" + description + "': "
        + e.getMessage(), e);
  }

  /** A description split into prefix, positional and keyword arguments, unescaped. */
  record Parsed(String prefix, List<String> args, Map<String, String> kwargs) {}

  /**
   * Splits {@code description}: ':' ends an argument; the first '=' in one splits name from
   * value (later ones are literal); a backslash makes the next character literal.
   */
  static Parsed parse(String description) {
    Objects.requireNonNull(description, "description");
    List<String> args = new ArrayList<>();
    Map<String, String> kwargs = new LinkedHashMap<>();
    StringBuilder current = new StringBuilder();
    @Nullable String name = null;
    for (int i = 0; i <= description.length(); i++) {
      char c = i < description.length() ? description.charAt(i) : ':';
      if (c == '\\') {
        if (++i == description.length()) {
          throw problem(description, new IllegalArgumentException("trailing backslash"));
        }
        current.append(description.charAt(i));
      } else if (c == '=' && name == null) {
        name = current.toString();
        current.setLength(0);
      } else if (c == ':') {
        if (name == null) {
          args.add(current.toString());
        } else if (kwargs.put(name, current.toString()) != null) {
          throw problem(description,
              new IllegalArgumentException("parameter '" + name + "' given twice"));
        }
        current.setLength(0);
        name = null;
      } else {
        current.append(c);
      }
    }
    if (args.isEmpty()) {
      throw problem(description, new IllegalArgumentException("no endpoint type"));
    }
    String prefix = args.remove(0).toLowerCase(Locale.ROOT);
    return new Parsed(prefix, List.copyOf(args), kwargs);
  }
}
