package dev.torsion.application.runner.plugins;

import dev.torsion.application.IService;
import dev.torsion.application.runner.IServiceMaker;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twist echo [--listen ENDPOINT] [--self-signed]}: sends back whatever each client
 * sends, on {@code tcp:8000} unless told otherwise. With an {@code ssl:} endpoint it speaks TLS,
 * with the key files the endpoint names or, given {@code --self-signed}, with a demo
 * certificate for localhost made at start-up (its fingerprint and PEM printed on standard
 * output; docs/runner.md, TLS).
 *
 * @twisted twisted.protocols.wire.Echo
 */
public final class EchoPlugin implements IServiceMaker<EchoPlugin.Options> {
  private final PrintStream out;

  /** The plugin, as {@link java.util.ServiceLoader} builds it. */
  public EchoPlugin() {
    this(System.out);
  }

  /** A plugin printing the {@code --self-signed} certificate to {@code out}. */
  EchoPlugin(PrintStream out) {
    this.out = out;
  }

  /** The options of {@code twist echo}. */
  @Command(name = "echo", description = "Echoes back whatever each client sends.")
  public static final class Options {
    @Option(names = "--listen", paramLabel = "ENDPOINT", defaultValue = "tcp:8000",
        description = "Where to listen, as a server endpoint string. Default: ${DEFAULT-VALUE}.")
    String listen = "tcp:8000";

    @Option(names = "--self-signed",
        description = "Listen with a certificate made at start-up for localhost, 127.0.0.1 and"
            + " ::1 (a demo aid: needs an ssl: --listen without key files). Its SHA-256"
            + " fingerprint and PEM go to standard output.")
    boolean selfSigned;

    /** The defaults. */
    public Options() {}

    /**
     * The server endpoint string to listen on.
     *
     * @return the description, {@code tcp:8000} by default
     */
    public String listen() {
      return listen;
    }
  }

  @Override
  public String tapname() {
    return "echo";
  }

  @Override
  public String description() {
    return "An echo server: sends back whatever each client sends.";
  }

  @Override
  public Options options() {
    return new Options();
  }

  @Override
  public IService makeService(Reactor reactor, Options options) {
    Factory factory = Factory.forProtocol(Echo::new);
    factory.setNoisy(false);
    return Listening.service(reactor, tapname(),
        new Listening.Listen(options.listen, options.selfSigned, out), factory);
  }

  /** Writes back what it reads. */
  private static final class Echo extends Protocol {
    @Override
    public void dataReceived(byte[] data) {
      transport().write(data);
    }
  }
}
