package dev.torsion.it.core;

import static org.testng.Assert.assertEquals;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** Shutdown trigger ordering when a before trigger delays the shutdown. */
public class ShutdownTriggersIT extends ReactorBuilder {
  /**
   * Two before triggers return Deferreds fired later by a timer and by another thread: the
   * during and after phases wait for both, the loop keeps serving calls meanwhile, and run()
   * returns only after the after phase.
   */
  @Test
  public void delayingBeforeTriggerHoldsTheLaterPhases() {
    Reactor reactor = buildReactor();
    List<String> events = new ArrayList<>();
    reactor.addSystemEventTrigger("before", "shutdown", () -> {
      events.add("before 1");
      Deferred<@Nullable Void> d = new Deferred<>();
      reactor.callLater(0.05, () -> {
        events.add("timer during shutdown, running=" + reactor.running());
        d.callback(null);
      });
      return d;
    });
    reactor.addSystemEventTrigger("before", "shutdown", () -> {
      events.add("before 2");
      Deferred<@Nullable Void> d = new Deferred<>();
      Thread t = new Thread(() -> reactor.callFromThread(() -> {
        events.add("thread call during shutdown");
        d.callback(null);
      }));
      t.setDaemon(true);
      t.start();
      return d;
    });
    reactor.addSystemEventTrigger("during", "shutdown",
        () -> events.add("during, running=" + reactor.running()));
    reactor.addSystemEventTrigger("after", "shutdown", () -> events.add("after"));
    reactor.callWhenRunning(reactor::stop);
    runReactor(reactor, 30);
    assertEquals(events.subList(0, 2), List.of("before 1", "before 2"));
    assertEquals(events.subList(2, 4).size(), 2);
    assertEquals(events.subList(4, 6), List.of("during, running=false", "after"));
    assertEquals(events.subList(2, 4).contains("timer during shutdown, running=true"), true);
  }
}
