package dev.torsion.internet.defer;

/**
 * The error a cancelled {@link Deferred} fails with, unless its canceller chose another.
 *
 * @twisted twisted.internet.defer.CancelledError
 */
public class CancelledError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public CancelledError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public CancelledError(String message) {
    super(message);
  }
}
