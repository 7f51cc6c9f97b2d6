package dev.torsion.it.stress;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.builder.TcpBuilder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Shutdown runs its phases in order, and a {@code before} trigger returning a Deferred that
 * fires later holds the {@code during} and {@code after} phases until it does.
 */
public class ShutdownTriggerIT extends TcpBuilder {
  /** The during and after triggers wait for the before trigger's Deferred. */
  @Test
  public void beforeTriggerDeferredDelaysDuringAndAfter() {
    Reactor reactor = buildReactor();
    List<String> events = new ArrayList<>();
    double[] firedAt = {0};
    double[] duringAt = {0};
    reactor.addSystemEventTrigger("after", "shutdown", () -> events.add("after"));
    reactor.addSystemEventTrigger("during", "shutdown", () -> {
      events.add("during");
      duringAt[0] = reactor.seconds();
    });
    reactor.addSystemEventTrigger("before", "shutdown", () -> {
      events.add("before");
      Deferred<@Nullable Void> later = new Deferred<>();
      reactor.callLater(0.2, () -> {
        events.add("before's Deferred fired");
        firedAt[0] = reactor.seconds();
        later.callback(null);
      });
      return later;
    });
    reactor.addSystemEventTrigger("before", "shutdown", () -> events.add("second before"));
    reactor.callWhenRunning(reactor::stop);
    run(reactor, 10);
    assertEquals(events, List.of("before", "second before", "before's Deferred fired",
        "during", "after"));
    assertTrue(duringAt[0] >= firedAt[0], "during ran before the Deferred fired");
  }
}
