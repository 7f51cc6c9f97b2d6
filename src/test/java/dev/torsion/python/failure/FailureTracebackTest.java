package dev.torsion.python.failure;

import static dev.torsion.python.failure.FailureTest.getDivisionFailure;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.testng.annotations.Test;

/** Traceback text: broken errors, causes, suppressed errors, odd stacks. */
public class FailureTracebackTest {
  /** An error whose message cannot be read: {@code getMessage()} throws the error itself. */
  static final class BrokenStr extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw this;
    }
  }

  /** An error whose description cannot be made: {@code toString()} throws. */
  static final class BrokenExceptionType extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
      throw new IllegalStateException("You cannot make a string out of me.");
    }
  }

  /** An error without a stack, as a Python exception that was never raised. */
  static final class Frameless extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Frameless(String message, Throwable cause) {
      super(message, cause, true, false);
    }
  }

  private static void assertTracebackOf(Throwable error, String detail) {
    Failure f = new Failure(error);
    String traceback = f.getTraceback(detail);
    assertNotNull(traceback);
    assertTrue(traceback.contains(error.getClass().getName()), traceback);
    // The Failure's own one-line forms survive too.
    assertTrue(f.toString().contains(error.getClass().getName()));
    assertNotNull(f.getErrorMessage());
  }

  /** twisted.test.test_failure.GetTracebackTests.test_brokenValueBriefDetail */
  @Test
  public void test_brokenValueBriefDetail() {
    assertTracebackOf(new BrokenStr(), "brief");
  }

  /** twisted.test.test_failure.GetTracebackTests.test_brokenValueDefaultDetail */
  @Test
  public void test_brokenValueDefaultDetail() {
    assertTracebackOf(new BrokenStr(), "default");
  }

  /** twisted.test.test_failure.GetTracebackTests.test_brokenValueVerboseDetail */
  @Test
  public void test_brokenValueVerboseDetail() {
    assertTracebackOf(new BrokenStr(), "verbose");
  }

  /** twisted.test.test_failure.GetTracebackTests.test_brokenTypeBriefDetail */
  @Test
  public void test_brokenTypeBriefDetail() {
    assertTracebackOf(new BrokenExceptionType(), "brief");
  }

  /** twisted.test.test_failure.GetTracebackTests.test_brokenTypeDefaultDetail */
  @Test
  public void test_brokenTypeDefaultDetail() {
    assertTracebackOf(new BrokenExceptionType(), "default");
  }

  /** twisted.test.test_failure.GetTracebackTests.test_brokenTypeVerboseDetail */
  @Test
  public void test_brokenTypeVerboseDetail() {
    assertTracebackOf(new BrokenExceptionType(), "verbose");
  }

  /** twisted.test.test_failure.FindFailureTests.test_failureConstructionFindsOriginalFailure */
  @Test
  public void test_failureConstructionFindsOriginalFailure() {
    Failure f = getDivisionFailure();
    try {
      f.raiseException();
      fail("No exception raised from raiseException!?");
    } catch (Throwable t) {
      Failure newF = new Failure(t);
      assertSame(newF.value(), f.value());
      // Same origin frames: Java lists the innermost first, right after the error line.
      List<String> tb = Arrays.asList(f.getTraceback().split("\n"));
      List<String> newTb = Arrays.asList(newF.getTraceback().split("\n"));
      assertEquals(newTb.subList(0, 4), tb.subList(0, 4));
      assertTrue(newTb.get(2).contains("getDivisionFailure"), newTb.get(2));
    }
  }

  /** twisted.test.test_failure.FindFailureTests.test_failureConstructionWithMungedStackSucceeds */
  @Test
  public void test_failureConstructionWithMungedStackSucceeds() {
    IllegalStateException raised = new IllegalStateException("from generated code");
    raised.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("", "", null, -1),
        new StackTraceElement("gen.Stub", "call", null, -2),
        new StackTraceElement("gen.Stub", "<init>", "Stub.pyx", 0),
    });
    Failure f = new Failure(raised);
    assertEquals(f.check(IllegalStateException.class), IllegalStateException.class);
    assertEquals(f.getBriefTraceback(), "Traceback: java.lang.IllegalStateException: "
        + "from generated code\nUnknown Source:.\nNative Method:gen.Stub.call\n"
        + "Stub.pyx:0:gen.Stub.<init>\n");
    assertTrue(f.getTraceback().contains("\tat gen.Stub.call(Native Method)\n"));
    assertTrue(f.getTraceback("verbose").contains("\tat gen.Stub.<init>(Stub.pyx:0)\n"));
  }

  @Test
  public void defaultTracebackIsJavasOwnStackTrace() {
    IllegalArgumentException cause = new IllegalArgumentException("bad input");
    RuntimeException error = new RuntimeException("outer", cause);
    error.addSuppressed(new IllegalStateException("while closing"));
    StringWriter java = new StringWriter();
    error.printStackTrace(new PrintWriter(java));
    String traceback = new Failure(error).getTraceback();
    assertEquals(traceback, "Traceback (most recent call first):\n" + java);
    assertTrue(traceback.contains("Caused by: java.lang.IllegalArgumentException: bad input\n"));
    assertTrue(traceback.contains("\tSuppressed: java.lang.IllegalStateException: "
        + "while closing\n"));
    assertTrue(traceback.contains(" more\n"));
  }

  @Test
  public void briefTracebackShowsCausesAndSuppressed() {
    IllegalArgumentException cause = new IllegalArgumentException("bad input");
    RuntimeException error = new RuntimeException("outer", cause);
    error.addSuppressed(new IllegalStateException("while closing"));
    String brief = new Failure(error).getBriefTraceback();
    assertTrue(brief.startsWith("Traceback: java.lang.RuntimeException: outer\n"
        + "FailureTracebackTest.java:"), brief);
    assertTrue(brief.contains("\nCaused by: java.lang.IllegalArgumentException: bad input\n"
        + "FailureTracebackTest.java:"), brief);
    assertTrue(brief.contains("\n\tSuppressed: java.lang.IllegalStateException: while closing\n"
        + "\tFailureTracebackTest.java:"), brief);
    assertTrue(brief.matches("(?s).*\n\\.\\.\\. \\d+ more\n.*"), brief);
    assertTrue(brief.indexOf("Suppressed:") < brief.indexOf("Caused by:"), brief);
  }

  @Test
  public void errorWithoutFramesReadsAsFailure() {
    Failure f = new Failure(new Frameless("no stack", null));
    assertEquals(f.getTraceback(), "Traceback (most recent call first):\nFailure: "
        + Frameless.class.getName() + ": no stack\n");
    assertEquals(f.getBriefTraceback(),
        "Traceback (failure with no frames): " + Frameless.class.getName() + ": no stack\n");
  }

  @Test
  public void circularCausesEndInAMarker() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalArgumentException second = new IllegalArgumentException("second", first);
    first.initCause(second);
    Failure f = new Failure(first);
    for (String detail : List.of("brief", "default", "verbose")) {
      String traceback = f.getTraceback(detail);
      assertTrue(traceback.contains("Caused by: [CIRCULAR REFERENCE: "
          + "java.lang.IllegalStateException: first]\n"), traceback);
    }
  }

  @Test
  public void deepCauseChainsNeedNoRecursion() {
    Throwable error = new Frameless("0", null);
    int depth = 100_000;
    for (int i = 1; i < depth; i++) {
      error = new Frameless(Integer.toString(i), error);
    }
    String traceback = new Failure(error).getTraceback();
    assertTrue(traceback.endsWith("Caused by: " + Frameless.class.getName() + ": 0\n"));
    assertEquals(traceback.split("\n").length, depth + 1);
  }
}
