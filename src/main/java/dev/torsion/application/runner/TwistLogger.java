package dev.torsion.application.runner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger of {@link TwistLogging}: formats one event as one text or JSON record. */
final class TwistLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  TwistLogger(String name) {
    this.name = name;
  }

  private static boolean enabled(Level level) {
    return level.toInt() >= TwistLogging.settings().level().toInt();
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  protected @Nullable String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, @Nullable Marker marker,
      @Nullable String messagePattern, Object @Nullable [] arguments,
      @Nullable Throwable throwable) {
    TwistLogging.Settings s = TwistLogging.settings();
    if (level.toInt() < s.level().toInt()) {
      return;
    }
    String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
    String record = format(s.format(), Instant.now(), level, name,
        Thread.currentThread().getName(), message == null ? "" : message, throwable);
    s.out().print(record);
    s.out().flush();
  }

  /** One record, ending with a line separator. */
  static String format(TwistLogging.Format format, Instant time, Level level, String namespace,
      String thread, String message, @Nullable Throwable throwable) {
    String levelName = level.name().toLowerCase(Locale.ROOT);
    String trace = throwable == null ? null : stackTrace(throwable);
    if (format == TwistLogging.Format.TEXT) {
      StringBuilder out = new StringBuilder().append(time.truncatedTo(ChronoUnit.MILLIS))
          .append(" [").append(namespace).append('#').append(levelName).append("] ").append(message)
          .append(System.lineSeparator());
      if (trace != null) {
        out.append(trace);
      }
      return out.toString();
    }
    StringBuilder out = new StringBuilder("{\"log_time\":")
        .append(time.getEpochSecond()).append('.')
        .append(String.format(Locale.ROOT, "%03d", time.getNano() / 1_000_000))
        .append(",\"log_level\":\"").append(levelName).append('"');
    field(out, "log_namespace", namespace);
    field(out, "log_system", thread);
    field(out, "message", message);
    if (trace != null) {
      field(out, "exception", trace);
    }
    return out.append('}').append(System.lineSeparator()).toString();
  }

  private static void field(StringBuilder out, String key, String value) {
    out.append(",\"").append(key).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    try (PrintWriter p = new PrintWriter(w)) {
      t.printStackTrace(p);
    }
    return w.toString();
  }
}
