package dev.torsion.internet.defer;

import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class DeferredSemaphoreTest {
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

  /** twisted.test.test_defer.OtherPrimitivesTests.testSemaphore */
  @Test
  public void testSemaphore() {
    int n = 13;
    DeferredSemaphore sem = new DeferredSemaphore(n);
    Deferred<Void> controlDeferred = new Deferred<>();
    Object[] helperArg = {null};
    Object uniqueObject = new Object();
    List<Object> results = new ArrayList<>();
    Deferred<Void> resultDeferred = sem.runAsync(() -> {
      helperArg[0] = uniqueObject;
      return controlDeferred;
    });
    resultDeferred.addCallback(r -> {
      results.add(r == null ? "null" : r);
      return r;
    }).addCallback(this::incr);
    assertEquals(results, List.of());
    assertSame(helperArg[0], uniqueObject);
    controlDeferred.callback(null);
    assertEquals(results, List.of("null"));
    assertEquals(counter, 1);

    counter = 0;
    for (int i = 1; i <= n; i++) {
      sem.acquire().addCallback(this::incr);
      assertEquals(counter, i);
    }

    List<Boolean> success = new ArrayList<>();
    Deferred<Object> d =
        sem.acquire().addCallbacks(r -> success.add(false), f -> success.add(true));
    d.cancel();
    assertEquals(success, List.of(true));

    sem.acquire().addCallback(this::incr);
    assertEquals(counter, n);

    sem.release();
    assertEquals(counter, n + 1);

    for (int i = 1; i <= n; i++) {
      sem.release();
      assertEquals(counter, n + 1);
    }
    assertEquals(sem.tokens(), n);
  }

  /** twisted.test.test_defer.OtherPrimitivesTests.test_semaphoreInvalidTokens */
  @Test
  public void test_semaphoreInvalidTokens() {
    assertThrows(IllegalArgumentException.class, () -> new DeferredSemaphore(0));
    assertThrows(IllegalArgumentException.class, () -> new DeferredSemaphore(-1));
  }

  /** twisted.test.test_defer.OtherPrimitivesTests.test_cancelSemaphoreAfterAcquired */
  @Test
  public void test_cancelSemaphoreAfterAcquired() {
    DeferredSemaphore sem = new DeferredSemaphore(1);
    Deferred<DeferredSemaphore> d = sem.acquire();
    d.addErrback(f -> {
      fail("Unexpected errback call!");
      return null;
    });
    d.cancel();
    assertSame(successResultOf(d), sem);
    assertEquals(sem.tokens(), 0);
  }

  /** twisted.test.test_defer.OtherPrimitivesTests.test_cancelSemaphoreBeforeAcquired */
  @Test
  public void test_cancelSemaphoreBeforeAcquired() {
    DeferredSemaphore sem = new DeferredSemaphore(1);
    sem.acquire();
    Deferred<DeferredSemaphore> d = sem.acquire();
    d.cancel();
    failureResultOf(d, CancelledError.class);
    assertEquals(sem.waiting(), 0);
    sem.release();
    assertEquals(sem.tokens(), 1);
  }

  /** twisted.test.test_defer.CoroutineContextVarsTests.test_asyncWithSemaphore */
  @Test
  public void test_asyncWithSemaphore() {
    DeferredSemaphore sem = new DeferredSemaphore(3);
    List<Deferred<Object>> acquired = new ArrayList<>();
    Deferred<String> outer = sem.run(() -> {
      assertEquals(sem.tokens(), 2);
      Deferred<String> inner = sem.run(() -> {
        assertEquals(sem.tokens(), 1);
        Deferred<Object> d1 = sem.acquire().addCallback(s -> s);
        Deferred<Object> d2 = sem.acquire().addCallback(s -> s);
        acquired.add(d1);
        acquired.add(d2);
        assertEquals(sem.tokens(), 0);
        assertTrue(d1.called());
        assertFalse(d2.called());
        return "inner";
      });
      assertEquals(successResultOf(inner), "inner");
      assertEquals(sem.tokens(), 0);
      Deferred<Object> d1 = acquired.get(0);
      Deferred<Object> d2 = acquired.get(1);
      assertTrue(d2.called());
      d1.addCallback(ignored -> {
        sem.release();
        return null;
      });
      d2.addCallback(ignored -> {
        sem.release();
        return null;
      });
      assertNull(successResultOf(d1));
      assertNull(successResultOf(d2));
      assertEquals(sem.tokens(), 2);
      return "outer";
    });
    assertEquals(successResultOf(outer), "outer");
    assertEquals(sem.tokens(), 3);
  }

  @Test
  public void releasingMoreThanAcquiredIsAnError() {
    DeferredSemaphore sem = new DeferredSemaphore(2);
    sem.acquire();
    sem.release();
    assertThrows(IllegalStateException.class, sem::release);
    assertEquals(sem.tokens(), 2);
    assertEquals(sem.limit(), 2);
  }

  @Test
  public void aHundredThousandWaitersReleasingFromTheirCallbacksDoNotOverflowTheStack() {
    int n = 100_000;
    DeferredSemaphore sem = new DeferredSemaphore(2);
    sem.acquire();
    sem.acquire();
    int[] ran = {0};
    for (int i = 0; i < n; i++) {
      sem.acquire().addCallback(held -> {
        ran[0]++;
        held.release();
        return null;
      });
    }
    assertEquals(sem.waiting(), n);
    sem.release();
    assertEquals(ran[0], n);
    assertEquals(sem.tokens(), 1);
    sem.release();
    assertEquals(sem.tokens(), 2);
  }

  @Test
  public void aHundredThousandQueuedRunsDoNotOverflowTheStack() {
    int n = 100_000;
    DeferredSemaphore sem = new DeferredSemaphore(1);
    sem.acquire();
    int[] ran = {0};
    Deferred<String> last = null;
    for (int i = 0; i < n; i++) {
      last = sem.run(() -> {
        ran[0]++;
        return "done";
      });
    }
    sem.release();
    assertEquals(ran[0], n);
    assertEquals(successResultOf(last), "done");
    assertEquals(sem.tokens(), 1);
  }
}
