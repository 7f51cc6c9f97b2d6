package dev.torsion.internal.defer;

import org.jspecify.annotations.Nullable;

/**
 * Where a Deferred was created and first fired, recorded only in debug mode. Reports use Twisted's
 * layout: a {@code " C:"} block for the creator and an {@code " I:"} block for the first invoker,
 * one stack frame a line, innermost first as Java prints stacks. Frames inside Deferred itself are
 * left out, so each block starts at the code that created or fired it.
 */
public final class DebugInfo {
  private static final String DEFERRED = "dev.torsion.internet.defer.Deferred";

  private final @Nullable Throwable creator;
  private final @Nullable String creatorThread;
  private @Nullable Throwable invoker;
  private @Nullable String invokerThread;

  /**
   * Starts recording a Deferred.
   *
   * @param atCreation whether to record the current stack as the creator's; false for a Deferred
   *     created while debug mode was off and fired once it was on
   */
  public DebugInfo(boolean atCreation) {
    if (atCreation) {
      creator = new Throwable();
      creatorThread = Thread.currentThread().getName();
    } else {
      creator = null;
      creatorThread = null;
    }
  }

  /** Records the current stack as the first invoker's; later calls change nothing. */
  public void recordInvoker() {
    if (invoker == null) {
      invoker = new Throwable();
      invokerThread = Thread.currentThread().getName();
    }
  }

  /** The message of an AlreadyCalledError raised now: creator and first invoker. */
  public String alreadyCalledReport() {
    return "\n" + tracebacks();
  }

  /** The text added to an unhandled-error report: creator and first invoker. */
  public String unhandledReport() {
    return "(debug: " + tracebacks() + ")";
  }

  private String tracebacks() {
    StringBuilder out = new StringBuilder();
    if (creator != null) {
      append(out, " C:", "Deferred was created", creatorThread, creator);
    }
    if (invoker != null) {
      append(out, " I:", "First Invoker was", invokerThread, invoker);
    }
    return out.toString();
  }

  private static void append(StringBuilder out, String prefix, String title,
      @Nullable String thread, Throwable where) {
    out.append(prefix).append(' ').append(title).append(" (thread ").append(thread)
        .append("):\n");
    StackTraceElement[] frames = where.getStackTrace();
    int first = 0;
    while (first < frames.length && isInternal(frames[first].getClassName())) {
      first++;
    }
    for (int i = first; i < frames.length; i++) {
      out.append(prefix).append("   at ").append(frames[i]).append('\n');
    }
  }

  private static boolean isInternal(String className) {
    return className.equals(DebugInfo.class.getName())
        || className.equals(DEFERRED)
        || className.startsWith(DEFERRED + "$");
  }
}
