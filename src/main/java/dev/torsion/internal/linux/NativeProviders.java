package dev.torsion.internal.linux;

import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/** What the providers of the JNA reactors (epoll, poll, uring) share: the probe and the open. */
public final class NativeProviders {
  private NativeProviders() {}

  /** Opens one backend; an {@link IOException} means the kernel refuses it. */
  @FunctionalInterface
  public interface Opener<B extends IoBackend> {
    /**
     * Opens a backend.
     *
     * @return the backend
     * @throws IOException if the kernel refuses
     */
    B open() throws IOException;
  }

  /**
   * Why a JNA reactor cannot run here: the platform check, then opening and closing one backend.
   *
   * @param facility the kernel facility, for the message ("epoll")
   * @param opener opens a backend
   * @return the reason, or null when the reactor can run
   */
  public static @Nullable String probe(String facility, Opener<?> opener) {
    String cause = LinuxPlatform.unavailabilityCause();
    if (cause != null) {
      return cause;
    }
    try {
      opener.open().close();
      return null;
    } catch (IOException | RuntimeException | LinkageError e) {
      return "the kernel refuses " + facility + ": " + e.getMessage();
    }
  }

  /**
   * Opens the backend of a new reactor, or refuses with the probe's reason.
   *
   * @param reactor the reactor's name
   * @param cause the probe's reason, or null
   * @param what what is opened, for the message
   * @param opener opens the backend
   * @param <B> the backend type
   * @return the backend
   * @throws UnsupportedOperationException if {@code cause} is not null
   * @throws UncheckedIOException if the backend cannot be opened
   */
  public static <B extends IoBackend> B open(String reactor, @Nullable String cause, String what,
      Opener<B> opener) {
    if (cause != null) {
      throw new UnsupportedOperationException(
          "the " + reactor + " reactor cannot run here: " + cause);
    }
    try {
      return opener.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + what, e);
    }
  }
}
