package dev.torsion.application.runner;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the {@code twist} process: one line per event on standard error, as
 * text or JSON, at or above a level set by {@code --log-level}.
 *
 * <p>It is not registered with {@link java.util.ServiceLoader}, so the Torsion library never
 * brings a logging binding to its users: {@link Twist#main} selects it through SLF4J's
 * {@code slf4j.provider} system property, unless that property is already set (then the
 * provider named there is used and {@code --log-level}/{@code --log-format} do not apply).
 * Any program may select it the same way ({@code -Dslf4j.provider=}this class).
 *
 * <p>The text format follows Twisted's: {@code 2026-11-27T09:30:00.123Z [namespace#info] message},
 * then the exception's stack trace if any. The JSON format is one object per line with
 * {@code log_time} (seconds since the epoch), {@code log_level}, {@code log_namespace} (the
 * logger's name), {@code log_system} (the thread), {@code message} and, with an exception,
 * {@code exception} (its stack trace).
 *
 * <p><b>Threading.</b> Thread-safe: each event is written as one {@code print} under the
 * stream's lock, so lines from several threads never interleave.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code twist} logs to standard output by
 * default; this logs to standard error, leaving standard output to {@code --help} texts.
 * Twisted's JSON records carry the format string and its fields; these carry the formatted
 * message. Levels are SLF4J's ({@code trace} to {@code error}); Twisted's {@code critical} is
 * taken as {@code error}.
 *
 * @twisted twisted.logger.textFileLogObserver
 */
public final class TwistLogging implements SLF4JServiceProvider {
  /** How each event is written. */
  public enum Format {
    /** Twisted's text layout. */
    TEXT,
    /** One JSON object per line. */
    JSON
  }

  private static volatile Settings settings = new Settings(Level.INFO, Format.TEXT, System.err);

  private final ILoggerFactory loggers = name -> new TwistLogger(name);
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  /** The provider; SLF4J builds it when the {@code slf4j.provider} property names this class. */
  public TwistLogging() {}

  /** What every logger reads at each event, so that changing it applies at once. */
  record Settings(Level level, Format format, PrintStream out) {}

  /**
   * Sets the lowest level written and the format, for every logger of this provider, at once.
   *
   * @param level the lowest level written
   * @param format the format
   */
  public static void configure(Level level, Format format) {
    settings = new Settings(Objects.requireNonNull(level, "level"),
        Objects.requireNonNull(format, "format"), settings.out());
  }

  /** For tests: where events go. */
  static void configure(Level level, Format format, PrintStream out) {
    settings = new Settings(level, format, out);
  }

  static Settings settings() {
    return settings;
  }

  /**
   * Parses a {@code --log-level} value: SLF4J's level names or Twisted's ({@code warn},
   * {@code critical}), in any case.
   *
   * @param name the name
   * @return the level
   * @throws IllegalArgumentException if {@code name} is no level
   */
  public static Level level(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    switch (n) {
      case "trace": return Level.TRACE;
      case "debug": return Level.DEBUG;
      case "info": return Level.INFO;
      case "warn": case "warning": return Level.WARN;
      case "error": case "critical": return Level.ERROR;
      default:
        throw new IllegalArgumentException("unknown log level '" + name
            + "' (choose trace, debug, info, warn, error or critical)");
    }
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // Nothing to set up: the settings are read at each event.
  }
}
