package dev.torsion.internet.task;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs many long jobs on the reactor thread without blocking it: each job is an {@link Iterator}
 * whose every {@code next()} does one small unit of work, and the Cooperator shares time slices
 * between the jobs, round-robin.
 *
 * <pre>{@code
 * Cooperator coop = new Cooperator(reactor);
 * Iterator<Void> rows = ...;                  // each next() writes one row
 * coop.coiterate(rows).addCallback(it -> report("all written"));
 * }</pre>
 *
 * <p>On each tick (run through the {@linkplain Scheduler scheduler}, "soon") the Cooperator asks
 * its termination predicate factory for a fresh predicate, then calls one unit of work on each
 * runnable task in turn, round-robin, checking the predicate after every unit; when it answers
 * true the tick ends and the next one is scheduled, continuing where this one stopped. The
 * default predicate ends a tick after 10 ms ({@link #timeSlice}). A unit of work is: if
 * {@code hasNext()} is false the task is done; otherwise {@code next()} runs, and if it returns a
 * {@link Deferred} that task (only) waits until the Deferred fires: on success it goes on, on
 * failure it fails with that Failure. Other tasks keep running meanwhile. A task that throws from
 * {@code hasNext()} or {@code next()} fails with what it threw.
 *
 * <p>{@link #cooperate} returns a {@link CooperativeTask} to pause, resume, stop or wait on;
 * {@link #coiterate} returns only a Deferred that fires with the iterator when it is exhausted.
 *
 * <p><b>Threading.</b> Not thread-safe: create, feed and control it on the reactor thread, which
 * is where the scheduler runs its ticks.
 *
 * <p><b>Re-entrancy.</b> A unit of work, or a callback on a {@link CooperativeTask#whenDone()}
 * Deferred, may add tasks, pause, resume or stop any task, and stop or start the Cooperator.
 * Ticks never run synchronously from those calls, and nothing recurses however many tasks finish
 * or how their Deferreds chain.
 *
 * <p><b>Errors.</b> A task's own errors go to its {@code whenDone()} Deferreds (and the one
 * {@code coiterate} returns); they never escape a tick. Stopping the Cooperator fails every task it
 * holds, and every task added afterwards (until {@link #start}), with {@link SchedulerStopped}.
 *
 * <p><b>Lifecycle.</b> Created started unless told otherwise; tasks added to a Cooperator not yet
 * started wait for {@link #start}. {@link #stop} forgets every task; {@link #start} makes a
 * stopped Cooperator usable again. With no runnable task, no tick is scheduled, so an idle
 * Cooperator leaves no pending call behind.
 *
 * <p><b>Differences from Twisted.</b> A work unit is a Java {@link Iterator}: exhaustion is
 * {@code hasNext() == false} rather than {@code StopIteration}. The no-argument constructor
 * schedules on the global reactor ({@link Reactors#current()}, looked up at each tick, as
 * Twisted's default scheduler imports {@code twisted.internet.reactor} when it runs); the
 * module-level {@code cooperate}/{@code coiterate} on the global Cooperator are
 * {@link Task#cooperate} and {@link Task#coiterate}. Tests pass a {@link Clock} or a
 * {@link Scheduler} instead. Twisted's
 * {@code stop()} skips every other task when failing them (it removes from the list it walks);
 * here every task held fails with {@link SchedulerStopped}. Time slices use
 * {@link System#nanoTime()}, not the wall clock.
 *
 * @twisted twisted.internet.task.Cooperator
 */
public final class Cooperator {
  /** The delay ticks are scheduled with: not zero, so a {@link Clock#advance} runs one tick. */
  private static final double EPSILON = 0.00000001;
  private static final double MAX_SLICE = 0.01;

  /**
   * Schedules a Cooperator's next tick.
   *
   * @twisted twisted.internet.task.Cooperator.__init__ (scheduler argument)
   */
  @FunctionalInterface
  public interface Scheduler {
    /**
     * Arranges for {@code tick} to run once, soon, on the reactor thread, and never synchronously
     * from inside this call.
     *
     * @param tick what to run
     * @return a handle the Cooperator {@linkplain IDelayedCall#cancel() cancels} when it has no
     *     more work before the tick ran; no other method of it is used
     */
    IDelayedCall schedule(Runnable tick);
  }

  private final Supplier<? extends BooleanSupplier> terminationPredicateFactory;
  private final Scheduler scheduler;
  /** Runnable tasks: neither paused nor finished. */
  private final List<CooperativeTask<?>> tasks = new ArrayList<>();
  /** Index in {@link #tasks} of the next task to run; a round carries over between ticks. */
  private int cursor;
  private @Nullable IDelayedCall delayedCall;
  private boolean started;
  private boolean stopped;
  private boolean mustScheduleOnStart;
  private boolean ticking;

  /**
   * Creates a started Cooperator that schedules its ticks on the global reactor
   * ({@link Reactors#current()}, looked up when the first tick is scheduled, not now) and gives
   * them 10 ms slices.
   *
   * @twisted twisted.internet.task.Cooperator.__init__
   */
  public Cooperator() {
    this(timeSlice(MAX_SLICE), tick -> Reactors.current().callLater(EPSILON, tick), true);
  }

  /**
   * Creates a started Cooperator that schedules its ticks on {@code reactor} and gives them 10 ms
   * slices.
   *
   * @param reactor where to schedule ticks, such as the reactor or a {@link Clock}
   */
  public Cooperator(IReactorTime reactor) {
    this(timeSlice(MAX_SLICE), schedulerFor(reactor), true);
  }

  /**
   * Creates a Cooperator.
   *
   * @param terminationPredicateFactory called at the start of each tick; the predicate it returns
   *     is asked after each unit of work whether the tick should end
   * @param scheduler runs the ticks
   * @param started whether to run tasks as soon as they are added, or only after {@link #start}
   * @twisted twisted.internet.task.Cooperator.__init__
   */
  public Cooperator(Supplier<? extends BooleanSupplier> terminationPredicateFactory,
      Scheduler scheduler, boolean started) {
    this.terminationPredicateFactory =
        Objects.requireNonNull(terminationPredicateFactory, "terminationPredicateFactory");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.started = started;
  }

  /**
   * A termination predicate factory whose predicates answer true once {@code seconds} have passed
   * since they were made: ticks of that length.
   *
   * @param seconds the length of a tick; the default is 0.01
   * @return the factory
   * @throws IllegalArgumentException if {@code seconds} is negative or not a number
   */
  public static Supplier<BooleanSupplier> timeSlice(double seconds) {
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException("seconds must be >= 0, not " + seconds);
    }
    long nanos = (long) (seconds * 1e9);
    return () -> {
      long start = System.nanoTime();
      return () -> System.nanoTime() - start >= nanos;
    };
  }

  /**
   * The scheduler that runs ticks through {@code reactor.callLater} with a tiny positive delay, as
   * Twisted does: each {@link Clock#advance} of at least that delay then runs one tick.
   *
   * @param reactor where to schedule
   * @return the scheduler
   */
  public static Scheduler schedulerFor(IReactorTime reactor) {
    Objects.requireNonNull(reactor, "reactor");
    return tick -> reactor.callLater(EPSILON, tick);
  }

  /**
   * Adds {@code iterator} as a task and returns a Deferred for its end.
   *
   * @param iterator the work; each {@code next()} is one unit
   * @param <I> the iterator's type
   * @return a Deferred that fires with {@code iterator} once it is exhausted, or fails with what
   *     it threw, with {@link SchedulerStopped} if this Cooperator is (or gets) stopped first
   * @twisted twisted.internet.task.Cooperator.coiterate
   */
  public <I extends Iterator<?>> Deferred<I> coiterate(I iterator) {
    return coiterate(iterator, new Deferred<>());
  }

  /**
   * Adds {@code iterator} as a task and fires {@code doneDeferred} at its end.
   *
   * @param iterator the work; each {@code next()} is one unit
   * @param doneDeferred the Deferred to fire as {@link #coiterate(Iterator)} describes
   * @param <I> the iterator's type
   * @return {@code doneDeferred}
   * @twisted twisted.internet.task.Cooperator.coiterate
   */
  public <I extends Iterator<?>> Deferred<I> coiterate(I iterator, Deferred<I> doneDeferred) {
    Objects.requireNonNull(doneDeferred, "doneDeferred");
    cooperate(iterator).whenDone().chainDeferred(doneDeferred);
    return doneDeferred;
  }

  /**
   * Adds {@code iterator} as a long-running task, to be stepped on coming ticks.
   *
   * @param iterator the work; each {@code next()} is one unit
   * @param <I> the iterator's type
   * @return the task, to pause, resume, stop or wait on
   * @twisted twisted.internet.task.Cooperator.cooperate
   */
  public <I extends Iterator<?>> CooperativeTask<I> cooperate(I iterator) {
    CooperativeTask<I> task = new CooperativeTask<>(Objects.requireNonNull(iterator, "iterator"),
        this);
    addTask(task);
    return task;
  }

  /**
   * Starts running tasks: those added while not started, and those added after a {@link #stop}.
   *
   * @twisted twisted.internet.task.Cooperator.start
   */
  public void start() {
    stopped = false;
    started = true;
    if (mustScheduleOnStart) {
      mustScheduleOnStart = false;
      reschedule();
    }
  }

  /**
   * Stops running tasks: every task it holds (not paused) fails with {@link SchedulerStopped} and
   * is forgotten, the pending tick is cancelled, and tasks added or resumed before the next
   * {@link #start} fail the same way at once.
   *
   * @twisted twisted.internet.task.Cooperator.stop
   */
  public void stop() {
    stopped = true;
    cancelTick();
    // Completing a task fires Deferreds whose callbacks may touch this Cooperator: walk a copy.
    for (CooperativeTask<?> task : new ArrayList<>(tasks)) {
      if (!task.finished()) {
        task.completeWith(CooperativeTask.Completion.SCHEDULER_STOPPED,
            new Failure(new SchedulerStopped()));
      }
    }
  }

  /**
   * Tells whether this Cooperator runs tasks now: started and not stopped since.
   *
   * @return true when running
   * @twisted twisted.internet.task.Cooperator.running
   */
  public boolean running() {
    return started && !stopped;
  }

  void addTask(CooperativeTask<?> task) {
    if (stopped) {
      task.completeWith(CooperativeTask.Completion.SCHEDULER_STOPPED,
          new Failure(new SchedulerStopped()));
      return;
    }
    tasks.add(task);
    reschedule();
  }

  void removeTask(CooperativeTask<?> task) {
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i) == task) {
        tasks.remove(i);
        // Keep the round going from the task after the removed one, skipping none.
        if (i < cursor) {
          cursor--;
        }
        break;
      }
    }
    if (tasks.isEmpty()) {
      cancelTick();
    }
  }

  private void cancelTick() {
    IDelayedCall call = delayedCall;
    if (call != null) {
      delayedCall = null;
      call.cancel();
    }
  }

  private void tick() {
    delayedCall = null;
    ticking = true;
    try {
      BooleanSupplier terminator = terminationPredicateFactory.get();
      // Units of work may add, pause, finish or remove tasks: re-read the list after each one.
      rounds:
      while (!tasks.isEmpty()) {
        while (cursor < tasks.size()) {
          CooperativeTask<?> task = tasks.get(cursor++);
          task.oneWorkUnit();
          if (terminator.getAsBoolean()) {
            break rounds;
          }
        }
        cursor = 0;
      }
    } finally {
      ticking = false;
      reschedule();
    }
  }

  private void reschedule() {
    if (!started) {
      mustScheduleOnStart = true;
      return;
    }
    // During a tick, the tick's own end schedules the next one.
    if (!ticking && delayedCall == null && !tasks.isEmpty()) {
      delayedCall = Objects.requireNonNull(scheduler.schedule(this::tick),
          "the scheduler returned null");
    }
  }
}
