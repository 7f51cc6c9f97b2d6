package dev.torsion.python.failure;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes a Throwable's stack the way {@link Throwable#printStackTrace()} does (causes, suppressed
 * errors, "... n more" for frames shared with the enclosing trace, circular references) but
 * without recursion, and without letting a broken {@code toString()} or {@code getCause()} of the
 * error itself escape.
 */
final class TracebackFormat {
  static final String BRIEF = "brief";
  static final String DEFAULT = "default";
  static final String VERBOSE = "verbose";

  private TracebackFormat() {}

  static void checkDetail(String detail) {
    if (!BRIEF.equals(detail) && !DEFAULT.equals(detail) && !VERBOSE.equals(detail)) {
      throw new IllegalArgumentException(
          "detail must be \"brief\", \"default\" or \"verbose\", not \"" + detail + "\"");
    }
  }

  /** One throwable still to write, with what it is written under. */
  private static final class Pending {
    final Throwable error;
    final StackTraceElement[] enclosing;
    final String caption;
    final String prefix;

    Pending(Throwable error, StackTraceElement[] enclosing, String caption, String prefix) {
      this.error = error;
      this.enclosing = enclosing;
      this.caption = caption;
      this.prefix = prefix;
    }
  }

  /**
   * Writes {@code error}'s header line (as {@code firstCaption} then its description) and its
   * frames, then its suppressed errors and causes. Brief frames read {@code file:line:method};
   * others {@code \tat frame}, as Java prints them.
   */
  static void write(StringBuilder out, Throwable error, String firstCaption, boolean brief) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Pending> todo = new ArrayDeque<>();
    todo.push(new Pending(error, new StackTraceElement[0], firstCaption, ""));
    while (!todo.isEmpty()) {
      Pending p = todo.pop();
      if (!seen.add(p.error)) {
        out.append(p.prefix).append(p.caption).append("[CIRCULAR REFERENCE: ")
            .append(describe(p.error)).append("]\n");
        continue;
      }
      out.append(p.prefix).append(p.caption).append(describe(p.error)).append('\n');
      StackTraceElement[] trace = stackOf(p.error);
      int m = trace.length - 1;
      int n = p.enclosing.length - 1;
      while (m >= 0 && n >= 0 && trace[m].equals(p.enclosing[n])) {
        m--;
        n--;
      }
      String framePrefix = brief ? p.prefix : p.prefix + "\tat ";
      for (int i = 0; i <= m; i++) {
        out.append(framePrefix).append(brief ? briefFrame(trace[i]) : trace[i].toString())
            .append('\n');
      }
      int inCommon = trace.length - 1 - m;
      if (inCommon != 0) {
        out.append(p.prefix).append(brief ? "" : "\t").append("... ").append(inCommon)
            .append(" more\n");
      }
      // Java prints suppressed errors before the cause; the stack pops last-pushed first.
      Throwable cause = causeOf(p.error);
      if (cause != null) {
        todo.push(new Pending(cause, trace, "Caused by: ", p.prefix));
      }
      Throwable[] suppressed = suppressedOf(p.error);
      for (int i = suppressed.length - 1; i >= 0; i--) {
        todo.push(new Pending(suppressed[i], trace, "Suppressed: ", p.prefix + "\t"));
      }
    }
  }

  /** {@code File.java:12:pkg.Class.method}; the location part as Java prints it otherwise. */
  static String briefFrame(StackTraceElement frame) {
    String file = frame.getFileName();
    int line = frame.getLineNumber();
    String location = frame.isNativeMethod() ? "Native Method"
        : file == null ? "Unknown Source"
        : line >= 0 ? file + ":" + line
        : file;
    return location + ":" + frame.getClassName() + "." + frame.getMethodName();
  }

  /** {@code error.toString()}, or a description of it when that throws. */
  static String describe(Throwable error) {
    try {
      return String.valueOf(error.toString());
    } catch (Throwable e) {
      rethrowIfFatal(e);
      return brokenText(error, "toString", e);
    }
  }

  /** {@code error.getMessage()} (null when none), or a description of it when that throws. */
  static @Nullable String message(Throwable error) {
    try {
      return error.getMessage();
    } catch (Throwable e) {
      rethrowIfFatal(e);
      return brokenText(error, "getMessage", e);
    }
  }

  /** Lets out only what the JVM cannot go on after; a runaway toString() recursion can. */
  private static void rethrowIfFatal(Throwable e) {
    if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
      throw (VirtualMachineError) e;
    }
  }

  private static String brokenText(Object o, String method, Throwable e) {
    // Only class names: the error the method threw may be just as broken.
    return "<" + o.getClass().getName() + " instance at 0x"
        + Integer.toHexString(System.identityHashCode(o)) + " with " + method + " error: "
        + e.getClass().getName() + ">";
  }

  static StackTraceElement[] stackOf(Throwable error) {
    try {
      return error.getStackTrace();
    } catch (Throwable e) {
      rethrowIfFatal(e);
      return new StackTraceElement[0];
    }
  }

  private static @Nullable Throwable causeOf(Throwable error) {
    try {
      return error.getCause();
    } catch (Throwable e) {
      rethrowIfFatal(e);
      return null;
    }
  }

  private static Throwable[] suppressedOf(Throwable error) {
    try {
      return error.getSuppressed();
    } catch (Throwable e) {
      rethrowIfFatal(e);
      return new Throwable[0];
    }
  }
}
