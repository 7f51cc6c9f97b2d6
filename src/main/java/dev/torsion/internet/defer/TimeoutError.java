package dev.torsion.internet.defer;

/**
 * The error a {@link Deferred} fails with when {@link Deferred#addTimeout} cancels it.
 *
 * @twisted twisted.internet.defer.TimeoutError
 */
public final class TimeoutError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param timeoutSeconds the timeout that expired
   * @param what what timed out, as {@code "Deferred"}
   */
  public TimeoutError(double timeoutSeconds, String what) {
    super(what + " timed out after " + formatSeconds(timeoutSeconds) + " seconds");
  }

  private static String formatSeconds(double seconds) {
    return seconds == Math.rint(seconds) && !Double.isInfinite(seconds)
        ? Long.toString((long) seconds) : Double.toString(seconds);
  }
}
