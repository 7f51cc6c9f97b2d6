package dev.torsion.internet.error;

/**
 * Thrown when {@code run()} is called on a reactor that is already running.
 *
 * @twisted twisted.internet.error.ReactorAlreadyRunning
 */
public final class ReactorAlreadyRunning extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ReactorAlreadyRunning() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what was attempted
   */
  public ReactorAlreadyRunning(String message) {
    super(message);
  }
}
