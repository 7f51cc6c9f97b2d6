package dev.torsion.internal.defer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;

/**
 * An inter-process mutex held as a symbolic link whose target is the owner's pid, as Twisted's
 * {@code twisted.python.lockfile.FilesystemLock}.
 *
 * <p>Why a symlink: creating one is atomic and fails if the name exists, and its target is
 * written in the same step, so nobody ever sees a lock without an owner. A lock whose owner
 * process is gone is stale: it is removed and taken, and {@link #clean()} says so.
 */
public final class FilesystemLock {
  /** {@link #readOwner()}: the link does not exist. */
  private static final long GONE = -1;

  private final Path name;
  private boolean locked;
  private boolean clean;

  /**
   * Creates a lock on {@code name}; nothing happens on disk until {@link #lock()}.
   *
   * @param name the path of the link
   */
  public FilesystemLock(Path name) {
    this.name = name;
  }

  /**
   * The path of the link.
   *
   * @return the path
   */
  public Path name() {
    return name;
  }

  /**
   * Whether this object holds the lock.
   *
   * @return true after a successful {@link #lock()} until {@link #unlock()}
   */
  public boolean locked() {
    return locked;
  }

  /**
   * Whether the last successful {@link #lock()} found no stale lock left by a dead owner.
   *
   * @return true when the previous owner unlocked cleanly
   */
  public boolean clean() {
    return clean;
  }

  /**
   * Tries to take the lock, without waiting.
   *
   * @return true if this object now holds it; false if a live process (maybe this one) does
   * @throws UncheckedIOException for an I/O error other than the lock existing
   */
  public boolean lock() {
    boolean wasClean = true;
    String pid = Long.toString(ProcessHandle.current().pid());
    while (true) {
      try {
        Files.createSymbolicLink(name, Path.of(pid));
      } catch (FileAlreadyExistsException e) {
        long owner = readOwner();
        if (owner == GONE) {
          continue; // vanished between our attempt and the read: try again
        }
        if (ProcessHandle.of(owner).isPresent()) {
          return false;
        }
        // The owner is dead: the lock is stale.
        try {
          Files.deleteIfExists(name);
        } catch (IOException ioe) {
          throw new UncheckedIOException(ioe);
        }
        wasClean = false;
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      locked = true;
      clean = wasClean;
      return true;
    }
  }

  /**
   * The owner's pid, or {@link #GONE}. Something at {@code name} that is not a link to a pid is
   * not ours to delete: that is an error, as in Twisted.
   */
  private long readOwner() {
    Path target;
    try {
      target = Files.readSymbolicLink(name);
    } catch (NoSuchFileException e) {
      return GONE;
    } catch (NotLinkException e) {
      throw new UncheckedIOException(new IOException(name + " exists and is not a lock", e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return Long.parseLong(target.toString());
    } catch (NumberFormatException e) {
      throw new UncheckedIOException(
          new IOException(name + " is not a lock: it links to " + target));
    }
  }

  /**
   * Gives the lock up by removing the link.
   *
   * @throws IllegalStateException if this process does not own the lock
   * @throws UncheckedIOException if the link cannot be read or removed
   */
  public void unlock() {
    if (readOwner() != ProcessHandle.current().pid()) {
      throw new IllegalStateException("Lock " + name + " not owned by this process");
    }
    try {
      Files.delete(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    locked = false;
  }
}
