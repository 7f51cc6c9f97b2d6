package dev.torsion.it.examples;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.examples.EchoRoundTrip;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import java.util.List;
import org.testng.annotations.Test;

/** The README's TCP example works on every reactor. */
public class EchoRoundTripIT extends ReactorBuilder {
  /** The round trip finishes with its port closed and leaves nothing open. */
  @Test
  public void roundTripCompletesAndClosesItsPort() {
    Reactor reactor = buildReactor();
    Object[] outcome = new Object[1];
    reactor.callWhenRunning(() -> {
      Deferred<?> done = EchoRoundTrip.roundTrip(reactor, List.of());
      done.addBoth(r -> {
        outcome[0] = r == null ? "ok" : r;
        reactor.stop();
        return null;
      });
    });
    runReactor(reactor, 10);
    assertEquals(outcome[0], "ok");
    assertTrue(((dev.torsion.internal.reactor.LoopCore) reactor).selectables().isEmpty());
  }
}
