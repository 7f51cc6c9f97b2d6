package dev.torsion.internal;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Every {@code torsion.*} system property and {@code TORSION_*} environment variable Torsion
 * reads, read here and nowhere else, so that one table in the README can list them all
 * ({@code ConfigTest} checks that it does). A property wins over its variable; a blank value
 * counts as unset, so {@code TORSION_REACTOR= java ...} means "no choice", not "the reactor
 * called ''".
 *
 * <p>Each reader takes a {@link Source} (the JVM's own by default) so tests inject their
 * properties and environment instead of mutating the process's.
 */
public final class Config {
  /** Every setting, with what the README says about it. */
  public enum Setting {
    /** The reactor {@code Reactors.current()} installs when nothing was installed explicitly. */
    REACTOR("torsion.reactor", "TORSION_REACTOR", "the best supported reactor",
        "the reactor `Reactors.current()` installs, by name (`nio`, ...)"),
    /** The blocked-loop watchdog's limit. */
    BLOCKED_LOOP_WARNING_MS("torsion.blockedLoopWarningMs", "TORSION_BLOCKED_LOOP_WARNING_MS",
        "0 (off)",
        "warn, with the loop thread's stack, when one loop iteration's callbacks run longer "
            + "than this many milliseconds");

    private final String property;
    private final String variable;
    private final String defaultValue;
    private final String meaning;

    Setting(String property, String variable, String defaultValue, String meaning) {
      this.property = property;
      this.variable = variable;
      this.defaultValue = defaultValue;
      this.meaning = meaning;
    }

    /** @return the system property's name, {@code torsion.*} */
    public String property() {
      return property;
    }

    /** @return the environment variable's name, {@code TORSION_*} */
    public String variable() {
      return variable;
    }

    /** @return what applies when neither is set, in words */
    public String defaultValue() {
      return defaultValue;
    }

    /** @return what the setting does, in words (Markdown) */
    public String meaning() {
      return meaning;
    }
  }

  /**
   * A value found for a setting and where it came from, for error messages that tell users
   * what to fix.
   *
   * @param value the value, trimmed, never blank
   * @param origin {@code "system property torsion.x"} or {@code "environment variable TORSION_X"}
   */
  public record Found(String value, String origin) {}

  /** Where settings are read from: system properties first, then the environment. */
  public static final class Source {
    private static final Source SYSTEM = new Source(System::getProperty, System::getenv);

    private final Function<String, @Nullable String> properties;
    private final Function<String, @Nullable String> environment;

    private Source(Function<String, @Nullable String> properties,
        Function<String, @Nullable String> environment) {
      this.properties = properties;
      this.environment = environment;
    }

    /**
     * The JVM's system properties and the process environment, read at each lookup.
     *
     * @return the source
     */
    public static Source system() {
      return SYSTEM;
    }

    /**
     * Fixed maps, for tests.
     *
     * @param properties stands for the system properties
     * @param environment stands for the environment
     * @return the source
     */
    public static Source of(Map<String, String> properties, Map<String, String> environment) {
      Map<String, String> p = Map.copyOf(properties);
      Map<String, String> e = Map.copyOf(environment);
      return new Source(p::get, e::get);
    }

    /**
     * The value of {@code setting}: its property if set and not blank, else its variable if set
     * and not blank.
     *
     * @param setting the setting
     * @return the value and its origin, or null when neither is set
     */
    public @Nullable Found find(Setting setting) {
      String v = properties.apply(setting.property());
      if (v != null && !v.isBlank()) {
        return new Found(v.trim(), "system property " + setting.property());
      }
      v = environment.apply(setting.variable());
      if (v != null && !v.isBlank()) {
        return new Found(v.trim(), "environment variable " + setting.variable());
      }
      return null;
    }
  }

  private Config() {}

  /**
   * The reactor asked for by {@code -Dtorsion.reactor} or {@code TORSION_REACTOR}.
   *
   * @return the name, or null if neither is set
   */
  public static @Nullable String reactor() {
    Found f = reactor(Source.system());
    return f == null ? null : f.value();
  }

  /**
   * The reactor asked for in {@code source}, and where.
   *
   * @param source where to look
   * @return the name and its origin, or null if neither is set
   */
  public static @Nullable Found reactor(Source source) {
    return source.find(Setting.REACTOR);
  }

  /**
   * The blocked-loop watchdog limit from {@code -Dtorsion.blockedLoopWarningMs} or
   * {@code TORSION_BLOCKED_LOOP_WARNING_MS}: warn when one loop iteration's callbacks run longer.
   *
   * @return the limit in milliseconds, or 0 when the watchdog is off (the default)
   * @throws IllegalArgumentException if the value is not a non-negative integer
   */
  public static long blockedLoopWarningMs() {
    return blockedLoopWarningMs(Source.system());
  }

  /**
   * The blocked-loop watchdog limit as set in {@code source}.
   *
   * @param source where to look
   * @return the limit in milliseconds, or 0 when the watchdog is off (the default)
   * @throws IllegalArgumentException if the value is not a non-negative integer, naming where
   *     the value came from
   */
  public static long blockedLoopWarningMs(Source source) {
    Found f = source.find(Setting.BLOCKED_LOOP_WARNING_MS);
    if (f == null) {
      return 0;
    }
    try {
      long ms = Long.parseLong(f.value());
      if (ms >= 0) {
        return ms;
      }
    } catch (NumberFormatException e) {
      // reported below, with the origin
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "%s must be a whole number of milliseconds >= 0, not \"%s\"", f.origin(), f.value()));
  }
}
