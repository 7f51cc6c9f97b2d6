package dev.torsion.internet.defer;

import dev.torsion.internal.defer.FilesystemLock;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.python.failure.Failure;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An inter-process lock on a filesystem path, with a Deferred that fires once it is taken.
 *
 * <p>The lock is a symbolic link at {@code name} whose target is the owner's process id, made
 * atomically; a lock left by a process that no longer exists is stale and is taken over
 * ({@link #clean()} is then false). {@link #lock()} tries once; {@link #deferUntilLocked} tries
 * now and then once a second on the scheduler until it succeeds, is cancelled or times out.
 *
 * <p><b>Threading.</b> Not thread-safe: use it on the scheduler's thread. Other processes are
 * what it excludes; two objects in one process on the same path also exclude each other, but
 * the lock is not re-entrant.
 *
 * <p><b>Errors.</b> {@link #deferUntilLocked} fails with {@link TimeoutError} after its timeout,
 * with {@link CancelledError} when cancelled while still waiting, and with
 * {@link AlreadyTryingToLockError} while an earlier call on this object is still waiting. I/O
 * errors other than the lock existing are thrown as {@link UncheckedIOException} by
 * {@link #lock()}; a periodic retry that meets one fails the Deferred with it.
 *
 * <p><b>Differences from Twisted.</b> Without a scheduler the global reactor
 * ({@link Reactors#current()}) schedules, as Twisted defaults to {@code twisted.internet.reactor};
 * tests pass a {@code task.Clock}. Windows' non-atomic fallback is not provided. After a
 * timeout the object is ready for another {@code deferUntilLocked} with a timeout (Twisted
 * keeps the spent timer and would not time out the next wait).
 *
 * @twisted twisted.internet.defer.DeferredFilesystemLock
 */
public final class DeferredFilesystemLock {
  private static final double INTERVAL = 1.0;

  private final FilesystemLock lock;
  private final IReactorTime scheduler;
  private @Nullable IDelayedCall tryLockCall;
  private @Nullable IDelayedCall timeoutCall;

  /**
   * Creates the lock object; nothing happens on disk until it is locked.
   *
   * @param name the path of the lock
   * @param scheduler schedules the retries and the timeout (the reactor, or a {@code task.Clock})
   * @twisted twisted.internet.defer.DeferredFilesystemLock.__init__
   */
  public DeferredFilesystemLock(String name, IReactorTime scheduler) {
    this.lock = new FilesystemLock(Path.of(name));
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  /**
   * Creates the lock object with the global reactor ({@link Reactors#current()}) as its
   * scheduler; nothing happens on disk until it is locked.
   *
   * @param name the path of the lock
   * @twisted twisted.internet.defer.DeferredFilesystemLock.__init__
   */
  public DeferredFilesystemLock(String name) {
    this(name, Reactors.current());
  }

  /** The scheduler of retries and timeouts, for tests (Twisted's {@code _scheduler}). */
  IReactorTime scheduler() {
    return scheduler;
  }

  /**
   * The path of the lock.
   *
   * @return the name given at construction
   * @twisted twisted.python.lockfile.FilesystemLock.name
   */
  public String name() {
    return lock.name().toString();
  }

  /**
   * Whether this object holds the lock.
   *
   * @return true when held
   * @twisted twisted.python.lockfile.FilesystemLock.locked
   */
  public boolean locked() {
    return lock.locked();
  }

  /**
   * Whether the last successful lock found no stale lock left by a dead process.
   *
   * @return true when the previous owner released it cleanly
   * @twisted twisted.python.lockfile.FilesystemLock.clean
   */
  public boolean clean() {
    return lock.clean();
  }

  /**
   * Tries once to take the lock.
   *
   * @return true if this object now holds it, false if a live process holds it
   * @throws UncheckedIOException for an I/O error other than the lock existing, or when
   *     something other than a lock (a file, a link to no pid) is at the path; it is left alone
   * @twisted twisted.python.lockfile.FilesystemLock.lock
   */
  public boolean lock() {
    return lock.lock();
  }

  /**
   * Releases the lock.
   *
   * @throws IllegalStateException if this process does not hold it
   * @throws UncheckedIOException if it cannot be read or removed
   * @twisted twisted.python.lockfile.FilesystemLock.unlock
   */
  public void unlock() {
    lock.unlock();
  }

  /**
   * Waits, without a time limit, until this object holds the lock.
   *
   * @return a Deferred that fires with null once locked
   * @twisted twisted.internet.defer.DeferredFilesystemLock.deferUntilLocked
   */
  public Deferred<@Nullable Void> deferUntilLocked() {
    return waitForLock(null);
  }

  /**
   * Waits until this object holds the lock, for at most {@code timeout} seconds.
   *
   * @param timeout seconds before giving up
   * @return a Deferred that fires with null once locked, or fails with {@link TimeoutError}
   * @throws IllegalArgumentException if {@code timeout} is negative or not a number
   * @twisted twisted.internet.defer.DeferredFilesystemLock.deferUntilLocked
   */
  public Deferred<@Nullable Void> deferUntilLocked(double timeout) {
    if (!(timeout >= 0)) {
      throw new IllegalArgumentException("timeout must be >= 0, got " + timeout);
    }
    return waitForLock(timeout);
  }

  private Deferred<@Nullable Void> waitForLock(@Nullable Double timeout) {
    if (tryLockCall != null) {
      return Defer.fail(
          new AlreadyTryingToLockError("deferUntilLocked isn't safe for concurrent use."));
    }
    Deferred<@Nullable Void> d = new Deferred<>(self -> stopWaiting(self, new CancelledError()));
    tryLock(d, timeout);
    return d;
  }

  private void tryLock(Deferred<@Nullable Void> d, @Nullable Double timeout) {
    boolean taken;
    try {
      taken = lock.lock();
    } catch (UncheckedIOException e) {
      stopTimers();
      d.errback(e);
      return;
    }
    if (taken) {
      stopTimers();
      d.callback(null);
      return;
    }
    if (timeout != null && timeoutCall == null) {
      timeoutCall = scheduler.callLater(timeout, () -> {
        timeoutCall = null;
        stopWaiting(d, new TimeoutError(timeout, "acquiring lock " + name()));
      });
    }
    tryLockCall = scheduler.callLater(INTERVAL, () -> {
      tryLockCall = null;
      tryLock(d, timeout);
    });
  }

  /** Ends a wait early: one last try, else {@code reason}. */
  private void stopWaiting(Deferred<@Nullable Void> d, Throwable reason) {
    stopTimers();
    boolean taken;
    try {
      taken = lock.lock();
    } catch (UncheckedIOException e) {
      d.errback(e);
      return;
    }
    if (taken) {
      d.callback(null);
    } else {
      d.errback(new Failure(reason));
    }
  }

  private void stopTimers() {
    IDelayedCall retry = tryLockCall;
    tryLockCall = null;
    if (retry != null && retry.active()) {
      retry.cancel();
    }
    IDelayedCall timer = timeoutCall;
    timeoutCall = null;
    if (timer != null && timer.active()) {
      timer.cancel();
    }
  }
}
