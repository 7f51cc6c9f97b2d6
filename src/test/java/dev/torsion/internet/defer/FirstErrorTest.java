package dev.torsion.internet.defer;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.python.failure.Failure;
import org.testng.annotations.Test;

public class FirstErrorTest {
  /** twisted.test.test_defer.FirstErrorTests.test_repr */
  @Test
  public void test_repr() {
    IllegalArgumentException exc = new IllegalArgumentException("some text");
    Failure f = new Failure(exc);
    FirstError error = new FirstError(f, 3);
    assertEquals(error.getMessage(), "FirstError[#3, " + exc + "]");
    assertEquals(error.getMessage(),
        "FirstError[#3, java.lang.IllegalArgumentException: some text]");
  }

  /** twisted.test.test_defer.FirstErrorTests.test_str */
  @Test
  public void test_str() {
    IllegalArgumentException exc = new IllegalArgumentException("some text");
    Failure f = new Failure(exc);
    FirstError error = new FirstError(f, 5);
    assertEquals(error.toString(), "FirstError[#5, " + f + "]");
    assertEquals(error.toString(),
        "FirstError[#5, <dev.torsion.python.failure.Failure"
            + " java.lang.IllegalArgumentException: some text>]");
  }

  /** twisted.test.test_defer.FirstErrorTests.test_comparison */
  @Test
  public void test_comparison() {
    Failure firstFailure = new Failure(new ArithmeticException("/ by zero"));
    FirstError one = new FirstError(firstFailure, 13);
    FirstError anotherOne = new FirstError(firstFailure, 13);
    Failure secondFailure = new Failure(new IllegalArgumentException("bar"));
    FirstError another = new FirstError(secondFailure, 9);

    assertTrue(one.equals(anotherOne));
    assertEquals(one.hashCode(), anotherOne.hashCode());
    assertFalse(one.equals(another));
    assertNotEquals(one, another);
    assertFalse(one.equals(new FirstError(firstFailure, 9)), "same failure, other index");
    assertFalse(one.equals(new FirstError(secondFailure, 13)), "same index, other failure");
    assertFalse(one.equals((Object) 10));
  }

  @Test
  public void carriesTheSubFailureAndIndexAndChainsTheCause() {
    IllegalStateException cause = new IllegalStateException("x");
    Failure f = new Failure(cause);
    FirstError error = new FirstError(f, 2);
    assertSame(error.subFailure(), f);
    assertEquals(error.index(), 2);
    assertSame(error.getCause(), cause);
  }
}
