package dev.torsion.bench.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The one table (workload x system, with ratios) and the target check, as markdown. */
final class Report {
  /** A figure a workload reports; ratios are "times better", whichever way better points. */
  record Metric(String id, String workload, String label, boolean higherBetter,
      boolean compared) {
    Metric(String id, String workload, String label, boolean higherBetter) {
      this(id, workload, label, higherBetter, true);
    }
  }

  private static List<Metric> gen(String workload) {
    return List.of(
        new Metric(workload + ".swait", workload, "  server waiting for a CPU, % of the time",
            false, false),
        new Metric(workload + ".gen", workload, "  load generator CPU busy, %", false, false),
        new Metric(workload + ".gwait", workload, "  load generator waiting for a CPU, %",
            false, false));
  }

  private static List<Metric> shapeWait(String workload) {
    return List.of(new Metric(workload + ".swait", workload,
        "  server waiting for a CPU, % of the time", false, false));
  }

  static final List<Metric> METRICS = flat(
      new Metric("echo.mbps", "echo", "echo throughput, MB/s", true),
      new Metric("echo.cpu", "echo", "echo server CPU-s per GB (lower is better)", false),
      gen("echo"),
      new Metric("rr1.rps", "rr1", "request/response 64 B, 1 conn, req/s", true),
      new Metric("rr1.p50", "rr1", "  p50 latency, µs (lower is better)", false),
      new Metric("rr1.p99", "rr1", "  p99 latency, µs (lower is better)", false),
      new Metric("rr1.cpu", "rr1", "  server CPU-µs per request (lower is better)", false),
      gen("rr1"),
      new Metric("rr32.rps", "rr32", "request/response 64 B, 32 conn, req/s", true),
      new Metric("rr32.p50", "rr32", "  p50 latency, µs (lower is better)", false),
      new Metric("rr32.p99", "rr32", "  p99 latency, µs (lower is better)", false),
      new Metric("rr32.cpu", "rr32", "  server CPU-µs per request (lower is better)", false),
      gen("rr32"),
      new Metric("accept.cps", "accept", "accept (connect, 16 B echo, close), conn/s", true),
      new Metric("accept.cpu", "accept", "  server CPU-µs per connection (lower is better)",
          false),
      gen("accept"),
      new Metric("lines.lps", "lines", "lines (64 B), lines/s", true),
      new Metric("lines.cpu", "lines", "  server CPU-ns per line (lower is better)", false),
      gen("lines"),
      new Metric("iteration.ops", "iteration", "iteration (next-turn call round trips), ops/s",
          true),
      new Metric("iteration.cpu", "iteration", "  CPU-ns per round trip (lower is better)", false),
      shapeWait("iteration"),
      new Metric("threads.ops", "threads", "threads (thread-pool round trips), ops/s", true),
      new Metric("threads.cpu", "threads", "  CPU-ns per round trip (lower is better)", false),
      shapeWait("threads"));

  private static List<Metric> flat(Object... items) {
    List<Metric> out = new ArrayList<>();
    for (Object o : items) {
      if (o instanceof Metric m) {
        out.add(m);
      } else {
        for (Object x : (List<?>) o) {
          out.add((Metric) x);
        }
      }
    }
    return List.copyOf(out);
  }

  /** The primary figure of each workload: what the "every workload" target is checked on. */
  static final List<String> PRIMARY = List.of("echo.mbps", "rr1.rps", "rr32.rps", "accept.cps",
      "lines.lps", "iteration.ops", "threads.ops");

  private Report() {}

  static String fmt(Double v) {
    if (v == null || v.isNaN()) {
      return "–";
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  static @org.jspecify.annotations.Nullable Double ratio(Metric m, Double v, Double base) {
    if (v == null || base == null || v.isNaN() || base.isNaN() || v == 0 || base == 0) {
      return null;
    }
    return m.higherBetter() ? v / base : base / v;
  }

  /**
   * The table: one row per figure, one column per system, then for each Torsion system its
   * ratio to Netty NIO and to Twisted.
   */
  static String table(List<String> systems, Map<String, Map<String, Double>> results,
      List<String> workloads) {
    List<String> header = new ArrayList<>();
    header.add("workload");
    header.addAll(systems);
    List<String> torsions = systems.stream().filter(s -> s.startsWith("torsion-")).toList();
    for (String t : torsions) {
      header.add(t + " ÷ netty-nio");
      header.add(t + " ÷ twisted");
    }
    List<List<String>> rows = new ArrayList<>();
    for (Metric m : METRICS) {
      if (!workloads.contains(m.workload())) {
        continue;
      }
      List<String> row = new ArrayList<>();
      row.add(m.label());
      for (String s : systems) {
        row.add(fmt(results.getOrDefault(s, Map.of()).get(m.id())));
      }
      for (String t : torsions) {
        Double v = results.getOrDefault(t, Map.of()).get(m.id());
        for (String base : List.of("netty-nio", "twisted")) {
          Double r = !m.compared() ? null
              : ratio(m, v, results.getOrDefault(base, Map.of()).get(m.id()));
          row.add(r == null ? "–" : String.format(Locale.ROOT, "%.2f×", r));
        }
      }
      rows.add(row);
    }
    int[] width = new int[header.size()];
    for (List<String> r : concat(header, rows)) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, width);
    out.append('|');
    for (int i = 0; i < width.length; i++) {
      out.append(i == 0 ? "-" : "").append("-".repeat(width[i])).append(i == 0 ? "-|" : ":|");
    }
    out.append('\n');
    for (List<String> r : rows) {
      line(out, r, width);
    }
    return out.toString();
  }

  private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>(rows);
    all.add(header);
    return all;
  }

  private static void line(StringBuilder out, List<String> cells, int[] width) {
    out.append('|');
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      String pad = " ".repeat(width[i] - c.length());
      out.append(' ').append(i == 0 ? c + pad : pad + c).append(" |");
    }
    out.append('\n');
  }

  /** The targets of issue 4, checked for every Torsion system. */
  static String targets(List<String> systems, Map<String, Map<String, Double>> results,
      List<String> workloads) {
    StringBuilder out = new StringBuilder();
    Map<String, Metric> byId = new java.util.HashMap<>();
    METRICS.forEach(m -> byId.put(m.id(), m));
    for (String t : systems.stream().filter(s -> s.startsWith("torsion-")).toList()) {
      List<String> missed = new ArrayList<>();
      Map<String, Double> mine = results.getOrDefault(t, Map.of());
      for (String id : PRIMARY) {
        if (workloads.contains(byId.get(id).workload())) {
          check(missed, byId.get(id), mine, results.get("netty-nio"), 0.9, "netty-nio");
        }
      }
      if (workloads.contains("lines")) {
        check(missed, byId.get("lines.lps"), mine, results.get("twisted"), 10, "twisted");
      }
      if (workloads.contains("rr32")) {
        check(missed, byId.get("rr32.rps"), mine, results.get("twisted"), 3, "twisted");
      }
      out.append("Targets for ").append(t).append(" (≥ 0.9× netty-nio on every workload, ≥ 10×"
          + " twisted on lines, ≥ 3× twisted on rr32): ")
          .append(missed.isEmpty() ? "all met" : "missed " + String.join(", ", missed))
          .append('\n');
    }
    return out.toString();
  }

  private static void check(List<String> missed, Metric m, Map<String, Double> mine,
      Map<String, Double> base, double want, String baseName) {
    Double r = base == null ? null : ratio(m, mine.get(m.id()), base.get(m.id()));
    if (r == null) {
      missed.add(m.workload() + " vs " + baseName + " (no figure)");
    } else if (r < want) {
      missed.add(String.format(Locale.ROOT, "%s vs %s (%.2f× < %s×)", m.workload(), baseName, r,
          fmt(want)));
    }
  }
}
