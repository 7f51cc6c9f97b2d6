package dev.torsion.trial;

import static org.testng.Assert.assertEquals;

import dev.torsion.internet.defer.Deferred;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.testng.annotations.Test;

/**
 * {@link TestCase} classes that {@link TestCaseTest} runs in a TestNG of its own. The holder's
 * name does not look like a test's, so Surefire does not run them itself.
 */
public final class AsyncSubjects {
  /** Shared with the subjects, which TestNG instantiates itself. */
  static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  private AsyncSubjects() {}

  /**
   * Fires {@code deferred} on a new thread once the calling (test) thread blocks waiting for it,
   * so the Deferred is only ever touched by one thread at a time. Bounded: gives up after 10 s.
   */
  static <T> Deferred<T> fireLater(Deferred<T> deferred, Consumer<Deferred<T>> fire) {
    Thread testThread = Thread.currentThread();
    Thread firer = new Thread(() -> {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!waiting(testThread) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      fire.accept(deferred);
    }, "firer");
    firer.setDaemon(true);
    firer.start();
    return deferred;
  }

  /**
   * Whether {@code testThread} waits for a Deferred: blocked, or (when a reactor is installed in
   * this JVM) driving the reactor in TestCase's wait loop, where a poll shows as RUNNABLE.
   */
  private static boolean waiting(Thread testThread) {
    if (testThread.getState() == Thread.State.TIMED_WAITING) {
      return true;
    }
    for (StackTraceElement frame : testThread.getStackTrace()) {
      if (frame.getClassName().equals(TestCase.class.getName())
          && frame.getMethodName().equals("spin")) {
        return true;
      }
    }
    return false;
  }

  /** Deferreds fired later by another thread. */
  public static class LaterSubject extends TestCase {
    static volatile IOException error = new IOException("unset");

    @Test
    public Deferred<String> succeedsLater() {
      Deferred<String> d = new Deferred<>();
      d.addCallback(result -> {
        EVENTS.add("callback got " + result);
        return result;
      });
      return fireLater(d, x -> x.callback("done"));
    }

    @Test
    public Deferred<String> failsLater() {
      return fireLater(new Deferred<>(), x -> {
        error = new IOException("later boom");
        x.errback(error);
      });
    }

    @Test
    public Deferred<String> returnsAFiredDeferred() {
      Deferred<String> d = new Deferred<>();
      d.callback("at once");
      return d;
    }

    @Test
    public void hasTheDefaultTimeout() {
      assertEquals(getTimeout(), 120.0);
    }
  }

  /** Timeouts: per method, per class, by override, and invalid. */
  @Timeout(0.15)
  public static class TimeoutSubject extends TestCase {
    @Test
    @Timeout(0.2)
    public Deferred<String> neverFires() {
      return new Deferred<>();
    }

    @Test
    public Deferred<String> usesTheClassTimeout() {
      return new Deferred<>();
    }

    @Test
    @Timeout(-1)
    public Deferred<String> hasANegativeTimeout() {
      return new Deferred<>();
    }

    @Test
    public Deferred<String> hasACleanupThatNeverFires() {
      addCleanup(() -> {
        EVENTS.add("cleanup added first");
      });
      addCleanup(() -> new Deferred<String>());
      Deferred<String> d = new Deferred<>();
      d.callback("test passed");
      return d;
    }
  }

  /** A timeout computed by an override of getTimeout. */
  public static class OverrideSubject extends TestCase {
    @Override
    protected double getTimeout() {
      return 0.05;
    }

    @Test
    public Deferred<String> neverFires() {
      return new Deferred<>();
    }
  }

  /** A cleanup whose Deferred fires later. */
  public static class CleanupSubject extends TestCase {
    @Test
    public void addsADeferredCleanup() {
      addCleanup(() -> {
        EVENTS.add("next cleanup");
      });
      addCleanup(() -> {
        Deferred<String> d = new Deferred<>();
        d.addCallback(result -> EVENTS.add("cleanup Deferred fired with " + result));
        return fireLater(d, x -> x.callback("ok"));
      });
    }
  }
}
