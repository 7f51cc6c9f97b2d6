package dev.torsion.bench;

import java.util.Objects;

/** Checks, before measuring, that every variant of a shape computes the expected result. */
final class Results {
  private Results() {}

  /**
   * Fails the run when {@code actual} differs from {@code expected}.
   *
   * @param variant which benchmark produced the value
   * @param expected the value the shape must produce
   * @param actual the value it produced
   */
  static void expect(String variant, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      throw new IllegalStateException(variant + " produced " + actual + ", expected " + expected);
    }
  }
}
