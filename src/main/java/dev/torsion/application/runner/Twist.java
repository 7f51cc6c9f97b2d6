package dev.torsion.application.runner;

import dev.torsion.application.App;
import dev.torsion.application.Application;
import dev.torsion.application.IService;
import dev.torsion.internet.reactor.Reactor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code twist} command: runs the service a plugin makes on the reactor of the user's
 * choice until the reactor stops.
 *
 * <pre>
 * twist [--reactor NAME] [--help-reactors] [--log-level LEVEL] [--log-format text|json]
 *       PLUGIN [plugin options]
 * </pre>
 *
 * <p>In order: the runner's options are parsed (up to the plugin's name), logging is set up
 * ({@link TwistLogging}), the reactor is installed (from {@code --reactor}, else as
 * {@link dev.torsion.internet.reactor.Reactors#current()} chooses), the plugin
 * ({@link IServiceMaker}, found with {@link ServiceLoader}) parses its options and makes its
 * service, the service is started under an {@link Application} and stopped by the reactor's
 * {@code "shutdown"} event, and the reactor runs. SIGINT (Ctrl-C) and SIGTERM stop the
 * reactor, through its shutdown triggers, from the reactor thread; a second signal during
 * the shutdown crashes the reactor (no more triggers run).
 *
 * <p><b>Exit status.</b> 0 after a stop (a signal, or the service stopping the reactor), and
 * after {@code --help} or {@code --help-reactors}; 1 if the service cannot start (a port that
 * cannot be bound, say) or a second signal crashed the reactor; 2 for a command line it cannot
 * use: bad options, an unknown plugin or reactor, a reactor that cannot run here, an option
 * value the plugin rejects (an unparsable endpoint). Each error is one line on standard error,
 * followed by one line of usage hint.
 *
 * <p><b>Threading.</b> {@link #main} runs the reactor on the calling thread.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code twist} also has {@code --log-file}, and
 * exits with the signal's status (130 or 143) after a SIGINT or SIGTERM; this exits 0, as a
 * clean stop. Its usage errors exit 64 ({@code EX_USAGE}); these exit 2, the picocli and
 * POSIX utility convention. Twisted's {@code twist} logs a failure to listen and runs on with
 * nothing listening; this exits 1.
 *
 * @twisted twisted.application.twist._twist.Twist
 */
public final class Twist {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;
  static final String USAGE_HINT =
      "Usage: twist [OPTIONS] PLUGIN [PLUGIN_OPTIONS]; see 'twist --help'";

  private final ReactorSelection reactors;
  private final Supplier<List<IServiceMaker<?>>> plugins;
  private final PrintStream out;
  private final PrintStream err;
  private final BiConsumer<Reactor, Runnable> beforeRun;

  Twist(ReactorSelection reactors, Supplier<List<IServiceMaker<?>>> plugins, PrintStream out,
      PrintStream err, BiConsumer<Reactor, Runnable> beforeRun) {
    this.reactors = reactors;
    this.plugins = plugins;
    this.out = out;
    this.err = err;
    this.beforeRun = beforeRun;
  }

  /**
   * Runs {@code twist} with {@code args} and exits the JVM with its exit status.
   *
   * @param args the command line
   * @twisted twisted.application.twist._twist.Twist.main
   */
  public static void main(String[] args) {
    // Before anything asks SLF4J for a logger: the runner's own provider, which the library
    // never registers (docs/runner.md, Logging).
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", TwistLogging.class.getName());
      // SLF4J would otherwise announce, on stderr, that it honours the property.
      if (System.getProperty("slf4j.internal.verbosity") == null) {
        System.setProperty("slf4j.internal.verbosity", "WARN");
      }
    }
    PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream stderr = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    Twist twist = new Twist(ReactorSelection.system(), Twist::loadPlugins, stdout, stderr,
        Signals::install);
    System.exit(twist.run(Arrays.asList(args)));
  }

  /** Every plugin on the class path, by name. */
  static List<IServiceMaker<?>> loadPlugins() {
    List<IServiceMaker<?>> found = new ArrayList<>();
    for (IServiceMaker<?> p : ServiceLoader.load(IServiceMaker.class,
        Twist.class.getClassLoader())) {
      found.add(p);
    }
    found.sort((a, b) -> a.tapname().compareTo(b.tapname()));
    return found;
  }

  /** Runs the command; returns the exit status. */
  int run(List<String> argv) {
    TwistOptions options = new TwistOptions();
    CommandLine cl = new CommandLine(options).setStopAtPositional(true)
        .setUnmatchedOptionsArePositionalParams(false);
    try {
      cl.parseArgs(argv.toArray(new String[0]));
      if (options.help) {
        cl.getCommandSpec().usageMessage().footer(pluginList(plugins.get()));
        out.print(cl.getUsageMessage());
        return EXIT_OK;
      }
      if (options.helpReactors) {
        out.print(reactors.helpReactors());
        return EXIT_OK;
      }
      configureLogging(options);
      String name = options.plugin;
      if (name == null) {
        throw new UsageError("no plugin given; choose one of: " + names(plugins.get()));
      }
      // As Twisted's --reactor: installed before any plugin is looked at.
      Reactor reactor = reactors.install(options.reactor);
      return runPlugin(reactor, find(name), options.pluginArgs);
    } catch (ParameterException e) {
      return usage("twist: " + firstLine(e.getMessage()), USAGE_HINT);
    } catch (UsageError e) {
      return usage("twist: " + e.getMessage(), USAGE_HINT);
    }
  }

  private static void configureLogging(TwistOptions options) {
    Level level;
    TwistLogging.Format format;
    try {
      level = TwistLogging.level(options.logLevel);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    try {
      format = TwistLogging.Format.valueOf(options.logFormat.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageError("unknown log format '" + options.logFormat + "' (choose text or json)");
    }
    TwistLogging.configure(level, format);
  }

  private IServiceMaker<?> find(String name) {
    List<IServiceMaker<?>> all = plugins.get();
    for (IServiceMaker<?> p : all) {
      if (p.tapname().equals(name)) {
        return p;
      }
    }
    throw new UsageError("unknown plugin '" + name + "'; choose one of: " + names(all));
  }

  private <O> int runPlugin(Reactor reactor, IServiceMaker<O> plugin, List<String> args) {
    String tap = plugin.tapname();
    O pluginOptions = plugin.options();
    CommandLine cl = new CommandLine(pluginOptions);
    cl.setCommandName("twist " + tap);
    CommandSpec spec = cl.getCommandSpec();
    if (spec.findOption("--help") == null) {
      spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
          .description("Show this help and exit.").build());
    }
    if (spec.usageMessage().description().length == 0) {
      spec.usageMessage().description(plugin.description());
    }
    String hint = "Usage: twist [OPTIONS] " + tap + " [OPTIONS]; see 'twist " + tap + " --help'";
    IService service;
    try {
      cl.parseArgs(args.toArray(new String[0]));
      if (cl.isUsageHelpRequested()) {
        out.print(cl.getUsageMessage());
        return EXIT_OK;
      }
      service = plugin.makeService(reactor, pluginOptions);
    } catch (ParameterException e) {
      return usage("twist " + tap + ": " + firstLine(e.getMessage()), hint);
    } catch (IllegalArgumentException e) {
      return usage("twist " + tap + ": " + firstLine(String.valueOf(e.getMessage())), hint);
    }
    Application application = new Application(tap);
    service.setServiceParent(application.service());
    RunState state = new RunState();
    // Before the service starts, so that a signal from a user (or test) who saw it listening
    // already goes through the reactor.
    beforeRun.accept(reactor, () -> state.crashed = true);
    try {
      App.startApplication(application, reactor);
    } catch (RuntimeException e) {
      err.println("twist " + tap + ": cannot start: " + firstLine(String.valueOf(
          e.getMessage() == null ? e : e.getMessage())));
      return EXIT_FAILED;
    }
    LoggerFactory.getLogger(Twist.class).info("{} running; Ctrl-C or SIGTERM stops it", tap);
    reactor.run();
    return state.crashed ? EXIT_FAILED : EXIT_OK;
  }

  private int usage(String line, String hint) {
    err.println(line);
    err.println(hint);
    return EXIT_USAGE;
  }

  private static String firstLine(String message) {
    String m = message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }

  private static String names(List<IServiceMaker<?>> all) {
    List<String> names = new ArrayList<>();
    for (IServiceMaker<?> p : all) {
      names.add(p.tapname());
    }
    return names.isEmpty() ? "(none on the class path)" : String.join(", ", names);
  }

  private static String pluginList(List<IServiceMaker<?>> all) {
    int width = 4;
    for (IServiceMaker<?> p : all) {
      width = Math.max(width, p.tapname().length());
    }
    StringBuilder b = new StringBuilder();
    for (IServiceMaker<?> p : all) {
      b.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", p.tapname(),
          p.description()));
    }
    return b.toString();
  }

  /** How the run ended; set on the reactor thread (see {@link Signals}). */
  private static final class RunState {
    boolean crashed;
  }
}
