package dev.torsion.it;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.reactor.Reactor;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.IConfigurable;
import org.testng.IConfigureCallBack;
import org.testng.IHookCallBack;
import org.testng.IHookable;
import org.testng.ITestResult;
import org.testng.SkipException;
import org.testng.annotations.AfterMethod;

/**
 * The base of every integration test: builds fresh reactors of the kind this JVM was started
 * with ({@code -Dtorsion.reactor=NAME}, set by each Failsafe execution in the pom) and runs them
 * with a bound, as Twisted's {@code ReactorBuilder} does.
 *
 * <h2>A reactor this machine cannot run</h2>
 * The one sanctioned skip in the project. When the reactor named for this JVM is unsupported
 * here ({@code ReactorProvider.isSupported()} is false), no test or configuration method of any
 * subclass runs, and no test is silently dropped: each is reported as skipped, its entry
 * says {@code reactor NAME is unsupported on this machine: CAUSE}, the JVM prints that line
 * once, and {@link ReactorStatus} writes {@code reactor.properties} beside the Failsafe reports
 * ({@code target/failsafe-reports/NAME/}), which {@code trial-compat/report} prints per reactor.
 * A reactor name that no provider has is an error, not a skip: a typo in the pom must fail.
 */
public abstract class ReactorBuilder implements IHookable, IConfigurable {
  private final List<Reactor> built = new ArrayList<>();

  /**
   * The reactor name this JVM runs the suite for.
   *
   * @return the name
   */
  protected static String reactorName() {
    return ReactorStatus.current().provider().name();
  }

  /**
   * A new reactor, not installed, not running; its resources are released after the test.
   *
   * @return the reactor
   */
  protected Reactor buildReactor() {
    ReactorStatus status = ReactorStatus.current();
    status.requireSupported();
    Reactor r = status.provider().create();
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

  /**
   * Runs the test, or skips it with the reason when this machine cannot run the reactor, or
   * the reactor lacks a {@link Facet} the test {@link Requires}.
   */
  @Override
  public void run(IHookCallBack callBack, ITestResult testResult) {
    ReactorStatus.current().requireSupported();
    requireFacets(testResult.getMethod().getConstructorOrMethod().getMethod()
        .getAnnotation(Requires.class));
    requireFacets(testResult.getTestClass().getRealClass().getAnnotation(Requires.class));
    callBack.runTestMethod(testResult);
  }

  private static void requireFacets(@Nullable Requires needs) {
    if (needs == null) {
      return;
    }
    String name = reactorName();
    for (Facet f : needs.value()) {
      String why = f.lackedBy(name);
      if (why != null) {
        throw new SkipException("reactor " + name + " lacks " + f + ": " + why);
      }
    }
  }

  /**
   * Runs a configuration method ({@code @BeforeClass}, {@code @AfterMethod}...), or leaves it out
   * when there is no reactor to test (unsupported here, or unknown). Leaving it out, rather than
   * skipping or failing it, keeps TestNG from skipping the tests that follow without a reason;
   * {@link #run(IHookCallBack, ITestResult)} then skips each with the reason, or fails each with
   * the selection error.
   */
  @Override
  public void run(IConfigureCallBack callBack, ITestResult testResult) {
    if (ReactorStatus.current().runnable()) {
      callBack.runConfigurationMethod(testResult);
    } else {
      testResult.setStatus(ITestResult.SUCCESS); // not run: nothing to set up for no test
    }
  }

  /** Releases what each reactor built for the test still holds (its selector, at least). */
  @AfterMethod(alwaysRun = true)
  protected void unbuildReactors() {
    for (Reactor r : built) {
      if (r instanceof LoopCore core && !core.running()) {
        core.backend().close();
      }
    }
    built.clear();
  }
}
