package dev.torsion.application.runner.plugins;

import dev.torsion.application.IService;
import dev.torsion.application.runner.IServiceMaker;
import dev.torsion.internet.reactor.Reactor;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twist chat [--listen ENDPOINT]}: the multi-user line chat of Twisted's tutorial, on
 * {@code tcp:8123} unless told otherwise. Each client is asked for a nickname (1 to 32 letters,
 * digits, {@code _} or {@code -}, not in use), then every line it sends reaches the others as
 * {@code <nick> text}; joins and departures are announced, {@code /quit} leaves. A line longer
 * than {@code --max-line-length} bytes ends the connection with a message, and a client that
 * stops reading is disconnected once more than {@code --max-backlog} bytes wait for it beyond
 * its transport's buffer, so one stuck client never grows the server's memory. An
 * {@code ssl:} endpoint, with its key files or {@code --self-signed}, makes it a TLS chat.
 *
 * @twisted twisted.words (the tutorial's chat server)
 */
public final class ChatPlugin implements IServiceMaker<ChatPlugin.Options> {
  private final PrintStream out;

  /** The plugin, as {@link java.util.ServiceLoader} builds it. */
  public ChatPlugin() {
    this(System.out);
  }

  /** A plugin printing the {@code --self-signed} certificate to {@code out}. */
  ChatPlugin(PrintStream out) {
    this.out = out;
  }

  /** The options of {@code twist chat}. */
  @Command(name = "chat", description = "A line-based multi-user chat server.")
  public static final class Options {
    @Option(names = "--listen", paramLabel = "ENDPOINT", defaultValue = "tcp:8123",
        description = "Where to listen, as a server endpoint string. Default: ${DEFAULT-VALUE}.")
    String listen = "tcp:8123";

    @Option(names = "--self-signed",
        description = "Listen with a certificate made at start-up for localhost, 127.0.0.1 and"
            + " ::1 (a demo aid: needs an ssl: --listen without key files). Its SHA-256"
            + " fingerprint and PEM go to standard output.")
    boolean selfSigned;

    @Option(names = "--max-line-length", paramLabel = "BYTES", defaultValue = "1024",
        description = "The longest line a client may send. Default: ${DEFAULT-VALUE}.")
    int maxLineLength = ChatFactory.DEFAULT_MAX_LINE;

    @Option(names = "--max-backlog", paramLabel = "BYTES", defaultValue = "65536",
        description = "Bytes waiting for a client that stopped reading, beyond its transport's"
            + " buffer, before it is disconnected. Default: ${DEFAULT-VALUE}.")
    int maxBacklog = ChatFactory.DEFAULT_MAX_BACKLOG;

    /** The defaults. */
    public Options() {}

    /**
     * The server endpoint string to listen on.
     *
     * @return the description, {@code tcp:8123} by default
     */
    public String listen() {
      return listen;
    }
  }

  @Override
  public String tapname() {
    return "chat";
  }

  @Override
  public String description() {
    return "A multi-user line chat, as in Twisted's tutorial.";
  }

  @Override
  public Options options() {
    return new Options();
  }

  @Override
  public IService makeService(Reactor reactor, Options options) {
    return Listening.service(reactor, tapname(),
        new Listening.Listen(options.listen, options.selfSigned, out),
        new ChatFactory(options.maxLineLength, options.maxBacklog));
  }
}
