package dev.torsion.trial;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How long a {@link TestCase} test waits for the Deferred it returns, in seconds. On a test
 * method it applies to that method; on a class, to every test of the class and its subclasses
 * that does not carry its own. Without one the timeout is {@link TestCase#DEFAULT_TIMEOUT}.
 *
 * <p><b>Differences from Twisted.</b> Trial reads a {@code timeout} attribute from the method,
 * class, module or package; Java has this annotation and the overridable
 * {@link TestCase#getTimeout()}.
 *
 * @twisted twisted.trial.unittest.TestCase.getTimeout
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Timeout {
  /**
   * The timeout.
   *
   * @return seconds, positive
   */
  double value();
}
