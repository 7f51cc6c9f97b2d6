package dev.torsion.internet.reactor;

import dev.torsion.internal.Config;
import dev.torsion.internet.error.ReactorAlreadyInstalledError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Choosing and installing the process's reactor: Twisted's {@code from twisted.internet import
 * reactor}, made explicit.
 *
 * <h2>Which reactor</h2>
 * Reactors are offered by {@link ReactorProvider}s found with {@link ServiceLoader}. The one
 * installed is, in this order of precedence:
 * <ol>
 *   <li>the one named in an explicit {@link #install(String)} (what the runner's
 *       {@code --reactor NAME} does);</li>
 *   <li>the one named by the system property {@code torsion.reactor};</li>
 *   <li>the one named by the environment variable {@code TORSION_REACTOR};</li>
 *   <li>the platform's best: the supported provider with the highest
 *       {@link ReactorProvider#preference()} (ties go to the name first in alphabetical
 *       order): on Linux {@code epoll}, then {@code poll}, then {@code nio}, as Twisted's
 *       {@code default.py} chooses.</li>
 * </ol>
 * A name that no provider has is {@link NoSuchReactor}; a provider that cannot run here is
 * {@link UnsupportedOperationException} with its {@link ReactorProvider#unavailabilityCause()}.
 * Either message lists every provider, supported or not and why, as {@link #listing()} does.
 * A choice that fails never falls back to another reactor: asking for {@code epoll} and
 * silently getting {@code nio} would hide the problem.
 *
 * <h2>Nothing is installed behind your back</h2>
 * In Twisted, importing {@code twisted.internet.reactor} installs the default reactor, so a
 * module imported too early makes a later {@code epollreactor.install()} fail. Here nothing
 * installs a reactor except {@link #current()} (on its first call) and {@link #install}: loading
 * classes, {@link #providers()}, {@link #chosen()}, {@link #installed()} and {@link #listing()}
 * never do. Code that takes its reactor as a parameter never needs the global one at all, and
 * tests should build their own ({@link ReactorProvider#create()}).
 *
 * <p><b>Threading.</b> Every method is thread-safe; concurrent first calls of {@link #current()}
 * install one reactor and all return it. The reactor itself is single-threaded (see
 * {@link Reactor}).
 *
 * <p><b>Differences from Twisted.</b> Twisted spreads this over {@code twisted.internet.main}
 * ({@code installReactor}), {@code twisted.application.reactors} ({@code installReactor},
 * {@code getReactorTypes}, {@code NoSuchReactor}) and the import-time default; Torsion has one
 * holder class, no implicit default and names reactors after their mechanism.
 *
 * @twisted twisted.internet.main
 */
public final class Reactors {
  private static final Selector SYSTEM =
      new Selector(() -> load(Reactors.class.getClassLoader()), Config.Source.system());

  private Reactors() {}

  /**
   * Every provider on the class path, supported or not, highest preference first.
   *
   * @return the providers
   * @twisted twisted.application.reactors.getReactorTypes
   */
  public static List<ReactorProvider> providers() {
    return SYSTEM.providers();
  }

  /**
   * The provider called {@code name}.
   *
   * @param name the reactor's name
   * @return the provider
   * @throws NoSuchReactor if there is none by that name; the message lists those there are
   */
  public static ReactorProvider provider(String name) {
    return SYSTEM.provider(name, "");
  }

  /**
   * The provider {@link #current()} would install now, by the precedence above (property,
   * variable, best supported), without installing it.
   *
   * @return the supported provider chosen
   * @throws NoSuchReactor if the property or variable names no provider
   * @throws UnsupportedOperationException if the provider named cannot run here, or none can
   */
  public static ReactorProvider chosen() {
    return SYSTEM.chosen().provider();
  }

  /**
   * Builds and installs the reactor called {@code name}, whatever the property, variable or
   * platform default say.
   *
   * @param name the reactor's name
   * @return the installed reactor, not yet running
   * @throws ReactorAlreadyInstalledError if a reactor is installed already
   * @throws NoSuchReactor if no provider has that name
   * @throws UnsupportedOperationException if that reactor cannot run here, with the cause
   * @twisted twisted.application.reactors.installReactor
   */
  public static Reactor install(String name) {
    return SYSTEM.install(name);
  }

  /**
   * Installs a reactor built elsewhere, for instance by a provider's {@code create()}.
   *
   * @param reactor the reactor
   * @return {@code reactor}
   * @throws ReactorAlreadyInstalledError if a reactor is installed already
   * @twisted twisted.internet.main.installReactor
   */
  public static Reactor install(Reactor reactor) {
    return SYSTEM.install(reactor);
  }

  /**
   * The installed reactor, if any; never installs one.
   *
   * @return the reactor, or null when none is installed yet
   */
  public static @Nullable Reactor installed() {
    return SYSTEM.installed();
  }

  /**
   * The installed reactor, installing the {@link #chosen()} one first if none is. This is the
   * only method that installs a reactor implicitly.
   *
   * @return the reactor
   * @throws NoSuchReactor if the property or variable names no provider
   * @throws UnsupportedOperationException if the reactor chosen cannot run here, or none can
   * @twisted twisted.internet.reactor
   */
  public static Reactor current() {
    return SYSTEM.current();
  }

  /**
   * A table of every provider (name, supported or not and why, description), the one chosen
   * and why, and the one installed: what the runner's {@code --help-reactors} prints.
   *
   * @return the listing, lines separated by {@code \n}, ending with one
   */
  public static String listing() {
    return SYSTEM.listing();
  }

  /** Every provider {@code loader} offers, unloadable ones included (as unsupported). */
  static List<ReactorProvider> load(ClassLoader loader) {
    List<ReactorProvider> found = new ArrayList<>();
    Iterator<ReactorProvider> it = ServiceLoader.load(ReactorProvider.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          return found;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError e) {
        // A provider that cannot even be loaded must not hide the others; it is listed as
        // unsupported with the loader's message as its cause.
        found.add(new Broken(e));
      }
    }
  }

  /**
   * Why {@code p} cannot run here, or null if it can. A provider that throws from
   * {@code isSupported()} is unsupported, the exception being the cause.
   */
  static @Nullable String whyUnsupported(ReactorProvider p) {
    try {
      if (p.isSupported()) {
        return null;
      }
      String cause = p.unavailabilityCause();
      return cause == null || cause.isBlank() ? "no reason given by " + p.getClass().getName()
          : cause;
    } catch (RuntimeException | LinkageError e) {
      return "isSupported() failed: " + e;
    }
  }

  /** How a provider was chosen: by which setting, or as the platform's best. */
  record Choice(ReactorProvider provider, String how) {}

  /**
   * The selection logic, with its providers and settings injected so that tests run it on
   * fake providers and environments; {@link Reactors} holds the process's one instance.
   */
  static final class Selector {
    private final Supplier<List<ReactorProvider>> loader;
    private final Config.Source settings;
    private @Nullable List<ReactorProvider> providers;
    private volatile @Nullable Reactor installed;

    Selector(Supplier<List<ReactorProvider>> loader, Config.Source settings) {
      this.loader = loader;
      this.settings = settings;
    }

    synchronized List<ReactorProvider> providers() {
      List<ReactorProvider> ps = providers;
      if (ps == null) {
        List<ReactorProvider> sorted = new ArrayList<>(loader.get());
        sorted.sort(Comparator.comparingInt(ReactorProvider::preference).reversed()
            .thenComparing(ReactorProvider::name));
        ps = List.copyOf(sorted);
        providers = ps;
      }
      return ps;
    }

    /** The provider called {@code name}; {@code origin} says where the name came from. */
    ReactorProvider provider(String name, String origin) {
      Objects.requireNonNull(name, "name");
      for (ReactorProvider p : providers()) {
        if (p.name().equals(name)) {
          return p;
        }
      }
      throw new NoSuchReactor("no reactor called \"" + name + "\"" + origin + "; "
          + available());
    }

    Choice chosen() {
      Config.Found asked = Config.reactor(settings);
      if (asked != null) {
        String how = " (from " + asked.origin() + ")";
        return new Choice(supported(provider(asked.value(), how), how), asked.origin());
      }
      ReactorProvider best = null;
      for (ReactorProvider p : providers()) {
        if (whyUnsupported(p) == null) {
          best = p;
          break;
        }
      }
      if (best == null) {
        throw new UnsupportedOperationException("no reactor can run on this machine; "
            + available());
      }
      return new Choice(best, "the best supported reactor here");
    }

    private ReactorProvider supported(ReactorProvider p, String how) {
      String why = whyUnsupported(p);
      if (why != null) {
        throw new UnsupportedOperationException("reactor " + p.name() + how
            + " cannot run on this machine: " + why + "; " + available());
      }
      return p;
    }

    synchronized Reactor install(String name) {
      requireNothingInstalled();
      return install(supported(provider(name, ""), ""));
    }

    synchronized Reactor install(Reactor reactor) {
      Objects.requireNonNull(reactor, "reactor");
      requireNothingInstalled();
      installed = reactor;
      return reactor;
    }

    private Reactor install(ReactorProvider p) {
      Reactor r = Objects.requireNonNull(p.create(), () -> p.name() + " created null");
      installed = r;
      return r;
    }

    private void requireNothingInstalled() {
      if (installed != null) {
        throw new ReactorAlreadyInstalledError("reactor already installed");
      }
    }

    @Nullable Reactor installed() {
      return installed;
    }

    Reactor current() {
      Reactor r = installed;
      if (r != null) {
        return r;
      }
      synchronized (this) {
        r = installed;
        return r != null ? r : install(chosen().provider());
      }
    }

    /** "reactors here: a (supported), b (unsupported: why)", for error messages. */
    private String available() {
      List<String> parts = new ArrayList<>();
      for (ReactorProvider p : providers()) {
        String why = whyUnsupported(p);
        parts.add(p.name() + (why == null ? " (supported)" : " (unsupported: " + why + ")"));
      }
      return parts.isEmpty() ? "no reactor providers on the class path (none is listed in "
          + "META-INF/services/" + ReactorProvider.class.getName() + ")"
          : "reactors here: " + String.join(", ", parts);
    }

    String listing() {
      List<ReactorProvider> ps = providers();
      int width = "reactor".length();
      for (ReactorProvider p : ps) {
        width = Math.max(width, p.name().length());
      }
      String chosenName = null;
      String chosenLine;
      try {
        Choice c = chosen();
        chosenName = c.provider().name();
        chosenLine = "chosen: " + chosenName + " (" + c.how() + ")";
      } catch (RuntimeException e) {
        chosenLine = "chosen: none: " + e.getMessage();
      }
      StringBuilder out = new StringBuilder();
      String row = "%s %-" + width + "s  %-11s  %s\n";
      out.append(String.format(Locale.ROOT, row, " ", "reactor", "status", "description"));
      for (ReactorProvider p : ps) {
        String why = whyUnsupported(p);
        out.append(String.format(Locale.ROOT, row, p.name().equals(chosenName) ? "*" : " ",
            p.name(), why == null ? "supported" : "unsupported",
            why == null ? p.description() : p.description() + "; unsupported: " + why));
      }
      out.append(chosenLine).append('\n');
      Reactor r = installed;
      out.append("installed: ").append(r == null ? "none" : r.toString()).append('\n');
      return out.toString();
    }
  }

  /** A provider the service loader could not load, kept so that the listing shows why. */
  private static final class Broken implements ReactorProvider {
    private final ServiceConfigurationError error;

    Broken(ServiceConfigurationError error) {
      this.error = error;
    }

    @Override
    public String name() {
      return "(unloadable provider)";
    }

    @Override
    public String description() {
      return "a provider listed in META-INF/services that failed to load";
    }

    @Override
    public boolean isSupported() {
      return false;
    }

    @Override
    public String unavailabilityCause() {
      Throwable cause = error.getCause();
      return error.getMessage() + (cause == null ? "" : ": " + cause);
    }

    @Override
    public int preference() {
      return Integer.MIN_VALUE;
    }

    @Override
    public Reactor create() {
      throw new UnsupportedOperationException(unavailabilityCause(), error);
    }
  }
}
