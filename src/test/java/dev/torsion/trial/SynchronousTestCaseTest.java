package dev.torsion.trial;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.UnhandledErrors;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.Test;
import org.testng.xml.XmlSuite;

/** The helpers of {@link SynchronousTestCase}, used from inside a running trial test. */
public class SynchronousTestCaseTest extends SynchronousTestCase {
  private String patched = "before";

  @Test
  public void successResultOfTakesTheResult() {
    Deferred<String> d = Defer.succeed("value");
    assertEquals(successResultOf(d), "value");
    assertNull(d.result(), "the chain goes on with null");
  }

  @Test
  public void successResultOfRejectsNoResultAndFailures() {
    AssertionError none = expectThrows(AssertionError.class,
        () -> successResultOf(new Deferred<String>()));
    assertTrue(none.getMessage().contains("found no result instead"));
    AssertionError failed = expectThrows(AssertionError.class,
        () -> successResultOf(Defer.fail(new IOException("oops"))));
    assertTrue(failed.getMessage().contains("java.io.IOException: oops"));
  }

  @Test
  public void failureResultOfTakesTheFailureOfTheGivenType() {
    IOException error = new IOException("oops");
    Failure failure = failureResultOf(Defer.fail(error), IOException.class);
    assertSame(failure.value(), error);
    AssertionError wrongType = expectThrows(AssertionError.class,
        () -> failureResultOf(Defer.fail(new IOException("x")), IllegalStateException.class));
    assertTrue(wrongType.getMessage().contains("found type java.io.IOException"));
    assertThrows(AssertionError.class, () -> failureResultOf(Defer.succeed("ok")));
  }

  @Test
  public void assertNoResultLeavesAnUnfiredDeferredUsable() {
    Deferred<String> d = new Deferred<>();
    assertNoResult(d);
    d.callback("later");
    assertEquals(successResultOf(d), "later");
    assertThrows(AssertionError.class, () -> assertNoResult(Defer.succeed("x")));
  }

  @Test
  public void assertFailureSucceedsWithTheErrorOfAnExpectedType() {
    IOException error = new IOException("expected");
    Deferred<IOException> d = assertFailure(Defer.fail(error), IOException.class);
    assertSame(successResultOf(d), error);
  }

  @Test
  public void assertFailureFailsOnSuccessAndOnOtherTypes() {
    Failure onSuccess = failureResultOf(
        assertFailure(Defer.succeed("fine"), IOException.class), AssertionError.class);
    assertEquals(onSuccess.getErrorMessage(), "did not catch an error, instead got fine");
    Failure onOther = failureResultOf(
        assertFailure(Defer.fail(new IllegalStateException("other")), IOException.class),
        AssertionError.class);
    assertTrue(onOther.getErrorMessage().contains("Expected: [class java.io.IOException]"));
    assertTrue(onOther.getErrorMessage().contains("IllegalStateException: other"));
    assertThrows(IllegalArgumentException.class, () -> assertFailure(Defer.succeed("x")));
  }

  @Test
  public void flushLoggedErrorsReturnsLoggedAndUnhandledErrorsOfTheGivenTypes() {
    IOException logged = new IOException("logged");
    UnhandledErrors.logError(new Failure(logged));
    IllegalStateException dropped = new IllegalStateException("dropped");
    Defer.fail(dropped);
    assertEquals(flushLoggedErrors(IllegalArgumentException.class), List.of());
    List<Failure> io = flushLoggedErrors(IOException.class);
    assertEquals(io.size(), 1);
    assertSame(io.get(0).value(), logged);
    List<Failure> rest = flushLoggedErrors();
    assertEquals(rest.size(), 1);
    assertSame(rest.get(0).value(), dropped);
    assertEquals(flushLoggedErrors(), List.of());
  }

  @Test
  public void flushLoggedErrorsNeedsARunningTest() {
    SynchronousTestCase idle = new SynchronousTestCase() {};
    assertThrows(IllegalStateException.class, idle::flushLoggedErrors);
  }

  @Test
  public void patchSetsAnInstanceField() {
    patch(this, "patched", "during");
    assertEquals(patched, "during");
  }

  @Test
  public void patchRejectsMissingAndFinalFields() {
    assertThrows(IllegalArgumentException.class, () -> patch(this, "noSuchField", "x"));
    assertThrows(IllegalArgumentException.class,
        () -> patch(TestCase.class, "DEFAULT_TIMEOUT", 1.0));
    assertThrows(IllegalArgumentException.class, () -> patch(this, "patched", 42));
  }

  @Test
  public void mktempGivesAFreshPathInAnExistingDirectory() throws IOException {
    Path one = mktemp();
    Path two = mktemp();
    assertFalse(one.equals(two));
    assertTrue(Files.isDirectory(one.getParent()));
    assertFalse(Files.exists(one));
    assertTrue(one.getParent().endsWith(Path.of(getClass().getName(),
        "mktempGivesAFreshPathInAnExistingDirectory")));
    Files.createDirectory(one);
    assertTrue(Files.isDirectory(one));
  }

  @Test
  public void theListenerAllowsReturnValuesInEverySuite() {
    XmlSuite parent = new XmlSuite();
    XmlSuite child = new XmlSuite();
    parent.getChildSuites().add(child);
    new TrialListener().alter(List.of(parent));
    assertTrue(parent.getAllowReturnValues());
    assertTrue(child.getAllowReturnValues());
  }

  /**
   * Flushing one error type leaves a live Deferred's Failure of another type with that Deferred,
   * which may still handle it before the test ends (the test passes only if this holds).
   */
  @Test
  public void flushingOneTypeLeavesOtherPendingFailuresToTheirDeferreds() {
    Deferred<Object> d = Defer.fail(new IOException("handled later"));
    assertEquals(flushLoggedErrors(ArithmeticException.class), List.of());
    d.addErrback(f -> null);
  }

  @Test
  public void assertNoResultAcceptsAPausedDeferred() {
    Deferred<Integer> d = new Deferred<>();
    d.pause();
    d.callback(1);
    assertNoResult(d);
    d.unpause();
    assertEquals(successResultOf(d), Integer.valueOf(1));
  }
}
