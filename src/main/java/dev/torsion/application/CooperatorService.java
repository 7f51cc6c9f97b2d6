package dev.torsion.application;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.internet.task.Cooperator;
import java.util.Iterator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A service that runs a {@link Cooperator} while it runs: iterators given to
 * {@link #coiterate} make progress only between {@code startService} and {@code stopService}.
 *
 * <pre>{@code
 * CooperatorService work = new CooperatorService();
 * work.setServiceParent(application.service());
 * work.coiterate(rows.iterator()).addCallback(done -> log.info("all rows sent"));
 * }</pre>
 *
 * <p><b>Lifecycle.</b> Created stopped: work added before the start waits for it. Stopping
 * fails every task it holds with {@code SchedulerStopped} (the Cooperator's {@code stop}); work
 * added after a stop fails the same way until the next start.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code startService}/{@code stopService} do not
 * call {@code Service}'s, so its {@code running} never changes; here they do. The Cooperator
 * is reached through {@link #coiterate} only (Twisted's {@code coop} attribute).
 *
 * @twisted twisted.application.internet.CooperatorService
 */
public final class CooperatorService extends Service {
  private final Cooperator coop;

  /**
   * A stopped service whose ticks run on the global reactor ({@link Reactors#current()}, looked
   * up when the first tick is scheduled).
   *
   * @twisted twisted.application.internet.CooperatorService.__init__
   */
  public CooperatorService() {
    this(null);
  }

  /**
   * A stopped service whose ticks run on {@code reactor}.
   *
   * @param reactor where ticks are scheduled (a reactor or a {@code task.Clock}), or null for
   *     the global reactor
   * @twisted twisted.application.internet.CooperatorService.__init__
   */
  public CooperatorService(@Nullable IReactorTime reactor) {
    Cooperator.Scheduler scheduler = reactor == null
        ? tick -> Cooperator.schedulerFor(Reactors.current()).schedule(tick)
        : Cooperator.schedulerFor(reactor);
    coop = new Cooperator(Cooperator.timeSlice(0.01), scheduler, false);
  }

  /**
   * Runs {@code iterator} to its end, one step at a time, sharing the reactor with other work.
   *
   * @param iterator the work; each {@code next()} is one step (a step returning a Deferred
   *     pauses the iteration until it fires)
   * @param <I> the iterator's type
   * @return fires with {@code iterator} once it is exhausted; fails with the error a step threw,
   *     or with {@code SchedulerStopped} when the service stops first
   * @twisted twisted.application.internet.CooperatorService.coiterate
   */
  public <I extends Iterator<?>> Deferred<I> coiterate(I iterator) {
    return coop.coiterate(Objects.requireNonNull(iterator, "iterator"));
  }

  /** Marks the service running and lets the Cooperator run its tasks. */
  @Override
  public void startService() {
    super.startService();
    coop.start();
  }

  /**
   * Marks the service stopped and stops the Cooperator, failing the tasks it holds.
   *
   * @return {@code null}: stopping is immediate
   */
  @Override
  public @Nullable Deferred<?> stopService() {
    super.stopService();
    coop.stop();
    return null;
  }
}
