package dev.torsion.internet.defer;

import static dev.torsion.trial.SynchronousTestCase.assertNoResult;
import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.task.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class DeferredFilesystemLockTest {
  private Path dir;
  private Clock clock;
  private DeferredFilesystemLock lock;

  @BeforeMethod
  public void setUp() throws IOException {
    UnhandledErrors.flushPending();
    dir = Files.createTempDirectory("torsion-fslock");
    clock = new Clock();
    lock = new DeferredFilesystemLock(dir.resolve("lock").toString(), clock);
  }

  @AfterMethod(alwaysRun = true)
  public void tearDown() throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
        Files.deleteIfExists(p);
      }
    }
    assertEquals(UnhandledErrors.flushPending(), List.of());
  }

  private List<IDelayedCall> activeCalls() {
    return clock.getDelayedCalls().stream().filter(IDelayedCall::active).toList();
  }

  /** twisted.test.test_defer.DeferredFilesystemLockTests.test_waitUntilLockedWithNoLock */
  @Test
  public void test_waitUntilLockedWithNoLock() {
    Deferred<Void> d = lock.deferUntilLocked(1);
    assertNull(successResultOf(d));
    assertTrue(lock.locked());
    assertTrue(Files.isSymbolicLink(Path.of(lock.name())));
    assertEquals(activeCalls(), List.of());
  }

  /** twisted.test.test_defer.DeferredFilesystemLockTests.test_waitUntilLockedWithTimeoutLocked */
  @Test
  public void test_waitUntilLockedWithTimeoutLocked() {
    assertTrue(lock.lock());
    Deferred<Void> d = lock.deferUntilLocked(5.5);
    for (int i = 0; i < 5; i++) {
      clock.advance(1);
    }
    assertNoResult(d);
    clock.pump(1, 1, 1, 1, 1);
    failureResultOf(d, TimeoutError.class);
    assertEquals(activeCalls(), List.of());
  }

  /** twisted.test.test_defer.DeferredFilesystemLockTests.test_waitUntilLockedWithTimeoutUnlocked */
  @Test
  public void test_waitUntilLockedWithTimeoutUnlocked() {
    assertTrue(lock.lock());
    clock.callLater(1, lock::unlock);
    Deferred<Void> d = lock.deferUntilLocked(10);
    clock.pump(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
    assertNull(successResultOf(d));
    assertTrue(lock.locked());
    assertEquals(activeCalls(), List.of(), "the timeout must be cancelled");
  }

  /** twisted.test.test_defer.DeferredFilesystemLockTests.test_concurrentUsage */
  @Test
  public void test_concurrentUsage() {
    lock.lock();
    clock.callLater(1, lock::unlock);
    Deferred<Void> d1 = lock.deferUntilLocked();
    Deferred<Void> d2 = lock.deferUntilLocked();
    failureResultOf(d2, AlreadyTryingToLockError.class);
    clock.advance(1);
    assertNull(successResultOf(d1));
  }

  /** twisted.test.test_defer.DeferredFilesystemLockTests.test_multipleUsages */
  @Test
  public void test_multipleUsages() {
    lock.lock();
    clock.callLater(1, lock::unlock);
    Deferred<Void> d = lock.deferUntilLocked().addCallbackDeferred(ignored -> {
      lock.unlock();
      return lock.deferUntilLocked();
    });
    clock.advance(1);
    assertNull(successResultOf(d));
    assertTrue(lock.locked());
  }

  /** twisted.test.test_defer.DeferredFilesystemLockTests.test_cancelDeferUntilLocked */
  @Test
  public void test_cancelDeferUntilLocked() {
    lock.lock();
    Deferred<Void> deferred = lock.deferUntilLocked();
    List<IDelayedCall> tryLockCalls = activeCalls();
    assertEquals(tryLockCalls.size(), 1);
    deferred.cancel();
    assertFalse(tryLockCalls.get(0).active());
    assertEquals(activeCalls(), List.of());
    failureResultOf(deferred, CancelledError.class);
    // Nothing is left trying: a new wait is not refused as concurrent.
    lock.unlock();
    assertNull(successResultOf(lock.deferUntilLocked()));
  }

  /** twisted.test.test_defer.DeferredFilesystemLockTests.test_cancelDeferUntilLockedWithTimeout */
  @Test
  public void test_cancelDeferUntilLockedWithTimeout() {
    lock.lock();
    Deferred<Void> deferred = lock.deferUntilLocked(1);
    List<IDelayedCall> calls = activeCalls();
    assertEquals(calls.size(), 2, "a retry and a timeout");
    deferred.cancel();
    for (IDelayedCall call : calls) {
      assertFalse(call.active());
    }
    failureResultOf(deferred, CancelledError.class);
  }

  @Test
  public void anotherObjectOnTheSamePathIsExcluded() {
    DeferredFilesystemLock other = new DeferredFilesystemLock(lock.name(), clock);
    assertTrue(lock.lock());
    assertTrue(lock.clean());
    assertFalse(other.lock());
    assertFalse(other.locked());
    lock.unlock();
    assertFalse(Files.exists(Path.of(lock.name()), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertTrue(other.lock());
  }

  @Test
  public void aLockLeftByADeadProcessIsTakenOverAndReportedUnclean() throws IOException {
    Files.createSymbolicLink(Path.of(lock.name()), Path.of(Long.toString(Long.MAX_VALUE)));
    assertTrue(lock.lock());
    assertFalse(lock.clean());
    assertEquals(Files.readSymbolicLink(Path.of(lock.name())).toString(),
        Long.toString(ProcessHandle.current().pid()));
  }

  @Test
  public void unlockingALockThisProcessDoesNotHoldIsAnError() throws IOException {
    assertThrows(IllegalStateException.class, lock::unlock);
    Files.createSymbolicLink(Path.of(lock.name()), Path.of(Long.toString(Long.MAX_VALUE)));
    assertThrows(IllegalStateException.class, lock::unlock);
  }

  @Test
  public void somethingThatIsNotALockIsNeitherTakenNorDeleted() throws IOException {
    Path path = Path.of(lock.name());
    Files.writeString(path, "precious");
    assertThrows(java.io.UncheckedIOException.class, lock::lock);
    assertEquals(Files.readString(path), "precious");
    Files.delete(path);
    Files.createSymbolicLink(path, Path.of("not-a-pid"));
    assertThrows(java.io.UncheckedIOException.class, lock::lock);
    assertTrue(Files.isSymbolicLink(path));
  }

  @Test
  public void aNegativeTimeoutIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> lock.deferUntilLocked(-1));
    assertThrows(IllegalArgumentException.class, () -> lock.deferUntilLocked(Double.NaN));
  }

  @Test
  public void afterATimeoutTheNextWaitTimesOutToo() {
    assertTrue(lock.lock());
    Deferred<Void> first = lock.deferUntilLocked(2);
    clock.pump(1, 1);
    failureResultOf(first, TimeoutError.class);
    Deferred<Void> second = lock.deferUntilLocked(2);
    clock.pump(1, 1);
    failureResultOf(second, TimeoutError.class);
  }

  /** twisted.test.test_defer.DeferredFilesystemLockTests.test_defaultScheduler */
  @Test
  public void test_defaultScheduler() throws Exception {
    dev.torsion.internet.task.ChildJvm.Result r = dev.torsion.internet.task.ChildJvm.run(
        DefaultSchedulerProbe.class, dir.resolve("global-lock").toString());
    assertEquals(r.exitCode, 0, r.toString());
    assertTrue(r.output.contains("defaultScheduler=true"), r.toString());
    assertTrue(r.output.contains("holderLocked=true"), r.toString());
    assertTrue(r.output.contains("locked=true"), r.toString());
  }
}
