package dev.torsion.it.builder;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Twisted's {@code _ExhaustsFileDescriptors}: opens the null device until the process runs out
 * of descriptors (EMFILE), and closes them all again. Meant for a child JVM whose limit was
 * lowered; bounded so a high limit cannot make it run away.
 */
public final class DescriptorExhauster {
  private static final int MAX = 100_000;
  private final List<FileChannel> held = new ArrayList<>();

  /** An exhauster holding nothing. */
  public DescriptorExhauster() {}

  /**
   * Opens descriptors until EMFILE.
   *
   * @return the error that ended it
   * @throws IllegalStateException if {@value #MAX} opened without EMFILE
   */
  public IOException exhaust() {
    Path devNull = Path.of("/dev/null");
    while (held.size() < MAX) {
      try {
        held.add(FileChannel.open(devNull, StandardOpenOption.READ));
      } catch (IOException e) {
        return e;
      }
    }
    throw new IllegalStateException("opened " + MAX + " descriptors without EMFILE");
  }

  /**
   * How many descriptors are held.
   *
   * @return the count
   */
  public int count() {
    return held.size();
  }

  /** Closes every descriptor held. */
  public void release() {
    for (FileChannel c : held) {
      try {
        c.close();
      } catch (IOException e) {
        // Closing the null device does not fail; nothing to do if it did.
      }
    }
    held.clear();
  }
}
