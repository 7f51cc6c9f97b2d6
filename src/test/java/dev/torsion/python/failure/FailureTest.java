package dev.torsion.python.failure;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;
import static org.testng.Assert.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import org.testng.annotations.Test;

public class FailureTest {
  private static int zero = 0;

  /** A Failure of a divide-by-zero error, made where the error was caught. */
  static Failure getDivisionFailure() {
    try {
      int never = 1 / zero;
      throw new AssertionError("1 / 0 gave " + never);
    } catch (ArithmeticException e) {
      return new Failure(e);
    }
  }

  static String printed(java.util.function.Consumer<PrintWriter> print) {
    StringWriter out = new StringWriter();
    print.accept(new PrintWriter(out));
    return out.toString();
  }

  @Test
  public void trapReturnsMatchedClass() throws Throwable {
    Failure f = new Failure(new IllegalStateException("x"));
    assertEquals(f.trap(IllegalArgumentException.class, RuntimeException.class),
        RuntimeException.class);
  }

  /** twisted.test.test_failure.FailureTests.test_failAndTrap */
  @Test
  public void test_failAndTrap() throws Throwable {
    Failure f;
    try {
      throw new UnsupportedOperationException("test");
    } catch (UnsupportedOperationException e) {
      f = new Failure(e);
    }
    Class<? extends Throwable> error = f.trap(Error.class, RuntimeException.class);
    assertEquals(error, RuntimeException.class);
    assertEquals(f.type(), UnsupportedOperationException.class);
  }

  /** twisted.test.test_failure.FailureTests.test_trapRaisesWrappedException */
  @Test
  public void test_trapRaisesWrappedException() {
    IllegalArgumentException exception = new IllegalArgumentException();
    Failure f;
    try {
      throw exception;
    } catch (IllegalArgumentException e) {
      f = new Failure(e);
    }
    IllegalArgumentException untrapped =
        expectThrows(IllegalArgumentException.class, () -> f.trap(ArithmeticException.class));
    assertSame(untrapped, exception);
  }

  /** twisted.test.test_failure.FailureTests.test_failureValueFromFailure */
  @Test
  public void test_failureValueFromFailure() {
    IllegalArgumentException exception = new IllegalArgumentException();
    Failure f1 = new Failure(exception);
    Failure f2 = new Failure(f1);
    assertSame(f2.value(), exception);
  }

  /** twisted.test.test_failure.FailureTests.test_failureValueFromFoundFailure */
  @Test
  public void test_failureValueFromFoundFailure() {
    IllegalArgumentException exception = new IllegalArgumentException();
    Failure f1 = new Failure(exception);
    Failure f2 = null;
    try {
      f1.trap(ArithmeticException.class);
    } catch (Throwable t) {
      f2 = new Failure(t);
    }
    assertSame(f2.value(), exception);
  }

  /** twisted.test.test_failure.FailureTests.test_ExplictPass */
  @Test
  public void test_ExplictPass() throws Throwable {
    RuntimeException e = new RuntimeException();
    Failure f = new Failure(e);
    f.trap(RuntimeException.class);
    assertSame(f.value(), e);
  }

  /** twisted.test.test_failure.FailureTests.test_RaiseExceptionWithTB */
  @Test
  public void test_RaiseExceptionWithTB() {
    Failure f = getDivisionFailure();
    StackTraceElement[] stack = null;
    try {
      f.raiseException();
    } catch (ArithmeticException e) {
      stack = e.getStackTrace();
    } catch (Throwable t) {
      fail("raiseException() threw " + t + ", not the ArithmeticException");
    }
    // The innermost frame is still the division, not raiseException().
    assertEquals(stack[0].getMethodName(), "getDivisionFailure");
    assertEquals(stack[0].getClassName(), FailureTest.class.getName());
    assertTrue(Arrays.stream(stack).noneMatch(e -> e.getMethodName().equals("raiseException")));
  }

  /** twisted.test.test_failure.FailureTests.test_tracebackFromExceptionInPython3 */
  @Test
  public void test_tracebackFromExceptionInPython3() {
    ArithmeticException exception = null;
    try {
      int never = 1 / zero;
      fail("1 / 0 gave " + never);
    } catch (ArithmeticException e) {
      exception = e;
    }
    // Made outside the handler, the Failure still has the stack of where the error was thrown.
    Failure f = new Failure(exception);
    String traceback = f.getTraceback();
    assertTrue(traceback.contains("\tat " + exception.getStackTrace()[0] + "\n"), traceback);
    assertTrue(traceback.contains("test_tracebackFromExceptionInPython3"), traceback);
  }

  /** twisted.test.test_failure.FailureTests.test_repr */
  @Test
  public void test_repr() {
    Failure f = getDivisionFailure();
    assertEquals(f.toString(),
        "<dev.torsion.python.failure.Failure java.lang.ArithmeticException: / by zero>");
  }

  /** twisted.test.test_failure.FailureTests.test_invalidFormatFramesDetail */
  @Test
  public void test_invalidFormatFramesDetail() {
    Failure f = getDivisionFailure();
    assertThrows(IllegalArgumentException.class, () -> f.getTraceback("noisia"));
    StringWriter out = new StringWriter();
    assertThrows(IllegalArgumentException.class,
        () -> f.printTraceback(new PrintWriter(out), "noisia"));
    assertEquals(out.toString(), "");
  }

  private static String defaultFrames(Throwable error) {
    StringBuilder stack = new StringBuilder();
    for (StackTraceElement frame : error.getStackTrace()) {
      stack.append("\tat ").append(frame).append('\n');
    }
    return stack.toString();
  }

  /** twisted.test.test_failure.FailureTests.test_printTraceback */
  @Test
  public void test_printTraceback() {
    Failure f = getDivisionFailure();
    String tb = printed(f::printTraceback);
    assertEquals(tb, "Traceback (most recent call first):\n"
        + "java.lang.ArithmeticException: / by zero\n" + defaultFrames(f.value()));
    assertEquals(f.getTraceback(), tb);
    assertEquals(f.getTraceback("default"), tb);
  }

  /** twisted.test.test_failure.FailureTests.test_printBriefTraceback */
  @Test
  public void test_printBriefTraceback() {
    Failure f = getDivisionFailure();
    String tb = printed(f::printBriefTraceback);
    StringBuilder stack = new StringBuilder();
    for (StackTraceElement frame : f.value().getStackTrace()) {
      // The location as Java prints it: "File.java:12", or "Native Method" and the like.
      String text = frame.toString();
      String location = text.substring(text.lastIndexOf('(') + 1, text.length() - 1);
      stack.append(location).append(':').append(frame.getClassName()).append('.')
          .append(frame.getMethodName()).append('\n');
    }
    assertEquals(tb, "Traceback: java.lang.ArithmeticException: / by zero\n" + stack);
    assertTrue(tb.startsWith("Traceback: java.lang.ArithmeticException: / by zero\n"
        + "FailureTest.java:"), tb);
    assertEquals(f.getBriefTraceback(), tb);
    assertEquals(f.getTraceback("brief"), tb);
  }

  /** twisted.test.test_failure.FailureTests.test_printDetailedTraceback */
  @Test
  public void test_printDetailedTraceback() {
    Failure f = getDivisionFailure();
    String tb = printed(f::printDetailedTraceback);
    String start = "*--- Failure #" + f.count() + " ---\n";
    String end = "*--- End of Failure #" + f.count() + " ---\n";
    assertEquals(tb, start + "Traceback (most recent call first):\n"
        + "java.lang.ArithmeticException: / by zero\n" + defaultFrames(f.value()) + end);
    assertEquals(f.getTraceback("verbose"), tb);
  }

  @Test
  public void countNumbersFailuresInOrder() {
    Failure first = new Failure(new RuntimeException());
    Failure second = new Failure(first);
    assertTrue(second.count() > first.count());
    assertFalse(first.getTraceback("verbose").contains("#" + second.count() + " "));
  }

  @Test
  public void ofWrapsMessageInDefaultException() {
    Failure f = Failure.of("ono!");
    assertEquals(f.type(), DefaultException.class);
    assertEquals(f.getErrorMessage(), "ono!");
    assertEquals(f.toString(),
        "<dev.torsion.python.failure.Failure dev.torsion.python.failure.DefaultException: ono!>");
  }

  @Test
  public void checkReturnsFirstMatchOrNull() {
    Failure f = new Failure(new IllegalStateException());
    assertEquals(f.check(IllegalArgumentException.class, RuntimeException.class,
        IllegalStateException.class), RuntimeException.class);
    assertNull(f.check(Error.class, java.io.IOException.class));
    assertEquals(f.getErrorMessage(), "java.lang.IllegalStateException");
  }

  @Test
  public void raiseExceptionThrowsCheckedErrorsToo() {
    java.io.IOException io = new java.io.IOException("disk");
    Failure f = new Failure(io);
    Throwable thrown = expectThrows(java.io.IOException.class, f::raiseException);
    assertSame(thrown, io);
    assertThrows(NullPointerException.class, () -> new Failure((Throwable) null));
  }
}
