package dev.torsion.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What is logged while an action runs: the tests' slf4j-simple binding writes to stderr. One
 * lock for every test that captures, so two captures never swap each other's stream.
 */
public final class StderrCapture {
  private StderrCapture() {}

  /**
   * Runs {@code action} with stderr captured.
   *
   * @param action what to run
   * @return what was written to stderr meanwhile
   */
  public static String of(Runnable action) {
    PrintStream previous = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    synchronized (StderrCapture.class) {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        action.run();
      } finally {
        System.setErr(previous);
      }
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
