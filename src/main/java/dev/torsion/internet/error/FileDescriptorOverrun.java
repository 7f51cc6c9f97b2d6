package dev.torsion.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * More file descriptors arrived than the protocol was ready for.
 *
 * @twisted twisted.internet.error.FileDescriptorOverrun
 */
public final class FileDescriptorOverrun extends ConnectionLost {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public FileDescriptorOverrun() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public FileDescriptorOverrun(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the error with its cause.
   *
   * @param message what happened
   * @param cause the underlying error, such as the {@link java.io.IOException} from the socket
   */
  public FileDescriptorOverrun(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
