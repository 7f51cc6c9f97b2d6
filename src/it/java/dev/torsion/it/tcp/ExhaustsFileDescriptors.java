package dev.torsion.it.tcp;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;

/**
 * Opens descriptors until the process hits EMFILE, and closes them again: Twisted's
 * {@code _ExhaustsFileDescriptors}, for tests of what a reactor does without descriptors.
 */
final class ExhaustsFileDescriptors {
  private final Callable<? extends Closeable> factory;
  private final ArrayDeque<Closeable> opened = new ArrayDeque<>();

  ExhaustsFileDescriptors() {
    this(() -> FileChannel.open(Path.of("/dev/null"), StandardOpenOption.READ));
  }

  ExhaustsFileDescriptors(Callable<? extends Closeable> factory) {
    this.factory = factory;
  }

  /** Opens until EMFILE; any other failure releases what was opened and is thrown. */
  void exhaust() throws Exception {
    try {
      while (true) {
        try {
          opened.push(factory.call());
        } catch (IOException e) {
          if (String.valueOf(e.getMessage()).contains("Too many open files")) {
            return;
          }
          throw e;
        }
      }
    } catch (Exception | Error e) {
      release();
      throw e;
    }
  }

  /** Closes everything opened; a close failure is thrown after the rest are closed. */
  void release() throws IOException {
    IOException first = null;
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

  int count() {
    return opened.size();
  }
}
