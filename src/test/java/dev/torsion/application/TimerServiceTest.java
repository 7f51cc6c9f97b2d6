package dev.torsion.application;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.task.Clock;
import dev.torsion.trial.SynchronousTestCase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.testng.annotations.Test;

public class TimerServiceTest extends SynchronousTestCase {
  /** twisted.test.test_application.TimerBasicTests.testTimerRuns */
  @Test
  public void startCallsTheFunctionAndStopEndsTheService() {
    Clock clock = new Clock();
    Deferred<String> d = new Deferred<>();
    TimerService t = new TimerService(1, () -> {
      if (!d.called()) {
        d.callback("hello");
      }
    });
    t.setClock(clock);
    assertSame(t.clock(), clock);
    t.startService();
    assertEquals(successResultOf(d), "hello");
    assertTrue(t.running());
    assertNull(successResultOf(t.stopService()));
    assertFalse(t.running());
    assertEquals(clock.getDelayedCalls().size(), 0);
    // Stopping again, as Twisted's tearDown does, is harmless.
    assertNull(successResultOf(t.stopService()));
  }

  /** twisted.test.test_application.TimerBasicTests.testTimerRestart */
  @Test
  public void stoppedTimerServiceCanBeStartedAgain() {
    Clock clock = new Clock();
    Deque<String> work = new ArrayDeque<>(List.of("foo", "bar"));
    List<String> done = new ArrayList<>();
    TimerService t = new TimerService(1, () -> done.add(work.pop()));
    t.setClock(clock);
    t.startService();
    assertEquals(done, List.of("foo"));
    successResultOf(t.stopService());
    assertFalse(t.running());
    clock.advance(5);
    assertEquals(done, List.of("foo"));
    t.startService();
    assertTrue(t.running());
    assertEquals(done, List.of("foo", "bar"));
    successResultOf(t.stopService());
    assertFalse(t.running());
  }

  /** twisted.test.test_application.TimerBasicTests.testTimerLoops */
  @Test
  public void functionIsCalledEveryStep() {
    Clock clock = new Clock();
    List<String> calls = new ArrayList<>();
    TimerService t = new TimerService(0.01, () -> calls.add("hello"));
    t.setClock(clock);
    t.startService();
    for (int i = 0; i < 9; i++) {
      clock.advance(0.01);
    }
    assertEquals(calls, Collections.nCopies(10, "hello"));
    successResultOf(t.stopService());
    clock.advance(1);
    assertEquals(calls.size(), 10);
  }

  /** twisted.test.test_application.InternetTests.testBrokenTimer */
  @Test
  public void failingFunctionIsLoggedAndEndsTheLoop() {
    Clock clock = new Clock();
    int[] calls = {0};
    TimerService t = new TimerService(1, () -> {
      calls[0]++;
      throw new ArithmeticException("/ by zero");
    });
    t.setClock(clock);
    t.startService();
    List<?> logged = flushLoggedErrors(ArithmeticException.class);
    assertEquals(logged.size(), 1);
    clock.advance(5);
    assertEquals(calls[0], 1);
    assertTrue(t.running());
    assertNull(successResultOf(t.stopService()));
    assertFalse(t.running());
  }

  @Test
  public void stopWaitsForTheCallInProgress() {
    Clock clock = new Clock();
    Deferred<String> pending = new Deferred<>();
    TimerService t = new TimerService(1, () -> pending);
    t.setClock(clock);
    t.startService();
    Deferred<?> stopped = t.stopService();
    assertNoResult(stopped);
    assertTrue(t.running());
    pending.callback("done");
    assertNull(successResultOf(stopped));
    assertFalse(t.running());
  }

  @Test
  public void stopBeforeStartFiresAtOnce() {
    TimerService t = new TimerService(1, () -> { });
    assertNull(successResultOf(t.stopService()));
    assertFalse(t.running());
    assertEquals(t.step(), 1.0);
    assertNull(t.clock());
  }

  @Test
  public void negativeStepIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TimerService(-1, () -> { }));
    assertThrows(IllegalArgumentException.class, () -> new TimerService(Double.NaN, () -> { }));
  }

  @Test
  public void timerServiceStopsWithItsParent() {
    Clock clock = new Clock();
    List<Double> times = new ArrayList<>();
    MultiService parent = new MultiService();
    TimerService t = new TimerService(2, () -> times.add(clock.seconds()));
    t.setClock(clock);
    t.setServiceParent(parent);
    parent.startService();
    clock.advance(2);
    successResultOf(parent.stopService());
    assertFalse(t.running());
    clock.advance(10);
    assertEquals(times, List.of(0.0, 2.0));
  }
}
