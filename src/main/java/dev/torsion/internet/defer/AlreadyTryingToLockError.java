package dev.torsion.internet.defer;

/**
 * A second concurrent attempt to take the same filesystem lock.
 *
 * @twisted twisted.internet.defer.AlreadyTryingToLockError
 */
public class AlreadyTryingToLockError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public AlreadyTryingToLockError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public AlreadyTryingToLockError(String message) {
    super(message);
  }
}
