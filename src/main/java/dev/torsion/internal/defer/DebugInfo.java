package dev.torsion.internal.defer;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.jspecify.annotations.Nullable;

/** Where a Deferred was created and first fired; recorded only in debug mode. */
public final class DebugInfo {
  private final Throwable creator = new Throwable("Deferred was created");
  private @Nullable Throwable invoker;

  /** Records the current stack as the first invoker. */
  public void recordInvoker() {
    if (invoker == null) {
      invoker = new Throwable("First invoker was");
    }
  }

  /** The text of an AlreadyCalledError raised now: creation, first and second invokers. */
  public String alreadyCalledReport() {
    StringBuilder out = new StringBuilder("\n");
    append(out, " C: ", creator);
    if (invoker != null) {
      append(out, " I1: ", invoker);
    }
    append(out, " I2: ", new Throwable("Second invoker was"));
    return out.toString();
  }

  /** The text added to an unhandled-error report: creation and first invoker. */
  public String unhandledReport() {
    StringBuilder out = new StringBuilder("(debug:\n");
    append(out, " C: ", creator);
    if (invoker != null) {
      append(out, " I: ", invoker);
    }
    return out.append(")").toString();
  }

  private static void append(StringBuilder out, String prefix, Throwable where) {
    StringWriter text = new StringWriter();
    where.printStackTrace(new PrintWriter(text));
    for (String line : text.toString().split("\n")) {
      out.append(prefix).append(line.stripTrailing()).append('\n');
    }
  }
}
