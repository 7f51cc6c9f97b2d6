package dev.torsion.internet.error;

/**
 * Thrown when {@code run()} is called again on a reactor that has already run and stopped.
 *
 * @twisted twisted.internet.error.ReactorNotRestartable
 */
public final class ReactorNotRestartable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public ReactorNotRestartable() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what was attempted
   */
  public ReactorNotRestartable(String message) {
    super(message);
  }
}
