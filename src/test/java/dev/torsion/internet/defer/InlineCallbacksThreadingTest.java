package dev.torsion.internet.defer;

import static dev.torsion.internet.defer.InlineCallbacks.inlineCallbacks;
import static dev.torsion.trial.SynchronousTestCase.assertNoResult;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotSame;
import static org.testng.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import org.testng.annotations.Test;

/** Hand-off, scale and stack behaviour of inlineCallbacks bodies. */
public class InlineCallbacksThreadingTest {

  @Test
  public void resumesWhileTheFiringThreadWaitsInsideCallback() throws Exception {
    Deferred<String> awaited = new Deferred<>();
    Thread[] firing = {null};
    List<String> seen = new ArrayList<>();
    Deferred<String> d = inlineCallbacks(a -> {
      Thread starter = Thread.currentThread();
      String v = a.await(awaited);
      Thread resumer = firing[0];
      seen.add(v);
      seen.add("firer in callback " + Arrays.stream(resumer.getStackTrace())
          .anyMatch(f -> f.getMethodName().equals("callback")
              && f.getClassName().equals(Deferred.class.getName())));
      seen.add("same body thread " + (starter == Thread.currentThread()));
      return v;
    });
    Thread firer = new Thread(() -> awaited.callback("from firer"), "firer");
    firing[0] = firer;
    firer.start();
    firer.join(10_000);
    assertFalse(firer.isAlive());
    // The body's writes, made while the firer waited in callback(), are all visible after it.
    assertEquals(seen, List.of("from firer", "firer in callback true",
        "same body thread true"));
    assertEquals(successResultOf(d), "from firer");
  }

  @Test
  public void bodyRunsOnItsOwnThreadAndTheCallerWaits() {
    Thread caller = Thread.currentThread();
    boolean[] callerInside = {false};
    Thread[] bodyThread = {null};
    Deferred<String> d = inlineCallbacks(a -> {
      bodyThread[0] = Thread.currentThread();
      // The caller is still inside inlineCallbacks(), parked or about to park.
      callerInside[0] = Arrays.stream(caller.getStackTrace())
          .anyMatch(f -> f.getMethodName().equals("inlineCallbacks"));
      return "ok";
    });
    assertEquals(successResultOf(d), "ok");
    assertNotSame(bodyThread[0], caller);
    // A body suspended for ever must not keep the JVM from exiting.
    assertTrue(bodyThread[0].isDaemon());
    assertTrue(callerInside[0]);
  }

  /**
   * Many bodies suspend, resume, and resume one another in random order; each segment does a
   * non-atomic read-modify-write with a pause in the middle. Any overlap would lose increments
   * or be seen by the counter of segments running at once.
   */
  @Test
  public void bodiesNeverRunAtTheSameTimeAsAnythingElse() {
    int bodies = 200;
    int steps = 20;
    List<Deferred<Integer>> pending = new ArrayList<>();
    Random random = new Random(4632);
    AtomicInteger running = new AtomicInteger();
    int[] maxRunning = {0};
    long[] shared = {0};
    List<Deferred<Integer>> results = new ArrayList<>();
    for (int i = 0; i < bodies; i++) {
      results.add(inlineCallbacks(a -> {
        int total = 0;
        for (int k = 0; k < steps; k++) {
          maxRunning[0] = Math.max(maxRunning[0], running.incrementAndGet());
          long before = shared[0];
          for (int spin = 0; spin < 200; spin++) {
            Thread.onSpinWait();
          }
          shared[0] = before + 1;
          running.decrementAndGet();
          Deferred<Integer> next = new Deferred<>();
          pending.add(next);
          if (k % 3 == 1 && pending.size() > 1) {
            // Resume another body from inside this one.
            pending.remove(random.nextInt(pending.size() - 1)).callback(1);
          }
          total += a.await(next);
        }
        return total;
      }));
    }
    while (!pending.isEmpty()) {
      maxRunning[0] = Math.max(maxRunning[0], running.incrementAndGet());
      Deferred<Integer> next = pending.remove(random.nextInt(pending.size()));
      running.decrementAndGet();
      next.callback(1);
    }
    assertEquals(maxRunning[0], 1);
    assertEquals(shared[0], (long) bodies * steps);
    for (Deferred<Integer> r : results) {
      assertEquals(successResultOf(r), Integer.valueOf(steps));
    }
  }

  @Test
  public void tenThousandSuspendedBodiesAllComplete() {
    int count = 10_000;
    List<Deferred<Integer>> awaited = new ArrayList<>();
    List<Deferred<Integer>> results = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Deferred<Integer> d = new Deferred<>();
      awaited.add(d);
      int n = i;
      results.add(inlineCallbacks(a -> a.await(d) + n));
    }
    for (Deferred<Integer> r : results) {
      assertNoResult(r);
    }
    for (int i = 0; i < count; i++) {
      awaited.get(i).callback(i);
    }
    for (int i = 0; i < count; i++) {
      assertEquals(successResultOf(results.get(i)), Integer.valueOf(2 * i));
    }
  }

  @Test
  public void hundredThousandFiredAwaitsUseNoStack() {
    int[] depths = new int[2];
    Deferred<Long> d = inlineCallbacks(a -> {
      long sum = 0;
      for (int i = 0; i < 100_000; i++) {
        sum += a.await(Defer.succeed((long) i));
        if (i == 0 || i == 99_999) {
          depths[i == 0 ? 0 : 1] = Thread.currentThread().getStackTrace().length;
        }
      }
      return sum;
    });
    assertEquals(successResultOf(d), Long.valueOf(99_999L * 100_000L / 2));
    assertEquals(depths[1], depths[0]);
  }

  @Test
  public void deepChainOfBodiesEachAwaitingTheNextCompletes() {
    int depth = 2_000;
    Deferred<Integer> bottom = new Deferred<>();
    Deferred<Integer> chain = bottom;
    for (int i = 0; i < depth; i++) {
      Deferred<Integer> inner = chain;
      chain = inlineCallbacks(a -> a.await(inner) + 1);
    }
    assertNoResult(chain);
    bottom.callback(0);
    assertEquals(successResultOf(chain), Integer.valueOf(depth));
  }

  @Test
  public void interruptedFiringThreadStillWaitsForTheBodyAndKeepsItsInterrupt() {
    Deferred<String> awaited = new Deferred<>();
    List<String> events = new ArrayList<>();
    Deferred<String> d = inlineCallbacks(a -> {
      String v = a.await(awaited);
      for (int spin = 0; spin < 10_000; spin++) {
        Thread.onSpinWait();
      }
      events.add("body done");
      return v;
    });
    Thread.currentThread().interrupt();
    try {
      awaited.callback("v");
      events.add("callback returned");
    } finally {
      assertTrue(Thread.interrupted());
    }
    assertEquals(events, List.of("body done", "callback returned"));
    assertEquals(successResultOf(d), "v");
  }

  @Test
  public void nestedBodiesResumeEachOtherInTurn() {
    Deferred<String> gate = new Deferred<>();
    List<String> events = new ArrayList<>();
    Deferred<String> outer = inlineCallbacks(a -> {
      events.add("outer start");
      Deferred<String> inner = inlineCallbacks(b -> {
        events.add("inner start");
        String v = b.await(gate);
        events.add("inner resumed");
        return v + "!";
      });
      events.add("outer awaits inner");
      String v = a.await(inner);
      events.add("outer resumed");
      return v + "?";
    });
    gate.callback("go");
    assertEquals(events, List.of("outer start", "inner start", "outer awaits inner",
        "inner resumed", "outer resumed"));
    assertEquals(successResultOf(outer), "go!?");
  }

  /**
   * A foreign thread that fires the awaited Deferred just as the body suspends takes over as its
   * driver; the thread that started the body must still get its turn back (a lost wake-up here
   * once parked it for good).
   */
  @Test(timeOut = 120_000)
  public void foreignFireDuringSuspendNeverStrandsTheStarter() throws InterruptedException {
    for (int round = 0; round < 2_000; round++) {
      Deferred<Integer> awaited = new Deferred<>();
      AtomicBoolean atAwait = new AtomicBoolean();
      int spins = ThreadLocalRandom.current().nextInt(400);
      Thread firer = new Thread(() -> {
        while (!atAwait.get()) {
          Thread.onSpinWait();
        }
        for (int s = 0; s < spins; s++) {
          Thread.onSpinWait();
        }
        awaited.callback(1);
      });
      Thread starter = new Thread(() -> inlineCallbacks(a -> {
        atAwait.set(true);
        return a.await(awaited);
      }));
      firer.start();
      starter.start();
      firer.join(10_000);
      starter.join(10_000);
      // Firing from a foreign thread while the body adds its callback is a data race on the
      // Deferred (not thread-safe, as in Twisted), which may lose the callback and leave the body
      // suspended; what must never happen is the starting thread waiting forever.
      assertFalse(starter.isAlive(), "round " + round + ": the starting thread was stranded");
    }
  }
}
