package dev.torsion.bench;

/**
 * The one exception type every error-path benchmark throws, created the same way for all three
 * libraries so that exception costs do not differ between them.
 */
final class BenchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the message
   * @param stackTrace whether to capture a stack trace (the usual, costly case) or not
   */
  BenchException(String message, boolean stackTrace) {
    super(message, null, false, stackTrace);
  }
}
