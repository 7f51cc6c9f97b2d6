package dev.torsion.internet.task;

import static dev.torsion.trial.SynchronousTestCase.assertNoResult;
import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;

import dev.torsion.internet.defer.CancelledError;
import dev.torsion.internet.defer.Deferred;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class DeferLaterTest {
  static final class TestException extends Exception {
    private static final long serialVersionUID = 1L;
  }

  /** twisted.test.test_task.DeferLaterTests.test_callback */
  @Test
  public void firesWithTheResultAfterTheDelay() {
    List<String> results = new ArrayList<>();
    Object flag = new Object();
    Clock clock = new Clock();
    String foo = "foo";
    String bar = "bar";
    Deferred<Object> d = Task.deferLater(clock, 3, () -> {
      results.add(foo + bar);
      return flag;
    });
    clock.advance(2);
    assertEquals(results, List.of());
    assertNoResult(d);
    clock.advance(1);
    assertEquals(results, List.of("foobar"));
    assertSame(successResultOf(d), flag);
  }

  /** twisted.test.test_task.DeferLaterTests.test_errback */
  @Test
  public void failsWithWhatTheCallableThrows() {
    Clock clock = new Clock();
    Deferred<Object> d = Task.deferLater(clock, 1, () -> {
      throw new TestException();
    });
    clock.advance(1);
    failureResultOf(d, TestException.class);
  }

  /** twisted.test.test_task.DeferLaterTests.test_cancel */
  @Test
  public void cancelUnschedulesTheCall() {
    List<String> called = new ArrayList<>();
    Clock clock = new Clock();
    Deferred<Boolean> d = Task.deferLater(clock, 1, () -> called.add("x"));
    d.cancel();
    failureResultOf(d, CancelledError.class);
    assertEquals(clock.getDelayedCalls(), List.of());
    clock.advance(1);
    assertEquals(called, List.of());
  }

  /** twisted.test.test_task.DeferLaterTests.test_noCallback */
  @Test
  public void withoutACallableFiresWithNull() {
    Clock clock = new Clock();
    Deferred<Void> d = Task.deferLater(clock, 2.0);
    assertNoResult(d);
    clock.advance(2.0);
    assertNull(successResultOf(d));
  }

  @Test
  public void aReturnedDeferredIsChained() {
    Clock clock = new Clock();
    Deferred<String> inner = new Deferred<>();
    Deferred<Object> d = Task.deferLater(clock, 1, () -> inner);
    clock.advance(1);
    assertNoResult(d);
    inner.callback("late");
    assertEquals(successResultOf(d), "late");
  }

  @Test
  public void cancelWhileWaitingOnAReturnedDeferredCancelsIt() {
    Clock clock = new Clock();
    Deferred<String> inner = new Deferred<>();
    Deferred<Object> d = Task.deferLater(clock, 1, () -> inner);
    clock.advance(1);
    d.cancel();
    // Checking d reads inner's failure through the chain: inner itself was cancelled.
    failureResultOf(d, CancelledError.class);
    assertEquals(inner.called(), true);
  }

  @Test
  public void cancelAfterFiringChangesNothing() {
    Clock clock = new Clock();
    Deferred<String> d = Task.deferLater(clock, 1, () -> "done");
    clock.advance(1);
    d.cancel();
    assertEquals(successResultOf(d), "done");
  }

  @Test
  public void negativeDelayIsRejected() {
    Clock clock = new Clock();
    assertThrows(IllegalArgumentException.class, () -> Task.deferLater(clock, -1));
    assertEquals(clock.getDelayedCalls(), List.of());
  }
}
