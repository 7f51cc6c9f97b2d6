package dev.torsion.internet.task;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One job inside a {@link Cooperator}: an iterator stepped a unit at a time, which can be paused,
 * resumed, stopped and waited on. Made by {@link Cooperator#cooperate}.
 *
 * <p>A task is runnable, paused (by {@link #pause} or while waiting on a Deferred its iterator
 * returned) or finished. It finishes once: done (iterator exhausted), failed (the iterator threw,
 * or a Deferred it returned failed), stopped ({@link #stop}) or stopped with its Cooperator. After
 * that, {@link #pause} and {@link #stop} throw the {@link SchedulerError} that says which:
 * {@link TaskDone}, {@link TaskFailed}, {@link TaskStopped} or {@link SchedulerStopped}.
 *
 * <p><b>Threading.</b> As its Cooperator: the reactor thread only.
 *
 * <p><b>Re-entrancy.</b> Any method may be called from the task's own unit of work or from a
 * callback on a {@link #whenDone()} Deferred. By the time those Deferreds fire the task has
 * already left its Cooperator, so such a callback may stop the Cooperator or start new tasks.
 *
 * <p><b>Errors.</b> A failed task's {@code whenDone()} Deferreds fail with the iterator's own error
 * (or its Deferred's Failure); a stopped one's with {@link TaskStopped}; one whose Cooperator
 * stopped, with {@link SchedulerStopped}.
 *
 * @param <I> the iterator's type, which {@link #whenDone()} fires with
 * @twisted twisted.internet.task.CooperativeTask
 */
public final class CooperativeTask<I extends Iterator<?>> {
  /** How a task finished; null while it has not. */
  enum Completion { DONE, FAILED, STOPPED, SCHEDULER_STOPPED }

  private final I iterator;
  private final Cooperator cooperator;
  private List<Deferred<I>> deferreds = new ArrayList<>();
  private int pauseCount;
  private @Nullable Completion completion;
  /** The iterator, or the Failure, that {@link #whenDone()} Deferreds fire with once finished. */
  private @Nullable Object completionResult;

  CooperativeTask(I iterator, Cooperator cooperator) {
    this.iterator = iterator;
    this.cooperator = cooperator;
  }

  /** The Cooperator running this task, for tests. */
  Cooperator cooperator() {
    return cooperator;
  }

  /**
   * A new Deferred for this task's end. Each call returns a new one, so callbacks on one do not
   * change what the others see.
   *
   * @return a Deferred that fires with the iterator once it is exhausted, or fails with the
   *     iterator's error, {@link TaskStopped} or {@link SchedulerStopped}; already fired if the
   *     task has finished
   * @twisted twisted.internet.task.CooperativeTask.whenDone
   */
  public Deferred<I> whenDone() {
    Deferred<I> d = new Deferred<>();
    if (completion == null) {
      deferreds.add(d);
    } else {
      fire(d, completionResult);
    }
    return d;
  }

  /**
   * Stops doing work until {@link #resume} is called as many times as this was.
   *
   * @throws SchedulerError if the task has finished ({@link TaskFinished} or
   *     {@link SchedulerStopped})
   * @twisted twisted.internet.task.CooperativeTask.pause
   */
  public void pause() {
    checkFinish();
    pauseCount++;
    if (pauseCount == 1) {
      cooperator.removeTask(this);
    }
  }

  /**
   * Undoes one {@link #pause}; the last one makes the task runnable again on coming ticks (none
   * runs from inside this call). Resuming a finished but paused task only counts down.
   *
   * @throws NotPaused if the task is not paused
   * @twisted twisted.internet.task.CooperativeTask.resume
   */
  public void resume() {
    if (pauseCount == 0) {
      throw new NotPaused();
    }
    pauseCount--;
    if (pauseCount == 0 && completion == null) {
      cooperator.addTask(this);
    }
  }

  /**
   * Finishes this task now: no more work is done, and its {@link #whenDone()} Deferreds fail with
   * {@link TaskStopped}.
   *
   * @throws SchedulerError if the task had already finished ({@link TaskFinished} or
   *     {@link SchedulerStopped})
   * @twisted twisted.internet.task.CooperativeTask.stop
   */
  public void stop() {
    checkFinish();
    completeWith(Completion.STOPPED, new Failure(new TaskStopped()));
  }

  boolean finished() {
    return completion != null;
  }

  private void checkFinish() {
    Completion state = completion;
    if (state == null) {
      return;
    }
    switch (state) {
      case DONE:
        throw new TaskDone();
      case FAILED:
        throw new TaskFailed();
      case STOPPED:
        throw new TaskStopped();
      default:
        throw new SchedulerStopped();
    }
  }

  /** Finishes the task; {@code result} is the iterator or a Failure. */
  void completeWith(Completion state, Object result) {
    completion = state;
    completionResult = result;
    if (pauseCount == 0) {
      cooperator.removeTask(this);
    }
    // Fire only after leaving the Cooperator: callbacks may stop it or add tasks.
    List<Deferred<I>> waiting = deferreds;
    deferreds = new ArrayList<>(0);
    for (Deferred<I> d : waiting) {
      fire(d, result);
    }
  }

  @SuppressWarnings("unchecked")
  private void fire(Deferred<I> d, @Nullable Object result) {
    if (result instanceof Failure) {
      d.errback((Failure) result);
    } else {
      d.callback((I) result);
    }
  }

  /**
   * Does one unit of work: finishes if the iterator is exhausted or throws, and waits (paused) on a
   * Deferred the iterator returns.
   */
  void oneWorkUnit() {
    boolean exhausted;
    @Nullable Object result = null;
    try {
      exhausted = !iterator.hasNext();
      if (!exhausted) {
        result = iterator.next();
      }
    } catch (Throwable t) {
      completeWith(Completion.FAILED, new Failure(t));
      return;
    }
    if (exhausted) {
      completeWith(Completion.DONE, iterator);
      return;
    }
    if (completion != null) {
      // The unit finished its own task (stopped it, or its Cooperator): nothing to wait for.
      return;
    }
    if (result instanceof Deferred) {
      pause();
      ((Deferred<?>) result).addCallbacks(ignored -> {
        resume();
        return null;
      }, failure -> {
        // A task stopped while waiting has already told its waiters; the failure ends here.
        if (completion == null) {
          completeWith(Completion.FAILED, failure);
        }
        return null;
      });
    }
  }
}
