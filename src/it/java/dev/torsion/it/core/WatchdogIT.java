package dev.torsion.it.core;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internal.reactor.LoopLog;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** The blocked-loop watchdog, switched on the documented way: -Dtorsion.blockedLoopWarningMs. */
public class WatchdogIT extends ReactorBuilder {
  private final List<StackTraceElement[]> reports = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final CountDownLatch reported = new CountDownLatch(1);

  private void blockUntilReported() {
    try {
      reported.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A callback stuck past the limit is reported with the reactor thread's stack. */
  @Test
  public void watchdogFiresOnABlockedLoop() {
    Reactor reactor;
    System.setProperty("torsion.blockedLoopWarningMs", "100");
    try {
      reactor = buildReactor();
    } finally {
      System.clearProperty("torsion.blockedLoopWarningMs");
    }
    ((LoopCore) reactor).setLog(new LoopLog() {
      @Override
      public void callbackFailed(Object callback, Throwable error) {}

      @Override
      public void warning(String message) {}

      @Override
      public void loopBlocked(Thread loopThread, long blockedNanos, StackTraceElement[] stack) {
        threads.add(loopThread);
        reports.add(stack);
        reported.countDown();
      }
    });
    reactor.callWhenRunning(() -> reactor.callLater(0, () -> {
      blockUntilReported();
      reactor.stop();
    }));
    runReactor(reactor, 30);
    assertEquals(reports.size(), 1);
    assertSame(threads.get(0), Thread.currentThread());
    assertTrue(Arrays.stream(reports.get(0))
        .anyMatch(e -> e.getMethodName().equals("blockUntilReported")),
        Arrays.toString(reports.get(0)));
  }
}
