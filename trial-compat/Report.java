import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Twisted conformance report: reads the manifest (Twisted test id to Java test, or n/a), the
 * list of Twisted test ids in scope and the JUnit XML reports of a build, and prints per Twisted
 * module how many ids are mapped, passing, n/a and missing; then, for the integration suite that
 * Failsafe runs once per reactor (reports in {@code failsafe-reports/<reactor>/}), each reactor's
 * run, passed, failed and skipped counts, with the reason for each skip, and per module the
 * ids mapped to integration tests with their results on each reactor ({@link ReactorResults}).
 * Exits 1 when a mapped test is absent from the reports or did not pass (an integration test:
 * on some reactor), a manifest line is malformed, names an unknown or duplicate id, a module is
 * below {@code --min}, or a reactor's tests were skipped although it is not reported unsupported
 * nor lacking the facet they need; exits 2 on bad usage or unreadable input.
 *
 * <p>A dependency-free Java 17 program in two files, this one and {@code ReactorResults.java},
 * which {@code trial-compat/report} compiles and runs. See trial-compat/README.md.
 */
public final class Report {
  private static final Pattern ID = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*){2,}");
  private static final Pattern JAVA_TEST =
      Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*#[A-Za-z_$][\\w$]*");
  private static final String USAGE = String.join("\n",
      "usage: report [--root DIR] [--manifest PATH]... [--ids FILE] [--reports DIR]...",
      "              [--min PERCENT] [--reactor NAME]...",
      "  --root DIR       where the defaults below are found (default: .)",
      "  --manifest PATH  a manifest file, or a directory of *.tsv fragments (repeatable;",
      "                   default: trial-compat/manifest.tsv, else trial-compat/manifest.d/)",
      "  --ids FILE       the Twisted ids in scope (default: trial-compat/twisted-test-ids.txt)",
      "  --reports DIR    JUnit XML reports, TEST-*.xml, in DIR and, per reactor, in",
      "                   DIR/<reactor>/ (repeatable; default: target/surefire-reports and",
      "                   target/failsafe-reports, where present)",
      "  --min PERCENT    fail when an in-scope module's passing share of its ids is lower",
      "  --reactor NAME   read only this reactor's integration-suite reports, DIR/NAME/",
      "                   (repeatable; default: every reactor's)");

  /** Outcome of one Java test over all its executions in the reports. */
  enum Outcome { PASSED, FAILED, SKIPPED }

  /** Counts for one Twisted module. */
  static final class Counts {
    int ids;
    int mapped;
    int passing;
    int notApplicable;
    int rows;

    void add(Counts other) {
      ids += other.ids;
      mapped += other.mapped;
      passing += other.passing;
      notApplicable += other.notApplicable;
      rows += other.rows;
    }

    int missing() {
      return ids - mapped - notApplicable;
    }

    double conformance() {
      return percent(passing, ids - notApplicable);
    }

    double passingShare() {
      return percent(passing, ids);
    }
  }

  private static final String TESTNG_COPY = "junitreports"; // TestNG's copy: never read twice

  private final List<String> problems = new ArrayList<>();
  private final ReactorResults reactors;
  private final PrintStream out;

  private Report(PrintStream out, Set<String> onlyReactors) {
    this.out = out;
    this.reactors = new ReactorResults(onlyReactors, problems);
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the report; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Path root = Path.of(".");
    List<Path> manifests = new ArrayList<>();
    List<Path> reports = new ArrayList<>();
    Path ids = null;
    Double min = null;
    Set<String> onlyReactors = new TreeSet<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("-h") || arg.equals("--help")) {
          out.println(USAGE);
          return 0;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("unknown option or missing value: " + arg);
        }
        String value = args[++i];
        switch (arg) {
          case "--root" -> root = Path.of(value);
          case "--manifest" -> manifests.add(Path.of(value));
          case "--ids" -> ids = Path.of(value);
          case "--reports" -> reports.add(Path.of(value));
          case "--min" -> min = parsePercent(value);
          case "--reactor" -> onlyReactors.add(value);
          default -> throw new IllegalArgumentException("unknown option: " + arg);
        }
      }
      boolean defaultReports = reports.isEmpty();
      if (manifests.isEmpty()) {
        Path single = root.resolve("trial-compat/manifest.tsv");
        Path fragments = root.resolve("trial-compat/manifest.d");
        if (Files.exists(single) || Files.isDirectory(fragments)) {
          manifests.add(Files.exists(single) ? single : fragments);
        }
      }
      if (ids == null) {
        ids = root.resolve("trial-compat/twisted-test-ids.txt");
      }
      if (defaultReports) {
        reports.add(root.resolve("target/surefire-reports"));
        reports.add(root.resolve("target/failsafe-reports"));
      }
      return new Report(out, onlyReactors).report(manifests, ids, reports, defaultReports, min);
    } catch (IllegalArgumentException | IOException e) {
      err.println("report: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
  }

  private static double parsePercent(String value) {
    try {
      double percent = Double.parseDouble(value);
      if (percent >= 0 && percent <= 100) {
        return percent;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--min needs a percentage from 0 to 100, not " + value);
  }

  private int report(List<Path> manifests, Path idsFile, List<Path> reportDirs,
      boolean defaultReports, Double min) throws IOException {
    Map<String, List<String>> idsByModule = readIds(idsFile);
    Map<String, String> moduleOf = new LinkedHashMap<>();
    idsByModule.forEach((module, list) -> list.forEach(id -> moduleOf.put(id, module)));
    Map<String, String> rows = new LinkedHashMap<>();
    for (Path manifest : manifests) {
      for (Path file : manifestFiles(manifest)) {
        readManifest(file, moduleOf, rows);
      }
    }
    Map<String, Outcome> outcomes = new TreeMap<>();
    for (Path dir : reportDirs) {
      readReports(dir, !defaultReports, outcomes);
    }
    if (!reactors.notFound().isEmpty()) {
      throw new IOException("no reports for --reactor " + String.join(", ", reactors.notFound())
          + " in " + reportDirs);
    }
    Map<String, Counts> counts = new TreeMap<>();
    idsByModule.forEach((module, list) -> counts.computeIfAbsent(module, m -> new Counts()).ids =
        list.size());
    Map<String, Map<String, ReactorResults.Judgement>> judged = new TreeMap<>();
    for (Map.Entry<String, String> row : rows.entrySet()) {
      Counts module = counts.get(moduleOf.get(row.getKey()));
      module.rows++;
      String target = row.getValue();
      if (target.startsWith("n/a:")) {
        module.notApplicable++;
        continue;
      }
      module.mapped++;
      if (reactors.isIntegrationTest(target)) {
        ReactorResults.Judgement j = reactors.judge(row.getKey(), target);
        judged.computeIfAbsent(moduleOf.get(row.getKey()), m -> new TreeMap<>())
            .put(row.getKey(), j);
        module.passing += j.passing ? 1 : 0;
        continue;
      }
      Outcome outcome = outcomes.get(target);
      if (outcome == Outcome.PASSED) {
        module.passing++;
      } else if (outcome == null) {
        problems.add(row.getKey() + ": " + target + " is absent from the test reports");
      } else {
        problems.add(row.getKey() + ": " + target + " "
            + (outcome == Outcome.FAILED ? "failed" : "was skipped"));
      }
    }
    printTable(counts, manifests, reportDirs);
    if (!reactors.isEmpty()) {
      reactors.printSuite(out);
      reactors.printModules(out, judged);
    }
    if (min != null) {
      counts.forEach((module, c) -> {
        if (c.rows > 0 && c.passingShare() < min) {
          problems.add(String.format(Locale.ROOT, "%s: passing share %.1f%% is below --min %s%%",
              module, c.passingShare(), formatNumber(min)));
        }
      });
    }
    if (problems.isEmpty()) {
      out.println("\nNo problems.");
      return 0;
    }
    out.println("\nProblems (" + problems.size() + "):");
    problems.forEach(p -> out.println("  " + p));
    return 1;
  }

  private static Map<String, List<String>> readIds(Path file) throws IOException {
    Map<String, List<String>> byModule = new TreeMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String id = line.strip();
      if (id.isEmpty() || id.startsWith("#")) {
        continue;
      }
      if (!ID.matcher(id).matches()) {
        throw new IOException(file + ": not a Twisted test id: " + id);
      }
      byModule.computeIfAbsent(module(id), m -> new ArrayList<>()).add(id);
    }
    return byModule;
  }

  /** The module of a test id: the id without its class and method. */
  static String module(String id) {
    int method = id.lastIndexOf('.');
    return id.substring(0, id.lastIndexOf('.', method - 1));
  }

  private static List<Path> manifestFiles(Path manifest) throws IOException {
    if (!Files.isDirectory(manifest)) {
      if (!Files.exists(manifest)) {
        throw new IOException("no manifest at " + manifest);
      }
      return List.of(manifest);
    }
    return list(manifest, "*.tsv");
  }

  private void readManifest(Path file, Map<String, String> moduleOf, Map<String, String> rows)
      throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int n = 1; n <= lines.size(); n++) {
      String line = lines.get(n - 1).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + n + ": ";
      String[] fields = line.split("\t", -1);
      if (fields.length != 2) {
        problems.add(where + "malformed line (want <twisted id><TAB><Class#method or n/a: "
            + "reason>): " + line);
        continue;
      }
      String id = fields[0].strip();
      String target = fields[1].strip();
      boolean notApplicable = target.startsWith("n/a:") && !target.substring(4).isBlank();
      if (!notApplicable && !JAVA_TEST.matcher(target).matches()) {
        problems.add(where + "malformed target (want fully.qualified.Class#method or "
            + "n/a: reason): " + target);
      } else if (!moduleOf.containsKey(id)) {
        problems.add(where + id + " is not in the Twisted test ids in scope");
      } else if (rows.containsKey(id)) {
        problems.add(where + id + " is listed twice");
      } else {
        rows.put(id, target);
      }
    }
  }

  private void readReports(Path dir, boolean required, Map<String, Outcome> outcomes)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      if (required) {
        throw new IOException("no reports directory " + dir);
      }
      return;
    }
    readReportFiles(list(dir, "TEST-*.xml"), null, outcomes);
    // Failsafe runs the integration suite once per reactor, each into DIR/<reactor>/.
    for (Path sub : list(dir, "*")) {
      if (!Files.isDirectory(sub) || sub.endsWith(TESTNG_COPY) || !reactors.wanted(sub)) {
        continue;
      }
      List<Path> files = list(sub, "TEST-*.xml");
      if (!files.isEmpty() || ReactorResults.hasStatus(sub)) {
        readReportFiles(files, reactors.reactor(sub), outcomes);
      }
    }
  }

  /** The entries of {@code dir} matching {@code glob}, sorted. */
  private static List<Path> list(Path dir, String glob) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
      entries.forEach(found::add);
    }
    found.sort(null);
    return found;
  }

  private void readReportFiles(List<Path> files, ReactorResults.Run reactor,
      Map<String, Outcome> outcomes) {
    for (Path file : files) {
      NodeList cases;
      try {
        cases = parser().parse(file.toFile()).getElementsByTagName("testcase");
      } catch (Exception e) {
        problems.add(file + ": unreadable report: " + e.getMessage());
        continue;
      }
      for (int i = 0; i < cases.getLength(); i++) {
        Element testcase = (Element) cases.item(i);
        String key = testcase.getAttribute("classname") + "#" + methodName(testcase);
        Outcome outcome = outcome(testcase);
        outcomes.merge(key, outcome, Report::combine);
        if (reactor != null) {
          ReactorResults.count(reactor, key, outcome, skipMessage(testcase));
        }
      }
    }
  }

  private static String skipMessage(Element testcase) {
    Element skip = (Element) testcase.getElementsByTagName("skipped").item(0);
    return skip == null ? "" : skip.getAttribute("message").strip();
  }

  private static DocumentBuilder parser() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setExpandEntityReferences(false);
    return factory.newDocumentBuilder();
  }

  /** The method name of a test case, without the parameters some runners append. */
  private static String methodName(Element testcase) {
    String name = testcase.getAttribute("name").strip();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '(' || c == '[' || Character.isWhitespace(c)) {
        return name.substring(0, i);
      }
    }
    return name;
  }

  private static Outcome outcome(Element testcase) {
    Outcome outcome = Outcome.PASSED;
    for (Node child = testcase.getFirstChild(); child != null; child = child.getNextSibling()) {
      String tag = child.getNodeName();
      if (tag.equals("failure") || tag.equals("error")) {
        return Outcome.FAILED;
      }
      if (tag.equals("skipped")) {
        outcome = Outcome.SKIPPED;
      }
    }
    return outcome;
  }

  /** A test run several times (reactors, data providers) passes only if no run failed. */
  static Outcome combine(Outcome a, Outcome b) {
    if (a == Outcome.FAILED || b == Outcome.FAILED) {
      return Outcome.FAILED;
    }
    return a == Outcome.PASSED || b == Outcome.PASSED ? Outcome.PASSED : Outcome.SKIPPED;
  }

  private void printTable(Map<String, Counts> counts, List<Path> manifests, List<Path> reports) {
    out.println("Twisted conformance. Manifest: " + manifests + "; reports: " + reports);
    out.println();
    String header = String.format(Locale.ROOT, "%-42s %6s %7s %8s %6s %8s %12s %12s",
        "module", "ids", "mapped", "passing", "n/a", "missing", "conformance", "passing/ids");
    out.println(header);
    out.println("-".repeat(header.length()));
    Counts inScope = new Counts();
    Counts all = new Counts();
    int modulesInScope = 0;
    for (Map.Entry<String, Counts> entry : counts.entrySet()) {
      Counts c = entry.getValue();
      all.add(c);
      if (c.rows == 0) {
        out.println(String.format(Locale.ROOT, "%-42s %6d   not yet in scope", entry.getKey(),
            c.ids));
        continue;
      }
      modulesInScope++;
      inScope.add(c);
      out.println(row(entry.getKey(), c));
    }
    out.println("-".repeat(header.length()));
    out.println(row("TOTAL (" + modulesInScope + (modulesInScope == 1 ? " module" : " modules")
        + " in scope)", inScope));
    out.println(String.format(Locale.ROOT, "%-42s %6d %7d %8d %6d %8s %12s %12s",
        "ALL (" + counts.size() + " modules)", all.ids, all.mapped, all.passing,
        all.notApplicable, "", "", formatPercent(all.passingShare())));
    out.println();
    out.println("conformance = passing / (ids - n/a): how much of what Java can express passes.");
    out.println("passing/ids = passing / ids: the mapped-and-passing share of all ids.");
  }

  private static String row(String name, Counts c) {
    return String.format(Locale.ROOT, "%-42s %6d %7d %8d %6d %8d %12s %12s", name,
        c.ids, c.mapped, c.passing, c.notApplicable, c.missing(), formatPercent(c.conformance()),
        formatPercent(c.passingShare()));
  }

  /** A share in percent; NaN when there is nothing to share. */
  private static double percent(int part, int whole) {
    return whole == 0 ? Double.NaN : 100.0 * part / whole;
  }

  private static String formatPercent(double percent) {
    return Double.isNaN(percent) ? "-" : String.format(Locale.ROOT, "%.1f%%", percent);
  }

  private static String formatNumber(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
