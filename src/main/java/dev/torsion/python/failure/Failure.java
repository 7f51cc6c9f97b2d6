package dev.torsion.python.failure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An error travelling down an errback chain: a {@link Throwable} (checked or not) together with the
 * stack it carries.
 *
 * <p>A {@code Failure} is what an errback receives. Errbacks inspect it with {@link #check} and
 * {@link #trap}, read it with {@link #value()}, {@link #getErrorMessage()} and
 * {@link #getTraceback()}, and pass it on by rethrowing: {@link #trap} and {@link #raiseException}
 * throw the wrapped Throwable itself, and a {@code Deferred} that sees an errback throw the very
 * Throwable its current Failure wraps continues the errback chain with that same Failure.
 *
 * <p><b>Threading.</b> Immutable; safe to share between threads.
 *
 * <p><b>Differences from Twisted.</b> Java has no "exception being handled now", so there is no
 * no-argument constructor and no {@code NoCurrentExceptionError}. Stacks are Java stacks: the
 * traceback text is Java's stack-trace format (most recent call first, with {@code Caused by:} and
 * {@code Suppressed:} sections), not Python's. There are no frames, locals or {@code captureVars};
 * {@code cleanFailure()} has nothing to clean and is absent.
 *
 * @twisted twisted.python.failure.Failure
 */
public final class Failure {
  private final Throwable value;

  /**
   * Wraps {@code value}.
   *
   * @param value the error; its own stack trace is the Failure's stack
   */
  public Failure(Throwable value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /**
   * Wraps a message in a {@link DefaultException}, as Twisted does for a string value.
   *
   * @param message the error message
   * @return a new Failure
   */
  public static Failure of(String message) {
    return new Failure(new DefaultException(message));
  }

  /**
   * The wrapped error.
   *
   * @return the Throwable this Failure carries
   * @twisted twisted.python.failure.Failure.value
   */
  public Throwable value() {
    return value;
  }

  /**
   * The class of the wrapped error.
   *
   * @return {@code value().getClass()}
   * @twisted twisted.python.failure.Failure.type
   */
  public Class<? extends Throwable> type() {
    return value.getClass();
  }

  /**
   * Tells which of {@code errorTypes} the wrapped error is an instance of.
   *
   * @param errorTypes classes to test, in order
   * @return the first class that matches, or {@code null} when none does
   * @twisted twisted.python.failure.Failure.check
   */
  @SafeVarargs
  public final @Nullable Class<? extends Throwable> check(Class<? extends Throwable>... errorTypes) {
    for (Class<? extends Throwable> type : errorTypes) {
      if (type.isInstance(value)) {
        return type;
      }
    }
    return null;
  }

  /**
   * Lets an errback handle only the errors it knows: returns the matching class, or rethrows the
   * wrapped error so the errback chain continues with this same Failure.
   *
   * <p>Typical use: {@code d.addErrback(f -> { f.trap(IOException.class); return fallback; })}.
   *
   * @param errorTypes classes this errback handles
   * @return the first of {@code errorTypes} that matches
   * @throws Throwable the wrapped error, when no class matches
   * @twisted twisted.python.failure.Failure.trap
   */
  @SafeVarargs
  public final Class<? extends Throwable> trap(Class<? extends Throwable>... errorTypes)
      throws Throwable {
    Class<? extends Throwable> matched = check(errorTypes);
    if (matched == null) {
      throw value;
    }
    return matched;
  }

  /**
   * Throws the wrapped error. Declared to return any type so it can end an expression, as in
   * {@code return failure.raiseException();}.
   *
   * @param <X> any type; nothing is ever returned
   * @return never returns normally
   * @throws Throwable always: the wrapped error
   * @twisted twisted.python.failure.Failure.raiseException
   */
  public <X> X raiseException() throws Throwable {
    throw value;
  }

  /**
   * The wrapped error's message, or its class name when it has none.
   *
   * @return a one-line description of the error
   * @twisted twisted.python.failure.Failure.getErrorMessage
   */
  public String getErrorMessage() {
    String message = value.getMessage();
    return message != null ? message : value.getClass().getName();
  }

  /**
   * The full traceback: the wrapped error's stack, most recent call first, with every cause and
   * suppressed error.
   *
   * @return multi-line text ending in a newline
   * @twisted twisted.python.failure.Failure.getTraceback
   */
  public String getTraceback() {
    StringWriter out = new StringWriter();
    out.write("Traceback (most recent call first):\n");
    printStackTrace(out);
    return out.toString();
  }

  /**
   * A short traceback: the error's type and message and the frame that raised it.
   *
   * @return text ending in a newline
   * @twisted twisted.python.failure.Failure.getBriefTraceback
   */
  public String getBriefTraceback() {
    StringBuilder out = new StringBuilder("Traceback: ")
        .append(value.getClass().getName()).append(": ").append(getErrorMessage()).append('\n');
    StackTraceElement[] stack = value.getStackTrace();
    if (stack.length > 0) {
      out.append("\tat ").append(stack[0]).append('\n');
    }
    return out.toString();
  }

  /**
   * Writes {@link #getTraceback()} to {@code out}.
   *
   * @param out where to write; not closed
   * @twisted twisted.python.failure.Failure.printTraceback
   */
  public void printTraceback(PrintWriter out) {
    out.print(getTraceback());
    out.flush();
  }

  private void printStackTrace(StringWriter out) {
    PrintWriter writer = new PrintWriter(out);
    value.printStackTrace(writer);
    writer.flush();
  }

  /** Reads like Twisted's repr: {@code <Failure java.io.IOException: message>}. */
  @Override
  public String toString() {
    return "<Failure " + value.getClass().getName() + ": " + getErrorMessage() + ">";
  }
}
