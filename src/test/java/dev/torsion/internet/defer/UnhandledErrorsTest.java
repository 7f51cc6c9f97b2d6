package dev.torsion.internet.defer;

import static dev.torsion.trial.SynchronousTestCase.failureResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.expectThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.RecordingObserver.Report;
import dev.torsion.internet.defer.RecordingObserver.Watch;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * Unhandled errors: the deterministic pending set, reports when a failing Deferred is collected,
 * and {@link Defer#logError}.
 */
public class UnhandledErrorsTest {
  private @Nullable RecordingObserver observer;

  @BeforeMethod
  public void observe() {
    UnhandledErrors.flushPending(); // earlier tests' leftovers are not ours
    observer = new RecordingObserver();
  }

  @AfterMethod(alwaysRun = true)
  public void restore() {
    if (observer != null) {
      observer.close();
      observer = null;
    }
    Deferred.setDebugging(false);
  }

  private RecordingObserver observer() {
    RecordingObserver o = observer;
    assertNotNull(o);
    return o;
  }

  private static boolean containsSame(List<Failure> failures, Failure wanted) {
    return failures.stream().anyMatch(f -> f == wanted);
  }

  private static long countValue(List<Failure> failures, Throwable value) {
    return failures.stream().filter(f -> f.value() == value).count();
  }

  /** Twisted's {@code 1 // 0}, remembering the error it raised. */
  private static int divideByZero(AtomicReference<Throwable> raised, int x) {
    try {
      return x / 0;
    } catch (ArithmeticException e) {
      raised.set(e);
      throw e;
    }
  }

  private static Throwable raised(AtomicReference<Throwable> raised) {
    Throwable t = raised.get();
    assertNotNull(t, "the callback did not run");
    return t;
  }

  /** Checks a collection report as Twisted's LogTests._check does. */
  private static void checkReport(Report report) {
    assertNotNull(report.failure.check(ArithmeticException.class));
    assertTrue(report.text.startsWith("Unhandled error in Deferred:\n"), report.text);
    assertTrue(report.text.contains("java.lang.ArithmeticException: / by zero"), report.text);
    assertTrue(report.text.contains("divideByZero"), "the report shows the failure's stack");
  }

  // ------------------------------------------------------------------------------------------
  // Reports on collection (LogTests)

  /** twisted.test.test_defer.LogTests.test_errorLog */
  @Test
  public void droppedFailingDeferredIsReportedWhenCollected() throws Exception {
    AtomicReference<Throwable> raised = new AtomicReference<>();
    new Deferred<Integer>().addCallback(x -> divideByZero(raised, x)).callback(1);
    checkReport(observer().awaitCollected(raised(raised)));
  }

  private static void failInInnerFrame(AtomicReference<Throwable> raised) {
    Deferred<Integer> d = new Deferred<>();
    d.addCallback(x -> divideByZero(raised, x));
    d.callback(1);
  }

  /** twisted.test.test_defer.LogTests.test_errorLogWithInnerFrameRef */
  @Test
  public void failingDeferredOfAReturnedFrameIsReported() throws Exception {
    AtomicReference<Throwable> raised = new AtomicReference<>();
    failInInnerFrame(raised);
    checkReport(observer().awaitCollected(raised(raised)));
  }

  private static void failInCycle(AtomicReference<Throwable> raised) {
    Object[] cycle = new Object[1];
    // The canceller refers to the Deferred and the Deferred keeps its canceller: a cycle.
    Deferred<Integer> d = new Deferred<>(self -> cycle[0] = self);
    cycle[0] = d;
    d.addCallback(x -> divideByZero(raised, x));
    d.callback(1);
  }

  /** twisted.test.test_defer.LogTests.test_errorLogWithInnerFrameCycle */
  @Test
  public void failingDeferredInAReferenceCycleIsReported() throws Exception {
    AtomicReference<Throwable> raised = new AtomicReference<>();
    failInCycle(raised);
    checkReport(observer().awaitCollected(raised(raised)));
  }

  /** twisted.test.test_defer.LogTests.test_errorLogNoRepr */
  @Test
  public void collectionReportIsTracebackNotRepr() throws Exception {
    AtomicReference<Throwable> raised = new AtomicReference<>();
    new Deferred<Integer>().addCallback(x -> divideByZero(raised, x)).callback(1);
    Report report = observer().awaitCollected(raised(raised));
    checkReport(report);
    assertTrue(report.text.startsWith("Unhandled error in Deferred:\nTraceback "), report.text);
    assertFalse(report.text.contains(report.failure.toString()), report.text);
    assertEquals(observer().reportsOf(report.failure.value()).size(), 1);
  }

  private static void fireFailingInDebugMode(AtomicReference<Throwable> raised) {
    Deferred<Integer> d = new Deferred<>();
    d.addCallback(x -> divideByZero(raised, x));
    d.callback(1);
  }

  /** twisted.test.test_defer.LogTests.test_errorLogDebugInfo */
  @Test
  public void debugModeReportShowsCreatorAndInvoker() throws Exception {
    AtomicReference<Throwable> raised = new AtomicReference<>();
    Deferred.setDebugging(true);
    fireFailingInDebugMode(raised);
    Deferred.setDebugging(false);
    Report report = observer().awaitCollected(raised(raised));
    checkReport(report);
    String text = report.text;
    assertTrue(text.contains("(debug:"), text);
    assertTrue(text.contains(" C: Deferred was created"), text);
    assertTrue(text.contains(" I: First Invoker was"), text);
    // The invoker's stack is the one that fired the Deferred.
    assertTrue(text.lines().anyMatch(l -> l.startsWith(" I: ")
        && l.contains("fireFailingInDebugMode")), text);
  }

  @Test
  public void withoutDebugModeReportHasNoDebugInfo() throws Exception {
    AtomicReference<Throwable> raised = new AtomicReference<>();
    failInInnerFrame(raised);
    Report report = observer().awaitCollected(raised(raised));
    assertFalse(report.text.contains("(debug:"), report.text);
  }

  // ------------------------------------------------------------------------------------------
  // Handing a failure on clears it (LogTests, deterministic and on collection)

  /** twisted.test.test_defer.LogTests.test_chainedErrorCleanup */
  @Test
  public void failureTakenFromReturnedDeferredIsNotReportedTwice() throws Exception {
    RuntimeException zoop = new RuntimeException("zoop");
    Watch watch = new Watch();
    chainedError(zoop, watch);
    RecordingObserver.awaitCollected(watch);
    observer().drainCollections();
    assertEquals(observer().reportsOf(zoop).size(), 0, "nothing may be reported");
  }

  private static void chainedError(RuntimeException zoop, Watch watch) {
    Deferred<@Nullable Void> d = new Deferred<>();
    d.addCallbackDeferred(ignored -> {
      Deferred<@Nullable Void> inner = Defer.fail(zoop);
      watch.add(inner);
      assertEquals(countValue(UnhandledErrors.pending(), zoop), 1, "the inner one holds it");
      return inner;
    });
    d.callback(null);
    watch.add(d);
    // The outer Deferred now holds the Failure, and the inner one no longer does.
    assertEquals(countValue(UnhandledErrors.pending(), zoop), 1);
    List<Object> results = new ArrayList<>();
    List<Failure> errors = new ArrayList<>();
    d.addCallbacks(results::add, errors::add);
    assertEquals(results.size(), 0);
    assertEquals(errors.size(), 1);
    assertSame(errors.get(0).value(), zoop);
    assertEquals(countValue(UnhandledErrors.pending(), zoop), 0);
  }

  /** twisted.test.test_defer.LogTests.test_errorClearedByChaining */
  @Test
  public void failureHandedToAnErrbackReturningADeferredIsCleared() throws Exception {
    Failure failure = new Failure(new Exception("oh no"));
    Watch watch = new Watch();
    clearedByChaining(failure, watch);
    RecordingObserver.awaitCollected(watch);
    observer().drainCollections();
    assertEquals(observer().reportsOf(failure.value()).size(), 0, "nothing may be reported");
  }

  private static void clearedByChaining(Failure failure, Watch watch) {
    Deferred<@Nullable Void> bad = Defer.fail(failure);
    Deferred<@Nullable Void> good = new Deferred<>();
    assertTrue(containsSame(UnhandledErrors.pending(), failure));
    bad.addErrbackDeferred(ignored -> good);
    assertFalse(containsSame(UnhandledErrors.pending(), failure));
    assertFalse(bad.hasResult(), "bad waits on good");
    watch.add(bad);
    watch.add(good);
  }

  // ------------------------------------------------------------------------------------------
  // The pending set

  @Test
  public void pendingShowsAFailureUntilAnErrbackHandlesIt() {
    Failure failure = new Failure(new IllegalStateException("unhandled"));
    Deferred<String> d = Defer.fail(failure);
    assertTrue(containsSame(UnhandledErrors.pending(), failure));
    d.addCallback(s -> s + "!"); // a callback passes failures by: still unhandled
    assertTrue(containsSame(UnhandledErrors.pending(), failure));
    d.addErrback(f -> "handled");
    assertFalse(containsSame(UnhandledErrors.pending(), failure));
  }

  @Test
  public void errbackThatRethrowsKeepsTheFailurePending() {
    Failure failure = new Failure(new IllegalStateException("unhandled"));
    Deferred<String> d = Defer.fail(failure);
    d.addErrback(f -> f.raiseException());
    assertTrue(containsSame(UnhandledErrors.pending(), failure));
    assertSame(failureResultOf(d), failure);
    assertFalse(containsSame(UnhandledErrors.pending(), failure));
  }

  @Test
  public void chainDeferredHandsTheFailureOn() {
    Failure failure = new Failure(new IllegalStateException("chained"));
    Deferred<String> source = Defer.fail(failure);
    Deferred<String> target = new Deferred<>();
    source.chainDeferred(target);
    assertEquals(countValue(UnhandledErrors.pending(), failure.value()), 1, "target holds it");
    assertSame(failureResultOf(target), failure);
    assertFalse(containsSame(UnhandledErrors.pending(), failure));
  }

  @Test
  public void flushPendingTakesTheFailureButTheDeferredKeepsIt() {
    Failure failure = new Failure(new IllegalStateException("flushed"));
    Deferred<String> d = Defer.fail(failure);
    List<Failure> taken = UnhandledErrors.flushPending();
    assertTrue(containsSame(taken, failure));
    assertFalse(containsSame(UnhandledErrors.pending(), failure));
    // A later pass that still ends on the Failure makes it pending again.
    d.addCallback(s -> s);
    assertTrue(containsSame(UnhandledErrors.pending(), failure));
    assertSame(failureResultOf(d), failure);
  }

  @Test
  public void flushedFailureIsNotReportedWhenCollected() throws Exception {
    RuntimeException error = new RuntimeException("flushed, then dropped");
    Watch watch = new Watch();
    watch.add(Defer.fail(error));
    assertEquals(countValue(UnhandledErrors.flushPending(), error), 1);
    RecordingObserver.awaitCollected(watch);
    observer().drainCollections();
    assertEquals(observer().reportsOf(error).size(), 0);
  }

  @Test
  public void pausedDeferredHoldingAFailureIsNotPendingUntilItRuns() {
    Failure failure = new Failure(new IllegalStateException("paused"));
    Deferred<String> d = new Deferred<>();
    d.pause();
    d.errback(failure);
    assertFalse(containsSame(UnhandledErrors.pending(), failure));
    d.unpause();
    assertTrue(containsSame(UnhandledErrors.pending(), failure));
    failureResultOf(d);
  }

  @Test
  public void noFailureIsLostWhileAnotherThreadFlushes() throws Exception {
    int threads = 4;
    int perThread = 2_000;
    Set<Throwable> flushed = ConcurrentHashMap.newKeySet();
    AtomicBoolean done = new AtomicBoolean();
    Thread flusher = new Thread(() -> {
      while (!done.get()) {
        for (Failure f : UnhandledErrors.flushPending()) {
          flushed.add(f.value());
        }
      }
    }, "flusher");
    List<Deferred<?>> keep = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> finals = Collections.synchronizedList(new ArrayList<>());
    List<Thread> owners = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      owners.add(new Thread(() -> {
        // Each thread fails its own Deferreds twice over: the second Failure replaces the first.
        for (int i = 0; i < perThread; i++) {
          RuntimeException second = new RuntimeException("second");
          Deferred<String> d = Defer.fail(new RuntimeException("first"));
          d.addErrback(f -> {
            throw second;
          });
          keep.add(d);
          finals.add(second);
        }
      }, "owner-" + t));
    }
    flusher.start();
    owners.forEach(Thread::start);
    for (Thread owner : owners) {
      owner.join(TimeUnit.SECONDS.toMillis(10));
      assertFalse(owner.isAlive(), "owner thread did not finish within 10 s");
    }
    done.set(true);
    flusher.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(flusher.isAlive());
    Set<Throwable> seen = new HashSet<>(flushed);
    for (Failure f : UnhandledErrors.flushPending()) {
      seen.add(f.value());
    }
    for (Throwable second : finals) {
      assertTrue(seen.contains(second), "a held Failure vanished from the pending set");
    }
    assertEquals(keep.size(), threads * perThread);
  }

  // ------------------------------------------------------------------------------------------
  // logError (UtilTests) and the observer

  /** twisted.test.test_defer.UtilTests.test_logErrorReturnsError */
  @Test
  public void logErrorPassesTheSameFailureOn() throws Throwable {
    Failure error = new Failure(new RuntimeException());
    Deferred<String> d = Defer.fail(error);
    d.addErrback(Defer::logError);
    assertSame(failureResultOf(d), error);
    Throwable thrown = expectThrows(RuntimeException.class, () -> Defer.logError(error));
    assertSame(thrown, error.value());
  }

  /** twisted.test.test_defer.UtilTests.test_logErrorLogsError */
  @Test
  public void logErrorLogsTheFailure() {
    Failure error = new Failure(new RuntimeException());
    Defer.fail(error).addErrback(Defer::logError).addErrback(f -> null);
    List<Report> reports = observer().reportsOf(error.value());
    assertEquals(reports.size(), 1);
    assertSame(reports.get(0).failure, error);
  }

  /** twisted.test.test_defer.UtilTests.test_logErrorLogsErrorNoRepr */
  @Test
  public void logErrorReportIsTracebackNotRepr() {
    Failure error = new Failure(new RuntimeException());
    Defer.fail(error).addErrback(Defer::logError).addErrback(f -> null);
    String text = observer().reportsOf(error.value()).get(0).text;
    assertTrue(text.startsWith("Unhandled Error\nTraceback "), text);
    assertFalse(text.contains(error.toString()), text);
  }

  @Test
  public void observerThatThrowsDoesNotBreakTheCaller() {
    List<Failure> got = new ArrayList<>();
    UnhandledErrors.Observer before = UnhandledErrors.setObserver((f, report) -> {
      got.add(f);
      throw new AssertionError("observer broke");
    });
    try {
      Failure error = new Failure(new RuntimeException("logged anyway"));
      UnhandledErrors.logError(error);
      assertEquals(got.size(), 1);
    } finally {
      UnhandledErrors.setObserver(before);
    }
  }

  @Test
  public void setObserverReturnsThePreviousAndNullRestoresTheDefault() {
    UnhandledErrors.Observer mine = (f, report) -> { };
    UnhandledErrors.Observer before = UnhandledErrors.setObserver(mine);
    try {
      assertSame(before, observer());
      UnhandledErrors.Observer defaultObserver = UnhandledErrors.setObserver(null);
      assertSame(defaultObserver, mine);
      UnhandledErrors.Observer restored = UnhandledErrors.setObserver(mine);
      assertNotNull(restored);
      assertTrue(restored != mine && restored != observer(), "null installs the default");
    } finally {
      UnhandledErrors.setObserver(before);
    }
  }
}
