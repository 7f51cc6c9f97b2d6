package dev.torsion.python.failure;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p><b>Tracebacks.</b> Three levels of detail, as Twisted's {@code detail} argument:
 * <ul>
 *   <li>{@code "default"} ({@link #getTraceback()}): {@code Traceback (most recent call first):}
 *       then the error as {@link Throwable#printStackTrace()} writes it, with its
 *       {@code Caused by:} and {@code Suppressed:} sections;
 *   <li>{@code "brief"} ({@link #getBriefTraceback()}): {@code Traceback: } and the error on one
 *       line, then one {@code File.java:line:class.method} line per frame, causes and suppressed
 *       errors included;
 *   <li>{@code "verbose"}: the default text between {@code *--- Failure #n ---} and
 *       {@code *--- End of Failure #n ---}, where {@code n} is {@link #count()}.
 * </ul>
 * An error without frames reads {@code Failure: ...} (default) or
 * {@code Traceback (failure with no frames): ...} (brief). An error whose {@code toString()} or
 * {@code getMessage()} throws is described by its class name instead: formatting never throws.
 *
 * <p><b>Threading.</b> Immutable; safe to share between threads.
 *
 * <p><b>Differences from Twisted.</b> Java has no "exception being handled now", so there is no
 * no-argument constructor, no {@code NoCurrentExceptionError} and no {@code _findFailure}: an
 * errback that catches what {@link #raiseException} threw wraps that same Throwable again. Stacks
 * are Java stacks, fixed when the Throwable was created: the traceback text is Java's stack-trace
 * format (most recent call first), not Python's, with no {@code --- <exception caught here> ---}
 * split. There are no frames objects, locals or {@code captureVars}, no debug mode entering a
 * post-mortem debugger, no pickling, and no {@code throwExceptionIntoGenerator}; nothing holds
 * frames, so {@code cleanFailure()} has nothing to clean and is absent. A string is not a
 * Throwable, so Twisted's {@code TypeError} for {@code Failure("text")} is a compile error here;
 * {@link #of(String)} wraps a message in a {@link DefaultException} on purpose.
 * {@link #getErrorMessage()} falls back to the class name where Twisted returns an empty string.
 *
 * @twisted twisted.python.failure.Failure
 */
public final class Failure {
  private static final AtomicLong COUNT = new AtomicLong();

  private final Throwable value;
  private final long count;

  /**
   * Wraps {@code value}.
   *
   * @param value the error; its own stack trace is the Failure's stack
   */
  public Failure(Throwable value) {
    this.value = Objects.requireNonNull(value, "value");
    this.count = COUNT.incrementAndGet();
  }

  /**
   * Wraps the same error as {@code other}: its value, and so its stack.
   *
   * @param other a Failure
   * @twisted twisted.python.failure.Failure.__init__ (with a Failure as exc_value)
   */
  public Failure(Failure other) {
    this(Objects.requireNonNull(other, "other").value);
  }

  /**
   * Wraps a message in a {@link DefaultException}, the type Twisted gives a Failure whose value is
   * not an exception. (Twisted 22.4 refuses a string value with {@code TypeError}; here a message
   * is welcome, explicitly.)
   *
   * @param message the error message
   * @return a new Failure
   * @twisted twisted.python.failure.DefaultException
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
  public final @Nullable Class<? extends Throwable> check(
      Class<? extends Throwable>... errorTypes) {
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
   * This Failure's serial number: Failures are numbered 1, 2, 3... in the order they are made,
   * across the JVM. Verbose tracebacks show it.
   *
   * @return the number
   * @twisted twisted.python.failure.Failure.count
   */
  public long count() {
    return count;
  }

  /**
   * The wrapped error's message, or its class name when it has none.
   *
   * @return a one-line description of the error
   * @twisted twisted.python.failure.Failure.getErrorMessage
   */
  public String getErrorMessage() {
    String message = TracebackFormat.message(value);
    return message != null ? message : value.getClass().getName();
  }

  /**
   * The default traceback: see the class description.
   *
   * @return multi-line text ending in a newline
   * @twisted twisted.python.failure.Failure.getTraceback
   */
  public String getTraceback() {
    return getTraceback(TracebackFormat.DEFAULT);
  }

  /**
   * The traceback at the given level of detail: see the class description.
   *
   * @param detail {@code "brief"}, {@code "default"} or {@code "verbose"}
   * @return multi-line text ending in a newline
   * @throws IllegalArgumentException if {@code detail} is none of those
   * @twisted twisted.python.failure.Failure.getTraceback
   */
  public String getTraceback(String detail) {
    TracebackFormat.checkDetail(detail);
    StringBuilder out = new StringBuilder();
    boolean hasFrames = TracebackFormat.stackOf(value).length > 0;
    switch (detail) {
      case TracebackFormat.BRIEF:
        TracebackFormat.write(out, value,
            hasFrames ? "Traceback: " : "Traceback (failure with no frames): ", true);
        break;
      case TracebackFormat.VERBOSE:
        out.append("*--- Failure #").append(count).append(" ---\n");
        writeDefault(out, hasFrames);
        out.append("*--- End of Failure #").append(count).append(" ---\n");
        break;
      default:
        writeDefault(out, hasFrames);
        break;
    }
    return out.toString();
  }

  private void writeDefault(StringBuilder out, boolean hasFrames) {
    out.append("Traceback (most recent call first):\n");
    TracebackFormat.write(out, value, hasFrames ? "" : "Failure: ", false);
  }

  /**
   * The brief traceback: see the class description.
   *
   * @return text ending in a newline
   * @twisted twisted.python.failure.Failure.getBriefTraceback
   */
  public String getBriefTraceback() {
    return getTraceback(TracebackFormat.BRIEF);
  }

  /**
   * Writes {@link #getTraceback()} to {@code out}.
   *
   * @param out where to write; flushed, not closed
   * @twisted twisted.python.failure.Failure.printTraceback
   */
  public void printTraceback(PrintWriter out) {
    printTraceback(out, TracebackFormat.DEFAULT);
  }

  /**
   * Writes {@link #getTraceback(String)} to {@code out}.
   *
   * @param out where to write; flushed, not closed
   * @param detail {@code "brief"}, {@code "default"} or {@code "verbose"}
   * @throws IllegalArgumentException if {@code detail} is none of those; nothing is written
   * @twisted twisted.python.failure.Failure.printTraceback
   */
  public void printTraceback(PrintWriter out, String detail) {
    out.print(getTraceback(detail));
    out.flush();
  }

  /**
   * Writes the brief traceback to {@code out}.
   *
   * @param out where to write; flushed, not closed
   * @twisted twisted.python.failure.Failure.printBriefTraceback
   */
  public void printBriefTraceback(PrintWriter out) {
    printTraceback(out, TracebackFormat.BRIEF);
  }

  /**
   * Writes the verbose traceback to {@code out}.
   *
   * @param out where to write; flushed, not closed
   * @twisted twisted.python.failure.Failure.printDetailedTraceback
   */
  public void printDetailedTraceback(PrintWriter out) {
    printTraceback(out, TracebackFormat.VERBOSE);
  }

  /**
   * Reads like Twisted's repr:
   * {@code <dev.torsion.python.failure.Failure java.io.IOException: message>}.
   */
  @Override
  public String toString() {
    return "<" + Failure.class.getName() + " " + value.getClass().getName() + ": "
        + getErrorMessage() + ">";
  }
}
