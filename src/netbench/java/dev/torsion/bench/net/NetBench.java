package dev.torsion.bench.net;

import dev.torsion.internet.reactor.ReactorProvider;
import dev.torsion.internet.reactor.Reactors;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network benchmark: starts every server under test, each in its own process pinned to CPU
 * 0, runs each workload against every server in turn (so all systems see the same machine
 * state), and prints one table. This process is the load generator; bench/net pins it to CPU 1.
 *
 * <p>Options: {@code --reactors a,b} (Torsion reactors; default every supported one),
 * {@code --systems a,b} (default torsion-REACTOR..., netty-nio, netty-epoll, netty-io_uring,
 * twisted),
 * {@code --workloads a,b} (echo, rr1, rr32, accept, lines, iteration, threads, tls-echo,
 * tls-handshake-ecdsa, tls-handshake-rsa),
 * {@code --prewarm S} (a first, unmeasured pass of every workload against every JVM server, so
 * the JIT is done before measuring; default 1), {@code --warmup S}, {@code --measure S}
 * (seconds; default 1.5 and 3), {@code --out FILE}
 * (default target/netbench/results.md), {@code --jfr} (record Torsion servers with JFR into
 * target/netbench/NAME.jfr), {@code --server-jvm-args "ARGS"}.
 */
public final class NetBench {
  static final List<String> WORKLOADS = List.of("echo", "rr1", "rr32", "accept", "lines",
      "iteration", "threads", "tls-echo", "tls-handshake-ecdsa", "tls-handshake-rsa");
  private static final String PYTHON = "/usr/bin/python3";
  /** How many times longer the pre-warm pass runs each TLS workload. */
  private static final int TLS_PREWARM = 4;
  /** The load generator's TLS client context, set once at startup. */
  private static javax.net.ssl.SSLContext tls;

  private NetBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args the options above
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> opt = options(args);
    long warmMs = (long) (Double.parseDouble(opt.getOrDefault("warmup", "1.5")) * 1000);
    long measureMs = (long) (Double.parseDouble(opt.getOrDefault("measure", "3")) * 1000);
    List<String> workloads = split(opt.getOrDefault("workloads", String.join(",", WORKLOADS)));
    List<String> reactors = opt.containsKey("reactors") ? split(opt.get("reactors"))
        : Reactors.providers().stream().filter(ReactorProvider::isSupported)
            .map(ReactorProvider::name).toList();
    List<String> defaults = new ArrayList<>();
    reactors.forEach(r -> defaults.add("torsion-" + r));
    defaults.addAll(List.of("netty-nio", "netty-epoll", "netty-io_uring", "twisted"));
    List<String> systems = opt.containsKey("systems") ? split(opt.get("systems")) : defaults;
    Path dir = Path.of("target", "netbench");
    Files.createDirectories(dir);
    // Fresh certificates every run; every server loads them, the load generator trusts them.
    Path tlsDir = dir.resolve("tls");
    TlsSetup.write(tlsDir);
    tls = TlsSetup.clientContext(tlsDir);

    Map<String, ServerProcess> servers = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    Map<String, Map<String, Double>> results = new LinkedHashMap<>();
    try {
      for (String s : systems) {
        String skip = skipReason(s);
        if (skip != null) {
          notes.add(s + " skipped: " + skip);
          System.err.println(s + " skipped: " + skip);
          continue;
        }
        Path log = dir.resolve(s + ".log");
        Files.deleteIfExists(log);
        try {
          servers.put(s, new ServerProcess(s, command(s, opt, dir, tlsDir), log));
        } catch (IOException e) {
          notes.add(s + " skipped: " + e.getMessage());
          System.err.println(s + " skipped: " + e.getMessage());
        }
      }
      prewarm(opt, workloads, servers.values());
      for (String w : workloads) {
        for (ServerProcess p : servers.values()) {
          System.err.printf("%-10s %-14s ", w, p.name);
          try {
            Map<String, Double> r = run(w, p, warmMs, measureMs);
            results.computeIfAbsent(p.name, k -> new LinkedHashMap<>()).putAll(r);
            System.err.println(r);
          } catch (IOException | RuntimeException e) {
            notes.add(p.name + " failed " + w + ": " + e);
            System.err.println("FAILED: " + e);
          }
        }
      }
    } finally {
      servers.values().forEach(ServerProcess::close);
    }
    List<String> shown = new ArrayList<>(servers.keySet());
    String machine = machine(warmMs, measureMs);
    String table = Report.table(shown, results, workloads);
    String targets = Report.targets(shown, results, workloads);
    String natives = Report.nativeTable(shown, results, workloads);
    StringBuilder md = new StringBuilder();
    md.append(table).append('\n');
    if (!natives.isEmpty()) {
      md.append(natives).append('\n');
    }
    md.append(machine).append('\n').append(targets)
        .append(Report.tlsTargets(shown, results, workloads))
        .append(Report.nativeTargets(shown, results, workloads));
    notes.forEach(n -> md.append("Note: ").append(n).append('\n'));
    System.out.println();
    System.out.print(md);
    Path out = Path.of(opt.getOrDefault("out", dir.resolve("results.md").toString()));
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    System.out.println("(written to " + out + ")");
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--jfr")) {
        opt.put("jfr", "true");
      } else if (a.startsWith("--") && i + 1 < args.length) {
        opt.put(a.substring(2), args[++i]);
      } else {
        System.err.println("usage: bench/net [--reactors nio,...] [--systems ...] [--workloads"
            + " echo,rr1,rr32,accept,lines,iteration,threads,tls-echo,tls-handshake-ecdsa,"
            + "tls-handshake-rsa] [--prewarm S] [--warmup S] [--measure S] [--out FILE] [--jfr]"
            + " [--server-jvm-args ARGS]");
        System.exit(2);
      }
    }
    return opt;
  }

  /**
   * An unmeasured pass of every workload against every JVM server. C2 needs seconds of CPU per
   * server on a shared core: without this pass it compiled through the first measured seconds
   * (perf: half the server's CPU in libjvm).
   */
  private static void prewarm(Map<String, String> opt, List<String> workloads,
      java.util.Collection<ServerProcess> servers) {
    long prewarmMs = (long) (Double.parseDouble(opt.getOrDefault("prewarm", "1")) * 1000);
    if (prewarmMs <= 0) {
      return;
    }
    System.err.println("JIT pre-warm pass (" + prewarmMs + " ms per workload and JVM, "
        + TLS_PREWARM + "x that for TLS)");
    for (String w : workloads) {
      // The JDK's EC, XDH, RSA and GCM code takes far longer to compile than a loop and a copy.
      long ms = w.startsWith("tls-") ? prewarmMs * TLS_PREWARM : prewarmMs;
      for (ServerProcess p : servers) {
        if (!p.name.equals("twisted")) {
          try {
            run(w, p, ms / 2, ms / 2);
          } catch (IOException | RuntimeException e) {
            System.err.println("pre-warm " + w + " " + p.name + " FAILED: " + e);
          }
        }
      }
    }
  }

  private static List<String> split(String s) {
    return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }

  private static Map<String, Double> run(String w, ServerProcess p, long warmMs, long measureMs)
      throws IOException {
    int port = switch (w) {
      case "lines" -> p.linesPort;
      case "tls-echo", "tls-handshake-ecdsa" -> p.tlsPorts[TlsSetup.KINDS.indexOf("ecdsa")];
      case "tls-handshake-rsa" -> p.tlsPorts[TlsSetup.KINDS.indexOf("rsa")];
      default -> p.echoPort;
    };
    Workloads.Run run = new Workloads.Run(new InetSocketAddress("127.0.0.1", port),
        warmMs * 1_000_000L, measureMs * 1_000_000L, p::cpuNanos, p::loopCpuNanos);
    long cpu0 = selfCpuNanos();
    long serverWait0 = p.runQueueNanos();
    long selfWait0 = ServerProcess.runQueueNanos(ProcessHandle.current().pid());
    long t0 = System.nanoTime();
    Map<String, Double> r = switch (w) {
      case "echo" -> Workloads.echo(run);
      case "rr1" -> Workloads.requestResponse(run, 1);
      case "rr32" -> Workloads.requestResponse(run, 32);
      case "accept" -> Workloads.accept(run);
      case "lines" -> Workloads.lines(run);
      case "tls-echo" -> TlsWorkloads.echo(run, tls);
      case "tls-handshake-ecdsa", "tls-handshake-rsa" -> TlsWorkloads.handshake(run, tls, w);
      case "iteration", "threads" -> {
        double[] s = p.shape(w, warmMs, measureMs);
        yield Map.of(w + ".ops", s[0], w + ".cpu", s[1]);
      }
      default -> throw new IllegalArgumentException("unknown workload " + w);
    };
    if (!p.alive()) {
      throw new IOException(p.name + " died during " + w);
    }
    long wall = System.nanoTime() - t0;
    Map<String, Double> out = new LinkedHashMap<>(r);
    // How much of the run each side spent runnable but without a CPU: the machine's share.
    out.put(w + ".swait", 100.0 * (p.runQueueNanos() - serverWait0) / wall);
    if (!w.equals("iteration") && !w.equals("threads")) {
      // Near 100%, the load generator (not the server) limited the rate.
      out.put(w + ".gen", 100.0 * (selfCpuNanos() - cpu0) / wall);
      out.put(w + ".gwait", 100.0
          * (ServerProcess.runQueueNanos(ProcessHandle.current().pid()) - selfWait0) / wall);
    }
    return out;
  }

  /** This JVM's CPU time (the load generator's, all threads). */
  private static long selfCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Why a system cannot run here, or null. */
  private static String skipReason(String s) throws InterruptedException {
    if (s.equals("twisted")) {
      try {
        Process p = new ProcessBuilder(PYTHON, "-c", "import twisted").redirectErrorStream(true)
            .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? null : "twisted is not importable by " + PYTHON + ": "
            + out.strip().lines().reduce((a, b) -> b).orElse("");
      } catch (IOException e) {
        return PYTHON + " cannot run: " + e.getMessage();
      }
    }
    return null;
  }

  private static List<String> command(String s, Map<String, String> opt, Path dir,
      Path tlsDir) {
    List<String> cmd = new ArrayList<>(List.of("taskset", "-c", "0"));
    if (s.equals("twisted")) {
      cmd.addAll(List.of(PYTHON, "src/netbench/python/twisted_server.py", tlsDir.toString()));
      return cmd;
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Xms512m", "-Xmx512m"));
    if (opt.containsKey("server-jvm-args")) {
      // Split on white space only: options such as -XX:StartFlightRecording=a=1,b=2 hold commas.
      Arrays.stream(opt.get("server-jvm-args").trim().split("\\s+")).filter(x -> !x.isEmpty())
          .forEach(cmd::add);
    }
    String arg;
    if (s.startsWith("torsion-")) {
      arg = "torsion:" + s.substring("torsion-".length());
      if (opt.containsKey("jfr")) {
        cmd.add("-XX:StartFlightRecording=settings=profile,filename="
            + dir.resolve(s + ".jfr"));
      }
    } else if (s.startsWith("netty-")) {
      arg = "netty:" + s.substring("netty-".length());
    } else {
      throw new IllegalArgumentException("unknown system " + s
          + " (torsion-REACTOR, netty-nio, netty-epoll, netty-io_uring, twisted)");
    }
    cmd.add(ServerMain.class.getName());
    cmd.add(arg);
    cmd.add(tlsDir.toString());
    return cmd;
  }

  private static String machine(long warmMs, long measureMs) {
    String cpu = "?";
    int cores = 0;
    try {
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (l.startsWith("model name") && cpu.equals("?")) {
          cpu = l.substring(l.indexOf(':') + 1).trim();
        }
        if (l.startsWith("processor")) {
          cores++;
        }
      }
    } catch (IOException e) {
      // Leave the unknowns.
    }
    String kernel = read("/proc/sys/kernel/osrelease");
    String python = "?";
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import sys\ntry:\n import twisted;"
          + " t = twisted.__version__\nexcept Exception:\n t = 'absent'\n"
          + "print(sys.version.split()[0], t)").redirectErrorStream(true).start();
      String[] v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
          .trim().split(" ");
      p.waitFor();
      python = "Python " + v[0] + ", Twisted " + (v.length > 1 ? v[1] : "?");
    } catch (IOException | InterruptedException e) {
      python = "Python ?";
    }
    String netty = io.netty.util.Version.identify().getOrDefault("netty-transport",
        null) == null ? "?" : io.netty.util.Version.identify().get("netty-transport")
        .artifactVersion();
    return String.format("Machine: %s, %d cores, Linux %s, %s %s, Netty %s, %s; servers on CPU"
        + " 0, load generator on CPU 1 (taskset); JIT pre-warm pass, then warm-up %.1f s and"
        + " measured %.1f s per workload; %s", cpu, cores, kernel,
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), netty,
        python, warmMs / 1e3,
        measureMs / 1e3, Instant.now().toString().substring(0, 16) + "Z");
  }

  private static String read(String path) {
    try {
      return Files.readString(Path.of(path)).trim();
    } catch (IOException e) {
      return "?";
    }
  }
}
