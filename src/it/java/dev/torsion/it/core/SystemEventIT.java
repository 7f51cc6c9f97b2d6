package dev.torsion.it.core;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internal.reactor.LoopLog;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ReactorAlreadyRunning;
import dev.torsion.internet.error.ReactorNotRestartable;
import dev.torsion.internet.error.ReactorNotRunning;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** IReactorCore's lifecycle and system events, on the reactor this JVM runs the suite for. */
public class SystemEventIT extends ReactorBuilder {
  private static final double TIMEOUT = 30;

  /**
   * twisted.internet.test.test_core.SystemEventTestsBuilder_EPollReactorTests.test_stopWhenNotStarted
   */
  @Test
  public void stopWhenNotStarted() {
    Reactor reactor = buildReactor();
    assertThrows(ReactorNotRunning.class, reactor::stop);
  }

  /**
   * twisted.internet.test.test_core.SystemEventTestsBuilder_EPollReactorTests.test_stopWhenAlreadyStopped
   */
  @Test
  public void stopWhenAlreadyStopped() {
    Reactor reactor = buildReactor();
    reactor.callWhenRunning(reactor::stop);
    runReactor(reactor, TIMEOUT);
    assertThrows(ReactorNotRunning.class, reactor::stop);
  }

  /**
   * twisted.internet.test.test_core.SystemEventTestsBuilder_EPollReactorTests.test_callWhenRunningOrder
   */
  @Test
  public void callWhenRunningOrder() {
    Reactor reactor = buildReactor();
    List<String> events = new ArrayList<>();
    reactor.callWhenRunning(() -> events.add("first"));
    reactor.callWhenRunning(() -> events.add("second"));
    reactor.callWhenRunning(reactor::stop);
    runReactor(reactor, TIMEOUT);
    assertEquals(events, List.of("first", "second"));
  }

  /**
   * twisted.internet.test.test_core.SystemEventTestsBuilder_EPollReactorTests.test_runningForStartupEvents
   */
  @Test
  public void runningForStartupEvents() {
    Reactor reactor = buildReactor();
    Map<String, Boolean> state = new TreeMap<>();
    reactor.addSystemEventTrigger("before", "startup", () -> state.put("before",
        reactor.running()));
    reactor.addSystemEventTrigger("during", "startup", () -> state.put("during",
        reactor.running()));
    reactor.addSystemEventTrigger("after", "startup", () -> state.put("after",
        reactor.running()));
    reactor.callWhenRunning(reactor::stop);
    assertEquals(state, Map.of());
    runReactor(reactor, TIMEOUT);
    assertEquals(state, Map.of("before", false, "during", true, "after", true));
  }

  /**
   * twisted.internet.test.test_core.SystemEventTestsBuilder_EPollReactorTests.test_stopShutDownEvents
   */
  @Test
  public void stopShutDownEvents() {
    Reactor reactor = buildReactor();
    List<String> events = new ArrayList<>();
    reactor.addSystemEventTrigger("before", "shutdown", () -> events.add("before shutdown"));
    reactor.addSystemEventTrigger("during", "shutdown", () -> events.add("during shutdown"));
    reactor.addSystemEventTrigger("after", "shutdown", () -> events.add("after shutdown"));
    reactor.callWhenRunning(reactor::stop);
    runReactor(reactor, TIMEOUT);
    assertEquals(events, List.of("before shutdown", "during shutdown", "after shutdown"));
  }

  /**
   * twisted.internet.test.test_core.SystemEventTestsBuilder_EPollReactorTests.test_shutdownFiresTriggersAsynchronously
   */
  @Test
  public void shutdownFiresTriggersAsynchronously() {
    Reactor reactor = buildReactor();
    List<String> events = new ArrayList<>();
    reactor.addSystemEventTrigger("before", "shutdown", () -> events.add("before shutdown"));
    reactor.callWhenRunning(() -> {
      reactor.stop();
      events.add("stopped");
    });
    assertEquals(events, List.of());
    runReactor(reactor, TIMEOUT);
    assertEquals(events, List.of("stopped", "before shutdown"));
  }

  /**
   * twisted.internet.test.test_core.SystemEventTestsBuilder_EPollReactorTests.test_shutdownDisconnectsCleanly
   */
  @Test
  public void shutdownDisconnectsCleanly() {
    Reactor reactor = buildReactor();
    assertTrue(reactor instanceof LoopCore, "every reactor is built on the loop core");
    LoopCore core = (LoopCore) reactor;
    List<Throwable> logged = new ArrayList<>();
    core.setLog(new LoopLogRecorder(logged));
    boolean[] lostOk = {false};
    core.addSelectable(() -> {
      throw new IllegalStateException("simulated connectionLost error");
    });
    core.addSelectable(() -> lostOk[0] = true);
    reactor.callWhenRunning(reactor::stop);
    runReactor(reactor, TIMEOUT);
    assertEquals(logged.size(), 1);
    assertTrue(logged.get(0) instanceof IllegalStateException);
    assertTrue(lostOk[0]);
  }

  /** twisted.internet.test.test_core.SystemEventTestsBuilder_EPollReactorTests.test_multipleRun */
  @Test
  public void multipleRun() {
    Reactor reactor = buildReactor();
    List<String> events = new ArrayList<>();
    reactor.callWhenRunning(() -> {
      assertThrows(ReactorAlreadyRunning.class, reactor::run);
      events.add("tested");
    });
    reactor.callWhenRunning(reactor::stop);
    runReactor(reactor, TIMEOUT);
    assertEquals(events, List.of("tested"));
  }

  /**
   * twisted.internet.test.test_core.SystemEventTestsBuilder_EPollReactorTests.test_runWithAsynchronousBeforeStartupTrigger
   */
  @Test
  public void runWithAsynchronousBeforeStartupTrigger() {
    Reactor reactor = buildReactor();
    List<String> events = new ArrayList<>();
    reactor.addSystemEventTrigger("before", "startup", () -> {
      events.add("trigger");
      Deferred<@Nullable Void> d = new Deferred<>();
      d.addCallback(ignored -> {
        events.add("callback");
        reactor.stop();
        return null;
      });
      reactor.callLater(0, () -> d.callback(null));
      return d;
    });
    runReactor(reactor, TIMEOUT);
    assertEquals(events, List.of("trigger", "callback"));
  }

  /** twisted.internet.test.test_core.SystemEventTestsBuilder_EPollReactorTests.test_iterate */
  @Test
  public void iterate() {
    Reactor reactor = buildReactor();
    IDelayedCall t = reactor.callLater(5, reactor::crash);
    long start = System.nanoTime();
    reactor.iterate(0);
    assertTrue(System.nanoTime() - start < 2_000_000_000L, "iterate(0) does not block");
    t.cancel();
  }

  /** twisted.internet.test.test_core.SystemEventTestsBuilder_EPollReactorTests.test_crash */
  @Test
  public void crash() {
    Reactor reactor = buildReactor();
    List<String> events = new ArrayList<>();
    reactor.addSystemEventTrigger("before", "shutdown", () -> events.add("before shutdown"));
    reactor.callWhenRunning(() -> reactor.callLater(0, reactor::crash));
    runReactor(reactor, TIMEOUT);
    assertFalse(reactor.running());
    assertEquals(events, List.of(), "shutdown triggers ran on crash");
  }

  /**
   * twisted.internet.test.test_core.SystemEventTestsBuilder_EPollReactorTests.test_runAfterCrash
   */
  @Test
  public void runAfterCrash() {
    Reactor reactor = buildReactor();
    List<Object> events = new ArrayList<>();
    reactor.callWhenRunning(() -> {
      events.add("crash");
      reactor.crash();
    });
    runReactor(reactor, TIMEOUT);
    reactor.callWhenRunning(() -> {
      events.add(List.of("stop", reactor.running()));
      reactor.stop();
    });
    runReactor(reactor, TIMEOUT);
    assertEquals(events, List.of("crash", List.of("stop", true)));
  }

  /** twisted.internet.test.test_core.SystemEventTestsBuilder_EPollReactorTests.test_runAfterStop */
  @Test
  public void runAfterStop() {
    Reactor reactor = buildReactor();
    List<String> events = new ArrayList<>();
    reactor.callWhenRunning(reactor::stop);
    reactor.addSystemEventTrigger("after", "shutdown", () -> {
      assertThrows(ReactorNotRestartable.class, reactor::run);
      events.add("tested");
    });
    runReactor(reactor, TIMEOUT);
    assertEquals(events, List.of("tested"));
  }

  /** Records the errors the loop logs; the rest is dropped. */
  static final class LoopLogRecorder implements LoopLog {
    private final List<Throwable> errors;

    LoopLogRecorder(List<Throwable> errors) {
      this.errors = errors;
    }

    @Override
    public void callbackFailed(Object callback, Throwable error) {
      errors.add(error);
    }

    @Override
    public void warning(String message) {}

    @Override
    public void loopBlocked(Thread loopThread, long blockedNanos, StackTraceElement[] stack) {}
  }
}
