package dev.torsion.internet.interfaces;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import org.jspecify.annotations.Nullable;

/**
 * The reactor's own lifecycle: running the event loop, stopping it, and the system events that
 * mark its start and its end.
 *
 * <p><b>Lifecycle.</b> A reactor goes through its states once:
 * <pre>
 *   not started --run()--&gt; "startup" event --&gt; running
 *               --stop()--&gt; "shutdown" event --&gt; stopped
 * </pre>
 * {@link #run()} fires the {@code "startup"} event; {@link #running()} turns true in its
 * <i>during</i> phase, and the <i>after</i> phase is where {@link #callWhenRunning} callables
 * run. The loop then dispatches timers and I/O until {@link #stop()}, which fires the
 * {@code "shutdown"} event: {@code running()} turns false in its <i>during</i> phase, and
 * {@code run()} returns once the event has finished. {@link #crash()} ends the loop without any
 * event; a crashed reactor may {@code run()} again (its {@code "startup"} event fires again, with
 * the triggers added since). A stopped reactor cannot be run again, and releases its I/O
 * resources when {@code run()} returns.
 *
 * <p>The shutdown event never fires inside {@code stop()}: the loop finishes the timers due in
 * the current pass, then fires it. Every trigger runs at most once: firing an event consumes its
 * triggers, so a second firing runs only triggers added since.
 *
 * <p><b>System events.</b> An event has three phases, run in order: <i>before</i>, <i>during</i>,
 * <i>after</i>. Triggers in a phase run in the order they were added. A <i>before</i> trigger may
 * return a {@link Deferred}: the <i>during</i> phase waits until every such Deferred has fired
 * (a failed one is logged, and does not hold the event back). That is how "finish writing,
 * then exit" is done: add a {@code "before", "shutdown"} trigger returning the Deferred of the
 * work. The reactor fires {@code "startup"} and {@code "shutdown"}; any other event type (such
 * as Twisted's {@code "persist"}) fires only through {@link #fireSystemEvent}.
 *
 * <p><b>Threading.</b> Every method, {@code run()} included, belongs to the reactor thread (the
 * thread that calls {@code run()}). To stop the reactor from another thread, hand the call over:
 * {@code reactor.callFromThread(reactor::stop)} through {@link IReactorFromThreads}.
 *
 * <p><b>Re-entrancy.</b> {@code stop()}, {@code crash()}, {@code callWhenRunning},
 * {@code addSystemEventTrigger}, {@code removeSystemEventTrigger} and {@code fireSystemEvent} may
 * be called from any callback the reactor runs, including from triggers: a trigger added while
 * its event fires runs in that firing if its phase has not passed yet, and a trigger removed
 * before its turn does not run. {@code run()} and {@code iterate} may not be called from inside
 * the loop.
 *
 * <p><b>Errors.</b> A trigger, or a {@code callWhenRunning} callable run as one, that throws is
 * logged with its stack, and the remaining triggers still run. Misuse is reported by throwing:
 * {@code ReactorAlreadyRunning} for {@code run()} on a running reactor,
 * {@code ReactorNotRestartable} for {@code run()} after it stopped, {@code ReactorNotRunning} for
 * {@code stop()} when not running (all in {@code dev.torsion.internet.error}).
 *
 * <p><b>Testing.</b> Code that only needs to run and stop a reactor, such as
 * {@code task.Task.react}, can be tested against a small fake of this interface over a
 * {@code task.Clock}, as Twisted's own tests do.
 *
 * <p><b>Differences from Twisted.</b> {@code running} is a method, not an attribute. Trigger ids
 * are typed ({@link TriggerId}) rather than tuples; a bad phase name or an unknown id is an
 * {@link IllegalArgumentException} instead of {@code KeyError}/{@code ValueError}. Extra
 * arguments are captured by the lambda. Twisted's {@code resolve(name, timeout)} is not here:
 * name resolution belongs to the resolver interfaces, which the reactor also implements. A
 * <i>before</i> trigger's Deferred that fails is logged at once (Twisted leaves it to the
 * garbage collector's unhandled-error report). While a <i>before</i> {@code "startup"} trigger's
 * Deferred is pending the loop waits for events instead of spinning. {@code iterate(delay)}
 * never waits past the next due call. Torsion installs no signal handlers: Java has no
 * supported signal API, and SIGINT/SIGTERM end the JVM through its shutdown hooks.
 *
 * @twisted twisted.internet.interfaces.IReactorCore
 */
public interface IReactorCore {
  /**
   * Whether the reactor is running: true from the <i>during</i> phase of {@code "startup"} to
   * the <i>during</i> phase of {@code "shutdown"}, false before and after.
   *
   * @return true while running
   * @twisted twisted.internet.interfaces.IReactorCore.running
   */
  boolean running();

  /**
   * Fires the {@code "startup"} event, then runs the event loop until {@link #stop()} (and the
   * {@code "shutdown"} event it fires) or {@link #crash()} ends it. Blocks the calling thread,
   * which becomes the reactor thread, until then.
   *
   * @throws dev.torsion.internet.error.ReactorAlreadyRunning if it is already running
   * @throws dev.torsion.internet.error.ReactorNotRestartable if it ran before and stopped
   * @twisted twisted.internet.interfaces.IReactorCore.run
   */
  void run();

  /**
   * Asks the reactor to stop: the loop finishes its current iteration, fires the
   * {@code "shutdown"} event, and {@link #run()} returns once the event has finished (after the
   * <i>before</i> triggers' Deferreds). Returns at once; it does not wait for any of that.
   *
   * @throws dev.torsion.internet.error.ReactorNotRunning if it is not running, or already
   *     stopping
   * @twisted twisted.internet.interfaces.IReactorCore.stop
   */
  void stop();

  /**
   * Ends the event loop at once, without firing any system event: {@link #run()} returns with
   * shutdown triggers unrun, connections open and data perhaps unwritten. For when a shutdown
   * trigger is stuck and there is no other way out; prefer {@link #stop()}.
   *
   * @twisted twisted.internet.interfaces.IReactorCore.crash
   */
  void crash();

  /**
   * Runs one iteration of the loop by hand: the calls that are due, then waits up to
   * {@code delay} seconds for I/O and dispatches it. For programs that drive the reactor from
   * their own loop (a game's frame loop), and for test harnesses that wait on a Deferred. The
   * reactor need not be running (as in Twisted, no system event fires, but a shutdown requested
   * by {@code stop()} does); not re-entrant: never call it from inside the loop. The wait ends
   * early when a delayed call falls due or another thread hands over a call.
   *
   * <pre>{@code
   * while (!d.called()) {
   *   reactor.iterate(0.1);   // how a test harness waits for a Deferred without run()
   * }
   * }</pre>
   *
   * @param delay the longest wait for I/O, in seconds; 0 polls without waiting
   * @throws IllegalArgumentException if {@code delay} is negative or NaN
   * @throws IllegalStateException if called from a callback the loop is running
   * @twisted twisted.internet.interfaces.IReactorCore.iterate
   */
  void iterate(double delay);

  /**
   * Fires the system event {@code eventType} now: its <i>before</i>, <i>during</i> and
   * <i>after</i> triggers, in that order, the later phases waiting for Deferreds the
   * <i>before</i> triggers returned. An event type with no triggers does nothing.
   *
   * @param eventType the event, such as {@code "startup"}, {@code "shutdown"} or
   *     {@code "persist"}
   * @twisted twisted.internet.interfaces.IReactorCore.fireSystemEvent
   */
  void fireSystemEvent(String eventType);

  /**
   * Adds a trigger that runs in {@code phase} of each firing of {@code eventType}. A trigger in
   * the <i>before</i> phase may return a Deferred that the later phases wait for; in other phases
   * the returned value is ignored.
   *
   * <pre>{@code
   * reactor.addSystemEventTrigger("before", "shutdown", () -> server.stopListening());
   * }</pre>
   *
   * @param phase {@code "before"}, {@code "during"} or {@code "after"}
   * @param eventType the event, such as {@code "shutdown"}
   * @param callable the trigger; it may return null
   * @return the id to give {@link #removeSystemEventTrigger}
   * @throws IllegalArgumentException if {@code phase} is not one of the three
   * @twisted twisted.internet.interfaces.IReactorCore.addSystemEventTrigger
   */
  TriggerId addSystemEventTrigger(String phase, String eventType,
      Defer.Call<? extends @Nullable Deferred<?>> callable);

  /**
   * Adds a trigger that returns nothing; as
   * {@link #addSystemEventTrigger(String, String, Defer.Call)}.
   *
   * @param phase {@code "before"}, {@code "during"} or {@code "after"}
   * @param eventType the event, such as {@code "shutdown"}
   * @param callable the trigger
   * @return the id to give {@link #removeSystemEventTrigger}
   * @throws IllegalArgumentException if {@code phase} is not one of the three
   * @twisted twisted.internet.interfaces.IReactorCore.addSystemEventTrigger
   */
  default TriggerId addSystemEventTrigger(String phase, String eventType, Runnable callable) {
    return addSystemEventTrigger(phase, eventType, () -> {
      callable.run();
      return null;
    });
  }

  /**
   * Removes a trigger that has not run yet, so it never runs. Removing, from a <i>before</i>
   * trigger, a <i>before</i> trigger of the same firing that already ran is tolerated with a
   * logged warning (Twisted warns it will become an error).
   *
   * @param triggerId what {@link #addSystemEventTrigger} or {@link #callWhenRunning} returned
   * @throws IllegalArgumentException if no pending trigger has that id (never added, removed
   *     already, already run, or issued by another reactor)
   * @throws NullPointerException if {@code triggerId} is null
   * @twisted twisted.internet.interfaces.IReactorCore.removeSystemEventTrigger
   */
  void removeSystemEventTrigger(TriggerId triggerId);

  /**
   * Runs {@code callable} once the reactor is running: at once if it is (what it throws then
   * propagates to the caller, as in Twisted), otherwise as an <i>after</i> {@code "startup"}
   * trigger, so it runs after everything the startup set up.
   *
   * @param callable what to run
   * @return null if it ran at once, otherwise the id of the startup trigger, to cancel it with
   *     {@link #removeSystemEventTrigger}
   * @twisted twisted.internet.interfaces.IReactorCore.callWhenRunning
   */
  @Nullable TriggerId callWhenRunning(Runnable callable);

  /**
   * Identifies one system event trigger. Opaque: only the reactor that issued it understands it.
   *
   * @twisted twisted.internet.base._SystemEventID
   */
  interface TriggerId {}
}
