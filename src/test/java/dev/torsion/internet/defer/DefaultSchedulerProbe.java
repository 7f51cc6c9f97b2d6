package dev.torsion.internet.defer;

import dev.torsion.internet.reactor.Reactors;
import dev.torsion.internet.task.Task;
import java.util.List;

/**
 * Run in a child JVM by {@link DeferredFilesystemLockTest}: a lock made without a scheduler waits
 * on the global reactor.
 */
public final class DefaultSchedulerProbe {
  private DefaultSchedulerProbe() {}

  /**
   * Checks the default scheduler, then waits for a lock another object holds for 0.1 s.
   *
   * @param args the lock's path
   */
  public static void main(String[] args) {
    DeferredFilesystemLock lock = new DeferredFilesystemLock(args[0]);
    System.out.println("defaultScheduler=" + (lock.scheduler() == Reactors.current()));
    DeferredFilesystemLock holder = new DeferredFilesystemLock(args[0]);
    System.out.println("holderLocked=" + holder.lock());
    Task.react((reactor, argv) -> {
      reactor.callLater(0.1, holder::unlock);
      return lock.deferUntilLocked(10).addCallback(ignored -> {
        System.out.println("locked=" + lock.locked());
        lock.unlock();
        return null;
      });
    }, List.of());
  }
}
