package dev.torsion.trial;

import static org.testng.Assert.assertEquals;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.UnhandledErrors;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * Test classes that {@link TrialChecksTest} runs in a TestNG of its own. The holder's name does
 * not look like a test's, so Surefire does not run them itself.
 */
public final class TrialSubjects {
  /** Shared with the subjects, which TestNG instantiates itself. */
  static final List<String> EVENTS = new ArrayList<>();

  private TrialSubjects() {}

  /** An error logged during a test and left there. */
  public static class LoggedSubject extends SynchronousTestCase {
    @Test
    public void logsAnError() {
      UnhandledErrors.logError(new Failure(new IllegalStateException("logged boom")));
    }
  }

  /** A failed Deferred dropped with no errback. */
  public static class PendingSubject extends SynchronousTestCase {
    @Test
    public void dropsAFailedDeferred() {
      Defer.fail(new IOException("dropped boom"));
    }
  }

  /** The same errors, flushed. */
  public static class FlushedSubject extends SynchronousTestCase {
    @Test
    public void flushesBoth() {
      UnhandledErrors.logError(new Failure(new IllegalStateException("logged")));
      Defer.fail(new IOException("dropped"));
      List<Failure> flushed = flushLoggedErrors(IOException.class, IllegalStateException.class);
      assertEquals(flushed.size(), 2);
    }

    @Test
    public void flushesOnlyTheGivenType() {
      Defer.fail(new IOException("not flushed"));
      assertEquals(flushLoggedErrors(IllegalStateException.class).size(), 0);
    }

    @Test
    public void handlesItBeforeTheEnd() {
      Deferred<String> d = Defer.fail(new IOException("handled"));
      d.addErrback(f -> "recovered");
    }
  }

  /** Cleanups: order, failures, and errors together with the test's own. */
  public static class CleanupSubject extends SynchronousTestCase {
    @Test
    public void runsCleanupsLastFirst() {
      addCleanup(() -> {
        EVENTS.add("first added");
      });
      addCleanup(() -> {
        EVENTS.add("second added");
        throw new IOException("cleanup boom");
      });
      addCleanup(() -> Defer.succeed(EVENTS.add("third added")));
      EVENTS.add("test");
    }

    @Test
    public void failsAndLeavesAnError() throws IOException {
      Defer.fail(new IllegalStateException("left behind"));
      throw new IOException("test boom");
    }

    @Test(expectedExceptions = IOException.class)
    public void throwsTheExpectedException() throws IOException {
      throw new IOException("expected");
    }

    @Test
    public void throwsACheckedException() throws IOException {
      throw new IOException("checked");
    }
  }

  /** Deferreds returned to a SynchronousTestCase. */
  public static class ReturnSubject extends SynchronousTestCase {
    @Test
    public Deferred<String> returnsAFiredDeferred() {
      EVENTS.add("fired");
      return Defer.succeed("done");
    }

    @Test
    public Deferred<String> returnsAFailedDeferred() {
      return Defer.fail(new IOException("returned boom"));
    }

    @Test
    public Deferred<String> returnsAnUnfiredDeferred() {
      return new Deferred<>();
    }
  }

  /** A patch, checked by the next test (methods run in name order). */
  public static class PatchSubject extends SynchronousTestCase {
    static String value = "original";

    @Test
    public void a_patches() {
      patch(PatchSubject.class, "value", "patched");
      assertEquals(value, "patched");
    }

    @Test
    public void b_seesItRestored() {
      assertEquals(value, "original");
    }
  }

  /** A class-level {@code @Test}: its own public methods are tests, and only those. */
  @Test
  public static class ClassLevelSubject extends SynchronousTestCase {
    public void theOnlyTest() {
      EVENTS.add("the only test");
    }
  }

  /** Reports, as the collector would, a Failure that was pending before the test started. */
  public static class CollectorSubject extends SynchronousTestCase {
    static volatile Failure fromBefore = Failure.of("unset");

    @Test
    public void seesAnEarlierFailureCollected() {
      UnhandledErrors.logError(fromBefore, "Unhandled error in Deferred:\n" + fromBefore);
    }
  }
}
