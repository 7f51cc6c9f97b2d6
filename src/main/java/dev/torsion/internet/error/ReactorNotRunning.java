package dev.torsion.internet.error;

/**
 * Thrown when {@code stop()} is called on a reactor that is not running.
 *
 * @twisted twisted.internet.error.ReactorNotRunning
 */
public final class ReactorNotRunning extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ReactorNotRunning() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what was attempted
   */
  public ReactorNotRunning(String message) {
    super(message);
  }
}
