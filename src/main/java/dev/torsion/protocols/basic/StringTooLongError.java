package dev.torsion.protocols.basic;

/**
 * Thrown by {@link IntNStringReceiver#sendString} for a string too long for the length
 * prefix.
 *
 * <p><b>Differences from Twisted.</b> Twisted's subclasses {@code AssertionError}; an unchecked
 * {@link IllegalArgumentException} is the Java idiom for a bad argument.
 *
 * @twisted twisted.protocols.basic.StringTooLongError
 */
public final class StringTooLongError extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message.
   *
   * @param message what was too long, and the limit
   */
  public StringTooLongError(String message) {
    super(message);
  }
}
