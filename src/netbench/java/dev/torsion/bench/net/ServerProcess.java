package dev.torsion.bench.net;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One server under test in its own process, pinned to CPU 0 with {@code taskset}: started,
 * asked for its ports, sent shape commands, and read for CPU time from {@code /proc}.
 */
final class ServerProcess implements AutoCloseable {
  /** /proc/PID/stat counts in clock ticks; Linux's USER_HZ is 100 on every common build. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  final String name;
  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(64);
  final int echoPort;
  final int linesPort;
  /** The TLS echo ports, in {@link TlsSetup#KINDS} order. */
  final int[] tlsPorts;

  ServerProcess(String name, List<String> command, Path log) throws IOException {
    this.name = name;
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.directory(new File("."));
    process = pb.start();
    stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          // Only the protocol's lines; anything else (the JVM's JFR notice) is not an answer.
          if (line.startsWith("READY ") || line.startsWith("RESULT ")
              || line.startsWith("ERROR ")) {
            lines.put(line);
          } else {
            System.err.println(name + ": " + line);
          }
        }
      } catch (IOException | InterruptedException e) {
        // The process ended.
      }
    }, "stdout of " + name);
    reader.setDaemon(true);
    reader.start();
    String ready = next(60);
    if (ready == null || !ready.startsWith("READY ")) {
      process.destroyForcibly();
      throw new IOException(name + " did not start (" + ready + "); see " + log);
    }
    String[] w = ready.split(" ");
    echoPort = Integer.parseInt(w[1]);
    linesPort = Integer.parseInt(w[2]);
    if (w.length < 3 + TlsSetup.KINDS.size()) {
      process.destroyForcibly();
      throw new IOException(name + " did not report its TLS ports (" + ready + ")");
    }
    tlsPorts = new int[TlsSetup.KINDS.size()];
    for (int i = 0; i < tlsPorts.length; i++) {
      tlsPorts[i] = Integer.parseInt(w[3 + i]);
    }
  }

  private String next(long seconds) {
    try {
      return lines.poll(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Runs an in-process shape; returns round trips per second and CPU-ns per round trip. */
  double[] shape(String shape, long warmMs, long measureMs) throws IOException {
    stdin.write("shape " + shape + " " + warmMs + " " + measureMs + "\n");
    stdin.flush();
    String answer = next((warmMs + measureMs) / 1000 + 60);
    if (answer == null || !answer.startsWith("RESULT ")) {
      throw new IOException(name + " " + shape + ": " + answer);
    }
    String[] w = answer.trim().split(" ");
    double count = Long.parseLong(w[1]);
    return new double[] {count / (measureMs / 1000.0), Long.parseLong(w[2]) / count};
  }

  /** The server's user + system CPU time so far, all threads. */
  long cpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // After the comm field: state is [0], utime is field 14 overall, so [11]; stime [12].
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * How long the process's threads have been runnable but not running (waiting for a CPU), from
   * the second field of /proc/PID/task/TID/schedstat, summed; -1 if unavailable.
   */
  long runQueueNanos() {
    return runQueueNanos(process.pid());
  }

  /**
   * The CPU time of the server's event-loop thread alone, in nanoseconds (first field of its
   * schedstat), or -1 if it cannot be found: Torsion's {@code torsion-reactor}, Netty's one
   * event-loop thread ({@code multiThreadIoEventLoopGroup-N-1}, which the kernel's 15-character
   * thread name cuts to {@code multiThreadIoEv}), Twisted's main thread. Unlike {@link
   * #cpuNanos}, this leaves out the JIT compiler, GC and other helper threads: it is the time
   * the loop was busy and so blocked for every other connection.
   */
  long loopCpuNanos() {
    long pid = process.pid();
    try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      long sum = -1;
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String comm = Files.readString(t.resolve("comm")).strip();
          boolean loop = name.equals("twisted") ? t.getFileName().toString().equals("" + pid)
              : comm.equals("torsion-reactor") || comm.startsWith("multiThreadIoEv");
          if (loop) {
            long ns = Long.parseLong(Files.readString(t.resolve("schedstat")).trim()
                .split(" ")[0]);
            sum = Math.max(sum, 0) + ns;
          }
        } catch (IOException | RuntimeException gone) {
          // A thread that ended meanwhile.
        }
      }
      return sum;
    } catch (IOException e) {
      return -1;
    }
  }

  static long runQueueNanos(long pid) {
    long sum = 0;
    try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          sum += Long.parseLong(Files.readString(t.resolve("schedstat")).trim().split(" ")[1]);
        } catch (IOException | RuntimeException gone) {
          // A thread that ended meanwhile.
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return sum;
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    try {
      stdin.write("quit\n");
      stdin.close();
    } catch (IOException e) {
      // Already gone.
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
