package dev.torsion.internet.task;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test's {@code main} class in a fresh JVM with this JVM's class path, bounded in time.
 * Tests of the global reactor use it: the global reactor runs once per process, so each such
 * test gets a process of its own instead of spending the one shared by the whole test run.
 */
public final class ChildJvm {
  private static final long TIMEOUT_SECONDS = 60;

  /** How a child ended. */
  public static final class Result {
    /** The exit status. */
    public final int exitCode;
    /** What it wrote to stdout and stderr, interleaved. */
    public final String output;

    Result(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + ":\n" + output;
    }
  }

  private ChildJvm() {}

  /**
   * Runs {@code main} with {@code args} and waits for it to exit.
   *
   * @param main the class whose {@code main} to run
   * @param args its arguments
   * @return how it ended
   * @throws AssertionError if it runs longer than a minute (it is then killed)
   */
  public static Result run(Class<?> main, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile("torsion-child", ".out");
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(main.getName());
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(out.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(main.getName() + " still running after " + TIMEOUT_SECONDS
            + " s:\n" + Files.readString(out, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
