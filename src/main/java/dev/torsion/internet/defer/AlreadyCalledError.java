package dev.torsion.internet.defer;

/**
 * A {@link Deferred} was fired a second time. In debug mode ({@link Deferred#setDebugging})
 * the message shows where it was created and first fired.
 *
 * @twisted twisted.internet.defer.AlreadyCalledError
 */
public class AlreadyCalledError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public AlreadyCalledError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public AlreadyCalledError(String message) {
    super(message);
  }
}
