package dev.torsion.internet.error;

/**
 * Thrown by {@code IDelayedCall} operations when the call has already run.
 *
 * @twisted twisted.internet.error.AlreadyCalled
 */
public final class AlreadyCalled extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what was attempted
   */
  public AlreadyCalled(String message) {
    super(message);
  }
}
