package dev.torsion.application.runner;

import dev.torsion.application.IService;
import dev.torsion.internet.reactor.Reactor;

/**
 * A {@code twist} plugin: a named kind of service and the command-line options that configure
 * it. {@link Twist} finds plugins with {@link java.util.ServiceLoader}: list the class, which
 * needs a public no-argument constructor, in
 * {@code META-INF/services/dev.torsion.application.runner.IServiceMaker}.
 *
 * <pre>{@code
 * public final class HelloPlugin implements IServiceMaker<HelloPlugin.Options> {
 *   @Command(name = "hello", description = "Says hello to whoever connects.")
 *   public static final class Options {
 *     @Option(names = "--listen", defaultValue = "tcp:8000") String listen;
 *   }
 *   public String tapname() { return "hello"; }
 *   public String description() { return "Says hello to whoever connects."; }
 *   public Options options() { return new Options(); }
 *   public IService makeService(Reactor reactor, Options o) {
 *     return new StreamServerEndpointService(
 *         Endpoints.serverFromString(reactor, o.listen), new HelloFactory());
 *   }
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> The runner installs the reactor first, then calls {@link #options()},
 * fills the object from the plugin's arguments, calls {@link #makeService} once and starts the
 * service under an {@link dev.torsion.application.Application} named after {@link #tapname()}.
 * The service is stopped by the reactor's {@code "shutdown"} event.
 *
 * <p><b>Errors.</b> {@link #makeService} throws {@link IllegalArgumentException} for an option
 * value it cannot use (an unparsable endpoint, say): the runner reports the message as a usage
 * error (exit status 2). Failing to listen belongs in the service's start, where the runner
 * reports it with exit status 1.
 *
 * <p><b>Threading.</b> Every method is called on the reactor thread, before the reactor runs.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code options} is a {@code usage.Options}
 * class; here it is a fresh object annotated for picocli ({@code @Command}, {@code @Option},
 * {@code @Parameters}). {@code makeService} also receives the reactor, which Twisted plugins
 * import.
 *
 * @param <O> the options type
 * @twisted twisted.application.service.IServiceMaker
 */
public interface IServiceMaker<O> {
  /**
   * The plugin's name on the command line ({@code twist NAME ...}): lower case, unique.
   *
   * @return the name
   * @twisted twisted.application.service.IServiceMaker.tapname
   */
  String tapname();

  /**
   * One line saying what the service does, for {@code twist --help}.
   *
   * @return the description
   * @twisted twisted.application.service.IServiceMaker.description
   */
  String description();

  /**
   * A new options object, with picocli annotations, holding the defaults; the runner fills it
   * from the command line.
   *
   * @return the options
   * @twisted twisted.application.service.IServiceMaker.options
   */
  O options();

  /**
   * Builds the service the options describe; it is not started yet.
   *
   * @param reactor the installed reactor, not yet running
   * @param options the parsed options
   * @return the service
   * @throws IllegalArgumentException if an option's value cannot be used
   * @twisted twisted.application.service.IServiceMaker.makeService
   */
  IService makeService(Reactor reactor, O options);
}
