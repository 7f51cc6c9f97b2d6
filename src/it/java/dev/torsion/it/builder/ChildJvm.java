package dev.torsion.it.builder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of this suite in a child JVM, with the same class path and reactor, under
 * {@code bash -c 'ulimit -n N; exec java …'} where a test needs a lowered descriptor limit.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** What the child did: its exit code and its merged output. */
  public record Result(int exitCode, String output) {}

  /**
   * Runs {@code mainClass} with {@code args} and waits at most {@code timeoutSeconds}.
   *
   * @param fdLimit the descriptor limit ({@code ulimit -n}), or 0 to keep the parent's
   * @param jvmOptions extra JVM options, such as {@code -Dtorsion.blockedLoopWarningMs=100}
   * @param mainClass the class whose main runs
   * @param timeoutSeconds the bound; the child is killed after it
   * @param args the program arguments
   * @return the exit code and output
   */
  public static Result run(int fdLimit, List<String> jvmOptions, Class<?> mainClass,
      long timeoutSeconds, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire and Failsafe start the test JVM through a manifest-only jar; the real class
    // path is in this property.
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx256m");
    command.add("-Dtorsion.reactor=" + System.getProperty("torsion.reactor", "nio"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(cp);
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    List<String> argv = new ArrayList<>();
    if (fdLimit > 0) {
      StringBuilder sh = new StringBuilder("ulimit -n " + fdLimit + " && exec");
      for (String c : command) {
        sh.append(" '").append(c.replace("'", "'\\''")).append('\'');
      }
      argv.addAll(List.of("bash", "-c", sh.toString()));
    } else {
      argv.addAll(command);
    }
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    try {
      Process p = pb.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thread pump = new Thread(() -> copy(p.getInputStream(), out), "child-output");
      pump.setDaemon(true);
      pump.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        pump.join(TimeUnit.SECONDS.toMillis(5));
        throw new AssertionError("child " + mainClass.getSimpleName() + " still running after "
            + timeoutSeconds + " s; output:\n" + text(out));
      }
      pump.join(TimeUnit.SECONDS.toMillis(10));
      return new Result(p.exitValue(), text(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String text(ByteArrayOutputStream out) {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buf = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        synchronized (out) {
          out.write(buf, 0, n);
        }
      }
    } catch (IOException e) {
      // The child is gone; what was read is all there is.
    }
  }
}
