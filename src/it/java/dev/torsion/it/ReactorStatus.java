package dev.torsion.it;

import dev.torsion.internal.Config;
import dev.torsion.internet.reactor.ReactorProvider;
import dev.torsion.internet.reactor.Reactors;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.testng.SkipException;

/**
 * Which reactor this integration-test JVM runs, and whether this machine can run it: decided
 * once per JVM, at the first test, by the same precedence as {@link Reactors#current()}
 * (Failsafe sets {@code -Dtorsion.reactor}).
 *
 * <p>When {@code it.reportsDirectory} is set (the pom sets it to the execution's Failsafe
 * reports directory) the status is written there as {@value #FILE}, a properties file with
 * {@code reactor}, {@code supported}, {@code cause}, {@code description} and one
 * {@code lacks.FACET} per {@link Facet} the reactor lacks (the value is the written reason),
 * which {@code trial-compat/report} reads.
 */
final class ReactorStatus {
  /** The status file's name, in the reports directory. */
  static final String FILE = "reactor.properties";

  private static @Nullable ReactorStatus current;

  private final @Nullable ReactorProvider provider;
  private final String name;
  private final @Nullable String cause;
  private final @Nullable RuntimeException error;

  private ReactorStatus(@Nullable ReactorProvider provider, String name, @Nullable String cause,
      @Nullable RuntimeException error) {
    this.provider = provider;
    this.name = name;
    this.cause = cause;
    this.error = error;
  }

  /** The status for this JVM, worked out, printed and written on the first call. */
  static synchronized ReactorStatus current() {
    ReactorStatus s = current;
    if (s == null) {
      s = detect(Config.reactor(), System.getProperty("it.reportsDirectory"));
      current = s;
    }
    return s;
  }

  /**
   * Makes {@code status} this JVM's, for {@code ReactorBuilderTest}.
   *
   * @return the status replaced, null if none was worked out yet
   */
  static synchronized @Nullable ReactorStatus replace(@Nullable ReactorStatus status) {
    ReactorStatus old = current;
    current = status;
    return old;
  }

  /**
   * Works out the status for the reactor called {@code name} (or the platform's best when
   * null), prints one line saying it, and writes {@value #FILE} into {@code reportsDirectory}
   * when that is not null.
   */
  static ReactorStatus detect(@Nullable String name, @Nullable String reportsDirectory) {
    ReactorStatus s;
    try {
      ReactorProvider p = name == null ? Reactors.chosen() : Reactors.provider(name);
      String why = null;
      if (!p.isSupported()) {
        why = p.unavailabilityCause();
        why = why == null || why.isBlank() ? "no reason given by " + p.getClass().getName() : why;
      }
      s = new ReactorStatus(p, p.name(), why, null);
    } catch (RuntimeException e) {
      s = new ReactorStatus(null, name == null ? "(default)" : name, null, e);
    }
    System.out.println("[torsion-it] " + s.describe());
    if (reportsDirectory != null) {
      s.write(Path.of(reportsDirectory).resolve(FILE));
    }
    return s;
  }

  /** The provider; throws the selection error when there is none. */
  ReactorProvider provider() {
    if (error != null) {
      throw new IllegalStateException("no reactor to test: " + error.getMessage(), error);
    }
    return Objects.requireNonNull(provider);
  }

  /** The reactor's name. */
  String name() {
    return name;
  }

  /** Whether there is a reactor to test: known and supported here. */
  boolean runnable() {
    return error == null && cause == null;
  }

  /** Why this machine cannot run the reactor, or null if it can. */
  @Nullable String cause() {
    return cause;
  }

  /**
   * Returns when the reactor can run here; throws {@link SkipException} naming it and its cause
   * when it cannot, and the selection error when the reactor is unknown.
   */
  void requireSupported() {
    provider();
    if (cause != null) {
      throw new SkipException(skipMessage());
    }
  }

  /** The message each skipped test carries. */
  String skipMessage() {
    return "reactor " + name + " is unsupported on this machine: " + cause;
  }

  private String describe() {
    if (error != null) {
      return "reactor " + name + ": cannot test it: " + error.getMessage();
    }
    if (cause != null) {
      return skipMessage() + "; every integration test is reported as skipped for it";
    }
    return "reactor " + name + " is supported here; running the integration suite on it";
  }

  private void write(Path file) {
    Properties props = new Properties();
    props.setProperty("reactor", name);
    props.setProperty("supported", Boolean.toString(error == null && cause == null));
    props.setProperty("cause", cause != null ? cause : error != null ? error.getMessage() : "");
    props.setProperty("description", provider != null ? provider.description() : "");
    // The sanctioned skips besides an unsupported reactor: the facets Facet says it lacks.
    for (Facet f : Facet.values()) {
      String why = f.lackedBy(name);
      if (why != null) {
        props.setProperty("lacks." + f.name(), why);
      }
    }
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        props.store(out, "Written by dev.torsion.it.ReactorStatus in the integration-test JVM");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
