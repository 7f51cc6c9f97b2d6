package dev.torsion.internet.defer;

import java.lang.ref.WeakReference;
import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class DeferredQueueTest {
  @BeforeMethod
  public void setUp() {
    UnhandledErrors.flushPending();
  }

  @AfterMethod
  public void noUnhandledErrors() {
    assertEquals(UnhandledErrors.flushPending(), List.of());
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> r = new ArrayList<>();
    for (int i = from; i < to; i++) {
      r.add(i);
    }
    return r;
  }

  /** twisted.test.test_defer.OtherPrimitivesTests.testQueue */
  @Test
  public void testQueue() {
    int n = 2;
    int m = 2;
    DeferredQueue<Integer> queue = new DeferredQueue<>(n, m);
    List<Integer> gotten = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      queue.get().addCallback(gotten::add);
    }
    assertThrows(QueueUnderflow.class, queue::get);

    for (int i = 0; i < m; i++) {
      queue.put(i);
      assertEquals(gotten, range(0, i + 1));
    }
    for (int i = 0; i < n; i++) {
      queue.put(n + i);
      assertEquals(gotten, range(0, m));
    }
    assertEquals(queue.pending(), range(n, 2 * n));
    assertThrows(QueueOverflow.class, () -> queue.put(null));

    List<Integer> gotten2 = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      queue.get().addCallback(gotten2::add);
      assertEquals(gotten2, range(n, n + i + 1));
    }

    DeferredQueue<Integer> unbounded = new DeferredQueue<>();
    List<Integer> gotten3 = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      unbounded.get().addCallback(gotten3::add);
    }
    assertEquals(unbounded.waiting().size(), n);
    for (int i = 0; i < n; i++) {
      unbounded.put(i);
    }
    assertEquals(gotten3, range(0, n));

    DeferredQueue<Object> noRoom = new DeferredQueue<>(0, DeferredQueue.UNLIMITED);
    assertThrows(QueueOverflow.class, () -> noRoom.put(null));

    DeferredQueue<Object> noBacklog = new DeferredQueue<>(DeferredQueue.UNLIMITED, 0);
    assertThrows(QueueUnderflow.class, noBacklog::get);
  }

  /** twisted.test.test_defer.OtherPrimitivesTests.test_cancelQueueAfterSynchronousGet */
  @Test
  public void test_cancelQueueAfterSynchronousGet() {
    DeferredQueue<String> queue = new DeferredQueue<>();
    Deferred<String> d = queue.get();
    d.addErrback(f -> {
      fail("Unexpected errback call!");
      return null;
    });
    queue.put("x");
    d.cancel();
    assertEquals(successResultOf(d), "x");
  }

  /** twisted.test.test_defer.OtherPrimitivesTests.test_cancelQueueAfterGet */
  @Test
  public void test_cancelQueueAfterGet() {
    DeferredQueue<String> queue = new DeferredQueue<>();
    Deferred<String> d = queue.get();
    d.cancel();
    failureResultOf(d, CancelledError.class);
    assertEquals(queue.waiting(), List.of());

    List<String> done = new ArrayList<>();
    // If the cancelled getter were still queued, this put would fire it: AlreadyCalledError.
    d.addCallbackDeferred(ignored -> {
      queue.put("item");
      return queue.get();
    }).addCallback(v -> {
      done.add(v);
      return null;
    });
    assertEquals(done, List.of("item"));
  }

  @Test
  public void nullIsAnOrdinaryItem() {
    DeferredQueue<String> queue = new DeferredQueue<>();
    queue.put(null);
    assertEquals(queue.pending().size(), 1);
    assertNull(successResultOf(queue.get()));
    assertEquals(queue.pending(), List.of());
  }

  @Test
  public void negativeBoundsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new DeferredQueue<>(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> new DeferredQueue<>(1, -1));
  }

  @Test
  public void aHundredThousandWaitingGetsFedFromTheirCallbacksDoNotOverflowTheStack() {
    int n = 100_000;
    DeferredQueue<Integer> queue = new DeferredQueue<>();
    List<Integer> got = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      queue.get().addCallback(v -> {
        got.add(v);
        queue.put(v + 1);
        return null;
      });
    }
    queue.put(0);
    assertEquals(got.size(), n);
    assertTrue(got.equals(range(0, n)), "values out of order");
    assertEquals(queue.pending(), List.of(n));
    assertEquals(queue.waiting(), List.of());
  }

  @Test
  public void cancellingAGetterAlreadyHandedAnItemGivesItTheItem() {
    DeferredQueue<String> queue = new DeferredQueue<>();
    List<Deferred<String>> later = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    queue.get().addCallback(v -> {
      queue.put("second");
      later.get(0).cancel();
      seen.add("first:" + v);
      return null;
    });
    Deferred<String> second = queue.get();
    later.add(second);
    queue.put("first");
    assertEquals(seen, List.of("first:first"));
    assertEquals(successResultOf(second), "second");
    assertFalse(queue.pending().contains("second"));
  }

  @Test
  public void cancelledGetIsNotRetainedByTheQueue() {
    DeferredQueue<String> queue = new DeferredQueue<>();
    WeakReference<Deferred<String>> ref = cancelledGet(queue);
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
    }
    assertNull(ref.get(), "a cancelled get is still reachable from its queue");
  }

  @Test
  public void manyCancelledGetsLeaveTheQueueUsable() {
    DeferredQueue<Integer> queue = new DeferredQueue<>();
    for (int i = 0; i < 100_000; i++) {
      Deferred<Integer> d = queue.get();
      d.cancel();
      failureResultOf(d, CancelledError.class);
    }
    assertEquals(queue.waiting().size(), 0);
    Deferred<Integer> live = queue.get();
    queue.put(7);
    assertEquals(successResultOf(live), Integer.valueOf(7));
  }

  private static WeakReference<Deferred<String>> cancelledGet(DeferredQueue<String> queue) {
    Deferred<String> d = queue.get();
    d.cancel();
    failureResultOf(d, CancelledError.class);
    return new WeakReference<>(d);
  }
}
