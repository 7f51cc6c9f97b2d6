import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The integration suite's results per reactor, for {@link Report}: Failsafe runs the suite once
 * per reactor into {@code failsafe-reports/<reactor>/}, beside the {@code reactor.properties}
 * the suite writes (whether this machine supports the reactor, and the facets it lacks with the
 * written reasons). Prints each reactor's counts, judges each Twisted id mapped to an integration
 * test on every reactor, and prints those verdicts per module.
 *
 * <p>A skip is sanctioned on a reactor this machine cannot run, or when its message is exactly
 * the one the suite gives for a facet the reactor lacks ({@code reactor NAME lacks FACET:
 * reason}); any other skip is a problem. An id mapped to an integration test passes when its
 * test passed on every reactor, but for sanctioned skips, and on one reactor at least.
 */
final class ReactorResults {
  /** Failsafe's default includes: the classes it runs, so the ones that must run per reactor. */
  private static final Pattern IT_CLASS =
      Pattern.compile("(?:.*\\.)?(?:IT[^.$]*|[^.$]*IT|[^.$]*ITCase)(?:\\$.*)?");
  private static final String STATUS_FILE = "reactor.properties"; // dev.torsion.it writes it

  /** Where an id's test stands on one reactor. */
  enum Verdict { PASSED, FAILED, SKIPPED, EXCUSED, ABSENT }

  /** One test's runs on one reactor: failed if any failed, else passed if any passed. */
  static final class Result {
    Report.Outcome outcome;
    final Set<String> skipReasons = new TreeSet<>();
  }

  /** One reactor's results; {@code supported} null: no reactor.properties. */
  static final class Run {
    int run, passed, failed, skipped;
    Boolean supported;
    String cause = "";
    final Map<String, Integer> skipReasons = new TreeMap<>();
    /** The skip messages of facets the suite says the reactor lacks (lacks.FACET=reason). */
    final Set<String> lackedFacets = new TreeSet<>();
    final Map<String, Result> tests = new TreeMap<>();

    boolean unsupported() {
      return Boolean.FALSE.equals(supported);
    }

    /** Whether a skip with this message is sanctioned on this reactor. */
    boolean sanctions(String reason) {
      return unsupported() || lackedFacets.contains(reason);
    }
  }

  /** An id's verdicts on each reactor, and whether it passes. */
  static final class Judgement {
    final Map<String, Verdict> verdicts = new TreeMap<>();
    final Map<String, String> skipReasons = new TreeMap<>();
    boolean passing;
  }

  private final Map<String, Run> reactors = new TreeMap<>();
  private final Set<String> only;
  private final List<String> problems;

  /**
   * @param only the reactors to read (--reactor), all when empty
   * @param problems where problems found are added
   */
  ReactorResults(Set<String> only, List<String> problems) {
    this.only = only;
    this.problems = problems;
  }

  /** Whether the directory {@code dir}, named after a reactor, holds results to read. */
  boolean wanted(Path dir) {
    return only.isEmpty() || only.contains(dir.getFileName().toString());
  }

  /** The reactor whose reports {@code dir} holds; reads its status file the first time. */
  Run reactor(Path dir) {
    return reactors.computeIfAbsent(dir.getFileName().toString(), n -> {
      Run r = new Run();
      readStatus(dir.resolve(STATUS_FILE), r);
      return r;
    });
  }

  /** Whether {@code dir} looks like a reactor's reports: a status file at least. */
  static boolean hasStatus(Path dir) {
    return Files.exists(dir.resolve(STATUS_FILE));
  }

  /** The reactors asked for with --reactor that no reports directory had. */
  Set<String> notFound() {
    Set<String> missing = new TreeSet<>(only);
    missing.removeAll(reactors.keySet());
    return missing;
  }

  boolean isEmpty() {
    return reactors.isEmpty();
  }

  private void readStatus(Path file, Run reactor) {
    Properties status = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      status.load(in);
      reactor.supported = Boolean.parseBoolean(status.getProperty("supported", "false"));
      reactor.cause = status.getProperty("cause", "").strip();
      String name = status.getProperty("reactor", "");
      for (String key : status.stringPropertyNames()) {
        if (key.startsWith("lacks.")) {
          // The message dev.torsion.it.ReactorBuilder gives a test needing that facet.
          reactor.lackedFacets.add("reactor " + name + " lacks " + key.substring(6) + ": "
              + status.getProperty(key).strip());
        }
      }
    } catch (NoSuchFileException e) {
      // the suite wrote none: the reactor's support is unknown
    } catch (IOException | IllegalArgumentException e) {
      problems.add(file + ": unreadable reactor status: " + e.getMessage());
    }
  }

  /** Counts one run of test {@code key} on {@code reactor}; {@code skip}: its skip message. */
  static void count(Run reactor, String key, Report.Outcome outcome, String skip) {
    reactor.run++;
    Result result = reactor.tests.computeIfAbsent(key, k -> new Result());
    result.outcome = result.outcome == null ? outcome : Report.combine(result.outcome, outcome);
    if (outcome == Report.Outcome.PASSED) {
      reactor.passed++;
    } else if (outcome == Report.Outcome.FAILED) {
      reactor.failed++;
    } else {
      reactor.skipped++;
      String why = skip.isEmpty() ? "(no reason given)" : skip;
      reactor.skipReasons.merge(why, 1, Integer::sum);
      result.skipReasons.add(why);
    }
  }

  /**
   * Whether the Java test {@code target} belongs to the integration suite, so is judged per
   * reactor: some reactor ran it, or Failsafe would by its name.
   */
  boolean isIntegrationTest(String target) {
    if (reactors.isEmpty()) {
      return false;
    }
    String className = target.substring(0, target.indexOf('#'));
    return IT_CLASS.matcher(className).matches()
        || reactors.values().stream().anyMatch(r -> r.tests.containsKey(target));
  }

  /** Judges id {@code id}, mapped to {@code target}, on every reactor; adds its problems. */
  Judgement judge(String id, String target) {
    Judgement j = new Judgement();
    boolean anyPassed = false;
    boolean anyProblem = false;
    for (Map.Entry<String, Run> entry : reactors.entrySet()) {
      String name = entry.getKey();
      Run reactor = entry.getValue();
      Result result = reactor.tests.get(target);
      Verdict verdict;
      if (result == null) {
        verdict = Verdict.ABSENT;
        problems.add(id + ": " + target + " is absent from the " + name + " reports");
      } else if (result.outcome == Report.Outcome.PASSED) {
        verdict = Verdict.PASSED;
        anyPassed = true;
      } else if (result.outcome == Report.Outcome.FAILED) {
        verdict = Verdict.FAILED;
        problems.add(id + ": " + target + " failed on " + name);
      } else {
        String why = String.join("; ", result.skipReasons);
        j.skipReasons.put(name, why);
        verdict = result.skipReasons.stream().allMatch(reactor::sanctions) ? Verdict.EXCUSED
            : Verdict.SKIPPED;
        if (verdict == Verdict.SKIPPED) {
          problems.add(id + ": " + target + " was skipped on " + name
              + " for a reason the suite does not declare for it: " + why);
        }
      }
      anyProblem |= verdict == Verdict.ABSENT || verdict == Verdict.FAILED
          || verdict == Verdict.SKIPPED;
      j.verdicts.put(name, verdict);
    }
    if (!anyProblem && !anyPassed) {
      problems.add(id + ": " + target + " passed on no reactor (skipped on each)");
    }
    j.passing = anyPassed && !anyProblem;
    return j;
  }

  /**
   * The integration suite per reactor: how many tests ran, passed, failed and were skipped, and
   * whether the machine supports the reactor, with each skip reason. An unsanctioned skip is a
   * problem, as is an unsupported reactor's test that ran.
   */
  void printSuite(PrintStream out) {
    out.println("\nIntegration suite per reactor (failsafe-reports/<reactor>/):");
    String header = String.format(Locale.ROOT, "%-16s %6s %7s %7s %8s  %s", "reactor", "run",
        "passed", "failed", "skipped", "status");
    out.println(header);
    out.println("-".repeat(header.length()));
    reactors.forEach((name, r) -> {
      out.println(String.format(Locale.ROOT, "%-16s %6d %7d %7d %8d  %s", name, r.run,
          r.passed, r.failed, r.skipped, status(r)));
      r.skipReasons.forEach((reason, n) -> {
        out.println(String.format(Locale.ROOT, "%-16s %6s %7s %7s %8d  skipped: %s", "", "", "",
            "", n, reason));
        if (!r.sanctions(reason)) {
          problems.add("reactor " + name + ": " + n + (n == 1 ? " test was" : " tests were")
              + " skipped although the reactor is not reported unsupported: " + reason);
        }
      });
      if (r.unsupported() && r.passed + r.failed > 0) {
        problems.add("reactor " + name + " is reported unsupported (" + r.cause + ") yet "
            + (r.passed + r.failed) + " of its tests ran");
      }
    });
  }

  private static String status(Run r) {
    return r.supported == null ? "no reactor.properties"
        : r.supported ? "supported" : "unsupported: " + r.cause;
  }

  /**
   * Per module with ids mapped to integration tests: how many of those ids passing, then per
   * reactor how many passed, failed, were skipped (by reason, each marked sanctioned or not) and
   * are absent from the reactor's reports.
   *
   * @param judged per module, each such id's judgement
   */
  void printModules(PrintStream out, Map<String, Map<String, Judgement>> judged) {
    if (judged.isEmpty()) {
      return;
    }
    out.println("\nIds mapped to integration tests, per reactor. Such an id passes when its test");
    out.println("passed on every reactor, a skip accepted only where the machine cannot run the");
    out.println("reactor or the suite declares the facet it lacks (src/it/.../Facet.java).");
    judged.forEach((module, ids) -> {
      long passing = ids.values().stream().filter(j -> j.passing).count();
      out.println();
      out.println(module + ": " + ids.size() + (ids.size() == 1 ? " id" : " ids")
          + " mapped to integration tests, " + passing + " passing on every reactor");
      String header = String.format(Locale.ROOT, "  %-14s %7s %7s %8s %7s  %s", "reactor",
          "passed", "failed", "skipped", "absent", "status");
      out.println(header);
      out.println("  " + "-".repeat(header.length() - 2));
      reactors.forEach((name, r) -> printReactorRow(out, name, r, ids.values()));
    });
  }

  private static void printReactorRow(PrintStream out, String name, Run r,
      Iterable<Judgement> ids) {
    Map<Verdict, Integer> n = new TreeMap<>();
    Map<String, Integer> sanctioned = new TreeMap<>();
    Map<String, Integer> unsanctioned = new TreeMap<>();
    for (Judgement j : ids) {
      Verdict v = j.verdicts.get(name);
      n.merge(v, 1, Integer::sum);
      if (v == Verdict.EXCUSED) {
        sanctioned.merge(j.skipReasons.get(name), 1, Integer::sum);
      } else if (v == Verdict.SKIPPED) {
        unsanctioned.merge(j.skipReasons.get(name), 1, Integer::sum);
      }
    }
    out.println(String.format(Locale.ROOT, "  %-14s %7d %7d %8d %7d  %s", name,
        n.getOrDefault(Verdict.PASSED, 0), n.getOrDefault(Verdict.FAILED, 0),
        n.getOrDefault(Verdict.EXCUSED, 0) + n.getOrDefault(Verdict.SKIPPED, 0),
        n.getOrDefault(Verdict.ABSENT, 0), status(r)));
    sanctioned.forEach((why, k) -> out.println(String.format(Locale.ROOT,
        "  %-14s %7s %7s %8d  skipped: %s", "", "", "", k, why)));
    unsanctioned.forEach((why, k) -> out.println(String.format(Locale.ROOT,
        "  %-14s %7s %7s %8d  skipped, NOT a declared reason: %s", "", "", "", k, why)));
  }
}
