package dev.torsion.trial;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.UnhandledErrors;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testng.ITestResult;
import org.testng.annotations.Test;

/**
 * The checks {@link SynchronousTestCase} adds around each test, seen from outside: subject
 * classes run in a TestNG of their own and their outcomes are asserted.
 */
public class TrialChecksTest {
  private static final List<String> EVENTS = TrialSubjects.EVENTS;

  @Test
  public void anUnflushedLoggedErrorFailsTheTest() {
    ITestResult result =
        InnerRun.only(InnerRun.run(TrialSubjects.LoggedSubject.class), "logsAnError");
    assertEquals(result.getStatus(), ITestResult.FAILURE);
    String message = InnerRun.message(result);
    assertTrue(message.contains("logged boom"), message);
    assertTrue(message.contains("at dev.torsion.trial.TrialSubjects$LoggedSubject.logsAnError"),
        message);
  }

  @Test
  public void anUnflushedUnhandledDeferredErrorFailsTheTest() {
    ITestResult result =
        InnerRun.only(InnerRun.run(TrialSubjects.PendingSubject.class), "dropsAFailedDeferred");
    assertEquals(result.getStatus(), ITestResult.FAILURE);
    String message = InnerRun.message(result);
    assertTrue(message.contains("Unhandled error in Deferred"), message);
    assertTrue(message.contains("java.io.IOException: dropped boom"), message);
    assertTrue(message.contains("PendingSubject.dropsAFailedDeferred"), message);
    assertTrue(UnhandledErrors.pending().isEmpty(), "the error was taken from the pending set");
  }

  @Test
  public void flushedAndHandledErrorsDoNotFailTheTest() {
    Map<String, ITestResult> results = InnerRun.run(TrialSubjects.FlushedSubject.class);
    assertEquals(InnerRun.only(results, "flushesBoth").getStatus(), ITestResult.SUCCESS);
    assertEquals(InnerRun.only(results, "handlesItBeforeTheEnd").getStatus(),
        ITestResult.SUCCESS);
    ITestResult other = InnerRun.only(results, "flushesOnlyTheGivenType");
    assertEquals(other.getStatus(), ITestResult.FAILURE);
    assertTrue(InnerRun.message(other).contains("not flushed"));
  }

  @Test
  public void errorsPendingBeforeTheTestAreNotItsOwn() {
    Deferred<String> before = Defer.fail(new IOException("before the test"));
    try {
      Map<String, ITestResult> results = InnerRun.run(TrialSubjects.FlushedSubject.class);
      assertEquals(InnerRun.only(results, "flushesBoth").getStatus(), ITestResult.SUCCESS);
      assertTrue(UnhandledErrors.pending().stream()
          .anyMatch(f -> f.getErrorMessage().equals("before the test")));
    } finally {
      before.addErrback(f -> null);
    }
  }

  @Test
  public void cleanupsRunLastAddedFirstAndTheirErrorsFailTheTest() {
    EVENTS.clear();
    ITestResult result =
        InnerRun.only(InnerRun.run(TrialSubjects.CleanupSubject.class), "runsCleanupsLastFirst");
    assertEquals(EVENTS, List.of("test", "third added", "second added", "first added"));
    assertEquals(result.getStatus(), ITestResult.FAILURE);
    String message = InnerRun.message(result);
    assertTrue(message.contains("A cleanup failed:\njava.io.IOException: cleanup boom"), message);
  }

  @Test
  public void theTestErrorAndUnhandledErrorsAreAllReported() {
    ITestResult result =
        InnerRun.only(InnerRun.run(TrialSubjects.CleanupSubject.class), "failsAndLeavesAnError");
    assertEquals(result.getStatus(), ITestResult.FAILURE);
    String message = InnerRun.message(result);
    assertTrue(message.contains("The test method failed:\njava.io.IOException: test boom"),
        message);
    assertTrue(message.contains("IllegalStateException: left behind"), message);
    assertTrue(result.getThrowable().getCause() instanceof IOException);
  }

  @Test
  public void expectedAndCheckedExceptionsBehaveAsInTestNg() {
    Map<String, ITestResult> results = InnerRun.run(TrialSubjects.CleanupSubject.class);
    assertEquals(InnerRun.only(results, "throwsTheExpectedException").getStatus(),
        ITestResult.SUCCESS);
    ITestResult checked = InnerRun.only(results, "throwsACheckedException");
    assertEquals(checked.getStatus(), ITestResult.FAILURE);
    assertTrue(checked.getThrowable() instanceof IOException);
  }

  @Test
  public void aSynchronousTestCaseTakesTheResultOfAReturnedDeferred() {
    EVENTS.clear();
    Map<String, ITestResult> results = InnerRun.run(TrialSubjects.ReturnSubject.class);
    assertEquals(InnerRun.only(results, "returnsAFiredDeferred").getStatus(),
        ITestResult.SUCCESS);
    assertEquals(EVENTS, List.of("fired"));
    ITestResult failed = InnerRun.only(results, "returnsAFailedDeferred");
    assertEquals(failed.getStatus(), ITestResult.FAILURE);
    assertEquals(failed.getThrowable().getMessage(), "returned boom");
    ITestResult unfired = InnerRun.only(results, "returnsAnUnfiredDeferred");
    assertEquals(unfired.getStatus(), ITestResult.FAILURE);
    assertTrue(InnerRun.message(unfired).contains("does not wait for Deferreds"));
  }

  @Test
  public void patchIsUndoneAfterTheTest() {
    Map<String, ITestResult> results = InnerRun.run(TrialSubjects.PatchSubject.class);
    assertEquals(InnerRun.only(results, "a_patches").getStatus(), ITestResult.SUCCESS);
    assertEquals(InnerRun.only(results, "b_seesItRestored").getStatus(), ITestResult.SUCCESS);
    assertSame(TrialSubjects.PatchSubject.value, "original");
  }

  @Test
  public void aClassLevelTestAnnotationMakesNoTestOfTheHookInterface() {
    EVENTS.clear();
    Map<String, ITestResult> results = InnerRun.run(TrialSubjects.ClassLevelSubject.class);
    assertEquals(results.keySet(), Set.of("theOnlyTest"));
    assertEquals(InnerRun.only(results, "theOnlyTest").getStatus(), ITestResult.SUCCESS);
    assertEquals(EVENTS, List.of("the only test"));
  }

  @Test
  public void anEarlierTestsFailureCollectedDuringThisTestIsNotItsOwn() {
    Deferred<String> before = Defer.fail(new IOException("from an earlier test"));
    Failure failure = (Failure) before.result();
    TrialSubjects.CollectorSubject.fromBefore = failure;
    List<Failure> forwarded = new ArrayList<>();
    UnhandledErrors.Observer previous =
        UnhandledErrors.setObserver((f, report) -> forwarded.add(f));
    try {
      ITestResult result = InnerRun.only(InnerRun.run(TrialSubjects.CollectorSubject.class),
          "seesAnEarlierFailureCollected");
      assertEquals(result.getStatus(), ITestResult.SUCCESS);
      assertEquals(forwarded.size(), 1);
      assertSame(forwarded.get(0), failure);
    } finally {
      UnhandledErrors.setObserver(previous);
      before.addErrback(f -> null);
    }
  }
}
