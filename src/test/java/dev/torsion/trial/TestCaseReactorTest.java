package dev.torsion.trial;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.TimeoutError;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import java.util.List;
import java.util.Map;
import org.testng.ITestResult;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * {@link TestCase} with a reactor: it is driven while a test waits, and must be clean after.
 * Each test builds a fresh reactor on its thread (not installed, so other tests in this JVM are
 * unaffected) and hands it to the subjects through {@link ReactorSubjects#reactor}.
 */
public class TestCaseReactorTest {
  private Reactor reactor;

  @BeforeMethod
  public void buildReactor() {
    reactor = Reactors.provider("nio").create();
    ReactorSubjects.reactor = reactor;
    ReactorSubjects.EVENTS.clear();
  }

  @AfterMethod(alwaysRun = true)
  public void closeReactor() {
    ReactorSubjects.reactor = null;
    ((LoopCore) reactor).backend().close();
  }

  @Test
  public void aDeferredFiredByTheReactorEndsTheTest() {
    Map<String, ITestResult> results = InnerRun.run(ReactorSubjects.SpinSubject.class);
    assertEquals(InnerRun.only(results, "firesFromACallLater").getStatus(), ITestResult.SUCCESS);
    assertEquals(InnerRun.only(results, "firesFromAnotherThread").getStatus(),
        ITestResult.SUCCESS);
    assertTrue(ReactorSubjects.EVENTS.contains("callLater timer"),
        ReactorSubjects.EVENTS.toString());
    assertTrue(ReactorSubjects.EVENTS.contains("callFromThread thread"),
        ReactorSubjects.EVENTS.toString());
  }

  @Test
  public void aTimedOutDeferredIsErrbackedWithTheTimeout() {
    ITestResult result =
        InnerRun.only(InnerRun.run(ReactorSubjects.SpinSubject.class), "neverFires");
    assertEquals(result.getStatus(), ITestResult.FAILURE);
    assertTrue(result.getThrowable() instanceof TimeoutError,
        String.valueOf(result.getThrowable()));
    assertTrue(InnerRun.message(result).contains("(timeout 0.2 s) timed out after "));
    Deferred<String> d = ReactorSubjects.timedOut;
    assertNotNull(d);
    assertTrue(d.called());
  }

  @Test
  public void aLeftoverDelayedCallFailsTheTestNamingItAndIsCancelled() {
    ITestResult result =
        InnerRun.only(InnerRun.run(ReactorSubjects.DirtySubject.class), "leavesADelayedCall");
    assertEquals(result.getStatus(), ITestResult.FAILURE);
    assertTrue(result.getThrowable() instanceof DirtyReactorAggregateError);
    DirtyReactorAggregateError error = (DirtyReactorAggregateError) result.getThrowable();
    assertEquals(error.delayedCalls().size(), 1);
    assertTrue(error.selectables().isEmpty());
    assertEquals(error.getMessage(),
        "Reactor was unclean.\nDelayedCalls:\n" + error.delayedCalls().get(0));
    assertTrue(reactor.getDelayedCalls().isEmpty());
    assertFalse(ReactorSubjects.EVENTS.contains("never"));
  }

  @Test
  public void aLeftoverSelectableFailsTheTestNamingItAndIsClosed() {
    ITestResult result =
        InnerRun.only(InnerRun.run(ReactorSubjects.DirtySubject.class), "leavesASelectable");
    assertEquals(result.getStatus(), ITestResult.FAILURE);
    DirtyReactorAggregateError error = (DirtyReactorAggregateError) result.getThrowable();
    assertEquals(error.getMessage(), "Reactor was unclean.\nSelectables:\n<FakeSelectable left>");
    assertEquals(error.selectables(), List.of("<FakeSelectable left>"));
    assertTrue(ReactorSubjects.EVENTS.contains("closed <FakeSelectable left>"));
    assertTrue(((LoopCore) reactor).selectables().isEmpty());
  }

  @Test
  public void aCleanReactorPassesAndCallsDueNowAreRunNotReported() {
    Map<String, ITestResult> results = InnerRun.run(ReactorSubjects.DirtySubject.class);
    assertEquals(InnerRun.only(results, "cancelsItsCallInACleanup").getStatus(),
        ITestResult.SUCCESS);
    assertEquals(InnerRun.only(results, "leavesACallDueNow").getStatus(), ITestResult.SUCCESS);
    assertTrue(ReactorSubjects.EVENTS.contains("due now ran"));
  }

  @Test
  public void aFailingTestThatLeavesACallReportsBoth() {
    ITestResult result =
        InnerRun.only(InnerRun.run(ReactorSubjects.DirtySubject.class), "failsAndLeavesACall");
    assertEquals(result.getStatus(), ITestResult.FAILURE);
    String message = InnerRun.message(result);
    assertTrue(message.contains("The test method failed:"), message);
    assertTrue(message.contains("own failure"), message);
    assertTrue(message.contains("The reactor was left unclean:\nReactor was unclean."), message);
  }

  @Test
  public void synchronousTestCaseNeverTouchesTheReactor() {
    ITestResult result =
        InnerRun.only(InnerRun.run(ReactorSubjects.SyncSubject.class), "leavesADelayedCall");
    assertEquals(result.getStatus(), ITestResult.SUCCESS);
    assertEquals(reactor.getDelayedCalls().size(), 1);
    reactor.getDelayedCalls().get(0).cancel();
  }
}
