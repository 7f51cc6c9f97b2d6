package dev.torsion.internet.endpoints;

import dev.torsion.internet.interfaces.IReactorCore;
import dev.torsion.internet.interfaces.IReactorSSL;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.ssl.CertificateOptions;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The string parsers for {@code ssl:} (server and client) and {@code tls:} (client)
 * descriptions, registered through {@code META-INF/services}. Users call {@link Endpoints};
 * these classes are public only because {@link java.util.ServiceLoader} instantiates them.
 *
 * <p><b>Differences from Twisted.</b> A client {@code ssl:} description verifies the server
 * (against {@code caCertsDir}, else the platform's trust store, for {@code hostname}, else the
 * host) unless it says {@code insecurelySkipPeerVerification=yes}; Twisted's verifies only when
 * a {@code hostname} is given. The server's {@code sslmethod} is refused with a clear error: the
 * TLS versions come from {@code CertificateOptions}' defaults. A server's {@code dhParameters}
 * file is read when the description is parsed (Twisted reads it at the first connection), so a
 * missing or unusable file is an error at once.
 *
 * @twisted twisted.internet.endpoints._parseSSL
 */
public final class TLSParsers {
  private TLSParsers() {}

  /**
   * {@code ssl:port[:privateKey[:certKey[:interface[:backlog[:extraCertChain]]]]]},
   * arguments also by name. {@code privateKey} (default {@code server.pem}) is a PEM file with
   * the key, and the certificate too unless {@code certKey} names the certificate's file;
   * {@code extraCertChain} is a PEM file of intermediate certificates, sent after the
   * certificate in the file's order.
   *
   * @twisted twisted.internet.endpoints._parseSSL
   */
  public static final class SslServer implements StreamServerEndpointStringParser {
    /** For {@link java.util.ServiceLoader}. */
    public SslServer() {}

    @Override
    public String prefix() {
      return "ssl";
    }

    @Override
    public IStreamServerEndpoint parseStreamServer(IReactorCore reactor, List<String> args,
        Map<String, String> kwargs) {
      if (kwargs.containsKey("sslmethod")) {
        throw new IllegalArgumentException("parameter 'sslmethod' is not supported"
            + " (TLS versions come from CertificateOptions)");
      }
      Map<String, String> a = TCPParsers.bind(List.of("port", "privateKey", "certKey",
          "interface", "backlog", "extraCertChain", "dhParameters"), args, kwargs);
      String keyPath = a.getOrDefault("privateKey", "server.pem");
      CertificateOptions options = TlsFiles.serverOptions(keyPath,
          a.getOrDefault("certKey", keyPath), a.get("extraCertChain"), a.get("dhParameters"));
      return new SSL4ServerEndpoint(ssl(reactor), port(TCPParsers.required(a, "port")), options,
          TCPParsers.integer("backlog", a.getOrDefault("backlog", "50")),
          a.getOrDefault("interface", ""));
    }
  }

  /**
   * {@code ssl:host:port}, with {@code timeout}, {@code bindAddress}, {@code certKey} and
   * {@code privateKey} (the client certificate's PEM files), {@code caCertsDir} (a directory
   * whose {@code .pem} files are the trusted authorities; the platform's otherwise),
   * {@code hostname} (the name the certificate must carry; the host by default) and
   * {@code insecurelySkipPeerVerification=yes}, which turns verification off.
   *
   * @twisted twisted.internet.endpoints._parseClientSSL
   */
  public static final class SslClient implements StreamClientEndpointStringParser {
    /** For {@link java.util.ServiceLoader}. */
    public SslClient() {}

    @Override
    public String prefix() {
      return "ssl";
    }

    @Override
    public IStreamClientEndpoint parseStreamClient(IReactorCore reactor, List<String> args,
        Map<String, String> kwargs) {
      List<String> names = args.size() == 1 && kwargs.containsKey("host")
          ? List.of("port") : List.of("host", "port");
      Map<String, String> a = TCPParsers.bind(names, List.of("host", "port", "timeout",
          "bindAddress", "certKey", "privateKey", "caCertsDir", "hostname",
          INSECURE), args, kwargs);
      String host = TCPParsers.required(a, "host");
      int port = port(TCPParsers.required(a, "port"));
      ITLSConnectionCreator creator = TlsFiles.clientOptions(
          a.getOrDefault("hostname", host), a.get("caCertsDir"), a.get("certKey"),
          a.get("privateKey"), insecure(a.get(INSECURE)));
      return new SSL4ClientEndpoint(ssl(reactor), host, port, creator,
          TCPParsers.timeout(a), bindAddress(a.get("bindAddress")));
    }
  }

  /**
   * {@code tls:host:port[:timeout=t][:bindAddress=a][:certificate=c][:privateKey=k]
   * [:trustRoots=dir][:endpoint=e]}: a verifying TLS client over a {@link HostnameEndpoint},
   * or over the client endpoint the description {@code endpoint} gives (then {@code host} is
   * only the name to verify).
   *
   * @twisted twisted.internet.endpoints._TLSClientEndpointParser
   */
  public static final class TlsClient implements StreamClientEndpointStringParser {
    /** For {@link java.util.ServiceLoader}. */
    public TlsClient() {}

    @Override
    public String prefix() {
      return "tls";
    }

    @Override
    public IStreamClientEndpoint parseStreamClient(IReactorCore reactor, List<String> args,
        Map<String, String> kwargs) {
      Map<String, String> a = TCPParsers.bind(List.of("host", "port"), List.of("host", "port",
          "timeout", "bindAddress", "certificate", "privateKey", "trustRoots", "endpoint"),
          args, kwargs);
      String host = TCPParsers.required(a, "host");
      int port = port(TCPParsers.required(a, "port"));
      double timeout = TCPParsers.timeout(a);
      ITLSConnectionCreator creator = TlsFiles.clientOptions(host, a.get("trustRoots"),
          a.get("certificate"), a.get("privateKey"), false);
      String inner = a.get("endpoint");
      IStreamClientEndpoint wrapped = inner != null
          ? Endpoints.clientFromString(reactor, inner)
          : hostname(reactor, host, port, timeout, bindAddress(a.get("bindAddress")));
      return TLSEndpoints.wrapClientTLS(creator, wrapped,
          reactor instanceof IReactorTime t ? t : null);
    }
  }

  /** The loud name of the client {@code ssl:} flag that turns verification off. */
  static final String INSECURE = "insecurelySkipPeerVerification";

  private static boolean insecure(@Nullable String flag) {
    if (flag == null || flag.equals("no")) {
      return false;
    }
    if (flag.equals("yes")) {
      return true;
    }
    throw new IllegalArgumentException(INSECURE + " must be 'yes' or 'no', not '" + flag + "'");
  }

  private static <R extends IReactorTCP & IReactorTime> HostnameEndpoint hostnameOf(R reactor,
      String host, int port, double timeout, @Nullable InetSocketAddress bindAddress) {
    return new HostnameEndpoint(reactor, host, port, timeout, bindAddress,
        HostnameEndpoint.DEFAULT_ATTEMPT_DELAY);
  }

  private static HostnameEndpoint hostname(IReactorCore reactor, String host, int port,
      double timeout, @Nullable InetSocketAddress bindAddress) {
    if (!(reactor instanceof IReactorTCP) || !(reactor instanceof IReactorTime)) {
      throw new IllegalArgumentException("the reactor " + reactor
          + " does not provide TCP and time");
    }
    return hostnameOf((IReactorTCP & IReactorTime) reactor, host, port, timeout, bindAddress);
  }

  static IReactorSSL ssl(IReactorCore reactor) {
    if (reactor instanceof IReactorSSL s) {
      return s;
    }
    throw new IllegalArgumentException("the reactor " + reactor + " does not provide SSL");
  }

  private static int port(String value) {
    int p = TCPParsers.integer("port", value);
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException("port " + p + " is out of range 0-65535");
    }
    return p;
  }

  private static @Nullable InetSocketAddress bindAddress(@Nullable String v) {
    return v == null ? null : new InetSocketAddress(v, 0);
  }
}
