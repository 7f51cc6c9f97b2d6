package dev.torsion.internet.task;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.task.CooperatorTest.FakeScheduler;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** How pause, resume, stop and exhaustion of a {@link CooperativeTask} interact. */
public class CooperatorRunStateTest {
  /** An error nobody handles. */
  static final class UnhandledException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Yields ascending integers (appending each to {@link #work}), or a new Deferred when told to
   * defer, ends when told to stop, throws when told to die.
   */
  final class Worker implements Iterator<Object> {
    private int i;

    @Override
    public boolean hasNext() {
      return doDeferNext || !doStopNext;
    }

    @Override
    public Object next() {
      i++;
      if (doDeferNext) {
        doDeferNext = false;
        Deferred<Object> d = new Deferred<>();
        work.add(d);
        return d;
      }
      if (doDieNext) {
        throw new UnhandledException();
      }
      work.add(i);
      return i;
    }
  }

  private boolean doDeferNext;
  private boolean doStopNext;
  private boolean doDieNext;
  private List<Object> work;
  private FakeScheduler scheduler;
  private Cooperator cooperator;
  private Worker worker;
  private CooperativeTask<Worker> task;

  @BeforeMethod
  public void setUp() {
    doDeferNext = false;
    doStopNext = false;
    doDieNext = false;
    work = new ArrayList<>();
    scheduler = new FakeScheduler();
    // Always stop after one unit of work.
    cooperator = new Cooperator(CooperatorTest.oneUnitPerTick(), scheduler, true);
    worker = new Worker();
    task = cooperator.cooperate(worker);
    cooperator.start();
  }

  private void deferNext() {
    doDeferNext = true;
  }

  private void stopNext() {
    doStopNext = true;
  }

  private void dieNext() {
    doDieNext = true;
  }

  /** twisted.test.test_cooperator.RunStateTests.test_pauseResume */
  @Test
  public void test_pauseResume() {
    scheduler.pump();
    assertEquals(work, List.of(1));
    scheduler.pump();
    assertEquals(work, List.of(1, 2));

    task.pause();
    scheduler.pump();
    assertEquals(work, List.of(1, 2));
    task.resume();
    // Resuming itself does no work...
    assertEquals(work, List.of(1, 2));
    scheduler.pump();
    // ...the next tick does.
    assertEquals(work, List.of(1, 2, 3));
  }

  /** twisted.test.test_cooperator.RunStateTests.test_resumeNotPaused */
  @Test
  public void test_resumeNotPaused() {
    assertThrows(NotPaused.class, task::resume);
    task.pause();
    task.resume();
    assertThrows(NotPaused.class, task::resume);
  }

  /** twisted.test.test_cooperator.RunStateTests.test_pauseTwice */
  @Test
  public void test_pauseTwice() {
    task.pause();
    scheduler.pump();
    assertEquals(work, List.of());
    task.pause();
    scheduler.pump();
    assertEquals(work, List.of());
    task.resume();
    scheduler.pump();
    assertEquals(work, List.of());
    task.resume();
    scheduler.pump();
    assertEquals(work, List.of(1));
  }

  /** twisted.test.test_cooperator.RunStateTests.test_pauseWhileDeferred */
  @Test
  @SuppressWarnings("unchecked")
  public void test_pauseWhileDeferred() {
    deferNext();
    scheduler.pump();
    assertEquals(work.size(), 1);
    assertTrue(work.get(0) instanceof Deferred);
    scheduler.pump();
    assertEquals(work.size(), 1);
    task.pause();
    scheduler.pump();
    assertEquals(work.size(), 1);
    task.resume();
    scheduler.pump();
    assertEquals(work.size(), 1);
    ((Deferred<Object>) work.get(0)).callback("STUFF!");
    scheduler.pump();
    assertEquals(work.size(), 2);
    assertEquals(work.get(1), 2);
  }

  /** twisted.test.test_cooperator.RunStateTests.test_whenDone */
  @Test
  public void test_whenDone() {
    Deferred<Worker> deferred1 = task.whenDone();
    Deferred<Worker> deferred2 = task.whenDone();
    List<Worker> results1 = new ArrayList<>();
    List<Worker> results2 = new ArrayList<>();
    List<Integer> final1 = new ArrayList<>();
    List<Integer> final2 = new ArrayList<>();
    deferred1.addCallback(result -> {
      results1.add(result);
      return 1;
    }).addCallback(final1::add);
    deferred2.addCallback(result -> {
      results2.add(result);
      return 2;
    }).addCallback(final2::add);

    stopNext();
    scheduler.pump();

    assertEquals(results1.size(), 1);
    assertEquals(results2.size(), 1);
    assertSame(results1.get(0), worker);
    assertSame(results2.get(0), worker);
    assertEquals(final1, List.of(1));
    assertEquals(final2, List.of(2));
  }

  /** twisted.test.test_cooperator.RunStateTests.test_whenDoneError */
  @Test
  public void test_whenDoneError() {
    List<Failure> results = new ArrayList<>();
    task.whenDone().addErrback(f -> {
      results.add(f);
      return null;
    });
    dieNext();
    scheduler.pump();
    assertEquals(results.size(), 1);
    assertEquals(results.get(0).check(UnhandledException.class), UnhandledException.class);
  }

  /** twisted.test.test_cooperator.RunStateTests.test_whenDoneStop */
  @Test
  public void test_whenDoneStop() {
    List<Failure> errors = new ArrayList<>();
    task.whenDone().addErrback(f -> {
      errors.add(f);
      return null;
    });
    task.stop();
    assertEquals(errors.size(), 1);
    assertEquals(errors.get(0).check(TaskStopped.class), TaskStopped.class);
  }

  /** twisted.test.test_cooperator.RunStateTests.test_whenDoneAlreadyDone */
  @Test
  public void test_whenDoneAlreadyDone() {
    stopNext();
    scheduler.pump();
    List<Worker> results = new ArrayList<>();
    task.whenDone().addCallback(results::add);
    assertEquals(results, List.of(worker));
  }

  /** twisted.test.test_cooperator.RunStateTests.test_stopStops */
  @Test
  public void test_stopStops() {
    task.stop();
    scheduler.pump();
    assertEquals(work.size(), 0);
    assertThrows(TaskStopped.class, task::stop);
    assertThrows(TaskStopped.class, task::pause);
    // Still not scheduled.
    scheduler.pump();
    assertEquals(work, List.of());
  }

  /** twisted.test.test_cooperator.RunStateTests.test_pauseStopResume */
  @Test
  public void test_pauseStopResume() {
    task.pause();
    task.stop();
    task.resume();
    scheduler.pump();
    assertEquals(work, List.of());
  }

  /** twisted.test.test_cooperator.RunStateTests.test_stopDeferred */
  @Test
  @SuppressWarnings("unchecked")
  public void test_stopDeferred() {
    deferNext();
    scheduler.pump();
    Deferred<Object> d = (Deferred<Object>) work.remove(work.size() - 1);
    // Waiting on d: further ticks do no work.
    List<Object> results = new ArrayList<>();
    d.addBoth(results::add);
    scheduler.pump();
    assertEquals(work, List.of());
    task.stop();
    scheduler.pump();
    d.callback(7);
    scheduler.pump();
    // The Cooperator consumed d's result (its callback returns null): nothing left to log.
    assertEquals(results, java.util.Collections.singletonList(null));
    // And no further work happened.
    assertEquals(work, List.of());
  }

  /** twisted.test.test_cooperator.RunStateTests.test_stopExhausted */
  @Test
  public void test_stopExhausted() {
    stopNext();
    scheduler.pump();
    assertThrows(TaskDone.class, task::stop);
  }

  /** twisted.test.test_cooperator.RunStateTests.test_stopErrored */
  @Test
  public void test_stopErrored() {
    dieNext();
    scheduler.pump();
    assertThrows(TaskFailed.class, task::stop);
  }

  /** twisted.test.test_cooperator.RunStateTests.test_stopCooperatorReentrancy */
  @Test
  public void test_stopCooperatorReentrancy() {
    List<Object> callbackPhases = new ArrayList<>();
    task.whenDone().addCallback(result -> {
      callbackPhases.add(result);
      cooperator.stop();
      // Reaching here shows stop() did not trip over the already-finished task.
      callbackPhases.add("done");
      return null;
    });
    stopNext();
    scheduler.pump();
    assertEquals(callbackPhases, List.of(worker, "done"));
  }
}
