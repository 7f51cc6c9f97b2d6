package dev.torsion.trial;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Turns what went wrong in one test run into the one Throwable TestNG records. */
final class Outcomes {
  private Outcomes() {}

  /**
   * The test's own error when it is the only problem, so TestNG's {@code expectedExceptions}
   * still sees it; otherwise an {@link AssertionError} whose message holds every problem with its
   * full stack, since a TestNG result records a single Throwable.
   */
  static @Nullable Throwable combine(String name, @Nullable Throwable error,
      List<Throwable> cleanupErrors, @Nullable Throwable dirtyReactor,
      List<TrialRun.Logged> unhandled) {
    if (cleanupErrors.isEmpty() && unhandled.isEmpty()) {
      if (dirtyReactor == null) {
        return error;
      }
      if (error == null) {
        return dirtyReactor;
      }
    }
    StringBuilder message = new StringBuilder(name).append(" failed:");
    Throwable cause = error;
    if (error != null) {
      message.append("\n\nThe test method failed:\n").append(stackTrace(error));
    }
    for (Throwable cleanupError : cleanupErrors) {
      message.append("\n\nA cleanup failed:\n").append(stackTrace(cleanupError));
      cause = cause == null ? cleanupError : cause;
    }
    if (dirtyReactor != null) {
      message.append("\n\nThe reactor was left unclean:\n").append(dirtyReactor.getMessage());
      cause = cause == null ? dirtyReactor : cause;
    }
    if (!unhandled.isEmpty()) {
      message.append("\n\n").append(unhandled.size())
          .append(" error(s) logged or left unhandled in Deferreds during the test")
          .append(" (take expected ones with flushLoggedErrors):");
    }
    for (TrialRun.Logged logged : unhandled) {
      message.append("\n\n").append(logged.report);
      cause = cause == null ? logged.failure.value() : cause;
    }
    return new AssertionError(message.toString(), cause);
  }

  private static String stackTrace(Throwable error) {
    StringWriter out = new StringWriter();
    PrintWriter writer = new PrintWriter(out);
    error.printStackTrace(writer);
    writer.flush();
    return out.toString();
  }

  /** Throws {@code error}, checked or not, from a method that declares nothing. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> E sneakyThrow(Throwable error) throws E {
    throw (E) error;
  }
}
