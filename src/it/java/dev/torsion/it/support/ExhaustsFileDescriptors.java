package dev.torsion.it.support;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * Opens descriptors until the process hits EMFILE, and closes them again: Twisted's
 * {@code _ExhaustsFileDescriptors}, for tests of what a reactor does without descriptors.
 */
public final class ExhaustsFileDescriptors {
  private final Callable<? extends Closeable> factory;
  private final int limit;
  private final ArrayDeque<Closeable> opened = new ArrayDeque<>();

  /** Opens the null device, with no bound but EMFILE (as Twisted's). */
  public ExhaustsFileDescriptors() {
    this(ExhaustsFileDescriptors::openDevNull, Integer.MAX_VALUE);
  }

  /**
   * Opens what {@code factory} opens, with no bound but EMFILE.
   *
   * @param factory opens one descriptor
   */
  public ExhaustsFileDescriptors(Callable<? extends Closeable> factory) {
    this(factory, Integer.MAX_VALUE);
  }

  /**
   * Opens what {@code factory} opens, failing after {@code limit} without EMFILE, so that a
   * high descriptor limit cannot make it run away.
   *
   * @param factory opens one descriptor
   * @param limit the most it opens
   */
  public ExhaustsFileDescriptors(Callable<? extends Closeable> factory, int limit) {
    this.factory = factory;
    this.limit = limit;
  }

  /**
   * Opens the null device for reading: one descriptor.
   *
   * @return the open channel
   * @throws IOException if it cannot be opened (EMFILE, say)
   */
  public static Closeable openDevNull() throws IOException {
    return FileChannel.open(Path.of("/dev/null"), StandardOpenOption.READ);
  }

  /**
   * Opens until EMFILE; any other failure releases what was opened and is thrown.
   *
   * @throws Exception what the factory threw other than EMFILE
   * @throws IllegalStateException when the limit was reached without EMFILE
   */
  public void exhaust() throws Exception {
    try {
      while (opened.size() < limit) {
        try {
          opened.push(factory.call());
        } catch (IOException e) {
          if (String.valueOf(e.getMessage()).contains("Too many open files")) {
            return;
          }
          throw e;
        }
      }
      throw new IllegalStateException("opened " + limit + " descriptors without EMFILE");
    } catch (Exception | Error e) {
      release();
      throw e;
    }
  }

  /**
   * Closes everything opened; a close failure is thrown after the rest are closed.
   *
   * @throws IOException the first close failure
   */
  public void release() throws IOException {
    @Nullable IOException first = null;
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * How many descriptors are held.
   *
   * @return the count
   */
  public int count() {
    return opened.size();
  }
}
