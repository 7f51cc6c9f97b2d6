package dev.torsion.application.runner;

import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.ReactorProvider;
import dev.torsion.internet.reactor.Reactors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The runner's reactor choice: {@code --help-reactors} and {@code --reactor NAME} over a list of
 * providers, with how to install one and what to install when no name is given injected, so
 * that tests run it on fake providers without touching the process's reactor.
 */
final class ReactorSelection {
  static final String SEE_HELP = "See the list of available reactors with --help-reactors";

  private final Supplier<List<ReactorProvider>> providers;
  private final Function<ReactorProvider, Reactor> installer;
  private final Supplier<Reactor> byDefault;

  ReactorSelection(Supplier<List<ReactorProvider>> providers,
      Function<ReactorProvider, Reactor> installer, Supplier<Reactor> byDefault) {
    this.providers = providers;
    this.installer = installer;
    this.byDefault = byDefault;
  }

  /** The process's reactors ({@link Reactors}): names, the property, variable and platform. */
  static ReactorSelection system() {
    return new ReactorSelection(Reactors::providers, p -> Reactors.install(p.name()),
        Reactors::current);
  }

  /**
   * Every provider, by name: the supported ones first, then the others with their reasons, in
   * Twisted's {@code --help-reactors} layout ({@code !} marks an unsupported reactor).
   */
  String helpReactors() {
    List<ReactorProvider> sorted = new ArrayList<>(providers.get());
    sorted.sort(Comparator.comparing(ReactorProvider::name));
    StringBuilder working = new StringBuilder();
    StringBuilder notWorking = new StringBuilder();
    for (ReactorProvider p : sorted) {
      String why = whyUnsupported(p);
      if (why == null) {
        working.append(String.format(Locale.ROOT, "    %-4s\t%s%n", p.name(), p.description()));
      } else {
        notWorking.append(String.format(Locale.ROOT, "    !%-4s\t%s (%s)%n", p.name(),
            p.description(), why));
      }
    }
    if (sorted.isEmpty()) {
      working.append("    (no reactor providers on the class path)").append(System.lineSeparator());
    }
    if (notWorking.length() > 0) {
      working.append(System.lineSeparator()).append("    reactors not available on this platform:")
          .append(System.lineSeparator()).append(System.lineSeparator()).append(notWorking);
    }
    return working.toString();
  }

  /**
   * Installs the reactor called {@code name}, or the default choice (property, variable, best
   * supported) when {@code name} is null.
   *
   * @throws UsageError if there is no such reactor or it cannot run here, saying why
   */
  Reactor install(@Nullable String name) {
    if (name == null) {
      try {
        return byDefault.get();
      } catch (RuntimeException e) {
        throw new UsageError("No reactor can be installed: " + e.getMessage() + ". " + SEE_HELP);
      }
    }
    ReactorProvider found = null;
    for (ReactorProvider p : providers.get()) {
      if (p.name().equals(name)) {
        found = p;
        break;
      }
    }
    if (found == null) {
      throw new UsageError("The specified reactor does not exist: '" + name + "'. " + SEE_HELP);
    }
    String why = whyUnsupported(found);
    if (why == null) {
      try {
        return Objects.requireNonNull(installer.apply(found), "installed null");
      } catch (RuntimeException e) {
        why = e.getMessage() == null ? e.toString() : e.getMessage();
      }
    }
    throw new UsageError("The specified reactor cannot be used, failed with error: " + why
        + ". " + SEE_HELP);
  }

  /** Why {@code p} cannot run here, or null; a provider that throws is unsupported. */
  static @Nullable String whyUnsupported(ReactorProvider p) {
    try {
      if (p.isSupported()) {
        return null;
      }
      String cause = p.unavailabilityCause();
      return cause == null || cause.isBlank() ? "no reason given" : cause;
    } catch (RuntimeException | LinkageError e) {
      return "isSupported() failed: " + e;
    }
  }
}
