package dev.torsion.it.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One of the Python scripts in {@code src/it/python} running under the system's Twisted, with
 * its output (stdout and stderr merged) collected line by line. Every wait is bounded, and
 * {@link #close()} always ends the process: it closes its standard input (the scripts exit when
 * it closes), waits briefly, then destroys it forcibly.
 */
final class TwistedProcess implements AutoCloseable {
  /** The interpreter that has python3-twisted (Debian's package installs it for this one). */
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private static final String EXITED = "\u0000exited";
  private static @Nullable String twistedVersion;

  private final String name;
  private final Process process;
  private final Thread reader;
  private final List<String> output = new ArrayList<>();
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private TwistedProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.reader = new Thread(this::readOutput, "output of " + name);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Fails, saying what to install, unless {@link #PYTHON} can import Twisted; answers Twisted's
   * version. Checked once per JVM.
   */
  static synchronized String requireTwisted() {
    if (twistedVersion != null) {
      return twistedVersion;
    }
    String advice = "the interop tests need Twisted for " + PYTHON + ": install it with "
        + "`sudo apt-get install -y python3-twisted` (.ci/run does this)";
    if (!Files.isExecutable(PYTHON)) {
      throw new AssertionError(PYTHON + " does not exist; " + advice);
    }
    try (TwistedProcess p = new TwistedProcess("import twisted", new ProcessBuilder(
        PYTHON.toString(), "-c", "import twisted; print(twisted.__version__)")
        .redirectErrorStream(true).start())) {
      int status = p.waitFor(Duration.ofSeconds(60));
      if (status != 0) {
        throw new AssertionError(PYTHON + " cannot import twisted; " + advice + ". It said:\n"
            + p.output());
      }
      twistedVersion = p.output().strip();
      return twistedVersion;
    } catch (IOException e) {
      throw new AssertionError("cannot start " + PYTHON + "; " + advice, e);
    }
  }

  /**
   * Starts {@code src/it/python/SCRIPT} with {@code args}, after {@link #requireTwisted()}.
   */
  static TwistedProcess start(String script, String... args) {
    requireTwisted();
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path file = base.resolve("src/it/python").resolve(script);
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("no script " + file);
    }
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-u", file.toString()));
    command.addAll(List.of(args));
    try {
      return new TwistedProcess(script,
          new ProcessBuilder(command).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (output) {
          output.add(line);
        }
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("(reading the output failed: " + e + ")");
    } finally {
      lines.add(EXITED);
    }
  }

  /**
   * The first line starting with {@code prefix}, without it; fails if the process ends or
   * {@code limit} passes first.
   */
  String awaitLine(String prefix, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(EXITED)) {
        throw new AssertionError(name + (line == null ? " printed no line \"" + prefix
            + "...\" within " + limit : " ended before printing \"" + prefix + "...\"")
            + "; its output:\n" + output());
      }
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length());
      }
    }
  }

  /** Waits for the process to exit, at most {@code limit}; fails (and kills it) if it does not. */
  int waitFor(Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(name + " still running after " + limit + "; its output:\n"
            + output());
      }
      reader.join(TimeUnit.SECONDS.toMillis(10));
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + name, e);
    }
  }

  /** Hands the exit status to {@code action}, on a JDK thread, when the process exits. */
  void onExit(IntConsumer action) {
    process.onExit().thenAccept(p -> action.accept(p.exitValue()));
  }

  /**
   * Writes {@code line} and a newline to the process's standard input, for scripts that take
   * commands there; fails if the process has closed it.
   */
  void send(String line) {
    try {
      var in = process.getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + name, e);
    }
  }

  /** Everything the process printed so far, a line each. */
  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // it has gone already; destroyed below either way
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      process.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return "<" + name + " pid " + process.pid() + ">";
  }
}
