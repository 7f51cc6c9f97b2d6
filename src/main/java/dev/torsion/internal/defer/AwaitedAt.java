package dev.torsion.internal.defer;

/**
 * Added as a suppressed exception to an error thrown into an inlineCallbacks body at an
 * {@code await}, so the error's traceback shows that body's stack too, as Python's traceback
 * grows by a frame each time a generator re-raises an error. Java cannot extend the stack of the
 * original Throwable, and the body must get that very object, so this is the Java way.
 */
public final class AwaitedAt extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** More than this many already on one error (a body rethrowing one error in a loop): stop. */
  private static final int MAX_PER_ERROR = 64;

  private AwaitedAt() {
    super("thrown into an inlineCallbacks body at its await", null, false, true);
    setStackTrace(bodyFrames(getStackTrace()));
  }

  /** Records the current body's stack on {@code error}, and returns {@code error}. */
  static Throwable record(Throwable error) {
    if (error.getSuppressed().length < MAX_PER_ERROR) {
      error.addSuppressed(new AwaitedAt());
    }
    return error;
  }

  /**
   * The frames of the body alone: without the machinery on top (this class, InlineFiber) and
   * without the thread plumbing underneath the body's entry.
   */
  private static StackTraceElement[] bodyFrames(StackTraceElement[] stack) {
    int top = 0;
    while (top < stack.length && isMachinery(stack[top])) {
      top++;
    }
    int bottom = stack.length;
    while (bottom > top && isPlumbing(stack[bottom - 1])) {
      bottom--;
    }
    StackTraceElement[] frames = new StackTraceElement[bottom - top];
    System.arraycopy(stack, top, frames, 0, frames.length);
    return frames;
  }

  private static boolean isMachinery(StackTraceElement frame) {
    String c = frame.getClassName();
    return c.equals(AwaitedAt.class.getName()) || c.startsWith(InlineFiber.class.getName());
  }

  private static boolean isPlumbing(StackTraceElement frame) {
    String c = frame.getClassName();
    return isMachinery(frame) || c.startsWith("java.") || c.startsWith("jdk.internal.");
  }
}
