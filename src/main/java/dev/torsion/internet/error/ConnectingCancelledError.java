package dev.torsion.internet.error;

import dev.torsion.internet.interfaces.IAddress;
import org.jspecify.annotations.Nullable;

/**
 * A connection attempt was cancelled; carries the address being connected to.
 *
 * @twisted twisted.internet.error.ConnectingCancelledError
 */
public final class ConnectingCancelledError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient @Nullable IAddress address;

  /** Creates the error with no message. */
  public ConnectingCancelledError() {
    super();
    this.address = null;
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public ConnectingCancelledError(@Nullable String message) {
    super(message);
    this.address = null;
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public ConnectingCancelledError(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
    this.address = null;
  }

  /**
   * Creates the error for a cancelled attempt to connect to {@code address}.
   *
   * @param address the address that was being connected to
   */
  public ConnectingCancelledError(IAddress address) {
    super(String.valueOf(address));
    this.address = address;
  }

  /**
   * The address that was being connected to, when known.
   *
   * @return the address, or null if the error was made without one
   * @twisted twisted.internet.error.ConnectingCancelledError.address
   */
  public @Nullable IAddress address() {
    return address;
  }
}
