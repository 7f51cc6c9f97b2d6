package dev.torsion.protocols.basic;

/**
 * The bytes received are not a valid netstring. {@link NetstringReceiver} does not throw it to
 * the application: it closes the connection, and the error is logged at DEBUG.
 *
 * <p><b>Differences from Twisted.</b> Twisted's subclasses {@code ValueError}; this one
 * {@link IllegalArgumentException}.
 *
 * @twisted twisted.protocols.basic.NetstringParseError
 */
public final class NetstringParseError extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message.
   *
   * @param message what is wrong with the netstring
   */
  public NetstringParseError(String message) {
    super(message);
  }
}
