package dev.torsion.it.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code twist} runner in a child JVM with this build's class path: its standard error
 * collected line by line, every wait bounded, and {@link #close()} always ending it.
 */
final class TwistProcess implements AutoCloseable {
  private static final String EXITED = "\u0000exited";
  private static final Pattern PORT = Pattern.compile("listening on .*port=(\\d+)");

  private final Process process;
  private final List<String> errLines = new ArrayList<>();
  private final List<String> outLines = new ArrayList<>();
  private final LinkedBlockingQueue<String> errQueue = new LinkedBlockingQueue<>();
  private final Thread errReader;
  private final Thread outReader;

  private TwistProcess(Process process) {
    this.process = process;
    this.errReader = reader(process.getErrorStream(), errLines, errQueue, "twist stderr");
    this.outReader = reader(process.getInputStream(), outLines, null, "twist stdout");
  }

  /** Starts {@code twist args...} from the build's classes and class path. */
  static TwistProcess start(String... args) {
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    return launch(List.of("-cp", cp, "dev.torsion.application.runner.Twist"), args);
  }

  /** Starts {@code java -jar jar args...}: the packaged runner. */
  static TwistProcess startJar(Path jar, String... args) {
    return launch(List.of("-jar", jar.toString()), args);
  }

  private static TwistProcess launch(List<String> what, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // A build started in the background of a non-interactive shell (or under nohup) inherits
    // SIGINT ignored, and a JVM leaves an ignored SIGINT ignored, so the SIGINT test would time
    // out. env (coreutils >= 8.31) restores the default before exec'ing java, as a terminal's
    // Ctrl-C finds it; env execs, so the pid is java's.
    List<String> command = new ArrayList<>(
        List.of("/usr/bin/env", "--default-signal=INT", java, "-Xmx128m"));
    command.addAll(what);
    command.addAll(List.of(args));
    try {
      return new TwistProcess(new ProcessBuilder(command).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  private static Thread reader(InputStream in, List<String> lines,
      LinkedBlockingQueue<String> queue, String name) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          synchronized (lines) {
            lines.add(line);
          }
          if (queue != null) {
            queue.add(line);
          }
        }
      } catch (IOException e) {
        // the process is gone; what was read is all there is
      } finally {
        if (queue != null) {
          queue.add(EXITED);
        }
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  long pid() {
    return process.pid();
  }

  /** The port from the plugin's "listening on" log line; fails after {@code limit}. */
  int awaitPort(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      String line = errQueue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(EXITED)) {
        throw new AssertionError("twist did not say where it listens within " + limit
            + "; stderr:\n" + stderr());
      }
      Matcher m = PORT.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
  }

  /** Waits for the exit, at most {@code limit}; fails (killing it) if it does not. */
  int waitFor(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("twist still running after " + limit + "; stderr:\n"
          + stderr());
    }
    errReader.join(10_000);
    outReader.join(10_000);
    return process.exitValue();
  }

  /**
   * Sends SIGTERM: {@link Process#destroy()} on Linux. The JDK closes its ends of the child's
   * pipes too, so nothing printed afterwards is read.
   */
  void terminate() {
    process.destroy();
  }

  /** Sends SIGINT, as Ctrl-C does. */
  void interrupt() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
        .redirectErrorStream(true).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      kill.destroyForcibly();
      throw new AssertionError("kill -INT " + process.pid() + " failed");
    }
  }

  List<String> stderrLines() {
    synchronized (errLines) {
      return new ArrayList<>(errLines);
    }
  }

  String stderr() {
    return String.join("\n", stderrLines());
  }

  String stdout() {
    synchronized (outLines) {
      return String.join("\n", outLines);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
