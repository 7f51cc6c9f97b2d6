package dev.torsion.application.runner.plugins;

import dev.torsion.application.IService;
import dev.torsion.application.runner.IServiceMaker;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.internet.error.CertificateError;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.protocols.portforward.ProxyFactory;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twist portforward [--listen ENDPOINT] --connect ENDPOINT}: forwards each connection
 * accepted on {@code --listen} ({@code tcp:6666} by default, as Twisted's) to a new connection
 * to {@code --connect}, with backpressure both ways ({@link ProxyFactory}). Either side may be
 * TLS: an {@code ssl:} {@code --listen} (with key files or {@code --self-signed}), a
 * {@code tls:} or {@code ssl:} {@code --connect}.
 *
 * <p><b>Differences from Twisted.</b> Twisted's options are {@code --port}, {@code --host} and
 * {@code --dest_port}; these are endpoint strings. {@code --connect} takes any client endpoint
 * string ({@code tcp:}, {@code tcp6:}, {@code unix:}, and {@code tls:} or {@code ssl:}, which
 * verify the destination's certificate), used as a whole, {@code timeout} and
 * {@code bindAddress} included, where Twisted forwards only to a TCP host and port. A forwarded
 * connection that cannot reach the destination (refused, or a certificate that fails
 * verification) is logged at WARN with the reason; Twisted's only closes it.
 *
 * @twisted twisted.tap.portforward
 */
public final class PortForwardPlugin implements IServiceMaker<PortForwardPlugin.Options> {
  private final PrintStream out;

  /** The plugin, as {@link java.util.ServiceLoader} builds it. */
  public PortForwardPlugin() {
    this(System.out);
  }

  /** A plugin printing the {@code --self-signed} certificate to {@code out}. */
  PortForwardPlugin(PrintStream out) {
    this.out = out;
  }

  /** The options of {@code twist portforward}. */
  @Command(name = "portforward", description = "Forwards connections to another address.")
  public static final class Options {
    @Option(names = "--listen", paramLabel = "ENDPOINT", defaultValue = "tcp:6666",
        description = "Where to listen, as a server endpoint string. Default: ${DEFAULT-VALUE}.")
    String listen = "tcp:6666";

    @Option(names = "--self-signed",
        description = "Listen with a certificate made at start-up for localhost, 127.0.0.1 and"
            + " ::1 (a demo aid: needs an ssl: --listen without key files). Its SHA-256"
            + " fingerprint and PEM go to standard output.")
    boolean selfSigned;

    @Option(names = "--connect", paramLabel = "ENDPOINT", required = true,
        description = "Where to forward to, as a client endpoint string, "
            + "such as tcp:example.com:80.")
    String connect = "";

    /** The defaults. */
    public Options() {}
  }

  @Override
  public String tapname() {
    return "portforward";
  }

  @Override
  public String description() {
    return "A port forwarder: relays each connection to another address.";
  }

  @Override
  public Options options() {
    return new Options();
  }

  @Override
  public IService makeService(Reactor reactor, Options options) {
    IStreamClientEndpoint to;
    try {
      to = Endpoints.clientFromString(reactor, options.connect);
    } catch (CertificateError e) {
      // A client certificate or key file that holds no usable PEM: a bad --connect value.
      throw new IllegalArgumentException("bad endpoint description '" + options.connect
          + "': " + e.getMessage(), e);
    }
    ProxyFactory factory = Forwarding.factory(to, options.connect);
    return Listening.service(reactor, tapname(),
        new Listening.Listen(options.listen, options.selfSigned, out), factory);
  }
}
