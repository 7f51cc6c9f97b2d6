package dev.torsion.internal.reactor;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ReactorNotRunning;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.python.failure.Failure;
import org.jspecify.annotations.Nullable;

/** Builds reactors for the loop-core tests and runs them, always with a bound. */
final class LoopHarness {
  private LoopHarness() {}

  /** A real nio reactor (no sockets are opened by these tests). */
  static LoopCore nio() {
    return (LoopCore) Reactors.provider("nio").create();
  }

  /** Stops {@code reactor} unless it is stopping already. */
  static void stopQuietly(LoopCore reactor) {
    try {
      reactor.stop();
    } catch (ReactorNotRunning e) {
      // already stopping: fine
    }
  }

  /**
   * Runs {@code reactor} until {@code d} fires, then stops it; fails if that takes longer than
   * {@code timeoutSeconds} or if {@code d} failed (the test's checks errback it).
   */
  static @Nullable Object runUntilFired(LoopCore reactor, Deferred<?> d, double timeoutSeconds) {
    Object[] outcome = new Object[1];
    boolean[] fired = {false};
    d.addBoth(result -> {
      outcome[0] = result;
      fired[0] = true;
      reactor.callWhenRunning(() -> stopQuietly(reactor));
      return null;
    });
    runBounded(reactor, timeoutSeconds);
    if (!fired[0]) {
      throw new AssertionError("Deferred not fired after " + timeoutSeconds + " s: " + d);
    }
    if (outcome[0] instanceof Failure f) {
      throw new AssertionError("Deferred failed: " + f.getErrorMessage(), f.value());
    }
    return outcome[0];
  }

  /** Runs until stopped; stops it and fails after {@code timeoutSeconds}. */
  static void runBounded(LoopCore reactor, double timeoutSeconds) {
    boolean[] timedOut = {false};
    IDelayedCall guard = reactor.callLater(timeoutSeconds, () -> {
      timedOut[0] = true;
      stopQuietly(reactor);
    });
    reactor.run();
    if (timedOut[0]) {
      throw new AssertionError("reactor still running after " + timeoutSeconds + " s");
    }
    if (guard.active()) {
      guard.cancel();
    }
  }
}
