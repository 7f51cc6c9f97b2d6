package dev.torsion.python.failure;

/**
 * The error a {@link Failure} made from a bare message wraps.
 *
 * @twisted twisted.python.failure.DefaultException
 */
public final class DefaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the message
   */
  public DefaultException(String message) {
    super(message);
  }
}
