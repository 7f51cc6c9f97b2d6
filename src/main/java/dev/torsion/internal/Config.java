package dev.torsion.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every {@code torsion.*} system property and {@code TORSION_*} environment variable Torsion
 * reads, read here and nowhere else (the README lists them). A property wins over its variable.
 */
public final class Config {
  private Config() {}

  /**
   * The reactor asked for by {@code -Dtorsion.reactor} or {@code TORSION_REACTOR}.
   *
   * @return the name, or null if neither is set
   */
  public static @Nullable String reactor() {
    return read("torsion.reactor", "TORSION_REACTOR", System.getenv());
  }

  /**
   * The blocked-loop watchdog limit from {@code -Dtorsion.blockedLoopWarningMs} or
   * {@code TORSION_BLOCKED_LOOP_WARNING_MS}: warn when one loop iteration's callbacks run longer.
   *
   * @return the limit in milliseconds, or 0 when the watchdog is off (the default)
   * @throws IllegalArgumentException if the value is not a non-negative integer
   */
  public static long blockedLoopWarningMs() {
    String v = read("torsion.blockedLoopWarningMs", "TORSION_BLOCKED_LOOP_WARNING_MS",
        System.getenv());
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      long ms = Long.parseLong(v.trim());
      if (ms < 0) {
        throw new NumberFormatException("negative");
      }
      return ms;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "torsion.blockedLoopWarningMs must be a whole number of milliseconds >= 0, not " + v, e);
    }
  }

  static @Nullable String read(String property, String variable, Map<String, String> env) {
    String v = System.getProperty(property);
    if (v != null) {
      return v;
    }
    return env.get(variable);
  }
}
