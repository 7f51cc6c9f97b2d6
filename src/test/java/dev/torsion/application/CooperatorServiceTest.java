package dev.torsion.application;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.task.SchedulerStopped;
import dev.torsion.trial.SynchronousTestCase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.testng.annotations.Test;

public class CooperatorServiceTest extends SynchronousTestCase {
  @Test
  public void workWaitsForTheStartAndRunsToTheEnd() {
    Clock clock = new Clock();
    CooperatorService service = new CooperatorService(clock);
    List<Integer> seen = new ArrayList<>();
    Iterator<Integer> work = IntStream.range(0, 3).peek(seen::add).iterator();
    Deferred<Iterator<Integer>> done = service.coiterate(work);
    clock.advance(1);
    assertEquals(seen, List.of());
    service.startService();
    assertTrue(service.running());
    for (int i = 0; i < 10 && !done.called(); i++) {
      clock.advance(1);
    }
    assertEquals(seen, List.of(0, 1, 2));
    assertSame(successResultOf(done), work);
    assertNull(service.stopService());
    assertFalse(service.running());
  }

  @Test
  public void stoppingFailsTheWorkInProgressAndLaterWork() {
    Clock clock = new Clock();
    CooperatorService service = new CooperatorService(clock);
    service.startService();
    Deferred<Iterator<Integer>> endless = service.coiterate(IntStream.iterate(0, i -> i + 1)
        .iterator());
    clock.advance(1);
    service.stopService();
    failureResultOf(endless, SchedulerStopped.class);
    failureResultOf(service.coiterate(List.of(1).iterator()), SchedulerStopped.class);
    assertEquals(clock.getDelayedCalls().size(), 0);
  }
}
