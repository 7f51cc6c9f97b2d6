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
import org.testng.annotations.Test;

/**
 * The conformance report's per-reactor section: Failsafe's reports live in
 * {@code failsafe-reports/<reactor>/} with the suite's {@code reactor.properties}; the report
 * counts each reactor's runs, passes, failures and skips with their reasons, and accepts skips
 * only from a reactor reported unsupported.
 */
public class ReportReactorsTest {
  private static final Path REPORT = Path.of("trial-compat", "report").toAbsolutePath();

  private static void write(Path file, String... lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
  }

  private static String testcase(String name, String body) {
    return "  <testcase name=\"" + name + "\" classname=\"dev.x.EchoIT\">" + body + "</testcase>";
  }

  /** A manifest and id list, and reports for nio (supported) and epoll (unsupported). */
  private static Path fixture() throws IOException {
    Path dir = Files.createTempDirectory("torsion-report-reactors");
    write(dir.resolve("ids.txt"), "twisted.test.test_a.ATests.test_echo");
    write(dir.resolve("manifest.tsv"), "twisted.test.test_a.ATests.test_echo\tdev.x.EchoIT#echo");
    Path failsafe = dir.resolve("failsafe");
    write(failsafe.resolve("nio/reactor.properties"), "reactor=nio", "supported=true", "cause=");
    write(failsafe.resolve("nio/TEST-dev.x.EchoIT.xml"), "<testsuite name=\"dev.x.EchoIT\">",
        testcase("echo", ""), testcase("halfClose", ""), testcase("abort",
            "<failure message=\"boom\"/>"), "</testsuite>");
    // TestNG's copy of the same report: must not count twice.
    write(failsafe.resolve("nio/junitreports/TEST-dev.x.EchoIT.xml"),
        "<testsuite name=\"dev.x.EchoIT\">", testcase("echo", ""), "</testsuite>");
    String why = "reactor epoll is unsupported on this machine: needs Linux";
    write(failsafe.resolve("epoll/reactor.properties"), "reactor=epoll", "supported=false",
        "cause=needs Linux");
    write(failsafe.resolve("epoll/TEST-dev.x.EchoIT.xml"), "<testsuite name=\"dev.x.EchoIT\">",
        testcase("echo", "<skipped message=\"" + why + "\"/>"),
        testcase("halfClose", "<skipped message=\"" + why + "\"/>"),
        testcase("abort", "<skipped message=\"" + why + "\"/>"), "</testsuite>");
    return dir;
  }

  @Test
  public void printsEachReactorsCountsAndSkipReasons() throws Exception {
    Path dir = fixture();
    Run run = report(dir, dir.resolve("failsafe"));
    assertEquals(run.status, 0, run.output);
    assertTrue(run.output.contains("Integration suite per reactor"), run.output);
    assertTrue(run.output.matches("(?s).*\nepoll +3 +0 +0 +3  unsupported: needs Linux\n +3  "
        + "skipped: reactor epoll is unsupported on this machine: needs Linux\n.*"), run.output);
    assertTrue(run.output.matches("(?s).*\nnio +3 +2 +1 +0  supported\n.*"), run.output);
    // The mapped test passed on nio and was skipped on epoll: it passes.
    assertTrue(run.output.matches("(?s).*\ntwisted\\.test\\.test_a +1 +1 +1 +0 +0 +100\\.0%.*"),
        run.output);
    assertTrue(run.output.contains("No problems."), run.output);
  }

  /** Each run of the report compiles it (a second or more), so both problems share one run. */
  @Test
  public void skipsOnlyFromUnsupportedReactorsAndNoTestRunsOnOne() throws Exception {
    Path dir = fixture();
    write(dir.resolve("failsafe/nio/TEST-dev.x.OtherIT.xml"), "<testsuite name=\"dev.x.OtherIT\">",
        "  <testcase name=\"lazy\" classname=\"dev.x.OtherIT\"><skipped/></testcase>",
        "</testsuite>");
    write(dir.resolve("failsafe/epoll/TEST-dev.x.OtherIT.xml"),
        "<testsuite name=\"dev.x.OtherIT\">",
        "  <testcase name=\"ran\" classname=\"dev.x.OtherIT\"/>", "</testsuite>");
    Run run = report(dir, dir.resolve("failsafe"));
    assertEquals(run.status, 1, run.output);
    assertTrue(run.output.contains("reactor nio: 1 test was skipped although the reactor is not "
        + "reported unsupported: (no reason given)"), run.output);
    assertTrue(run.output.contains("reactor epoll is reported unsupported (needs Linux) yet 1 of "
        + "its tests ran"), run.output);
    assertTrue(run.output.contains("Problems (2):"), run.output);
  }

  /** What one run printed, and its exit status. */
  private record Run(int status, String output) {}

  private static Run report(Path dir, Path reports) throws Exception {
    List<String> command = new ArrayList<>(List.of(REPORT.toString(),
        "--manifest", dir.resolve("manifest.tsv").toString(),
        "--ids", dir.resolve("ids.txt").toString(), "--reports", reports.toString()));
    Path output = Files.createTempFile(dir, "report", ".out");
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
