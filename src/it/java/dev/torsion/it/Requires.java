package dev.torsion.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The facets a test method, or every test of a class, needs: on a reactor that lacks one,
 * {@link ReactorBuilder} reports the test as skipped with the reason {@link Facet} gives.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Inherited
public @interface Requires {
  /**
   * The facets needed.
   *
   * @return the facets
   */
  Facet[] value();
}
