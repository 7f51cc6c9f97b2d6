package dev.torsion.application;

import static org.testng.Assert.assertEquals;

import java.util.function.IntToDoubleFunction;
import org.testng.annotations.Test;

public class InternetTest {
  private static final double EPSILON = 1e-7;

  /** twisted.test.test_application.BackoffPolicyTests.test_calculates_correct_values */
  @Test
  public void backoffGrowsByTheFactorUpToTheMaximumPlusJitter() {
    IntToDoubleFunction pol = Internet.backoffPolicy(1.0, 60.0, 1.5, () -> 1);
    assertEquals(pol.applyAsDouble(0), 2, EPSILON);
    assertEquals(pol.applyAsDouble(1), 2.5, EPSILON);
    assertEquals(pol.applyAsDouble(10), 58.6650390625, EPSILON);
    assertEquals(pol.applyAsDouble(20), 61.0);
    assertEquals(pol.applyAsDouble(100), 61.0);
  }

  /** twisted.test.test_application.BackoffPolicyTests.test_does_not_overflow_on_high_attempts */
  @Test
  public void backoffStaysAtTheMaximumForHugeAttemptCounts() {
    IntToDoubleFunction pol = Internet.backoffPolicy(1.0, 60.0, 1.5, () -> 1);
    assertEquals(pol.applyAsDouble(1751), 61.0);
    assertEquals(pol.applyAsDouble(1000000), 61.0);
    assertEquals(pol.applyAsDouble(Integer.MAX_VALUE), 61.0);
  }

  /**
   * twisted.test.test_application.BackoffPolicyTests.test_does_not_overflow_with_large_factor_value
   */
  @Test
  public void backoffWithAnOverflowingFactorIsTheMaximum() {
    IntToDoubleFunction pol = Internet.backoffPolicy(1.0, 60.0, 1e10, () -> 1);
    assertEquals(pol.applyAsDouble(1751), 61.0);
    // 0 * infinity would be NaN; Twisted's OverflowError gives maxDelay, and so does this.
    assertEquals(Internet.backoffPolicy(0, 60.0, 1e10, () -> 1).applyAsDouble(100), 61.0);
  }

  @Test
  public void defaultBackoffIsOneSecondGrowingToSixtyWithJitterBelowOne() {
    IntToDoubleFunction pol = Internet.backoffPolicy();
    for (int i = 0; i < 50; i++) {
      double first = pol.applyAsDouble(0);
      assertEquals(first, 1.5, 0.5 + EPSILON);
      double third = pol.applyAsDouble(2);
      assertEquals(third, 2.25 + 0.5, 0.5 + EPSILON);
      double late = pol.applyAsDouble(40);
      assertEquals(late, 60.5, 0.5 + EPSILON);
    }
  }
}
