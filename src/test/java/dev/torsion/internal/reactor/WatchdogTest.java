package dev.torsion.internal.reactor;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** The blocked-loop watchdog; the loop is blocked on latches, never by sleeping. */
public class WatchdogTest {
  private static final long LIMIT_MS = 50;

  /** Blocks the loop until the watchdog has reported, or 10 s. */
  private static void blockUntilReported(RecordingLoopLog log) {
    try {
      log.firstBlocked.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean mentions(StackTraceElement[] stack, String method) {
    return Arrays.stream(stack).anyMatch(e -> e.getMethodName().equals(method));
  }

  /** A callback that blocks past the limit is reported once, with the blocked stack. */
  @Test
  public void blockedIterationIsReportedWithTheLoopThreadsStack() throws InterruptedException {
    RecordingLoopLog log = new RecordingLoopLog();
    LoopCore reactor = new LoopCore(new FakeBackend(), System::nanoTime, LIMIT_MS);
    reactor.setLog(log);
    CountDownLatch never = new CountDownLatch(1);
    reactor.callLater(0, () -> {
      blockUntilReported(log);
      try {
        // Stay blocked a while longer: the same stretch must not be reported twice.
        never.await(4 * LIMIT_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    reactor.iterate(0);
    assertEquals(log.blocked().size(), 1);
    RecordingLoopLog.Blocked b = log.blocked().get(0);
    assertSame(b.loopThread(), Thread.currentThread());
    assertTrue(b.blockedNanos() >= TimeUnit.MILLISECONDS.toNanos(LIMIT_MS));
    assertTrue(mentions(b.stack(), "blockUntilReported"), Arrays.toString(b.stack()));
  }

  /** Time spent waiting in the backend is not blocking; nothing is reported. */
  @Test
  public void waitingForIoIsNotBlocking() throws InterruptedException {
    RecordingLoopLog log = new RecordingLoopLog();
    // A roomier limit than the other tests: a GC pause on a loaded machine must not count.
    long limit = 4 * LIMIT_MS;
    LoopCore reactor = new LoopCore(new FakeBackend(), System::nanoTime, limit);
    reactor.setLog(log);
    reactor.callLater(0, () -> { });
    reactor.iterate(0);
    // The fake backend waits out the whole delay: 3 limits with the loop idle.
    reactor.iterate(3 * limit / 1000.0);
    // Give the watchdog its chance to be wrong: a bounded wait for a report that must not come.
    assertFalse(log.firstBlocked.await(limit, TimeUnit.MILLISECONDS));
    assertEquals(log.blocked().size(), 0);
  }

  /** A backend that calls dispatchStarting() has its I/O callbacks watched too. */
  @Test
  public void dispatchAfterTheHookCounts() {
    RecordingLoopLog log = new RecordingLoopLog();
    LoopCore[] core = new LoopCore[1];
    dev.torsion.internet.reactor.IoBackend dispatching =
        new LoopOnlyBackend() {
          @Override
          public void poll(long timeoutNanos) {
            core[0].dispatchStarting();
            blockUntilReported(log);
          }

          @Override
          public void wakeUp() {}

          @Override
          public void close() {}
        };
    core[0] = new LoopCore(dispatching, System::nanoTime, LIMIT_MS);
    core[0].setLog(log);
    core[0].iterate(0);
    assertEquals(log.blocked().size(), 1);
    assertTrue(mentions(log.blocked().get(0).stack(), "poll"));
  }

  /** Off by default: no watchdog is built, and a long callback is not reported. */
  @Test
  public void offByDefault() throws InterruptedException {
    RecordingLoopLog log = new RecordingLoopLog();
    LoopCore reactor = new LoopCore(new FakeBackend());
    reactor.setLog(log);
    assertFalse(reactor.hasWatchdog());
    CountDownLatch never = new CountDownLatch(1);
    reactor.callLater(0, () -> {
      try {
        never.await(2 * LIMIT_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    reactor.iterate(0);
    assertEquals(log.blocked().size(), 0);
  }

  /** The default log writes the warning with the stack as an exception's. */
  @Test
  public void defaultLogCarriesTheStack() {
    StackTraceElement[] stack = new Throwable().getStackTrace();
    LoopLog.BlockedLoop where = new LoopLog.BlockedLoop("loop");
    where.setStackTrace(stack);
    assertEquals(where.getStackTrace().length, stack.length);
    LoopLog.SLF4J.loopBlocked(Thread.currentThread(), 1_000_000, stack);
  }
}
