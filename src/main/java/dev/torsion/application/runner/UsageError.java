package dev.torsion.application.runner;

/**
 * A command line the runner cannot use: its message is the one line printed before the usage
 * hint, and the exit status is 2.
 */
final class UsageError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageError(String message) {
    super(message);
  }
}
