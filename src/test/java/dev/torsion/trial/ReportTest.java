package dev.torsion.trial;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The conformance report, {@code trial-compat/Report.java}, run as users run it (the
 * {@code trial-compat/report} script, which compiles and runs it) on a small fake manifest, id list
 * and JUnit XML reports.
 */
public class ReportTest {
  private static final Path REPORT = Path.of("trial-compat", "report").toAbsolutePath();
  private Path dir;

  /** What one run printed, and its exit status. */
  private static final class Run {
    final int status;
    final String output;

    Run(int status, String output) {
      this.status = status;
      this.output = output;
    }
  }

  @BeforeClass
  public void writeInputs() throws IOException {
    dir = Files.createTempDirectory("torsion-report");
    write("ids.txt",
        "twisted.test.test_a.ATests.test_one",
        "twisted.test.test_a.ATests.test_two",
        "twisted.test.test_a.BTests.test_three",
        "twisted.test.test_a.BTests.test_four",
        "twisted.test.test_b.CTests.test_five");
    write("good.tsv",
        "# a comment, then a blank line",
        "",
        "twisted.test.test_a.ATests.test_one\tdev.x.ATest#one",
        "twisted.test.test_a.ATests.test_two\tn/a: Python 2 only",
        "twisted.test.test_a.BTests.test_three\tdev.x.ATest$Inner#three");
    write("bad.tsv",
        "twisted.test.test_a.ATests.test_one\tdev.x.ATest#failing",
        "twisted.test.test_a.ATests.test_two\tdev.x.ATest#absent",
        "twisted.test.test_a.BTests.test_three\tdev.x.ATest#skipped",
        "twisted.test.test_a.BTests.test_four\tdev.x.ATest#onceFailing",
        "twisted.test.test_a.ATests.test_one\tdev.x.ATest#one",
        "twisted.test.test_z.ZTests.test_unknown\tdev.x.ATest#one",
        "just one field",
        "twisted.test.test_b.CTests.test_five\tnot a test name",
        "twisted.test.test_b.CTests.test_five\tn/a:");
    Files.createDirectories(dir.resolve("reports"));
    Files.createDirectories(dir.resolve("failsafe"));
    write("reports/TEST-dev.x.ATest.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<testsuite name=\"dev.x.ATest\" tests=\"6\">",
        "  <testcase name=\"one\" classname=\"dev.x.ATest\" time=\"0.1\"/>",
        "  <testcase name=\"three\" classname=\"dev.x.ATest$Inner\" time=\"0.1\"/>",
        "  <testcase name=\"failing\" classname=\"dev.x.ATest\" time=\"0.1\">",
        "    <failure message=\"boom\" type=\"java.lang.AssertionError\">trace</failure>",
        "  </testcase>",
        "  <testcase name=\"skipped\" classname=\"dev.x.ATest\"><skipped/></testcase>",
        "  <testcase name=\"onceFailing\" classname=\"dev.x.ATest\" time=\"0.1\"/>",
        "</testsuite>");
    write("failsafe/TEST-dev.x.ATest.xml",
        "<testsuite name=\"dev.x.ATest\" tests=\"1\">",
        "  <testcase name=\"onceFailing\" classname=\"dev.x.ATest\">",
        "    <error message=\"lost\" type=\"java.io.IOException\"/>",
        "  </testcase>",
        "</testsuite>");
  }

  @Test
  public void printsATablePerModuleAndTheTotals() throws Exception {
    Run run = report("--manifest", path("good.tsv"), "--ids", path("ids.txt"),
        "--reports", path("reports"));
    assertEquals(run.status, 0, run.output);
    assertTrue(run.output.matches("(?s).*\ntwisted\\.test\\.test_a +4 +2 +2 +1 +1 +66\\.7% +50\\.0%"
        + "\n.*"), run.output);
    assertTrue(run.output.matches("(?s).*\ntwisted\\.test\\.test_b +1 +not yet in scope\n.*"),
        run.output);
    assertTrue(run.output.matches(
        "(?s).*\nTOTAL \\(1 module in scope\\) +4 +2 +2 +1 +1 +66\\.7% +50\\.0%\n.*"), run.output);
    assertTrue(run.output.matches("(?s).*\nALL \\(2 modules\\) +5 +2 +2 +1 +40\\.0%\n.*"),
        run.output);
    assertTrue(run.output.contains("conformance = passing / (ids - n/a)"));
    assertTrue(run.output.contains("No problems."));
  }

  @Test
  public void listsEveryProblemAndFails() throws Exception {
    Run run = report("--manifest", path("bad.tsv"), "--ids", path("ids.txt"),
        "--reports", path("reports"), "--reports", path("failsafe"));
    assertEquals(run.status, 1, run.output);
    String bad = path("bad.tsv");
    List<String> expected = List.of(
        "twisted.test.test_a.ATests.test_one: dev.x.ATest#failing failed",
        "twisted.test.test_a.ATests.test_two: dev.x.ATest#absent is absent from the test reports",
        "twisted.test.test_a.BTests.test_three: dev.x.ATest#skipped was skipped",
        "twisted.test.test_a.BTests.test_four: dev.x.ATest#onceFailing failed",
        bad + ":5: twisted.test.test_a.ATests.test_one is listed twice",
        bad + ":6: twisted.test.test_z.ZTests.test_unknown is not in the Twisted test ids",
        bad + ":7: malformed line",
        bad + ":8: malformed target",
        bad + ":9: malformed target",
        "Problems (9):");
    for (String problem : expected) {
      assertTrue(run.output.contains(problem), problem + " in:\n" + run.output);
    }
  }

  @Test
  public void minFailsAModuleBelowIt() throws Exception {
    Run run = report("--manifest", path("good.tsv"), "--ids", path("ids.txt"),
        "--reports", path("reports"), "--min", "60");
    assertEquals(run.status, 1, run.output);
    assertTrue(run.output.contains("twisted.test.test_a: passing share 50.0% is below --min 60%"),
        run.output);
    Run passing = report("--manifest", path("good.tsv"), "--ids", path("ids.txt"),
        "--reports", path("reports"), "--min", "50");
    assertEquals(passing.status, 0, passing.output);
  }

  @Test
  public void theScriptRunsItAndBadUsageExitsWithTwo() throws Exception {
    Run help = run(List.of(Path.of("trial-compat", "report").toAbsolutePath().toString(),
        "--help"));
    assertEquals(help.status, 0, help.output);
    assertTrue(help.output.startsWith("usage: report"), help.output);
    Run bad = report("--min", "150");
    assertEquals(bad.status, 2, bad.output);
    assertTrue(bad.output.contains("--min needs a percentage from 0 to 100, not 150"));
  }

  private void write(String name, String... lines) throws IOException {
    Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private static Run report(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(REPORT.toString());
    command.addAll(List.of(args));
    return run(command);
  }

  private static Run run(List<String> command) throws Exception {
    Path output = Files.createTempFile("torsion-report", ".out");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile());
    // The script compiles the report with this JDK's javac.
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("report did not finish within 120 s: " + command);
    }
    return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }
}
