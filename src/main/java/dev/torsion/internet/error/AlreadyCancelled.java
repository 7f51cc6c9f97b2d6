package dev.torsion.internet.error;

/**
 * Thrown by {@code IDelayedCall} operations when the call was already cancelled.
 *
 * @twisted twisted.internet.error.AlreadyCancelled
 */
public final class AlreadyCancelled extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what was attempted
   */
  public AlreadyCancelled(String message) {
    super(message);
  }
}
