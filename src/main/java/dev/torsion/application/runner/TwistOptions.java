package dev.torsion.application.runner;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The runner's own options; everything from the plugin name on belongs to the plugin. */
@Command(name = "twist", sortOptions = false,
    description = "Runs a service, described by PLUGIN and its options, until Ctrl-C or SIGTERM.",
    footerHeading = "%nPlugins (twist PLUGIN --help for their options):%n")
final class TwistOptions {
  @Option(names = "--reactor", paramLabel = "NAME",
      description = "The reactor to use (see --help-reactors). Default: the torsion.reactor "
          + "property, else TORSION_REACTOR, else the best supported here.")
  @Nullable String reactor;

  @Option(names = "--help-reactors", description = "List the reactors and exit.")
  boolean helpReactors;

  @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
      description = "The lowest level logged: trace, debug, info, warn, error, critical. "
          + "Default: ${DEFAULT-VALUE}.")
  String logLevel = "info";

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
      description = "How events are written to standard error: text or json. "
          + "Default: ${DEFAULT-VALUE}.")
  String logFormat = "text";

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PLUGIN",
      description = "The service to run; see the list below.")
  @Nullable String plugin;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "PLUGIN_OPTIONS",
      description = "The plugin's options.")
  List<String> pluginArgs = new ArrayList<>();
}
