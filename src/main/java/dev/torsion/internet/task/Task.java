package dev.torsion.internet.task;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.UnhandledErrors;
import dev.torsion.internet.error.ReactorNotRunning;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IReactorCore;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.python.failure.Failure;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The module functions of {@code twisted.internet.task}: {@link #deferLater}, {@link #react},
 * and {@link #cooperate}/{@link #coiterate} on the global {@link Cooperator}.
 *
 * <p><b>Threading.</b> Reactor thread only, except {@code react}, which runs the reactor on the
 * calling thread.
 *
 * <p><b>Differences from Twisted.</b> Where Twisted imports the global reactor, the forms
 * without a reactor argument use {@link Reactors#current()} (installing the configured reactor
 * if none is installed yet). The forms taking a reactor or clock remain, and tests prefer them.
 *
 * @twisted twisted.internet.task
 */
public final class Task {
  private Task() {}

  /** The global Cooperator, made on first use, as Twisted's {@code _theCooperator}. */
  private static final class TheCooperator {
    static final Cooperator INSTANCE = new Cooperator();
  }

  /**
   * The Cooperator behind {@link #cooperate} and {@link #coiterate}; it schedules its ticks on
   * the global reactor.
   *
   * @return the global Cooperator
   * @twisted twisted.internet.task._theCooperator
   */
  static Cooperator theCooperator() {
    return TheCooperator.INSTANCE;
  }

  /**
   * Runs {@code iterator} on the global Cooperator, one {@code next()} per unit of work, sharing
   * the reactor thread with everything else; see {@link Cooperator#cooperate}.
   *
   * @param iterator the work
   * @param <I> the iterator's type
   * @return the task, to pause, resume, stop or wait on
   * @twisted twisted.internet.task.cooperate
   */
  public static <I extends Iterator<?>> CooperativeTask<I> cooperate(I iterator) {
    return theCooperator().cooperate(iterator);
  }

  /**
   * Runs {@code iterator} on the global Cooperator; see {@link Cooperator#coiterate}.
   *
   * @param iterator the work
   * @param <I> the iterator's type
   * @return a Deferred that fires with {@code iterator} once it is exhausted
   * @twisted twisted.internet.task.coiterate
   */
  public static <I extends Iterator<?>> Deferred<I> coiterate(I iterator) {
    return theCooperator().coiterate(iterator);
  }

  /**
   * Calls {@code callable} after {@code delay} seconds, giving its result as a Deferred.
   *
   * <p>A throw fails the Deferred; a returned Deferred is chained (its result becomes this one's).
   * Cancelling the Deferred before the delay is over cancels the scheduled call, so
   * {@code callable} never runs, and fails the Deferred with
   * {@link dev.torsion.internet.defer.CancelledError}.
   *
   * @param clock the scheduler: the reactor, or a {@link Clock} in tests
   * @param delay seconds, zero or more
   * @param callable what to call
   * @param <T> its result type
   * @return a cancellable Deferred of the result
   * @throws IllegalArgumentException if {@code delay} is negative or NaN
   * @twisted twisted.internet.task.deferLater
   */
  public static <T extends @Nullable Object> Deferred<T> deferLater(IReactorTime clock,
      double delay, Defer.Call<? extends T> callable) {
    Objects.requireNonNull(callable, "callable");
    IDelayedCall[] delayedCall = new IDelayedCall[1];
    // Cancelling only reaches the canceller while unfired, and so while the call is pending.
    Deferred<@Nullable Void> d = new Deferred<>(ignored -> delayedCall[0].cancel());
    Deferred<T> result = d.addCallback(ignored -> callable.call());
    delayedCall[0] = clock.callLater(delay, () -> d.callback(null));
    return result;
  }

  /**
   * A Deferred that fires with {@code null} after {@code delay} seconds: a cancellable sleep.
   *
   * @param clock the scheduler
   * @param delay seconds, zero or more
   * @return a cancellable Deferred
   * @throws IllegalArgumentException if {@code delay} is negative or NaN
   * @twisted twisted.internet.task.deferLater
   */
  public static Deferred<@Nullable Void> deferLater(IReactorTime clock, double delay) {
    return deferLater(clock, delay, () -> null);
  }

  /**
   * The body of a program run by {@link #react}.
   *
   * @param <R> the reactor type it needs
   * @twisted twisted.internet.task.react (main)
   */
  @FunctionalInterface
  public interface Main<R extends IReactorCore> {
    /**
     * Starts the program's work.
     *
     * @param reactor the reactor it runs on
     * @param argv the arguments {@code react} was given
     * @return a Deferred that fires when the program is done (a {@link SystemExit} failure
     *     picks the exit code)
     * @throws Throwable anything; it counts as a failure of the returned Deferred
     */
    Deferred<?> main(R reactor, List<String> argv) throws Throwable;
  }

  /**
   * Runs a program on {@code reactor} and ends the process with its exit status: calls
   * {@code main}, runs the reactor until the Deferred it returned fires, then calls
   * {@link System#exit} with the code {@link #reactExitCode} describes. Never returns.
   *
   * <pre>{@code
   * public static void main(String[] args) {
   *   Task.react((reactor, argv) -> download(reactor, argv.get(0)), List.of(args), reactor);
   * }
   * }</pre>
   *
   * @param main the program
   * @param argv its arguments
   * @param reactor the reactor, not yet run
   * @param <R> the reactor type
   * @twisted twisted.internet.task.react
   */
  public static <R extends IReactorCore> void react(Main<? super R> main, List<String> argv,
      R reactor) {
    System.exit(reactExitCode(main, argv, reactor));
  }

  /**
   * Runs a program on the global reactor ({@link Reactors#current()}, installing the configured
   * one if none is) and ends the process with its exit status; see
   * {@link #react(Main, List, IReactorCore)}. Never returns.
   *
   * <pre>{@code
   * public static void main(String[] args) {
   *   Task.react((reactor, argv) -> download(reactor, argv.get(0)), List.of(args));
   * }
   * }</pre>
   *
   * @param main the program
   * @param argv its arguments
   * @twisted twisted.internet.task.react
   */
  public static void react(Main<? super Reactor> main, List<String> argv) {
    System.exit(reactExitCode(main, argv));
  }

  /**
   * As {@link #reactExitCode(Main, List, IReactorCore)}, on the global reactor
   * ({@link Reactors#current()}).
   *
   * @param main the program
   * @param argv its arguments
   * @return the exit status
   * @twisted twisted.internet.task.react
   */
  public static int reactExitCode(Main<? super Reactor> main, List<String> argv) {
    return reactExitCode(main, argv, Reactors.current());
  }

  /**
   * Does what {@link #react} does but returns the exit status instead of exiting: for tests,
   * and for programs that exit their own way.
   *
   * <p>{@code main(reactor, argv)} is called first, then the reactor is run. When the Deferred
   * {@code main} returned fires, the reactor is stopped exactly once: through
   * {@link IReactorCore#callWhenRunning}, so never before it is running; and not at all if it is
   * already shutting down (someone else stopped it, and the Deferred fired during the shutdown).
   * If the reactor stops while the Deferred is still unfired, the reactor's {@code run} returns
   * all the same and the status is 0.
   *
   * <p>The status is 0 on success; the code of a {@link SystemExit} failure; otherwise 1 for a
   * failure, which is logged (through {@link UnhandledErrors#logError(Failure, String)}, as
   * "main function encountered error" with its traceback).
   *
   * <p><b>Differences from Twisted.</b> {@code main} receives {@code argv} as one list rather than
   * as separate arguments. A {@code main} that throws is treated as if it returned a failed
   * Deferred (exit status 1 or its {@link SystemExit} code), where Twisted lets the exception
   * escape {@code react}; one that returns null fails with {@link NullPointerException}. The
   * analogue of an {@code async def main} is a {@code main} built on
   * {@link java.util.concurrent.CompletableFuture}s that returns
   * {@code Deferred.fromFuture(stage)}. The reactor is an argument (tests pass one); the
   * overloads without it use the global reactor.
   *
   * @param main the program
   * @param argv its arguments
   * @param reactor the reactor, not yet run
   * @param <R> the reactor type
   * @return the exit status
   * @twisted twisted.internet.task.react
   */
  public static <R extends IReactorCore> int reactExitCode(Main<? super R> main,
      List<String> argv, R reactor) {
    Objects.requireNonNull(main, "main");
    Objects.requireNonNull(reactor, "reactor");
    List<String> args = List.copyOf(argv);
    Deferred<?> finished;
    try {
      finished = Objects.requireNonNull(main.main(reactor, args), "main returned null");
    } catch (Throwable t) {
      finished = Defer.fail(t);
    }
    ReactRun run = new ReactRun(reactor);
    reactor.addSystemEventTrigger("before", "shutdown", run::shuttingDown);
    finished.addBoth(result -> {
      run.finished(result);
      return null;
    });
    reactor.run();
    return run.code;
  }

  /** The state of one {@code react} call. */
  private static final class ReactRun {
    private final IReactorCore reactor;
    private boolean stopping;
    int code;

    ReactRun(IReactorCore reactor) {
      this.reactor = reactor;
    }

    void shuttingDown() {
      stopping = true;
    }

    void finished(@Nullable Object result) {
      if (stopping) {
        stop(result, false);
      } else {
        reactor.callWhenRunning(() -> stop(result, true));
      }
    }

    private void stop(@Nullable Object result, boolean stopReactor) {
      if (stopReactor) {
        try {
          reactor.stop();
        } catch (ReactorNotRunning alreadyStopped) {
          // Stopped by someone else between the result and now: nothing left to do.
        }
      }
      if (result instanceof Failure) {
        Failure failure = (Failure) result;
        if (failure.check(SystemExit.class) != null) {
          code = ((SystemExit) failure.value()).code();
        } else {
          UnhandledErrors.logError(failure,
              "main function encountered error\n" + failure.getTraceback());
          code = 1;
        }
      }
    }
  }
}
