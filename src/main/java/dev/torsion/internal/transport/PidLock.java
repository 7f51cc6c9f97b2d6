package dev.torsion.internal.transport;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A lock file naming its owner's process, as Twisted's {@code lockfile.FilesystemLock}: a
 * symbolic link whose target is the owner's PID. Making a symbolic link is atomic and fails if
 * one exists, so two processes cannot both hold it; a link naming a dead process is stale and is
 * taken over (then {@link #clean()} is false). The format is Twisted's, so a Twisted server's
 * lock is seen by a Torsion client and the other way round.
 */
public final class PidLock {
  /** How often a lock is retried when another process races us for a stale one. */
  private static final int ATTEMPTS = 10;

  private final Path name;
  private boolean locked;
  private boolean clean = true;

  /**
   * A lock, not yet taken.
   *
   * @param name the lock file
   */
  public PidLock(Path name) {
    this.name = name;
  }

  /**
   * Takes the lock if no live process holds it.
   *
   * @return true if this process holds it now
   * @throws IOException if the link cannot be made for another reason
   */
  public boolean lock() throws IOException {
    String me = Long.toString(ProcessHandle.current().pid());
    boolean wasClean = true;
    for (int i = 0; i < ATTEMPTS; i++) {
      try {
        Files.createSymbolicLink(name, Path.of(me));
        locked = true;
        clean = wasClean;
        return true;
      } catch (FileAlreadyExistsException e) {
        Long owner = owner();
        if (owner == null) {
          continue; // released between our two calls: try again
        }
        if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
          return false;
        }
        // The owner died without unlocking: the lock is stale and ours to take.
        Files.deleteIfExists(name);
        wasClean = false;
      }
    }
    return false;
  }

  /**
   * Releases the lock, which this process must hold.
   *
   * @throws IOException if the link cannot be removed
   * @throws IllegalStateException if another process holds the lock
   */
  public void unlock() throws IOException {
    Long owner = owner();
    if (owner == null || owner.longValue() != ProcessHandle.current().pid()) {
      throw new IllegalStateException("lock " + name + " is held by " + owner + ", not us");
    }
    Files.deleteIfExists(name);
    locked = false;
  }

  /**
   * Whether {@link #lock()} last succeeded without taking over a stale lock.
   *
   * @return false if a dead process's lock was removed
   */
  public boolean clean() {
    return clean;
  }

  /**
   * Whether this object holds the lock.
   *
   * @return true between a successful {@link #lock()} and {@link #unlock()}
   */
  public boolean locked() {
    return locked;
  }

  /**
   * Whether a live process holds the lock named {@code name}, as Twisted's
   * {@code lockfile.isLocked}: true also when this very process holds it.
   *
   * @param name the lock file
   * @return true if locked
   * @throws IOException if the lock cannot be probed
   */
  public static boolean isLocked(Path name) throws IOException {
    PidLock l = new PidLock(name);
    if (l.lock()) {
      l.unlock();
      return false;
    }
    return true;
  }

  private @Nullable Long owner() throws IOException {
    try {
      return Long.parseLong(Files.readSymbolicLink(name).toString());
    } catch (NoSuchFileException e) {
      return null;
    } catch (NumberFormatException e) {
      throw new IOException("lock " + name + " does not name a process", e);
    }
  }
}
