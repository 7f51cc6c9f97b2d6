package dev.torsion.application.runner.plugins;

import dev.torsion.internet.endpoints.SSL4ServerEndpoint;
import dev.torsion.internet.interfaces.IReactorCore;
import dev.torsion.internet.interfaces.IReactorSSL;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@code --listen} description split as {@code Endpoints.serverFromString} splits it
 * (':' ends an argument, the first '=' names it, a backslash quotes the next character), for
 * the two things the runner decides before handing it over: whether an {@code ssl:}
 * description names its key, and the {@link SSL4ServerEndpoint} of {@code --self-signed},
 * whose certificate is in memory, not in the files the {@code ssl:} parser reads.
 */
record ListenDescription(String text, String prefix, List<String> args,
    Map<String, String> kwargs) {
  /** What {@code ssl:} takes by position after the port, in Twisted's order. */
  private static final List<String> SSL_POSITIONAL = List.of("port", "privateKey", "certKey",
      "interface", "backlog", "extraCertChain");
  private static final Set<String> KEY_FILES = Set.of("privateKey", "certKey",
      "extraCertChain");

  /**
   * Splits {@code text}.
   *
   * @throws IllegalArgumentException for a trailing backslash or a parameter given twice
   */
  static ListenDescription split(String text) {
    List<String> parts = new ArrayList<>();
    Map<String, String> kwargs = new LinkedHashMap<>();
    StringBuilder current = new StringBuilder();
    @Nullable String name = null;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ':';
      if (c == '\\') {
        if (++i == text.length()) {
          throw bad(text, "trailing backslash");
        }
        current.append(text.charAt(i));
      } else if (c == '=' && name == null) {
        name = current.toString();
        current.setLength(0);
      } else if (c == ':') {
        if (name == null) {
          parts.add(current.toString());
        } else if (kwargs.put(name, current.toString()) != null) {
          throw bad(text, "parameter '" + name + "' given twice");
        }
        current.setLength(0);
        name = null;
      } else {
        current.append(c);
      }
    }
    String prefix = parts.isEmpty() ? "" : parts.remove(0);
    return new ListenDescription(text, prefix, List.copyOf(parts), kwargs);
  }

  boolean isSsl() {
    return prefix.toLowerCase(Locale.ROOT).equals("ssl");
  }

  /** Whether an {@code ssl:} description names a key or certificate file. */
  boolean namesKeyFiles() {
    if (args.size() > 1) {
      return true; // the second positional argument is privateKey
    }
    for (String k : kwargs.keySet()) {
      if (KEY_FILES.contains(k)) {
        return true;
      }
    }
    return false;
  }

  /** Where {@code --self-signed} listens; {@link #endpoint} adds the certificate. */
  record SslPort(IReactorSSL reactor, int port, int backlog, String iface) {
    SSL4ServerEndpoint endpoint(ITLSConnectionCreator tls) {
      return new SSL4ServerEndpoint(reactor, port, tls, backlog, iface);
    }
  }

  /**
   * Where {@code --self-signed} listens: this {@code ssl:} description's port, interface and
   * backlog, checked as the {@code ssl:} parser checks them.
   *
   * @throws IllegalArgumentException if this is not an {@code ssl:} description, names key
   *     files, or has a parameter {@code ssl:} does not take or a bad value
   */
  SslPort selfSignedPort(IReactorCore reactor) {
    if (!isSsl()) {
      throw new IllegalArgumentException("--self-signed needs an ssl: endpoint to listen on "
          + "(such as ssl:8443), not '" + text + "'");
    }
    if (namesKeyFiles()) {
      throw new IllegalArgumentException("--self-signed makes its own key and certificate; "
          + "'" + text + "' names key files: drop privateKey/certKey/extraCertChain or "
          + "--self-signed");
    }
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      a.put(SSL_POSITIONAL.get(i), args.get(i));
    }
    for (Map.Entry<String, String> e : kwargs.entrySet()) {
      if (!SSL_POSITIONAL.contains(e.getKey())) {
        throw bad(text, "unknown parameter '" + e.getKey() + "'");
      }
      if (a.put(e.getKey(), e.getValue()) != null) {
        throw bad(text, "parameter '" + e.getKey() + "' given twice");
      }
    }
    String port = a.get("port");
    if (port == null) {
      throw bad(text, "missing parameter 'port'");
    }
    if (!(reactor instanceof IReactorSSL ssl)) {
      throw bad(text, "the reactor " + reactor + " does not provide SSL");
    }
    return new SslPort(ssl, number(port, "port", 0, 65535),
        number(a.getOrDefault("backlog", "50"), "backlog", 0, Integer.MAX_VALUE),
        a.getOrDefault("interface", ""));
  }

  private int number(String value, String name, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw bad(text, name + " must be an integer, not '" + value + "'");
    }
    if (n < min || n > max) {
      throw bad(text, name + " " + n + " is out of range " + min + "-" + max);
    }
    return n;
  }

  /** The error {@code Endpoints.serverFromString} would give, worded the same way. */
  static IllegalArgumentException bad(String text, String problem) {
    return new IllegalArgumentException("bad endpoint description '" + text + "': " + problem);
  }
}
