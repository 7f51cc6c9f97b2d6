package dev.torsion.internal.linux;

import dev.torsion.internet.interfaces.IFileDescriptor;
import dev.torsion.internet.interfaces.IReadDescriptor;
import dev.torsion.internet.interfaces.IWriteDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * The reader and writer watching one descriptor number through an {@link FdSetCore} (either may
 * be absent, or both the same object). A separate object rather than a base class because the
 * backends' watch entries already extend their own registration types ({@link Descriptor}, the
 * io_uring handle). Only the set changes the slots; a backend reads them to arm its interest.
 */
public final class WatchSlots {
  final int fd;
  @Nullable IReadDescriptor reader;
  @Nullable IWriteDescriptor writer;

  /**
   * Empty slots for a number.
   *
   * @param fd the watched number
   */
  public WatchSlots(int fd) {
    this.fd = fd;
  }

  /**
   * The reader, if any.
   *
   * @return the reader or null
   */
  public @Nullable IReadDescriptor reader() {
    return reader;
  }

  /**
   * The writer, if any.
   *
   * @return the writer or null
   */
  public @Nullable IWriteDescriptor writer() {
    return writer;
  }

  /**
   * Whether nobody watches the number any more.
   *
   * @return true with no reader and no writer
   */
  public boolean idle() {
    return reader == null && writer == null;
  }

  /** The object that stands for the number when it ends: the reader, else the writer. */
  @Nullable IFileDescriptor selectable() {
    return reader != null ? reader : writer;
  }

  @Override
  public String toString() {
    return "fd=" + fd + ", reader=" + reader + ", writer=" + writer;
  }
}
