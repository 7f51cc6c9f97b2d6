package dev.torsion.application.runner;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;

import dev.torsion.internet.reactor.Reactor;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

/** What SIGINT and SIGTERM do to a running reactor (the signals themselves: TwistSignalsIT). */
public class SignalsTest {
  @AfterMethod(alwaysRun = true)
  public void releaseReactors() {
    Fakes.release();
  }

  @Test(timeOut = 30_000)
  public void aSignalStopsTheReactorThroughItsShutdownTriggers() {
    Reactor reactor = Fakes.newReactor();
    List<String> events = new ArrayList<>();
    Signals signals = new Signals(reactor, () -> events.add("crashed"));
    reactor.addSystemEventTrigger("before", "shutdown", () -> events.add("before shutdown"));
    reactor.callWhenRunning(() -> signals.signalled("TERM"));
    reactor.run();
    assertEquals(events, List.of("before shutdown"));
    assertFalse(reactor.running());
  }

  @Test(timeOut = 30_000)
  public void aSecondSignalDuringAStuckShutdownCrashes() {
    Reactor reactor = Fakes.newReactor();
    List<String> events = new ArrayList<>();
    Signals signals = new Signals(reactor, () -> events.add("crashed"));
    // A shutdown trigger that never finishes: its Deferred never fires.
    reactor.addSystemEventTrigger("before", "shutdown",
        () -> new dev.torsion.internet.defer.Deferred<Void>());
    reactor.callWhenRunning(() -> {
      signals.signalled("INT");
      reactor.callLater(0.01, () -> signals.signalled("INT"));
    });
    reactor.run();
    assertEquals(events, List.of("crashed"));
  }

  @Test(timeOut = 30_000)
  public void aSignalAfterTheReactorStoppedItselfIsHarmless() {
    Reactor reactor = Fakes.newReactor();
    List<String> events = new ArrayList<>();
    Signals signals = new Signals(reactor, () -> events.add("crashed"));
    reactor.addSystemEventTrigger("before", "shutdown", () -> signals.signalled("TERM"));
    reactor.callWhenRunning(reactor::stop);
    reactor.run();
    assertEquals(events, List.of());
  }
}
