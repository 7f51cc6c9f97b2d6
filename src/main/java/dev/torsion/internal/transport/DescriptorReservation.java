package dev.torsion.internal.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file descriptor held in reserve so a listening port can still accept-and-close a
 * connection when the process has run out of descriptors (EMFILE): without it, the waiting
 * connection stays in the backlog, the port stays readable, and the peer hangs. Twisted keeps
 * the same reserve ({@code _FileDescriptorReservation}).
 *
 * <p>Use: {@link #reserve()} once; on EMFILE, {@code try (var r = reservation.release()) {
 * accept and close }}, which gives the descriptor up for the accept and takes it back after.
 */
public interface DescriptorReservation {
  /**
   * Whether a descriptor is held now.
   *
   * @return true if {@link #release()} may be called
   */
  boolean available();

  /**
   * Takes a descriptor if none is held. EMFILE is logged, not thrown.
   *
   * @throws UncheckedIOException on any other failure to open the file
   */
  void reserve();

  /**
   * Gives the descriptor up for the caller's use until the returned handle is closed, which
   * reserves again (logging, not throwing, a failure to).
   *
   * @return the handle
   * @throws IllegalStateException if none is held
   */
  Released release();

  /**
   * Closes the held descriptor for good: the reactor owning the reservation has stopped.
   * Twisted keeps one for the process; here each reactor keeps one, so without this every
   * stopped reactor would leak a descriptor. A later {@link #reserve()} takes one again.
   */
  void dispose();

  /** The period during which the reserved descriptor is given up. */
  interface Released extends AutoCloseable {
    /** Takes the descriptor back. */
    @Override
    void close();
  }

  /**
   * The platform's reservation: on the null device where there is one, else one holding nothing.
   *
   * @return a reservation, not yet reserved
   */
  static DescriptorReservation forPlatform() {
    Path devNull = Path.of("/dev/null");
    if (Files.exists(devNull)) {
      return new FileReservation(() -> Files.newByteChannel(devNull, StandardOpenOption.READ));
    }
    return NullReservation.INSTANCE;
  }

  /**
   * A reservation holding a file opened by {@code fileFactory}.
   *
   * @param fileFactory opens the reserved file
   * @return the reservation, not yet reserved
   */
  static DescriptorReservation ofFile(Callable<? extends Closeable> fileFactory) {
    return new FileReservation(fileFactory);
  }

  /**
   * The reservation that holds nothing, for platforms without the problem.
   *
   * @return the shared instance
   */
  static DescriptorReservation none() {
    return NullReservation.INSTANCE;
  }

  /** Holds nothing: never available, and release is a no-op. */
  enum NullReservation implements DescriptorReservation, Released {
    INSTANCE;

    @Override
    public boolean available() {
      return false;
    }

    @Override
    public void reserve() {}

    @Override
    public Released release() {
      return this;
    }

    @Override
    public void dispose() {}

    @Override
    public void close() {}
  }

  /** Holds one open file. */
  final class FileReservation implements DescriptorReservation {
    private static final Logger LOG = LoggerFactory.getLogger(DescriptorReservation.class);
    private final Callable<? extends Closeable> fileFactory;
    private @Nullable Closeable file;

    FileReservation(Callable<? extends Closeable> fileFactory) {
      this.fileFactory = fileFactory;
    }

    @Override
    public boolean available() {
      return file != null;
    }

    @Override
    public void reserve() {
      if (file != null) {
        return;
      }
      try {
        file = fileFactory.call();
      } catch (IOException e) {
        if (!SocketErrors.isEMFILE(e)) {
          throw new UncheckedIOException(e);
        }
        LOG.error("Could not reserve EMFILE recovery file descriptor.", e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void dispose() {
      Closeable f = file;
      file = null;
      if (f != null) {
        try {
          f.close();
        } catch (IOException e) {
          LOG.warn("Could not close the reserved descriptor", e);
        }
      }
    }

    @Override
    public Released release() {
      Closeable f = file;
      if (f == null) {
        throw new IllegalStateException("No file reserved");
      }
      file = null;
      try {
        f.close();
      } catch (IOException e) {
        LOG.warn("Could not close the reserved descriptor", e);
      }
      return () -> {
        try {
          reserve();
        } catch (RuntimeException e) {
          LOG.error("Could not re-reserve EMFILE recovery file descriptor.", e);
        }
      };
    }
  }
}
