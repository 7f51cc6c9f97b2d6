package dev.torsion.internal.reactor;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore.State;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ReactorAlreadyRunning;
import dev.torsion.internet.error.ReactorNotRestartable;
import dev.torsion.internet.error.ReactorNotRunning;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * run/stop/crash/iterate edge cases, checked against the real Twisted 22.4 (SelectReactor), and
 * the loop's error handling.
 */
public class LoopCoreLifecycleTest {
  private final List<Object> events = new ArrayList<>();

  private LoopCore reactor(FakeBackend backend, RecordingLoopLog log) {
    events.clear();
    LoopCore r = new LoopCore(backend, System::nanoTime, 0);
    r.setLog(log);
    return r;
  }

  private void record(LoopCore r, String phase, String event) {
    r.addSystemEventTrigger(phase, event, () -> events.add(phase + " " + event + " "
        + r.running()));
  }

  /** stop() from a before-startup trigger: startup still completes, then shutdown runs. */
  @Test
  public void stopFromBeforeStartupTrigger() {
    FakeBackend backend = new FakeBackend();
    LoopCore r = reactor(backend, new RecordingLoopLog());
    r.addSystemEventTrigger("before", "startup", () -> {
      events.add("before startup " + r.running());
      r.stop();
    });
    record(r, "during", "startup");
    r.callWhenRunning(() -> events.add("callWhenRunning " + r.running()));
    record(r, "before", "shutdown");
    record(r, "during", "shutdown");
    record(r, "after", "shutdown");
    r.callLater(0, () -> events.add("timer " + r.running()));
    LoopHarness.runBounded(r, 10);
    // What Twisted 22.4's SelectReactor prints for the same program.
    assertEquals(events, List.of("before startup false", "during startup true",
        "callWhenRunning true", "timer true", "before shutdown true", "during shutdown false",
        "after shutdown false"));
    assertEquals(r.state(), State.STOPPED);
    assertTrue(backend.closed, "a stopped reactor closes its backend");
  }

  /** iterate() works before run(): due calls run, nothing fires, running() stays false. */
  @Test
  public void iterateBeforeRun() {
    LoopCore r = reactor(new FakeBackend(), new RecordingLoopLog());
    record(r, "during", "startup");
    r.callLater(0, () -> events.add("timer " + r.running()));
    r.iterate(0);
    assertEquals(events, List.of("timer false"));
    assertEquals(r.state(), State.NOT_STARTED);
    assertThrows(ReactorNotRunning.class, r::stop);
  }

  /** As Twisted: stop() after crash() is accepted, and the reactor can then never run. */
  @Test
  public void stopAfterCrashMakesItUnrestartable() {
    LoopCore r = reactor(new FakeBackend(), new RecordingLoopLog());
    r.callWhenRunning(r::crash);
    r.run();
    assertEquals(r.state(), State.CRASHED);
    assertFalse(r.running());
    r.stop();
    assertThrows(ReactorNotRestartable.class, r::run);
    // The shutdown event is still owed: the next pass fires it.
    record(r, "before", "shutdown");
    r.iterate(0);
    assertEquals(events, List.of("before shutdown false"));
    assertEquals(r.state(), State.STOPPED);
  }

  /** stop() twice: the second is ReactorNotRunning, as in Twisted. */
  @Test
  public void stopTwice() {
    LoopCore r = reactor(new FakeBackend(), new RecordingLoopLog());
    r.callWhenRunning(() -> {
      r.stop();
      assertThrows(ReactorNotRunning.class, r::stop);
      events.add("checked");
    });
    LoopHarness.runBounded(r, 10);
    assertEquals(events, List.of("checked"));
  }

  /** iterate() and run() from inside the loop are refused, not run nested. */
  @Test
  public void noReentrantIterateOrRun() {
    LoopCore r = reactor(new FakeBackend(), new RecordingLoopLog());
    r.callWhenRunning(() -> {
      assertThrows(IllegalStateException.class, () -> r.iterate(0));
      assertThrows(ReactorAlreadyRunning.class, r::run);
      events.add("checked");
      r.stop();
    });
    LoopHarness.runBounded(r, 10);
    assertEquals(events, List.of("checked"));
  }

  /** A before-shutdown Deferred holds run() while the loop keeps serving timers. */
  @Test
  public void beforeShutdownDeferredHoldsRun() {
    LoopCore r = reactor(new FakeBackend(), new RecordingLoopLog());
    r.addSystemEventTrigger("before", "shutdown", () -> {
      Deferred<@Nullable Void> d = new Deferred<>();
      r.callLater(0, () -> r.callLater(0, () -> {
        events.add("timer while shutting down " + r.running());
        d.callback(null);
      }));
      return d;
    });
    record(r, "during", "shutdown");
    r.callWhenRunning(r::stop);
    LoopHarness.runBounded(r, 10);
    assertEquals(events, List.of("timer while shutting down true", "during shutdown false"));
  }

  /** Every callback's exception is logged with the callback, and the loop goes on. */
  @Test
  public void exceptionsFromEveryKindOfCallbackAreLogged() {
    RecordingLoopLog log = new RecordingLoopLog();
    LoopCore r = reactor(new FakeBackend(), log);
    RuntimeException timer = new RuntimeException("timer");
    RuntimeException thread = new RuntimeException("thread call");
    AssertionError trigger = new AssertionError("trigger");
    r.addSystemEventTrigger("after", "startup", () -> {
      throw trigger;
    });
    r.callLater(0, () -> {
      throw timer;
    });
    r.callFromThread(() -> {
      throw thread;
    });
    r.callLater(0.01, () -> r.callLater(0, r::stop));
    LoopHarness.runBounded(r, 10);
    List<Throwable> logged = new ArrayList<>();
    log.errors().forEach(e -> logged.add(e.error()));
    assertEquals(logged, List.of(trigger, thread, timer));
    assertTrue(log.errors().get(2).callback().toString().startsWith("<DelayedCall 0x"));
  }

  /** In DelayedCall debug mode the log of a failing call shows where it was created. */
  @Test
  public void debugModeLogShowsCreator() {
    RecordingLoopLog log = new RecordingLoopLog();
    LoopCore r = reactor(new FakeBackend(), log);
    ReactorDelayedCall.setDebug(true);
    try {
      r.callLater(0, () -> {
        throw new IllegalStateException("boom");
      });
    } finally {
      ReactorDelayedCall.setDebug(false);
    }
    r.iterate(0);
    String text = log.errors().get(0).callback().toString();
    assertTrue(text.contains("traceback at creation"), text);
    assertTrue(text.contains("debugModeLogShowsCreator"), text);
  }

  /** Shutdown disconnects every selectable still open, despite one that throws. */
  @Test
  public void shutdownDisconnectsEverySelectable() {
    RecordingLoopLog log = new RecordingLoopLog();
    LoopCore r = reactor(new FakeBackend(), log);
    IllegalStateException boom = new IllegalStateException("simulated connectionLost error");
    r.addSelectable(() -> {
      throw boom;
    });
    r.addSelectable(() -> events.add("ok lost " + r.running()));
    Selectable removed = () -> events.add("removed one lost");
    r.addSelectable(removed);
    r.removeSelectable(removed);
    r.callWhenRunning(r::stop);
    LoopHarness.runBounded(r, 10);
    assertEquals(events, List.of("ok lost false"));
    assertEquals(log.errors().size(), 1);
    assertEquals(log.errors().get(0).error(), boom);
    assertEquals(r.selectables(), List.of());
  }

  /** The wait is bounded by the next timer, by iterate's delay, and is 0 when stopping. */
  @Test
  public void waitTimeouts() {
    AtomicLong nanos = new AtomicLong();
    FakeBackend backend = new FakeBackend();
    LoopCore r = new LoopCore(backend, nanos::get, 0);
    r.iterate(0);
    r.callLater(3, () -> { });
    r.iterate(0.001);
    r.iterate(5e-9);
    assertEquals(backend.polls(), List.of(0L, 1_000_000L, 5L));
  }

  /** An idle iteration allocates nothing (HotSpot's per-thread allocation counter). */
  @Test
  public void idleIterationAllocatesNothing() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    LoopCore r = new LoopCore(new LoopOnlyBackend() {
      @Override
      public void poll(long timeoutNanos) {}

      @Override
      public void wakeUp() {}

      @Override
      public void close() {}
    }, System::nanoTime, 0);
    r.callLater(1000, () -> { });
    for (int i = 0; i < 200_000; i++) {
      r.iterate(0);
    }
    long tid = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 100_000; i++) {
      r.iterate(0);
    }
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    assertTrue(allocated < 64 * 1024, allocated + " bytes for 100,000 idle iterations");
  }
}
