package dev.torsion.it.core;

import static org.testng.Assert.assertTrue;

import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import org.testng.annotations.Test;

/** IReactorTime on the reactor this JVM runs the suite for. */
public class TimeIT extends ReactorBuilder {
  /**
   * twisted.internet.test.test_time.TimeTestsBuilder_EPollReactorTests.test_delayedCallStopsReactor
   */
  @Test(timeOut = 30_000)
  public void delayedCallStopsReactor() {
    Reactor reactor = buildReactor();
    reactor.callLater(0, reactor::stop);
    reactor.run();
  }

  /**
   * twisted.internet.test.test_time.TimeTestsBuilder_EPollReactorTests.test_distantDelayedCall
   *
   * <p>Run without a guard timer, as Twisted does, so the only timer is 2**128 s away; TestNG's
   * timeOut bounds it instead.
   */
  @Test(timeOut = 30_000)
  public void distantDelayedCall() {
    Reactor reactor = buildReactor();
    IDelayedCall delayedCall = reactor.callLater(Math.pow(2, 128) + 1, () -> { });
    reactor.callFromThread(() -> reactor.callFromThread(reactor::stop));
    reactor.run();
    assertTrue(delayedCall.active());
    assertTrue(reactor.getDelayedCalls().contains(delayedCall));
  }
}
