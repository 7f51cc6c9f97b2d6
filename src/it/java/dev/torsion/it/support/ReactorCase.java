package dev.torsion.it.support;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import dev.torsion.python.failure.Failure;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.testng.annotations.BeforeMethod;

/**
 * A test with a fresh reactor per method, run until a Deferred fires: trial's way of returning
 * a Deferred from a test, with the run bounded by {@link #AWAIT_SECONDS}.
 */
public abstract class ReactorCase extends ReactorBuilder {
  /** The bound on one {@link #await} run, in seconds. */
  public static final double AWAIT_SECONDS = 20;

  /** This test method's reactor, built before it runs. */
  protected Reactor reactor;

  /** Builds {@link #reactor} for the next test method. */
  @BeforeMethod
  protected void freshReactor() {
    reactor = buildReactor();
  }

  /**
   * Runs the reactor until the Deferred made by {@code body} (called once running) fires.
   *
   * @param <T> the Deferred's result type
   * @param body makes the Deferred; what it throws fails the test
   * @return the Deferred's result
   * @throws AssertionError when the Deferred failed, or the reactor stopped before it fired
   */
  @SuppressWarnings("unchecked")
  protected <T> T await(Supplier<Deferred<T>> body) {
    Object[] out = new Object[1];
    boolean[] done = {false};
    reactor.callWhenRunning(() -> {
      Deferred<T> d;
      try {
        d = body.get();
      } catch (RuntimeException | Error e) {
        d = new Deferred<>();
        d.errback(new Failure(e));
      }
      d.addBoth(r -> {
        out[0] = r;
        done[0] = true;
        reactor.stop();
        return null;
      });
    });
    runReactor(reactor, AWAIT_SECONDS);
    if (!done[0]) {
      throw new AssertionError("the reactor stopped before the test's Deferred fired");
    }
    if (out[0] instanceof Failure f) {
      if (f.value() instanceof Error e) {
        throw e;
      }
      throw new AssertionError("the test's Deferred failed: " + f.getTraceback(), f.value());
    }
    return (T) out[0];
  }

  /**
   * Twisted's {@code loopUntil}: a Deferred fired once {@code condition} holds, checked every
   * millisecond (the {@link #await} bound ends a wait that never succeeds).
   *
   * @param condition the condition, checked on the reactor thread
   * @return fires with null once the condition holds
   */
  protected Deferred<Void> loopUntil(BooleanSupplier condition) {
    Deferred<Void> d = new Deferred<>();
    Runnable[] check = new Runnable[1];
    check[0] = () -> {
      if (condition.getAsBoolean()) {
        d.callback(null);
      } else {
        reactor.callLater(0.001, check[0]);
      }
    };
    check[0].run();
    return d;
  }
}
