package dev.torsion.it;

import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.ReactorProvider;
import dev.torsion.internet.reactor.Reactors;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterMethod;

/**
 * The base of every integration test: builds fresh reactors of the kind this JVM was started
 * with ({@code -Dtorsion.reactor=NAME}) and runs them with a bound, as Twisted's
 * {@code ReactorBuilder} does. (Skeleton: issue 3's selection work adds skip reporting.)
 */
public abstract class ReactorBuilder {
  private final List<Reactor> built = new ArrayList<>();

  /** The reactor name this JVM runs the suite for. @return the name */
  protected static String reactorName() {
    return System.getProperty("torsion.reactor", "nio");
  }

  /**
   * A new reactor, not installed, not running; it is torn down after the test.
   *
   * @return the reactor
   */
  protected Reactor buildReactor() {
    ReactorProvider p = Reactors.provider(reactorName());
    Reactor r = p.create();
    built.add(r);
    return r;
  }

  /**
   * Runs {@code reactor} until it stops, failing the test if it is still running after
   * {@code timeoutSeconds}.
   *
   * @param reactor the reactor
   * @param timeoutSeconds the bound
   */
  protected void runReactor(Reactor reactor, double timeoutSeconds) {
    boolean[] timedOut = {false};
    IDelayedCall guard = reactor.callLater(timeoutSeconds, () -> {
      timedOut[0] = true;
      reactor.stop();
    });
    reactor.run();
    if (timedOut[0]) {
      throw new AssertionError("reactor still running after " + timeoutSeconds + " s");
    }
    if (guard.active()) {
      guard.cancel();
    }
  }

  @AfterMethod(alwaysRun = true)
  protected void unbuildReactors() {
    built.clear();
  }
}
