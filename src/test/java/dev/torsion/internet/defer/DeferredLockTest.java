package dev.torsion.internet.defer;

import java.lang.ref.WeakReference;
import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class DeferredLockTest {
  private int counter;

  @BeforeMethod
  public void setUp() {
    counter = 0;
    UnhandledErrors.flushPending();
  }

  @AfterMethod
  public void noUnhandledErrors() {
    assertEquals(UnhandledErrors.flushPending(), List.of());
  }

  private Object incr(Object ignored) {
    counter++;
    return ignored;
  }

  /** twisted.test.test_defer.OtherPrimitivesTests.testLock */
  @Test
  public void testLock() {
    DeferredLock lock = new DeferredLock();
    lock.acquire().addCallback(this::incr);
    assertTrue(lock.locked());
    assertEquals(counter, 1);

    lock.acquire().addCallback(this::incr);
    assertTrue(lock.locked());
    assertEquals(counter, 1);

    lock.release();
    assertTrue(lock.locked());
    assertEquals(counter, 2);

    lock.release();
    assertFalse(lock.locked());
    assertEquals(counter, 2);

    assertThrows(NullPointerException.class, () -> lock.run(null));

    Object firstUnique = new Object();
    Object secondUnique = new Object();
    Deferred<Object> controlDeferred = new Deferred<>();
    Object[] result = {null};

    Deferred<Object> resultDeferred = lock.runAsync(() -> {
      result[0] = firstUnique;
      return controlDeferred;
    });
    assertTrue(lock.locked());
    assertSame(result[0], firstUnique);

    resultDeferred.addCallback(value -> result[0] = value);

    lock.acquire().addCallback(this::incr);
    assertTrue(lock.locked());
    assertEquals(counter, 2);

    controlDeferred.callback(secondUnique);
    assertSame(result[0], secondUnique);
    assertTrue(lock.locked());
    assertEquals(counter, 3);

    Deferred<Object> d = lock.acquire().addBoth(value -> {
      result[0] = value;
      return null;
    });
    d.cancel();
    assertTrue(result[0] instanceof Failure);
    assertEquals(((Failure) result[0]).type(), CancelledError.class);

    lock.release();
    assertFalse(lock.locked());
  }

  /** twisted.test.test_defer.OtherPrimitivesTests.test_cancelLockAfterAcquired */
  @Test
  public void test_cancelLockAfterAcquired() {
    DeferredLock lock = new DeferredLock();
    Deferred<DeferredLock> d = lock.acquire();
    d.addErrback(f -> {
      fail("Unexpected errback call!");
      return null;
    });
    d.cancel();
    assertSame(successResultOf(d), lock);
    assertTrue(lock.locked());
  }

  /** twisted.test.test_defer.OtherPrimitivesTests.test_cancelLockBeforeAcquired */
  @Test
  public void test_cancelLockBeforeAcquired() {
    DeferredLock lock = new DeferredLock();
    lock.acquire();
    Deferred<DeferredLock> d = lock.acquire();
    d.cancel();
    failureResultOf(d, CancelledError.class);
    assertEquals(lock.waiting(), 0);
    lock.release();
    assertFalse(lock.locked(), "the cancelled waiter must not get the lock");
  }

  /** twisted.test.test_defer.CoroutineContextVarsTests.test_asyncWithLock */
  @Test
  public void test_asyncWithLock() {
    DeferredLock lock = new DeferredLock();
    List<Deferred<?>> inner = new ArrayList<>();
    Deferred<String> outer = lock.run(() -> {
      assertTrue(lock.locked());
      Deferred<Object> d = lock.acquire().addCallback(ignored -> {
        lock.release();
        return null;
      });
      inner.add(d);
      assertTrue(lock.locked());
      assertFalse(d.called());
      return "body";
    });
    assertEquals(successResultOf(outer), "body");
    Deferred<?> d = inner.get(0);
    assertTrue(d.called());
    assertNull(successResultOf(d));
    assertFalse(lock.locked());
  }

  /** twisted.test.test_defer.CoroutineContextVarsTests.test_asyncWithLockException */
  @Test
  public void test_asyncWithLockException() {
    DeferredLock lock = new DeferredLock();
    Deferred<Object> d = lock.run(() -> {
      assertTrue(lock.locked());
      throw new Exception("some specific exception");
    });
    Failure f = failureResultOf(d, Exception.class);
    assertEquals(f.value().getMessage(), "some specific exception");
    assertFalse(lock.locked());
  }

  @Test
  public void releasingAnUnlockedLockIsAnError() {
    DeferredLock lock = new DeferredLock();
    assertThrows(IllegalStateException.class, lock::release);
  }

  @Test
  public void runHoldsTheLockUntilTheReturnedDeferredFires() {
    DeferredLock lock = new DeferredLock();
    Deferred<String> work = new Deferred<>();
    Deferred<String> result = lock.runAsync(() -> work);
    Deferred<DeferredLock> next = lock.acquire();
    assertFalse(next.called());
    work.errback(new IllegalStateException("boom"));
    failureResultOf(result, IllegalStateException.class);
    assertTrue(next.called());
    assertSame(successResultOf(next), lock);
  }

  @Test
  public void aHundredThousandWaitersReleasingFromTheirCallbacksDoNotOverflowTheStack() {
    int n = 100_000;
    DeferredLock lock = new DeferredLock();
    lock.acquire();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      lock.acquire().addCallback(held -> {
        order.add(index);
        held.release();
        return null;
      });
    }
    assertEquals(lock.waiting(), n);
    lock.release();
    assertEquals(order.size(), n);
    for (int i = 0; i < n; i++) {
      if (order.get(i) != i) {
        fail("waiter " + order.get(i) + " ran in place " + i);
      }
    }
    assertFalse(lock.locked());
    assertEquals(lock.waiting(), 0);
  }

  @Test
  public void aHundredThousandQueuedRunsDoNotOverflowTheStack() {
    int n = 100_000;
    DeferredLock lock = new DeferredLock();
    lock.acquire();
    int[] ran = {0};
    List<Deferred<Integer>> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      results.add(lock.run(() -> {
        ran[0]++;
        return index;
      }));
    }
    lock.release();
    assertEquals(ran[0], n);
    assertEquals((int) successResultOf(results.get(n - 1)), n - 1);
    assertFalse(lock.locked());
  }

  @Test
  public void cancellingAWaiterHandedTheLockButNotYetRunGivesItTheLock() {
    DeferredLock lock = new DeferredLock();
    lock.acquire();
    List<Deferred<DeferredLock>> second = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    lock.acquire().addCallback(held -> {
      held.release(); // hands the lock to the third waiter, which runs after we return
      second.get(0).cancel();
      seen.add("first done");
      return null;
    });
    Deferred<DeferredLock> third = lock.acquire();
    second.add(third);
    third.addBoth(r -> {
      seen.add(r instanceof Failure ? "failed" : "acquired");
      return r;
    });
    lock.release();
    assertEquals(seen, List.of("acquired", "first done"));
    assertSame(successResultOf(third), lock);
    assertTrue(lock.locked());
  }

  @Test
  public void cancelledAcquireIsNotRetainedByTheLock() {
    DeferredLock lock = new DeferredLock();
    Deferred<DeferredLock> held = lock.acquire();
    WeakReference<Deferred<DeferredLock>> ref = cancelledAcquire(lock);
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
    }
    assertNull(ref.get(), "a cancelled acquire is still reachable from its lock");
    successResultOf(held);
    lock.release();
    assertFalse(lock.locked());
  }

  private static WeakReference<Deferred<DeferredLock>> cancelledAcquire(DeferredLock lock) {
    Deferred<DeferredLock> d = lock.acquire();
    d.cancel();
    failureResultOf(d, CancelledError.class);
    return new WeakReference<>(d);
  }
}
