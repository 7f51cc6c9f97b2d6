package dev.torsion.trial;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.TimeoutError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.testng.ITestResult;
import org.testng.annotations.Test;

/**
 * {@link TestCase}: returned Deferreds are waited for, with a timeout. The subjects run in a
 * TestNG of its own, with no suite XML: they run at all only because {@link TrialListener} is
 * loaded from {@code META-INF/services}. This class is itself a TestCase, so Surefire runs its
 * Deferred-returning test the same way.
 */
public class TestCaseTest extends TestCase {
  private static final List<String> EVENTS = AsyncSubjects.EVENTS;
  private volatile boolean ranTheDeferredTest;

  @Test
  public Deferred<String> aDeferredReturningTestRunsInThisBuild() {
    ranTheDeferredTest = true;
    Deferred<String> d = new Deferred<>();
    return AsyncSubjects.fireLater(d, x -> x.callback("fired by another thread"));
  }

  @Test(dependsOnMethods = "aDeferredReturningTestRunsInThisBuild")
  public void theDeferredReturningTestRan() {
    assertTrue(ranTheDeferredTest);
  }

  @Test
  public void aTestPassesWhenItsDeferredSucceedsLater() {
    EVENTS.clear();
    Map<String, ITestResult> results = InnerRun.run(AsyncSubjects.LaterSubject.class);
    assertEquals(InnerRun.only(results, "succeedsLater").getStatus(), ITestResult.SUCCESS);
    assertEquals(EVENTS, List.of("callback got done"));
    assertEquals(InnerRun.only(results, "returnsAFiredDeferred").getStatus(),
        ITestResult.SUCCESS);
    assertEquals(InnerRun.only(results, "hasTheDefaultTimeout").getStatus(),
        ITestResult.SUCCESS);
  }

  @Test
  public void aTestWhoseDeferredFailsReportsTheFailureWithItsStack() {
    ITestResult result =
        InnerRun.only(InnerRun.run(AsyncSubjects.LaterSubject.class), "failsLater");
    assertEquals(result.getStatus(), ITestResult.FAILURE);
    assertSame(result.getThrowable(), AsyncSubjects.LaterSubject.error);
    StringWriter stack = new StringWriter();
    result.getThrowable().printStackTrace(new PrintWriter(stack));
    assertTrue(stack.toString().contains("AsyncSubjects$LaterSubject.lambda$failsLater"),
        stack.toString());
  }

  @Test
  public void aDeferredThatNeverFiresTimesOutNamingTheElapsedTime() {
    Map<String, ITestResult> results = InnerRun.run(AsyncSubjects.TimeoutSubject.class);
    ITestResult own = InnerRun.only(results, "neverFires");
    assertEquals(own.getStatus(), ITestResult.FAILURE);
    assertTrue(own.getThrowable() instanceof TimeoutError);
    String message = InnerRun.message(own);
    String prefix = "Test method dev.torsion.trial.AsyncSubjects$TimeoutSubject.neverFires"
        + " (timeout 0.2 s) timed out after ";
    assertTrue(message.startsWith(prefix) && message.endsWith(" seconds"), message);
    double elapsed = Double.parseDouble(
        message.substring(prefix.length(), message.length() - " seconds".length()));
    assertTrue(elapsed >= 0.2 && elapsed < 60, message);
    String fromClass = InnerRun.message(InnerRun.only(results, "usesTheClassTimeout"));
    assertTrue(fromClass.contains("(timeout 0.15 s) timed out after "), fromClass);
  }

  @Test
  public void anOverrideOfGetTimeoutSetsTheTimeout() {
    ITestResult result =
        InnerRun.only(InnerRun.run(AsyncSubjects.OverrideSubject.class), "neverFires");
    assertTrue(result.getThrowable() instanceof TimeoutError);
    assertTrue(InnerRun.message(result).contains("(timeout 0.05 s)"));
  }

  @Test
  public void aTimeoutThatIsNotPositiveIsAnError() {
    ITestResult result = InnerRun.only(
        InnerRun.run(AsyncSubjects.TimeoutSubject.class), "hasANegativeTimeout");
    assertEquals(result.getStatus(), ITestResult.FAILURE);
    assertTrue(result.getThrowable() instanceof IllegalArgumentException);
  }

  @Test
  public void aCleanupDeferredIsWaitedForBeforeTheNextCleanup() {
    EVENTS.clear();
    ITestResult result = InnerRun.only(
        InnerRun.run(AsyncSubjects.CleanupSubject.class), "addsADeferredCleanup");
    assertEquals(result.getStatus(), ITestResult.SUCCESS);
    assertEquals(EVENTS, List.of("cleanup Deferred fired with ok", "next cleanup"));
  }

  @Test
  public void aCleanupDeferredThatNeverFiresTimesOut() {
    EVENTS.clear();
    ITestResult result = InnerRun.only(
        InnerRun.run(AsyncSubjects.TimeoutSubject.class), "hasACleanupThatNeverFires");
    assertEquals(result.getStatus(), ITestResult.FAILURE);
    String message = InnerRun.message(result);
    assertTrue(message.contains("A cleanup failed:\ndev.torsion.internet.defer.TimeoutError:"
        + " Cleanup of dev.torsion.trial.AsyncSubjects$TimeoutSubject.hasACleanupThatNeverFires"
        + " (timeout 0.15 s) timed out after "), message);
    assertEquals(EVENTS, List.of("cleanup added first"));
  }
}
