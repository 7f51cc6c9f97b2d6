package dev.torsion.application;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What is logged while an action runs: the tests' slf4j-simple binding writes to stderr. */
final class StderrCapture {
  private StderrCapture() {}

  static String of(Runnable action) {
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
